import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Something an administrator must fix, raised once per `dedupeKey`. */
@Entity('admin_alerts')
@Index('UQ_admin_alerts_dedupe', ['dedupeKey'], { unique: true })
export class AdminAlertEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 100 })
  dedupeKey: string;

  @Column({ type: 'varchar', length: 500 })
  message: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}
