import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { InviteRole, OrgType } from '@shouhu/shared';

/** Single-use and expiring. Only a hash of the code is stored: a database copy grants nothing. */
@Entity('invites')
@Index('UQ_invites_code_hash', ['codeHash'], { unique: true })
export class InviteEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ type: 'varchar', length: 32 })
  role: InviteRole;

  @Column({ name: 'unit_id', type: 'varchar', length: 36, nullable: true })
  unitId: string | null;

  @Column({ name: 'org_name', type: 'varchar', length: 100, nullable: true })
  orgName: string | null;

  @Column({ name: 'org_type', type: 'varchar', length: 32, nullable: true })
  orgType: OrgType | null;

  /** The institution on the county's register this invite makes its mandated reporter report for; null without one. */
  @Column({ name: 'institution_id', type: 'varchar', length: 36, nullable: true })
  institutionId: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 6 })
  expiresAt: Date;

  @Column({ name: 'redeemed_by', type: 'varchar', length: 36, nullable: true })
  redeemedBy: string | null;

  @Column({ name: 'redeemed_at', type: 'datetime', precision: 6, nullable: true })
  redeemedAt: Date | null;
}
