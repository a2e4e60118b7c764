import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { TransactionRunner, type TransactionScope } from '../database/transaction-runner';
import type { UnitRecord } from './unit';
import { UnitDivisionEntity, UnitEntity } from './unit.entity';

@Injectable()
export class UnitsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {}

  /** The units as each open transaction first read them, until it writes to them. */
  private readonly listedIn = new WeakMap<TransactionScope, Promise<UnitRecord[]>>();

  /** What this transaction writes to units, its later reads see. */
  private forget(manager: EntityManager): void {
    const transaction = this.transactions.scopeOf(manager);
    if (transaction) this.listedIn.delete(transaction);
  }

  async insert(manager: EntityManager, unit: UnitRecord): Promise<void> {
    this.forget(manager);
    const { divisionPrefixes, ...row } = unit;
    await manager.getRepository(UnitEntity).insert(row);
    await manager
      .getRepository(UnitDivisionEntity)
      .insert(divisionPrefixes.map((divisionPrefix) => ({ unitId: unit.id, divisionPrefix })));
  }

  async setDutyPhone(manager: EntityManager, id: string, dutyPhone: string | null): Promise<void> {
    this.forget(manager);
    await manager.getRepository(UnitEntity).update({ id }, { dutyPhone });
  }

  /** Pass the transaction's manager when reading inside one, so it needs no second connection. */
  async findById(id: string, manager?: EntityManager): Promise<UnitRecord | null> {
    const [unit] = await this.load([id], manager ?? this.dataSource.manager);
    return unit ?? null;
  }

  /**
   * Every unit; a county has tens to hundreds, so callers filter in memory. Read once per
   * transaction (an intake's routing, inbox and duty texts all ask): what the transaction itself
   * writes to units drops its copy. The records are shared; callers do not change them.
   */
  list(manager: EntityManager = this.dataSource.manager): Promise<UnitRecord[]> {
    const transaction = this.transactions.scopeOf(manager);
    if (!transaction) return this.readAll(manager);
    let units = this.listedIn.get(transaction);
    if (!units) {
      units = this.readAll(manager);
      this.listedIn.set(transaction, units);
    }
    return units;
  }

  private async readAll(manager: EntityManager): Promise<UnitRecord[]> {
    const units = await manager.getRepository(UnitEntity).find({ order: { name: 'ASC' } });
    return this.withPrefixes(units, manager);
  }

  private async load(ids: string[], manager: EntityManager): Promise<UnitRecord[]> {
    const units = await manager.getRepository(UnitEntity).findBy({ id: In(ids) });
    return this.withPrefixes(units, manager);
  }

  private async withPrefixes(units: UnitEntity[], manager: EntityManager): Promise<UnitRecord[]> {
    if (units.length === 0) return [];
    const divisions = await manager
      .getRepository(UnitDivisionEntity)
      .findBy({ unitId: In(units.map((u) => u.id)) });
    return units.map((unit) => ({
      ...unit,
      divisionPrefixes: divisions
        .filter((d) => d.unitId === unit.id)
        .map((d) => d.divisionPrefix)
        .sort(),
    }));
  }
}
