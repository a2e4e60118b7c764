import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SmsKind } from '@shouhu/shared';
import { json } from '../database/column-transformers';
import type { NotificationStatus } from '../notifications/notification.entity';

/**
 * The SMS outbox: one text message to send, written in the transaction of the dispatch,
 * escalation or milestone it announces, and sent afterwards outside any transaction.
 */
@Entity('sms_messages')
@Index('IDX_sms_messages_status_next_attempt', ['status', 'nextAttemptAt'])
export class SmsMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 24 })
  kind: SmsKind;

  /** The recipient's phone, sealed: a hotline caller's phone is encrypted at rest like the report's. */
  @Column({ name: 'phone_sealed', type: 'text' })
  phoneSealed: string;

  @Column({ name: 'report_id', type: 'varchar', length: 36 })
  reportId: string;

  /** The order a duty-phone message is about; null for a caller's message. */
  @Column({ name: 'order_id', type: 'varchar', length: 36, nullable: true })
  orderId: string | null;

  /** The template's variables in order (shared `sms.ts`). */
  @Column({ type: 'text', transformer: json<string[]>() })
  params: string[];

  @Column({ type: 'varchar', length: 16 })
  status: NotificationStatus;

  @Column({ type: 'integer' })
  attempts: number;

  /** When a pending message is due; while a sender holds it, the end of its lease. */
  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 6 })
  nextAttemptAt: Date;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  /** The provider's id of the sent message (Tencent's SerialNo), to trace a delivery receipt. */
  @Column({ name: 'provider_serial', type: 'varchar', length: 64, nullable: true })
  providerSerial: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'datetime', precision: 6, nullable: true })
  sentAt: Date | null;
}
