import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { SubscribeKind } from '@shouhu/shared';
import { In, type EntityManager } from 'typeorm';
import { ReportSubscriptionEntity } from './report-subscription.entity';
import { insertRows } from '../database/insert-rows';

@Injectable()
export class SubscriptionsRepository {
  /**
   * One more message of `kind` allowed. The caller holds the report's row lock, so two requests for
   * the same report never race between the update and the insert.
   */
  async add(
    manager: EntityManager,
    reportId: string,
    userId: string,
    kind: SubscribeKind,
    now: Date,
  ): Promise<void> {
    const updated = await manager
      .createQueryBuilder()
      .update(ReportSubscriptionEntity)
      .set({ remaining: () => 'remaining + 1', updatedAt: now })
      .where('report_id = :reportId AND user_id = :userId AND kind = :kind', {
        reportId,
        userId,
        kind,
      })
      .execute();
    if (updated.affected) return;
    await insertRows(manager, ReportSubscriptionEntity, [
      { id: randomUUID(), reportId, userId, kind, remaining: 1, updatedAt: now },
    ]);
  }

  ofUser(
    manager: EntityManager,
    reportId: string,
    userId: string,
  ): Promise<ReportSubscriptionEntity[]> {
    return manager.getRepository(ReportSubscriptionEntity).findBy({ reportId, userId });
  }

  /** Subscriptions that still allow a message of `kind`, locked until the transaction ends. */
  lockRemaining(
    manager: EntityManager,
    reportId: string,
    kind: SubscribeKind,
  ): Promise<ReportSubscriptionEntity[]> {
    const query = manager
      .getRepository(ReportSubscriptionEntity)
      .createQueryBuilder('s')
      .where('s.report_id = :reportId AND s.kind = :kind AND s.remaining > 0', { reportId, kind });
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return query.getMany();
  }

  async useOne(manager: EntityManager, ids: string[], now: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(ReportSubscriptionEntity)
      .set({ remaining: () => 'remaining - 1', updatedAt: now })
      .where({ id: In(ids) })
      .execute();
  }
}
