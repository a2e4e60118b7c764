import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MessageData, SubscribeKind } from '@shouhu/shared';
import { json } from '../database/column-transformers';

/**
 * `unknown`: the request went out and no answer came (a timeout, a connection cut after sending),
 * so the message may or may not have arrived. It is never sent again: a second copy would spend
 * another one-time acceptance (or another text) and may arrive twice.
 */
export type NotificationStatus = 'pending' | 'sent' | 'refused' | 'failed' | 'unknown';

/** A message to the handlers of a unit that an order reached it. */
export const NEW_ORDER = 'new_order';

/** The reporter's milestones, or a new order for a handler. */
export type NotificationKind = SubscribeKind | typeof NEW_ORDER;

/**
 * The outbox: one subscribe message to send, written in the transaction of the milestone it
 * announces and sent afterwards, outside any transaction.
 */
@Entity('notifications')
@Index('IDX_notifications_status_next_attempt', ['status', 'nextAttemptAt'])
export class NotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The recipient (reporter or handler); their openid is read when sending. */
  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** The report the message is about; for a new order, the order's report. */
  @Column({ name: 'report_id', type: 'varchar', length: 36 })
  reportId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: NotificationKind;

  @Column({ name: 'template_id', type: 'varchar', length: 64 })
  templateId: string;

  /** The mini-program page the message opens. */
  @Column({ type: 'varchar', length: 255 })
  page: string;

  @Column({ type: 'text', transformer: json<MessageData>() })
  data: MessageData;

  @Column({ type: 'varchar', length: 16 })
  status: NotificationStatus;

  @Column({ type: 'integer' })
  attempts: number;

  /** When a pending message is due; while a sender holds it, the end of its lease. */
  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 6 })
  nextAttemptAt: Date;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'datetime', precision: 6, nullable: true })
  sentAt: Date | null;
}
