import { Inject, Injectable } from '@nestjs/common';
import type { NewOrderSubscriptionState } from '@shouhu/shared';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { TransactionRunner } from '../database/transaction-runner';
import { UsersRepository } from '../users/users.repository';
import { NewOrderSubscriptionsRepository } from './new-order-subscriptions.repository';

@Injectable()
export class NewOrderSubscriptionsService {
  constructor(
    private readonly subscriptions: NewOrderSubscriptionsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One acceptance by a handler: they will be told of one more new order of their unit. */
  async subscribe(actor: Actor): Promise<NewOrderSubscriptionState> {
    if (!this.config.notifications.newOrderTemplate) {
      throw ApiException.validation(
        { newOrder: '新工单通知暂未开通' },
        '新工单通知暂未开通，无法订阅',
      );
    }
    const now = this.clock.now();
    return this.transactions.run(async (manager) => {
      // Locking the user queues their concurrent acceptances, so each one is counted.
      await this.users.lock(manager, actor.user.id);
      const remaining = await this.subscriptions.add(manager, actor.user.id, now);
      await this.audit.record(manager, actor, {
        action: 'notifications.subscribe_new_orders',
        targetType: 'user',
        targetId: actor.user.id,
        divisionCode: actor.unit?.divisionPrefixes[0] ?? null,
        detail: { unitId: actor.unit?.id ?? null, remaining },
      });
      return { remaining };
    });
  }
}
