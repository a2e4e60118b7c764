import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SmsKind } from '@shouhu/shared';
import { json } from '../database/column-transformers';
import type { NotificationStatus } from '../notifications/notification.entity';

/**
 * Besides the WeChat outbox's statuses: `expired`, not sent within its kind's time to live
 * (`SMS_TIME_TO_LIVE`); `superseded`, a caller's 受理 still waiting when the report closed (the
 * 办结 says more); `no_phone`, the unit had no duty phone any more when it was to be sent.
 */
export type SmsStatus = NotificationStatus | 'expired' | 'superseded' | 'no_phone';

/**
 * The SMS outbox: one text message to send, written in the transaction of the dispatch,
 * escalation or milestone it announces, and sent afterwards outside any transaction.
 */
@Entity('sms_messages')
@Index('IDX_sms_messages_status_next_attempt', ['status', 'nextAttemptAt'])
@Index('UQ_sms_messages_dedup_key', ['dedupKey'], { unique: true })
export class SmsMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 24 })
  kind: SmsKind;

  /**
   * A caller's phone, sealed like the report's; null for a duty-phone message, whose phone is
   * the unit's at the time of sending (rows queued before 1764750000000 keep theirs).
   */
  @Column({ name: 'phone_sealed', type: 'text', nullable: true })
  phoneSealed: string | null;

  /** The unit whose duty phone a duty-phone message goes to; null for a caller's message. */
  @Column({ name: 'unit_id', type: 'varchar', length: 36, nullable: true })
  unitId: string | null;

  /** Set when the message may exist once only (an escalation: report, stage, unit). */
  @Column({ name: 'dedup_key', type: 'varchar', length: 120, nullable: true })
  dedupKey: string | null;

  @Column({ name: 'report_id', type: 'varchar', length: 36 })
  reportId: string;

  /** The order a duty-phone message is about; null for a caller's message. */
  @Column({ name: 'order_id', type: 'varchar', length: 36, nullable: true })
  orderId: string | null;

  /** The template's variables in order (shared `sms.ts`). */
  @Column({ type: 'text', transformer: json<string[]>() })
  params: string[];

  @Column({ type: 'varchar', length: 16 })
  status: SmsStatus;

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
