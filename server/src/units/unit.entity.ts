import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Department } from '@shouhu/shared';

@Entity('units')
export class UnitEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  department: Department;

  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId: string | null;

  /** 值班电话, normalised (digits only): told by SMS of every P1 order and escalation. */
  @Column({ name: 'duty_phone', type: 'varchar', length: 20, nullable: true })
  dutyPhone: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}

/** A division (or a prefix of division codes) a unit is responsible for. */
@Entity('unit_divisions')
@Index('IDX_unit_divisions_prefix', ['divisionPrefix'])
export class UnitDivisionEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'varchar', length: 36 })
  unitId: string;

  @PrimaryColumn({ name: 'division_prefix', type: 'varchar', length: 12 })
  divisionPrefix: string;
}
