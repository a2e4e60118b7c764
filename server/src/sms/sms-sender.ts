import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock';
import { PeriodicJob } from '../common/periodic-job';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Sealer } from '../crypto/sealer';
import { TransactionRunner } from '../database/transaction-runner';
import { settle, type DeliveryTally } from '../notifications/delivery';
import { SMS_PROVIDER, type SmsProvider } from './sms-provider';
import { SmsRepository } from './sms.repository';

const BATCH = 20;
/** Longer than a batch can take even when every call runs into its timeout. */
const LEASE_MS = 10 * 60_000;

/**
 * Sends the SMS outbox's due messages, as NotificationSender does for WeChat: claimed in a short
 * transaction, sent after it commits, each answer recorded at once, failures retried after 1, 5,
 * 30 and 120 minutes, refusals never. A message goes out twice only if its server dies between
 * sending it and recording the answer.
 */
@Injectable()
export class SmsSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SmsSender.name);
  private readonly job = new PeriodicJob('sms', () => this.sendDue(), this.logger);

  constructor(
    private readonly messages: SmsRepository,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider | null,
    private readonly sealer: Sealer,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.provider) {
      this.logger.warn('没有配置短信服务（SMS_PROVIDER），短信暂不发送，保留待发');
      return;
    }
    this.job.start(this.config.notifications.intervalSeconds);
  }

  onApplicationShutdown(): void {
    this.job.stop();
  }

  /** One run at a time per server; other servers share the work through leases. */
  send(): Promise<DeliveryTally> {
    return this.job.run();
  }

  private async sendDue(): Promise<DeliveryTally> {
    const tally: DeliveryTally = { sent: 0, refused: 0, failed: 0, retried: 0 };
    const { provider, config } = this;
    if (!provider || !config.sms) return tally;
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    for (;;) {
      // READ COMMITTED: no gap locks on the index, so two servers claiming at once do not block.
      const due = await this.transactions.run(
        (manager) => this.messages.claimDue(manager, now, BATCH, leaseUntil),
        'READ COMMITTED',
      );
      for (const message of due) {
        const outcome = await provider.send({
          phone: this.sealer.open<string>(message.phoneSealed),
          templateId: config.sms.templates[message.kind],
          params: message.params,
          reference: message.id,
        });
        const settled = settle(message.attempts, outcome, this.clock.now());
        await this.messages.update(message.id, {
          ...settled.changes,
          ...(outcome.serial ? { providerSerial: outcome.serial } : {}),
        });
        tally[settled.tally] += 1;
      }
      if (due.length < BATCH) return tally;
    }
  }
}
