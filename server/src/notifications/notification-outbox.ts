import { Inject, Injectable } from '@nestjs/common';
import { reportProgressPage, subscribeMessageData, type SubscribeKind } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ReportsRepository } from '../reports/reports.repository';
import { NotificationsRepository } from './notifications.repository';
import { SubscriptionsRepository } from './subscriptions.repository';

/**
 * Turns a reporter's milestone into subscribe messages, in the milestone's own transaction: the
 * message exists if and only if the milestone does, and each acceptance is used once.
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly reports: ReportsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async enqueue(
    manager: EntityManager,
    reportId: string,
    kind: SubscribeKind,
    at: Date,
  ): Promise<void> {
    // A kind whose template was removed since the user subscribed keeps its acceptances unused.
    const templateId = this.config.notifications.templates[kind];
    if (!templateId) return;
    const subscriptions = await this.subscriptions.lockRemaining(manager, reportId, kind);
    if (subscriptions.length === 0) return;
    const report = await this.reports.findById(manager, reportId);
    if (!report) return;
    const data = subscribeMessageData(kind, { trackingCode: report.trackingCode, at });
    await this.subscriptions.useOne(
      manager,
      subscriptions.map((s) => s.id),
      at,
    );
    await this.notifications.insertPending(
      manager,
      subscriptions.map((s) => ({
        userId: s.userId,
        reportId,
        kind,
        templateId,
        page: reportProgressPage(reportId),
        data,
      })),
      at,
    );
  }
}
