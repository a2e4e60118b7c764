import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OrgType } from '@shouhu/shared';

/**
 * A mandated institution on a county's register (shared `Institution`). Its name, stored in its
 * canonical form (shared `canonicalInstitutionName`), is unique within the county, retired or
 * not: the import sheet finds a row's institution by it.
 */
@Entity('institutions')
@Index('UQ_institutions_county_name', ['countyCode', 'name'], { unique: true })
@Index('IDX_institutions_county_type', ['countyCode', 'type'])
@Index('IDX_institutions_division', ['divisionCode'])
export class InstitutionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  /** Compared byte for byte on MariaDB (utf8mb4_bin, migration 1765100100000). */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  type: OrgType;

  @Column({ name: 'division_code', type: 'varchar', length: 12 })
  divisionCode: string;

  @Column({ name: 'contact_name', type: 'varchar', length: 50, nullable: true })
  contactName: string | null;

  /** Digits only, as people dial it. */
  @Column({ name: 'contact_phone', type: 'varchar', length: 24, nullable: true })
  contactPhone: string | null;

  /** When the coordinator took it off the register (shared `Institution.retiredAt`); null while on it. */
  @Column({ name: 'retired_at', type: 'datetime', precision: 6, nullable: true })
  retiredAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
