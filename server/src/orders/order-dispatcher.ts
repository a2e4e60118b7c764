import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  DEPARTMENT_LABELS,
  longestPrefixUnit,
  type CreatedOrder,
  type Routing,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import type { ReportEntity } from '../reports/report.entity';
import type { UnitRecord } from '../units/unit';
import { UnitsRepository } from '../units/units.repository';
import { ClockPlanner, summarizeClocks } from './clock-planner';
import { orderEvent } from './order-events';
import type { OrderEntity } from './order.entity';
import { OrdersRepository } from './orders.repository';

/**
 * Turns a routed report into work orders in units: the unit of the department with the longest
 * matching division prefix; else the county's coordinator unit, marked unrouted; else no unit (the
 * admin queue). No report is dropped for lack of a route.
 */
@Injectable()
export class OrderDispatcher {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly units: UnitsRepository,
    private readonly planner: ClockPlanner,
    private readonly calendar: CalendarService,
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
        ? `派至${unit.name}`
        : assigned
          ? `本区划没有${DEPARTMENT_LABELS[routed.department]}单位，转${assigned.name}改派`
          : '本区划没有对应单位和联席办，进入管理员待办';
      const overrides = routing.overrides.map((o) => `${o.from}→${o.to}：${o.reason}`);
      await this.orders.appendEvents(manager, [
        orderEvent(
          order.id,
          'dispatched',
          `${routed.role === 'lead' ? '主办' : '协办'}，${where}。${[...routed.reasons, ...overrides].join('；')}`,
          now,
          null,
        ),
      ]);
      const sign = clocks.find((c) => c.clock === 'sign');
      const resolve = clocks.find((c) => c.clock === 'resolve');
      created.push({
        department: routed.department,
        role: routed.role,
        unitName: assigned?.name ?? '系统管理员',
        priority: routed.priority,
        signDueAt: (sign?.dueAt ?? now).toISOString(),
        resolveDueAt: (resolve?.dueAt ?? now).toISOString(),
      });
    }
    return created;
  }
}
