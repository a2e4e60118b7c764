import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { OrgType, UnitRole } from '@shouhu/shared';

/** A WeChat user, keyed by openid. Roles are derived from these columns (see `rolesOf`). */
@Entity('users')
@Index('UQ_users_openid', ['openid'], { unique: true })
@Index('IDX_users_unit', ['unitId'])
@Index('IDX_users_institution', ['institutionId'])
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  openid: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  @Column({ name: 'unit_id', type: 'varchar', length: 36, nullable: true })
  unitId: string | null;

  @Column({ name: 'unit_role', type: 'varchar', length: 16, nullable: true })
  unitRole: UnitRole | null;

  /** Set for mandated reporters: the institution they report for. */
  @Column({ name: 'org_name', type: 'varchar', length: 100, nullable: true })
  orgName: string | null;

  @Column({ name: 'org_type', type: 'varchar', length: 32, nullable: true })
  orgType: OrgType | null;

  /** The institution on the county's register this mandated reporter reports for; null without one. */
  @Column({ name: 'institution_id', type: 'varchar', length: 36, nullable: true })
  institutionId: string | null;

  @Column({ name: 'hotline_operator', type: 'boolean', default: false })
  hotlineOperator: boolean;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Raising it revokes every token issued before. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}
