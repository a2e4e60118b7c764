import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row holding the last sequence number and hash. Appending locks it, so concurrent appends
 * take turns and the chain never forks.
 */
@Entity('audit_head')
export class AuditHeadEntity {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
