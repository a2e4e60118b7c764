import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { escalationChain, planEscalation } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { AuditService, type AuditEvent } from '../audit/audit.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CLOCK, type Clock } from '../common/clock';
import { PeriodicJob } from '../common/periodic-job';
import { LOGGER, type Logger } from '../logging/logger';
import { TransactionRunner } from '../database/transaction-runner';
import { summarizeClocks } from '../orders/clock-planner';
import { orderEvent } from '../orders/order-events';
import { OrderInbox } from '../orders/order-inbox';
import type { OrderClockEntity, OrderEntity, OrderEventEntity } from '../orders/order.entity';
import { OrdersRepository } from '../orders/orders.repository';
import { SmsOutbox } from '../sms/sms-outbox';
import type { UnitRecord } from '../units/unit';
import { UnitsRepository } from '../units/units.repository';
import { VisitDueSweep, type VisitSweepResult } from './visit-due-sweep';

const BATCH = 50;

export interface SweepResult {
  /** Orders that reached a stage of a clock. */
  orders: number;
  /** Stages recorded on the orders' timelines. */
  events: number;
  /** Visits on the plan: holiday visits planned, dues that reached a stage, stages recorded. */
  visits: VisitSweepResult;
}

/**
 * Finds orders whose next clock event is due (through the indexed `next_due_at`, never a scan)
 * and records each reminder, deadline and escalation exactly once. An order escalated in a sweep
 * texts the duty phones of its unit and of the units it was escalated to once, at the highest
 * stage it reached (after an outage one sweep may pass 100 % and 200 % of several clocks), in the
 * same transaction. Then the visits on the plan, in the same sweep (`VisitDueSweep`).
 */
@Injectable()
export class SlaSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job = new PeriodicJob('sla-sweep', () => this.sweepAll(), this.logger);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly units: UnitsRepository,
    private readonly audit: AuditService,
    private readonly sms: SmsOutbox,
    private readonly inbox: OrderInbox,
    private readonly visits: VisitDueSweep,
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
    const total = { orders: 0, events: 0 };
    for (;;) {
      // READ COMMITTED: no gap locks on the next_due_at index, so two sweeps do not block each other.
      const batch = await this.transactions.run(async (manager) => {
        const due = await this.orders.lockDue(manager, now, BATCH);
        return { orders: due.length, events: await this.advance(manager, due, units, now) };
      }, 'READ COMMITTED');
      total.orders += batch.orders;
      total.events += batch.events;
      if (batch.orders < BATCH) break;
    }
    return { ...total, visits: await this.visits.sweep(now, units) };
  }

  /**
   * Records what the shared `planEscalation` decides for each order of a batch: each stage on its
   * clock and the timeline, an audit row for each escalation, the order's escalation level, an
   * inbox message of each stage to the units it concerns, and one duty-phone text to its unit and
   * every unit it was escalated to. A fixed number of statements for the batch besides the audit
   * rows; the audit rows last, so the chain head stays locked only from
   * them to the commit. Returns the number of stages recorded.
   */
  private async advance(
    manager: EntityManager,
    orders: OrderEntity[],
    units: UnitRecord[],
    now: Date,
  ): Promise<number> {
    if (orders.length === 0) return 0;
    const clocksOf = new Map<string, OrderClockEntity[]>();
    for (const clock of await this.orders.clocksOf(
      orders.map((o) => o.id),
      manager,
    )) {
      clocksOf.set(clock.orderId, [...(clocksOf.get(clock.orderId) ?? []), clock]);
    }
    const events: OrderEventEntity[] = [];
    const audits: AuditEvent[] = [];
    const staged: OrderClockEntity[] = [];
    const reached: Parameters<OrderInbox['stagesReached']>[1][number][] = [];
    const escalated: Parameters<SmsOutbox['escalated']>[1][number][] = [];
    for (const order of orders) {
      const clocks = clocksOf.get(order.id) ?? [];
      const running = clocks.filter((c) => !c.stoppedAt);
      const chain = escalationChain(order.divisionCode, units);
      const plan = planEscalation(
        { escalationLevel: order.escalationLevel, clocks: running },
        chain,
        now,
      );
      for (const step of plan.steps) {
        const clock = running.find((c) => c.clock === step.clock);
        if (clock) {
          clock.stage = step.stage;
          if (!staged.includes(clock)) staged.push(clock);
        }
        events.push(
          orderEvent(order.id, step.kind, step.text, now, null, {
            detail: { clock: step.clock, dueAt: step.dueAt.toISOString() },
          }),
        );
        if (step.stage === 'reminded') continue;
        audits.push({
          action: `order.${step.kind}`,
          targetType: 'order',
          targetId: order.id,
          divisionCode: order.divisionCode,
          detail: { clock: step.clock, escalatedTo: step.escalatedTo?.id },
        });
      }
      order.escalationLevel = plan.escalationLevel;
      reached.push({ order, steps: plan.steps, coordinator: chain.coordinator });
      if (plan.highest) {
        const escalatedTo = plan.steps
          .filter((s) => s.stage !== 'reminded')
          .map((s) => s.escalatedTo);
        const recipients = [units.find((u) => u.id === order.unitId), ...escalatedTo];
        escalated.push({ order, escalation: plan.highest, recipients });
      }
      summarizeClocks(order, clocks);
    }
    await this.inbox.stagesReached(manager, reached, now);
    await this.sms.escalated(manager, escalated, now);
    await this.orders.saveSwept(manager, orders, staged);
    await this.orders.appendEvents(manager, events);
    for (const audit of audits) await this.audit.record(manager, null, audit);
    return events.length;
  }
}
