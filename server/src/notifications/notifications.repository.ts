import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { NotificationEntity } from './notification.entity';
import { insertRowsLater } from '../database/insert-rows';

/** What a new message says and to whom; the rest of its row is the same for every new message. */
export type NewNotification = Pick<
  NotificationEntity,
  'userId' | 'reportId' | 'kind' | 'templateId' | 'page' | 'data'
>;

export type NotificationChanges = Partial<
  Pick<NotificationEntity, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'sentAt'>
>;

@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Queues messages, due at once. */
  async insertPending(
    manager: EntityManager,
    messages: NewNotification[],
    at: Date,
  ): Promise<void> {
    if (messages.length === 0) return;
    const rows: NotificationEntity[] = messages.map((message) => ({
      ...message,
      id: randomUUID(),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      lastError: null,
      createdAt: at,
      sentAt: null,
    }));
    await insertRowsLater(manager, NotificationEntity, rows);
  }

  /**
   * Takes pending messages that are due and leases them until `leaseUntil`, so that once this
   * short transaction commits, no other server picks them while this one is sending. SKIP LOCKED
   * lets a second server take the next rows instead of waiting.
   */
  async claimDue(
    manager: EntityManager,
    now: Date,
    limit: number,
    leaseUntil: Date,
  ): Promise<NotificationEntity[]> {
    const query = manager
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.status = :status AND n.next_attempt_at <= :now', { status: 'pending', now })
      .orderBy('n.next_attempt_at', 'ASC')
      .take(limit);
    if (manager.connection.options.type !== 'better-sqlite3') {
      query.setLock('pessimistic_write').setOnLocked('skip_locked');
    }
    const due = await query.getMany();
    if (due.length > 0) {
      await manager
        .getRepository(NotificationEntity)
        .update({ id: In(due.map((n) => n.id)) }, { nextAttemptAt: leaseUntil });
    }
    return due;
  }

  async update(id: string, changes: NotificationChanges): Promise<void> {
    await this.dataSource.getRepository(NotificationEntity).update({ id }, changes);
  }
}
