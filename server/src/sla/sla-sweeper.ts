import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  CLOCK_LABELS,
  chineseDateTime,
  longestPrefixUnit,
  stagesReached,
  type ClockName,
  type ClockStage,
  type EscalationStage,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CLOCK, type Clock } from '../common/clock';
import { PeriodicJob } from '../common/periodic-job';
import { LOGGER, type Logger } from '../logging/logger';
import { TransactionRunner } from '../database/transaction-runner';
import { summarizeClocks } from '../orders/clock-planner';
import { orderEvent } from '../orders/order-events';
import type { OrderEntity, OrderEventEntity } from '../orders/order.entity';
import { OrdersRepository } from '../orders/orders.repository';
import { SmsOutbox } from '../sms/sms-outbox';
import type { UnitRecord } from '../units/unit';
import { UnitsRepository } from '../units/units.repository';

const BATCH = 50;

export interface SweepResult {
  orders: number;
  events: number;
}

const KIND: Record<Exclude<ClockStage, 'running'>, string> = {
  reminded: 'reminder',
  overdue: 'overdue',
  red: 'red_list',
};

/**
 * Finds orders whose next clock event is due (through the indexed `next_due_at`, never a scan)
 * and records each reminder, deadline and escalation exactly once. An order escalated in a sweep
 * texts the duty phones of its unit and of the units it was escalated to once, at the highest
 * stage it reached (after an outage one sweep may pass 100 % and 200 % of several clocks), in the
 * same transaction.
 */
@Injectable()
export class SlaSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job = new PeriodicJob('sla-sweep', () => this.sweepAll(), this.logger);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly units: UnitsRepository,
    private readonly audit: AuditService,
    private readonly sms: SmsOutbox,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start(this.config.slaSweepIntervalSeconds);
  }

  onApplicationShutdown(): void {
    this.job.stop();
  }

  /** One sweep at a time per server; other servers share the work through row locks. */
  sweep(): Promise<SweepResult> {
    return this.job.run();
  }

  private async sweepAll(): Promise<SweepResult> {
    const now = this.clock.now();
    const units = await this.units.list();
    const total: SweepResult = { orders: 0, events: 0 };
    for (;;) {
      // READ COMMITTED: no gap locks on the next_due_at index, so two sweeps do not block each other.
      const batch = await this.transactions.run(async (manager) => {
        const due = await this.orders.lockDue(manager, now, BATCH);
        let events = 0;
        for (const order of due) events += await this.advance(manager, order, units, now);
        return { orders: due.length, events };
      }, 'READ COMMITTED');
      total.orders += batch.orders;
      total.events += batch.events;
      if (batch.orders < BATCH) return total;
    }
  }

  private async advance(
    manager: EntityManager,
    order: OrderEntity,
    units: UnitRecord[],
    now: Date,
  ): Promise<number> {
    const clocks = await this.orders.clocks(manager, order.id);
    const coordinator = longestPrefixUnit(
      order.divisionCode,
      units.filter((u) => u.department === 'coordinator'),
    );
    const parent = coordinator?.parentId
      ? units.find((u) => u.id === coordinator.parentId)
      : undefined;
    const events: OrderEventEntity[] = [];
    let highest: { clock: ClockName; stage: EscalationStage } | null = null;
    const escalatedTo: (UnitRecord | null | undefined)[] = [];
    for (const clock of clocks.filter((c) => !c.stoppedAt)) {
      for (const stage of stagesReached(clock, now)) {
        clock.stage = stage;
        const label = CLOCK_LABELS[clock.clock];
        let text = `${label}期限将至，请在${chineseDateTime(clock.dueAt)}前办理`;
        if (stage === 'overdue') {
          order.escalationLevel = Math.max(order.escalationLevel, 1);
          text = `${label}已超时，已督办至${coordinator?.name ?? '系统管理员'}`;
        } else if (stage === 'red') {
          order.escalationLevel = 2;
          text = `${label}超时已达期限两倍，已上报${parent?.name ?? coordinator?.name ?? '系统管理员'}，列入红色清单`;
        }
        events.push(
          orderEvent(order.id, KIND[stage], text, now, null, {
            detail: { clock: clock.clock, dueAt: clock.dueAt.toISOString() },
          }),
        );
        if (stage !== 'reminded') {
          if (!highest || (stage === 'red' && highest.stage === 'overdue')) {
            highest = { clock: clock.clock, stage };
          }
          escalatedTo.push(stage === 'red' ? (parent ?? coordinator) : coordinator);
          await this.audit.record(manager, null, {
            action: `order.${KIND[stage]}`,
            targetType: 'order',
            targetId: order.id,
            divisionCode: order.divisionCode,
            detail: {
              clock: clock.clock,
              escalatedTo: stage === 'red' ? parent?.id : coordinator?.id,
            },
          });
        }
      }
    }
    if (highest) {
      const recipients = [units.find((u) => u.id === order.unitId), ...escalatedTo];
      await this.sms.escalated(manager, order, highest, recipients, now);
    }
    summarizeClocks(order, clocks);
    await this.orders.save(manager, order, clocks);
    await this.orders.appendEvents(manager, events);
    return events.length;
  }
}
