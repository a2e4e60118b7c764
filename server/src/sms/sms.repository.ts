import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { NotificationChanges } from '../notifications/notifications.repository';
import { SmsMessageEntity } from './sms-message.entity';

/** What a new text message says and to whom; the rest of its row is the same for every new one. */
export type NewSms = Pick<
  SmsMessageEntity,
  'kind' | 'phoneSealed' | 'reportId' | 'orderId' | 'params'
>;

export type SmsChanges = NotificationChanges & Partial<Pick<SmsMessageEntity, 'providerSerial'>>;

@Injectable()
export class SmsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Queues messages, due at once. */
  async insertPending(manager: EntityManager, messages: NewSms[], at: Date): Promise<void> {
    if (messages.length === 0) return;
    const rows: SmsMessageEntity[] = messages.map((message) => ({
      ...message,
      id: randomUUID(),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      lastError: null,
      providerSerial: null,
      createdAt: at,
      sentAt: null,
    }));
    await manager.createQueryBuilder().insert().into(SmsMessageEntity).values(rows).execute();
  }

  /**
   * Takes pending messages that are due and leases them until `leaseUntil` (as the WeChat
   * outbox does): once this short transaction commits, no other server picks them while this one
   * is sending, and SKIP LOCKED lets a second server take the next rows instead of waiting.
   */
  async claimDue(
    manager: EntityManager,
    now: Date,
    limit: number,
    leaseUntil: Date,
  ): Promise<SmsMessageEntity[]> {
    const query = manager
      .getRepository(SmsMessageEntity)
      .createQueryBuilder('m')
      .where('m.status = :status AND m.next_attempt_at <= :now', { status: 'pending', now })
      .orderBy('m.next_attempt_at', 'ASC')
      .take(limit);
    if (manager.connection.options.type !== 'better-sqlite3') {
      query.setLock('pessimistic_write').setOnLocked('skip_locked');
    }
    const due = await query.getMany();
    if (due.length > 0) {
      await manager
        .getRepository(SmsMessageEntity)
        .update({ id: In(due.map((m) => m.id)) }, { nextAttemptAt: leaseUntil });
    }
    return due;
  }

  async update(id: string, changes: SmsChanges): Promise<void> {
    await this.dataSource.getRepository(SmsMessageEntity).update({ id }, changes);
  }
}
