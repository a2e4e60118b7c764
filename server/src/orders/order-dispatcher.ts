import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  DEPARTMENT_LABELS,
  longestPrefixUnit,
  orderPlacement,
  type CreatedOrder,
  type OrderRole,
  type Priority,
  type ReceivingDepartment,
  type Routing,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { NewOrderOutbox, type DispatchedOrder } from '../notifications/new-order-outbox';
import type { ReportEntity } from '../reports/report.entity';
import { SmsOutbox } from '../sms/sms-outbox';
import type { UnitRecord } from '../units/unit';
import { UnitsRepository } from '../units/units.repository';
import { ClockPlanner, summarizeClocks } from './clock-planner';
import { orderEvent } from './order-events';
import { OrderInbox } from './order-inbox';
import type { OrderClockEntity, OrderEntity, OrderEventEntity } from './order.entity';
import { OrdersRepository } from './orders.repository';

interface Placed {
  order: OrderEntity;
  clocks: OrderClockEntity[];
  event: OrderEventEntity;
  unitName: string | null;
  dispatched: DispatchedOrder;
  created: CreatedOrder;
}

/**
 * Every way an order reaches a unit goes through here: a routed report becomes work orders, a
 * handoff (转接) adds one, and a transfer or reassignment sends one to another unit. Each tells the
 * unit's members in their inbox, its subscribed handlers in WeChat, and for a P1 order its duty
 * phone by SMS, in the same transaction.
 *
 * Routing: the unit of the department with the longest matching division prefix; else the
 * county's coordinator unit, marked unrouted; else no unit (the admin queue). No report is
 * dropped for lack of a route.
 */
@Injectable()
export class OrderDispatcher {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly units: UnitsRepository,
    private readonly planner: ClockPlanner,
    private readonly calendar: CalendarService,
    private readonly newOrders: NewOrderOutbox,
    private readonly sms: SmsOutbox,
    private readonly inbox: OrderInbox,
  ) {}

  async dispatch(
    manager: EntityManager,
    report: ReportEntity,
    routing: Routing,
    now: Date,
  ): Promise<CreatedOrder[]> {
    const units = await this.units.list(manager);
    const overrides = routing.overrides.map((o) => `优先级由${o.from}提升为${o.to}（${o.reason}）`);
    const placed: Placed[] = [];
    for (const routed of routing.orders) {
      placed.push(
        await this.place(manager, report, units, now, {
          department: routed.department,
          role: routed.role,
          priority: routed.priority,
          initialPriority: routing.initialPriority,
          reasons: [...routed.reasons, ...overrides],
          handedOffFrom: null,
        }),
      );
    }
    await this.insert(manager, placed);
    await this.notify(manager, placed, report, now);
    return placed.map((p) => p.created);
  }

  /**
   * A handoff (转接): one assist order of `department` for the report, routed as the report's
   * orders are, at the report's priority, with fresh clocks from `now`. The caller records why.
   */
  async handOff(
    manager: EntityManager,
    report: ReportEntity,
    department: ReceivingDepartment,
    from: OrderEntity,
    now: Date,
  ): Promise<{ order: OrderEntity; unitName: string | null }> {
    const units = await this.units.list(manager);
    const placed = await this.place(manager, report, units, now, {
      department,
      role: 'assist',
      priority: report.priority,
      initialPriority: report.priority,
      reasons: [],
      handedOffFrom: from.id,
    });
    await this.insert(manager, [placed]);
    await this.notify(manager, [placed], report, now);
    return { order: placed.order, unitName: placed.unitName };
  }

  /** One order with its clocks and its first timeline line, at the unit routing picks; not yet stored. */
  private async place(
    manager: EntityManager,
    report: ReportEntity,
    units: UnitRecord[],
    now: Date,
    wanted: {
      department: ReceivingDepartment;
      role: OrderRole;
      priority: Priority;
      initialPriority: Priority;
      reasons: string[];
      handedOffFrom: string | null;
    },
  ): Promise<Placed> {
    const unit = longestPrefixUnit(
      report.divisionCode,
      units.filter((u) => u.department === wanted.department),
    );
    const assigned: UnitRecord | null =
      unit ??
      longestPrefixUnit(
        report.divisionCode,
        units.filter((u) => u.department === 'coordinator'),
      );
    const order: OrderEntity = {
      id: randomUUID(),
      reportId: report.id,
      department: wanted.department,
      role: wanted.role,
      unitId: assigned?.id ?? null,
      unrouted: unit === null,
      status: 'dispatched',
      priority: wanted.priority,
      initialPriority: wanted.initialPriority,
      divisionCode: report.divisionCode,
      dispatchedAt: now,
      signedAt: null,
      contactedAt: null,
      resolvedAt: null,
      returnDueAt: await this.calendar.returnDeadline(wanted.priority, now, manager),
      outcome: null,
      reporterSummary: null,
      extensionPendingDays: null,
      extensionsGranted: 0,
      escalationLevel: 0,
      dueAt: null,
      nextDueAt: null,
      handedOffFrom: wanted.handedOffFrom,
      createdAt: now,
      lowRating: false,
    };
    const clocks = await this.planner.dispatch(manager, order, order.priority, now);
    summarizeClocks(order, clocks);

    const where = unit
      ? `已派至${unit.name}`
      : assigned
        ? `本区划没有${DEPARTMENT_LABELS[wanted.department]}单位，已转${assigned.name}改派`
        : '本区划没有对应单位和联席办，已转系统管理员分派';
    const event = orderEvent(
      order.id,
      'dispatched',
      `${wanted.role === 'lead' ? '由本部门主办' : '本部门协助办理'}，${where}。${wanted.reasons.join('；')}`,
      now,
      null,
    );
    const sign = clocks.find((c) => c.clock === 'sign');
    const resolve = clocks.find((c) => c.clock === 'resolve');
    return {
      order,
      clocks,
      event,
      unitName: assigned?.name ?? null,
      dispatched: { ...order, signDueAt: sign?.dueAt ?? now },
      created: {
        department: wanted.department,
        role: wanted.role,
        unitName: assigned?.name ?? '系统管理员',
        placement: orderPlacement(order),
        priority: wanted.priority,
        signDueAt: (sign?.dueAt ?? now).toISOString(),
        resolveDueAt: (resolve?.dueAt ?? now).toISOString(),
      },
    };
  }

  /** The orders, all their clocks and all their first lines: three statements however many. */
  private async insert(manager: EntityManager, placed: readonly Placed[]): Promise<void> {
    await this.orders.insert(
      manager,
      placed.map((p) => p.order),
      placed.flatMap((p) => p.clocks),
    );
    await this.orders.appendEvents(
      manager,
      placed.map((p) => p.event),
    );
  }

  /**
   * The units' members (inbox), their subscribed handlers, and for a P1 order the duty phone, in
   * the same transaction.
   */
  private async notify(
    manager: EntityManager,
    placed: Placed[],
    report: ReportEntity,
    now: Date,
  ): Promise<void> {
    const dispatched = placed.map((p) => p.dispatched);
    await this.inbox.reached(
      manager,
      placed.map((p) => ({ order: p.order, signDueAt: p.dispatched.signDueAt })),
      now,
    );
    await this.newOrders.enqueue(manager, dispatched, now);
    await this.sms.dispatched(manager, dispatched, now, report);
  }

  /**
   * The order goes to another unit of its department (the callers check) as if newly dispatched: fresh clocks (returned, replacing all
   * of the old ones), nothing signed. The caller saves the order and the clocks.
   */
  async redispatch(
    manager: EntityManager,
    order: OrderEntity,
    unit: UnitRecord,
    now: Date,
  ): Promise<OrderClockEntity[]> {
    order.unitId = unit.id;
    order.unrouted = false;
    order.status = 'dispatched';
    order.dispatchedAt = now;
    order.signedAt = null;
    order.contactedAt = null;
    order.escalationLevel = 0;
    order.extensionPendingDays = null;
    order.returnDueAt = await this.calendar.returnDeadline(order.priority, now, manager);
    const clocks = await this.planner.dispatch(manager, order, order.priority, now);
    const sign = clocks.find((c) => c.clock === 'sign');
    const dispatched = [{ ...order, signDueAt: sign?.dueAt ?? now }];
    await this.inbox.reached(manager, [{ order, signDueAt: dispatched[0].signDueAt }], now);
    await this.newOrders.enqueue(manager, dispatched, now);
    await this.sms.dispatched(manager, dispatched, now);
    return clocks;
  }

  /**
   * An order raised to P1 (from P2 or P3; lowering sends nothing) alerts the unit's duty phone as a
   * P1 dispatch does, with the new sign deadline; only while the order waits to be signed, which
   * is what the text asks for. `clocks` are the order's, already moved to the new priority.
   */
  async raised(
    manager: EntityManager,
    order: OrderEntity,
    from: Priority,
    clocks: OrderClockEntity[],
    now: Date,
  ): Promise<void> {
    if (from === 'P1' || order.priority !== 'P1') return;
    const sign = clocks.find((c) => c.clock === 'sign' && !c.stoppedAt);
    if (!sign) return;
    await this.sms.dispatched(manager, [{ ...order, signDueAt: sign.dueAt }], now);
  }
}
