import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  DEPARTMENT_LABELS,
  longestPrefixUnit,
  orderPlacement,
  type CreatedOrder,
  type Priority,
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
import type { OrderClockEntity, OrderEntity } from './order.entity';
import { OrdersRepository } from './orders.repository';

/**
 * Every way an order reaches a unit goes through here: a routed report becomes work orders, and
 * a transfer or reassignment sends one to another unit. Each tells the unit's subscribed handlers,
 * and for a P1 order its duty phone by SMS, in the same transaction.
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
  ) {}

  async dispatch(
    manager: EntityManager,
    report: ReportEntity,
    routing: Routing,
    now: Date,
  ): Promise<CreatedOrder[]> {
    const units = await this.units.list(manager);
    const coordinator = longestPrefixUnit(
      report.divisionCode,
      units.filter((u) => u.department === 'coordinator'),
    );
    const created: CreatedOrder[] = [];
    const dispatched: DispatchedOrder[] = [];
    for (const routed of routing.orders) {
      const unit = longestPrefixUnit(
        report.divisionCode,
        units.filter((u) => u.department === routed.department),
      );
      const assigned: UnitRecord | null = unit ?? coordinator;
      const order: OrderEntity = {
        id: randomUUID(),
        reportId: report.id,
        department: routed.department,
        role: routed.role,
        unitId: assigned?.id ?? null,
        unrouted: unit === null,
        status: 'dispatched',
        priority: routed.priority,
        initialPriority: routing.initialPriority,
        divisionCode: report.divisionCode,
        dispatchedAt: now,
        signedAt: null,
        contactedAt: null,
        resolvedAt: null,
        returnDueAt: await this.calendar.returnDeadline(routed.priority, now, manager),
        outcome: null,
        reporterSummary: null,
        extensionPendingDays: null,
        extensionsGranted: 0,
        escalationLevel: 0,
        dueAt: null,
        nextDueAt: null,
        createdAt: now,
      };
      const clocks = await this.planner.dispatch(manager, order.id, order.priority, now);
      summarizeClocks(order, clocks);
      await this.orders.insert(manager, order, clocks);

      const where = unit
        ? `已派至${unit.name}`
        : assigned
          ? `本区划没有${DEPARTMENT_LABELS[routed.department]}单位，已转${assigned.name}改派`
          : '本区划没有对应单位和联席办，已转系统管理员分派';
      const overrides = routing.overrides.map(
        (o) => `优先级由${o.from}提升为${o.to}（${o.reason}）`,
      );
      await this.orders.appendEvents(manager, [
        orderEvent(
          order.id,
          'dispatched',
          `${routed.role === 'lead' ? '由本部门主办' : '本部门协助办理'}，${where}。${[...routed.reasons, ...overrides].join('；')}`,
          now,
          null,
        ),
      ]);
      const sign = clocks.find((c) => c.clock === 'sign');
      const resolve = clocks.find((c) => c.clock === 'resolve');
      dispatched.push({ ...order, signDueAt: sign?.dueAt ?? now });
      created.push({
        department: routed.department,
        role: routed.role,
        unitName: assigned?.name ?? '系统管理员',
        placement: orderPlacement(order),
        priority: routed.priority,
        signDueAt: (sign?.dueAt ?? now).toISOString(),
        resolveDueAt: (resolve?.dueAt ?? now).toISOString(),
      });
    }
    await this.newOrders.enqueue(manager, dispatched, now);
    await this.sms.dispatched(manager, dispatched, now);
    return created;
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
    const clocks = await this.planner.dispatch(manager, order.id, order.priority, now);
    const sign = clocks.find((c) => c.clock === 'sign');
    const dispatched = [{ ...order, signDueAt: sign?.dueAt ?? now }];
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
