import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '@shouhu/shared';
import { commaSeparated, json } from '../database/column-transformers';

/** Append-only: the application inserts rows and never updates or deletes them. */
@Entity('audit_log')
@Index('IDX_audit_log_division', ['divisionCode'])
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Column({ type: 'datetime', precision: 6 })
  at: Date;

  @Column({ name: 'actor_user_id', type: 'varchar', length: 36, nullable: true })
  actorUserId: string | null;

  @Column({
    name: 'actor_roles',
    type: 'varchar',
    length: 255,
    transformer: commaSeparated<Role>(),
  })
  actorRoles: Role[];

  @Column({ name: 'actor_unit_id', type: 'varchar', length: 36, nullable: true })
  actorUnitId: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32 })
  targetType: string;

  @Column({ name: 'target_id', type: 'varchar', length: 36, nullable: true })
  targetId: string | null;

  @Column({ name: 'division_code', type: 'varchar', length: 12, nullable: true })
  divisionCode: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'text', nullable: true, transformer: json<object>() })
  detail: object | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
