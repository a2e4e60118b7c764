import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SubscribeKind } from '@shouhu/shared';

/** How many more messages of one kind a user accepted for one report (one per acceptance). */
@Entity('report_subscriptions')
@Index('UQ_report_subscriptions_report_user_kind', ['reportId', 'userId', 'kind'], { unique: true })
export class ReportSubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'report_id', type: 'varchar', length: 36 })
  reportId: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: SubscribeKind;

  @Column({ type: 'integer' })
  remaining: number;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
