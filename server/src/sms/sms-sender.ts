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
import { Sealer } from '../crypto/sealer';
import { TransactionRunner } from '../database/transaction-runner';
import {
  ERROR_MAX_LENGTH,
  RETRY_BACKOFF_MINUTES,
  settle,
  type DeliveryTally,
} from '../notifications/delivery';
import { UnitsRepository } from '../units/units.repository';
import { stillWorthSending } from './sms-lifetimes';
import type { SmsMessageEntity } from './sms-message.entity';
import { SMS_PROVIDER, type SmsOutcome, type SmsProvider } from './sms-provider';
import { SmsRepository, type SmsChanges } from './sms.repository';

const BATCH = 20;
/** Longer than a batch can take even when every call runs into its timeout. */
const LEASE_MS = 10 * 60_000;

/** What one run of the SMS sender did: the WeChat tally, and the messages it did not send. */
export interface SmsTally extends DeliveryTally {
  /** Past their kind's time to live (`SMS_TIME_TO_LIVE`), rate-limited or retried until too late. */
  expired: number;
  /** A duty-phone message whose unit has no duty phone any more. */
  noPhone: number;
}

/**
 * Sends the SMS outbox's due messages, as NotificationSender does for WeChat: claimed in a short
 * transaction, sent after it commits, each answer recorded at once, failures retried after 1, 5,
 * 30 and 120 minutes, refusals never. A message goes out twice only if its server dies between
 * sending it and recording the answer. Unlike WeChat: a message past its time to live is marked
 * `expired`, never sent; a duty phone is read from the unit when sending; and a rate limit
 * (`limited`) is waited out with the backoff, without using up attempts, until the time to live.
 */
@Injectable()
export class SmsSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job = new PeriodicJob('sms', () => this.sendDue(), this.logger);

  constructor(
    private readonly messages: SmsRepository,
    private readonly units: UnitsRepository,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider | null,
    private readonly sealer: Sealer,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.provider) {
      this.logger.warn({ job: 'sms' }, '没有配置短信服务（SMS_PROVIDER），短信暂不发送，保留待发');
      return;
    }
    this.job.start(this.config.notifications.intervalSeconds);
  }

  onApplicationShutdown(): void {
    this.job.stop();
  }

  /** One run at a time per server; other servers share the work through leases. */
  send(): Promise<SmsTally> {
    return this.job.run();
  }

  private async sendDue(): Promise<SmsTally> {
    const tally: SmsTally = {
      sent: 0,
      refused: 0,
      failed: 0,
      retried: 0,
      unknown: 0,
      expired: 0,
      noPhone: 0,
    };
    const { provider, config } = this;
    if (!provider || !config.sms) return tally;
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    tally.expired += await this.messages.expire(now);
    for (;;) {
      // READ COMMITTED: no gap locks on the index, so two servers claiming at once do not block.
      const due = await this.transactions.run(
        (manager) => this.messages.claimDue(manager, now, BATCH, leaseUntil),
        'READ COMMITTED',
      );
      for (const message of due) {
        const phone = await this.phoneOf(message);
        if (!phone) {
          await this.messages.update(message.id, { status: 'no_phone' });
          tally.noPhone += 1;
          continue;
        }
        const outcome = await provider.send({
          phone,
          templateId: config.sms.templates[message.kind],
          params: message.params,
          reference: message.id,
        });
        const settled = this.settle(message, outcome);
        await this.messages.update(message.id, {
          ...settled.changes,
          ...(outcome.serial ? { providerSerial: outcome.serial } : {}),
        });
        tally[settled.tally] += 1;
      }
      if (due.length < BATCH) return tally;
    }
  }

  /** A duty-phone message goes to the unit's duty phone as it is now; a caller's to the sealed one. */
  private async phoneOf(message: SmsMessageEntity): Promise<string | null> {
    if (message.unitId) return (await this.units.findById(message.unitId))?.dutyPhone ?? null;
    return message.phoneSealed ? this.sealer.open<string>(message.phoneSealed) : null;
  }

  /** As for WeChat, except rate limits, and that no retry is planned past the time to live. */
  private settle(
    message: SmsMessageEntity,
    outcome: SmsOutcome,
  ): { tally: keyof SmsTally; changes: SmsChanges } {
    const now = this.clock.now();
    let settled: { tally: keyof SmsTally; changes: SmsChanges };
    if (outcome.result === 'limited') {
      // After the last step, the last wait again, until the time to live.
      const waits = RETRY_BACKOFF_MINUTES;
      const wait = waits[Math.min(message.attempts, waits.length - 1)] * 60_000;
      settled = {
        tally: 'retried',
        changes: {
          attempts: message.attempts + 1,
          lastError: outcome.error.slice(0, ERROR_MAX_LENGTH),
          nextAttemptAt: new Date(now.getTime() + wait),
        },
      };
    } else {
      settled = settle(message.attempts, outcome, now);
    }
    const retryAt = settled.changes.nextAttemptAt;
    if (retryAt && !stillWorthSending(message.kind, message.createdAt, retryAt)) {
      return { tally: 'expired', changes: { ...settled.changes, status: 'expired' } };
    }
    return settled;
  }
}
