import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { UnitRecord } from './unit';
import { UnitDivisionEntity, UnitEntity } from './unit.entity';

@Injectable()
export class UnitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, unit: UnitRecord): Promise<void> {
    const { divisionPrefixes, ...row } = unit;
    await manager.getRepository(UnitEntity).insert(row);
    await manager
      .getRepository(UnitDivisionEntity)
      .insert(divisionPrefixes.map((divisionPrefix) => ({ unitId: unit.id, divisionPrefix })));
  }

  async setDutyPhone(manager: EntityManager, id: string, dutyPhone: string | null): Promise<void> {
    await manager.getRepository(UnitEntity).update({ id }, { dutyPhone });
  }

  /** Pass the transaction's manager when reading inside one, so it needs no second connection. */
  async findById(id: string, manager?: EntityManager): Promise<UnitRecord | null> {
    const [unit] = await this.load([id], manager ?? this.dataSource.manager);
    return unit ?? null;
  }

  /** Every unit; a county has tens to hundreds, so callers filter in memory. */
  async list(manager: EntityManager = this.dataSource.manager): Promise<UnitRecord[]> {
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
