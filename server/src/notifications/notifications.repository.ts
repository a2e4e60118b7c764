import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { NotificationEntity } from './notification.entity';

export type NotificationChanges = Partial<
  Pick<NotificationEntity, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'sentAt'>
>;

@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, notifications: NotificationEntity[]): Promise<void> {
    if (notifications.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(notifications)
      .execute();
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
