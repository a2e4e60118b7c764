import { Inject, Injectable } from '@nestjs/common';
import {
  SUBSCRIBE_KINDS,
  SUBSCRIBE_KIND_LABELS,
  type NotificationTemplates,
  type SubscriptionState,
} from '@shouhu/shared';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { TransactionRunner } from '../database/transaction-runner';
import { ReportsRepository } from '../reports/reports.repository';
import type { SubscribeDto } from './dto/subscribe.dto';
import { SubscriptionsRepository } from './subscriptions.repository';

@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly reports: ReportsRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What the app passes to `requestSubscribeMessage`; a kind without a template is not asked. */
  templates(): NotificationTemplates {
    const { templates, newOrderTemplate } = this.config.notifications;
    return { ...templates, newOrder: newOrderTemplate };
  }

  /** Records the kinds the reporter accepted for their report: one more message of each. */
  async subscribe(actor: Actor, reportId: string, dto: SubscribeDto): Promise<SubscriptionState> {
    const now = this.clock.now();
    return this.transactions.run(async (manager) => {
      // Locking the report queues concurrent acceptances for it, so each one is counted.
      const report = await this.reports.lock(manager, reportId);
      if (!report || report.reporterUserId !== actor.user.id) {
        throw ApiException.notFound('没有找到这份报告');
      }
      const unavailable = dto.kinds.filter((kind) => !this.config.notifications.templates[kind]);
      if (unavailable.length > 0) {
        const labels = unavailable.map((kind) => SUBSCRIBE_KIND_LABELS[kind]).join('、');
        throw ApiException.validation(
          { kinds: `${labels}暂未开通` },
          `${labels}暂未开通，无法订阅`,
        );
      }
      for (const kind of dto.kinds) {
        await this.subscriptions.add(manager, report.id, actor.user.id, kind, now);
      }
      await this.audit.record(manager, actor, {
        action: 'report.subscribe',
        targetType: 'report',
        targetId: report.id,
        divisionCode: report.divisionCode,
        detail: { kinds: dto.kinds },
      });
      const rows = await this.subscriptions.ofUser(manager, report.id, actor.user.id);
      const remaining = Object.fromEntries(
        SUBSCRIBE_KINDS.map((kind) => [kind, rows.find((r) => r.kind === kind)?.remaining ?? 0]),
      ) as SubscriptionState['remaining'];
      return { remaining };
    });
  }
}
