import { Inject, Injectable } from '@nestjs/common';
import {
  newOrderMessageData,
  orderPage,
  type OrderRole,
  type Priority,
  type ReceivingDepartment,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { NEW_ORDER } from './notification.entity';
import { NotificationsRepository, type NewNotification } from './notifications.repository';
import { NewOrderSubscriptionsRepository } from './new-order-subscriptions.repository';

/** An order that has just reached a unit (or no unit: the admin queue). */
export interface DispatchedOrder {
  id: string;
  reportId: string;
  unitId: string | null;
  department: ReceivingDepartment;
  role: OrderRole;
  priority: Priority;
  divisionCode: string;
  signDueAt: Date;
}

/**
 * Tells the handlers of a unit that orders reached it, in the dispatch's own transaction: the
 * message exists if and only if the dispatch does, each handler gets one per order, and each
 * message uses one of their acceptances — never more messages than acceptances.
 */
@Injectable()
export class NewOrderOutbox {
  constructor(
    private readonly subscriptions: NewOrderSubscriptionsRepository,
    private readonly notifications: NotificationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async enqueue(manager: EntityManager, orders: DispatchedOrder[], at: Date): Promise<void> {
    // Without a template the acceptances stay unused, as for the reporter's kinds.
    const templateId = this.config.notifications.newOrderTemplate;
    if (!templateId) return;
    const unitIds = orders.flatMap((o) => (o.unitId ? [o.unitId] : []));
    const subscribers = await this.subscriptions.lockRemaining(manager, [...new Set(unitIds)]);
    if (subscribers.length === 0) return;

    const left = new Map(subscribers.map((s) => [s.userId, s.remaining]));
    const messages: NewNotification[] = [];
    for (const order of orders) {
      const recipients = subscribers.filter(
        (s) => s.unitId === order.unitId && (left.get(s.userId) ?? 0) > 0,
      );
      if (recipients.length === 0) continue;
      const data = newOrderMessageData(order);
      for (const { userId } of recipients) {
        left.set(userId, (left.get(userId) ?? 0) - 1);
        messages.push({
          userId,
          reportId: order.reportId,
          kind: NEW_ORDER,
          templateId,
          page: orderPage(order.id),
          data,
        });
      }
    }
    await this.useAcceptances(manager, subscribers, left, at);
    await this.notifications.insertPending(manager, messages, at);
  }

  /** One update per distinct number used: in practice one, as a unit gets one order per report. */
  private async useAcceptances(
    manager: EntityManager,
    subscribers: { userId: string; remaining: number }[],
    left: Map<string, number>,
    at: Date,
  ): Promise<void> {
    const byCount = new Map<number, string[]>();
    for (const { userId, remaining } of subscribers) {
      const used = remaining - (left.get(userId) ?? remaining);
      if (used > 0) byCount.set(used, [...(byCount.get(used) ?? []), userId]);
    }
    for (const [count, userIds] of byCount) {
      await this.subscriptions.use(manager, userIds, count, at);
    }
  }
}
