import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SMS_KINDS } from '@shouhu/shared';
import { Brackets, DataSource, In, type EntityManager, type WhereExpressionBuilder } from 'typeorm';
import type { NotificationChanges } from '../notifications/notifications.repository';
import { queuedAfter } from './sms-lifetimes';
import { SmsMessageEntity, type SmsStatus } from './sms-message.entity';
import { insertRowsLater } from '../database/insert-rows';

/** What a new text message says and to whom; the rest of its row is the same for every new one. */
export type NewSms = Pick<
  SmsMessageEntity,
  'kind' | 'phoneSealed' | 'unitId' | 'reportId' | 'orderId' | 'params' | 'dedupKey'
>;

export type SmsChanges = Omit<NotificationChanges, 'status'> &
  Partial<Pick<SmsMessageEntity, 'providerSerial' | 'status'>>;

/** Pending messages still within their kind's time to live (`SMS_TIME_TO_LIVE`) at `now`. */
function fresh(now: Date, alive: boolean, alias = '') {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return new Brackets((where: WhereExpressionBuilder) => {
    for (const [i, kind] of SMS_KINDS.entries()) {
      const condition = `(${column('kind')} = :kind${i} AND ${column('created_at')} ${alive ? '>' : '<='} :cutoff${i})`;
      const parameters = { [`kind${i}`]: kind, [`cutoff${i}`]: queuedAfter(kind, now) };
      if (i === 0) where.where(condition, parameters);
      else where.orWhere(condition, parameters);
    }
  });
}

@Injectable()
export class SmsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Queues messages, due at once; one whose `dedupKey` is already queued is left out. */
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
    await insertRowsLater(manager, SmsMessageEntity, rows, 'ignore');
  }

  /**
   * Takes pending messages that are due and still worth sending, and leases them until
   * `leaseUntil` (as the WeChat outbox does): once this short transaction commits, no other server
   * picks them while this one is sending, and SKIP LOCKED lets a second server take the next rows
   * instead of waiting.
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
      .andWhere(fresh(now, true, 'm'))
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

  /** Marks pending messages past their time to live `expired`; returns how many. */
  async expire(now: Date): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(SmsMessageEntity)
      .set({ status: 'expired' })
      .where('status = :status', { status: 'pending' })
      .andWhere(fresh(now, false))
      .execute();
    return result.affected ?? 0;
  }

  /** Drops the report's pending messages of one kind, e.g. a 受理 overtaken by the 办结. */
  async supersede(
    manager: EntityManager,
    reportId: string,
    kind: SmsMessageEntity['kind'],
  ): Promise<void> {
    const superseded: SmsStatus = 'superseded';
    await manager
      .getRepository(SmsMessageEntity)
      .update({ reportId, kind, status: 'pending' }, { status: superseded });
  }

  async update(id: string, changes: SmsChanges): Promise<void> {
    await this.dataSource.getRepository(SmsMessageEntity).update({ id }, changes);
  }
}
