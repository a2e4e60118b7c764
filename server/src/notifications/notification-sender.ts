import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock';
import { PeriodicJob } from '../common/periodic-job';
import { LOGGER, type Logger } from '../logging/logger';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { TransactionRunner } from '../database/transaction-runner';
import { UsersRepository } from '../users/users.repository';
import { settle, type DeliveryTally } from './delivery';
import { NotificationsRepository } from './notifications.repository';
import { WechatMessagesClient, type SendOutcome } from './wechat-messages.client';

const BATCH = 20;
/** Longer than a batch can take even when every call runs into its timeout. */
const LEASE_MS = 10 * 60_000;

/**
 * Sends the outbox's due messages. Rows are claimed in a short transaction and the HTTP calls run
 * after it commits, so a slow WeChat never holds a database lock or connection.
 */
@Injectable()
export class NotificationSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job = new PeriodicJob('wechat-messages', () => this.sendDue(), this.logger);

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly users: UsersRepository,
    private readonly client: WechatMessagesClient,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.notifications.intervalSeconds;
    if (seconds === 0) return;
    if (!this.config.wechat.app) {
      const { templates, newOrderTemplate } = this.config.notifications;
      if (newOrderTemplate || Object.values(templates).some(Boolean)) {
        this.logger.warn(
          { job: 'wechat-messages' },
          '没有配置微信小程序（WECHAT_APPID），订阅消息暂不发送，保留待发',
        );
      }
      return;
    }
    this.job.start(seconds);
  }

  onApplicationShutdown(): void {
    this.job.stop();
  }

  /** One run at a time per server; other servers share the work through leases. */
  send(): Promise<DeliveryTally> {
    return this.job.run();
  }

  private async sendDue(): Promise<DeliveryTally> {
    const tally: DeliveryTally = { sent: 0, refused: 0, failed: 0, retried: 0, unknown: 0 };
    if (!this.config.wechat.app) return tally;
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    for (;;) {
      // READ COMMITTED: no gap locks on the index, so two servers claiming at once do not block.
      const due = await this.transactions.run(
        (manager) => this.notifications.claimDue(manager, now, BATCH, leaseUntil),
        'READ COMMITTED',
      );
      const recipients = await this.users.findByIds([...new Set(due.map((n) => n.userId))]);
      const openids = new Map(recipients.map((user) => [user.id, user.openid]));
      for (const notification of due) {
        const openid = openids.get(notification.userId);
        const outcome: SendOutcome = openid
          ? await this.client.send({
              touser: openid,
              template_id: notification.templateId,
              page: notification.page,
              data: notification.data,
            })
          : { result: 'error', error: 'the recipient is no longer a user' };
        const settled = settle(notification.attempts, outcome, this.clock.now());
        await this.notifications.update(notification.id, settled.changes);
        tally[settled.tally] += 1;
      }
      if (due.length < BATCH) return tally;
    }
  }
}
