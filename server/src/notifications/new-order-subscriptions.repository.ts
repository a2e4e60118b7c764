import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { NewOrderSubscriptionEntity } from './new-order-subscription.entity';
import { insertRows } from '../database/insert-rows';

/** A handler who will be told of one or more new orders of their unit. */
export interface NewOrderSubscriber {
  userId: string;
  unitId: string;
  remaining: number;
}

@Injectable()
export class NewOrderSubscriptionsRepository {
  /**
   * One more message allowed; returns how many the user now has. The caller holds the user's row
   * lock, so two requests of the same user never race between the update and the insert.
   */
  async add(manager: EntityManager, userId: string, now: Date): Promise<number> {
    const updated = await manager
      .createQueryBuilder()
      .update(NewOrderSubscriptionEntity)
      .set({ remaining: () => 'remaining + 1', updatedAt: now })
      .where('user_id = :userId', { userId })
      .execute();
    if (!updated.affected) {
      await insertRows(manager, NewOrderSubscriptionEntity, [
        { userId, remaining: 1, updatedAt: now },
      ]);
    }
    const row = await manager.getRepository(NewOrderSubscriptionEntity).findOneBy({ userId });
    return row?.remaining ?? 0;
  }

  /**
   * The active handlers of these units with acceptances left, their subscriptions locked until the
   * transaction ends. Found first without locks, then locked by primary key: a locking join would
   * also lock the users, and a scan would lock every handler's row.
   */
  async lockRemaining(manager: EntityManager, unitIds: string[]): Promise<NewOrderSubscriber[]> {
    if (unitIds.length === 0) return [];
    const candidates = await manager
      .createQueryBuilder()
      .select('s.user_id', 'userId')
      .addSelect('u.unit_id', 'unitId')
      .from(NewOrderSubscriptionEntity, 's')
      .innerJoin(UserEntity, 'u', 'u.id = s.user_id')
      .where('u.unit_id IN (:...unitIds)', { unitIds })
      .andWhere("u.unit_role = 'handler' AND u.disabled = 0 AND s.remaining > 0")
      .getRawMany<{ userId: string; unitId: string }>();
    if (candidates.length === 0) return [];
    const units = new Map(candidates.map((c) => [c.userId, c.unitId]));
    const query = manager
      .getRepository(NewOrderSubscriptionEntity)
      .createQueryBuilder('s')
      .where('s.user_id IN (:...ids) AND s.remaining > 0', { ids: [...units.keys()] })
      .orderBy('s.user_id', 'ASC');
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return (await query.getMany()).map((s) => ({
      userId: s.userId,
      unitId: units.get(s.userId) ?? '',
      remaining: s.remaining,
    }));
  }

  /** Each of `userIds` used `count` acceptances. */
  async use(manager: EntityManager, userIds: string[], count: number, now: Date): Promise<void> {
    if (userIds.length === 0) return;
    await manager
      .createQueryBuilder()
      .update(NewOrderSubscriptionEntity)
      .set({ remaining: () => 'remaining - :count', updatedAt: now })
      .where({ userId: In(userIds) })
      .setParameter('count', count)
      .execute();
  }
}
