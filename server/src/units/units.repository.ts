import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type ObjectLiteral } from 'typeorm';
import { TransactionRunner, type TransactionScope } from '../database/transaction-runner';
import type { UnitRecord } from './unit';
import { UnitDivisionEntity, UnitEntity } from './unit.entity';
import { insertRows } from '../database/insert-rows';
import { entityOfRow, selectRows } from '../database/select-rows';

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
    await insertRows(manager, UnitEntity, [row]);
    await insertRows(
      manager,
      UnitDivisionEntity,
      divisionPrefixes.map((divisionPrefix) => ({ unitId: unit.id, divisionPrefix })),
    );
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

  /**
   * Every unit with its division prefixes in one statement (a join), by name; a plain statement,
   * since every intake reads it (issue 17).
   */
  private async readAll(manager: EntityManager): Promise<UnitRecord[]> {
    const { connection } = manager;
    const units = connection.driver.escape(connection.getMetadata(UnitEntity).tableName);
    const divisions = connection.driver.escape(
      connection.getMetadata(UnitDivisionEntity).tableName,
    );
    const raw: (ObjectLiteral & { unit_division_prefix: string | null })[] = await manager.query(
      `SELECT u.*, d.division_prefix AS unit_division_prefix FROM ${units} u ` +
        `LEFT JOIN ${divisions} d ON d.unit_id = u.id ORDER BY u.name, u.id`,
    );
    const byId = new Map<string, UnitRecord>();
    for (const row of raw) {
      const unit = entityOfRow(manager, UnitEntity, row);
      const record = byId.get(unit.id) ?? { ...unit, divisionPrefixes: [] };
      byId.set(unit.id, record);
      if (row.unit_division_prefix !== null) record.divisionPrefixes.push(row.unit_division_prefix);
    }
    return [...byId.values()].map((record) => ({
      ...record,
      divisionPrefixes: record.divisionPrefixes.sort(),
    }));
  }

  /** Plain statements: a unit member's every request reads its unit (issue 17). */
  private async load(ids: string[], manager: EntityManager): Promise<UnitRecord[]> {
    const units = await selectRows(manager, UnitEntity, { id: ids });
    return this.withPrefixes(units, manager);
  }

  private async withPrefixes(units: UnitEntity[], manager: EntityManager): Promise<UnitRecord[]> {
    if (units.length === 0) return [];
    const divisions = await selectRows(manager, UnitDivisionEntity, {
      unitId: units.map((u) => u.id),
    });
    return units.map((unit) => ({
      ...unit,
      divisionPrefixes: divisions
        .filter((d) => d.unitId === unit.id)
        .map((d) => d.divisionPrefix)
        .sort(),
    }));
  }
}
