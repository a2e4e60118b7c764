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

  async findById(id: string): Promise<UnitRecord | null> {
    const [unit] = await this.load([id]);
    return unit ?? null;
  }

  /** Every unit; a county has tens to hundreds, so callers filter in memory. */
  async list(): Promise<UnitRecord[]> {
    const units = await this.dataSource.getRepository(UnitEntity).find({ order: { name: 'ASC' } });
    return this.withPrefixes(units);
  }

  private async load(ids: string[]): Promise<UnitRecord[]> {
    const units = await this.dataSource.getRepository(UnitEntity).findBy({ id: In(ids) });
    return this.withPrefixes(units);
  }

  private async withPrefixes(units: UnitEntity[]): Promise<UnitRecord[]> {
    if (units.length === 0) return [];
    const divisions = await this.dataSource
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
