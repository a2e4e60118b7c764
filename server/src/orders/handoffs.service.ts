import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  doneAt,
  isAfterNow,
  handoffRefusal,
  handoffRefusalMessage,
  handoffTexts,
  handoverRefusal,
  handoverText,
  orderPlacement,
  refusalMessage,
  type GuardianshipHandover,
  type OrderActorCapacity,
  type OrderSummary,
  type ReceivingDepartment,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { Sealer } from '../crypto/sealer';
import { TransactionRunner } from '../database/transaction-runner';
import type { ReportEntity } from '../reports/report.entity';
import { ReportsRepository } from '../reports/reports.repository';
import { UnitsRepository } from '../units/units.repository';
import type { HandoffDto, HandoverDto } from './dto/handoff.dto';
import { GuardianshipHandoverEntity } from './handover.entity';
import { handoverView, type HandoverDetails } from './handover-views';
import { HandoversRepository } from './handovers.repository';
import { capacityFor } from './order-access';
import { OrderDispatcher } from './order-dispatcher';
import { orderEvent } from './order-events';
import { orderNotFound } from './order-not-found';
import { OrderSummaries } from './order-summaries';
import type { OrderEntity } from './order.entity';
import { OrdersRepository } from './orders.repository';

/** Administrators route the unassigned queue; bringing in a department is the case workers' call. */
export const ADMIN_HANDOFF_REFUSAL = '系统管理员只负责分派工单，转接请由承办单位或县联席办办理';

/** 书面交接 is the record of the unit that took the child in; others read it on the order. */
export const HANDOVER_HANDLER_ONLY =
  '书面交接由承办这个工单的民政部门办理人员记录，其他人可在工单上查看';

/**
 * 转接 and 书面交接 (domain.md, "Handoff"): a handler or coordinator brings another department in
 * with an assist order of its own, and civil affairs records the written handover of a child taken
 * into 临时监护. Each is one transaction with its timeline lines (the orders' and the child
 * file's), its audit row and, for a handoff, the new unit's messages.
 */
@Injectable()
export class HandoffsService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly reports: ReportsRepository,
    private readonly units: UnitsRepository,
    private readonly dispatcher: OrderDispatcher,
    private readonly handovers: HandoversRepository,
    private readonly summaries: OrderSummaries,
    private readonly sealer: Sealer,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Adds an assist order of `dto.department` for the order's report: routed like the report's own
   * orders, at the report's priority, with fresh clocks from now. Nothing is removed and the
   * reporter is not told (shared `reachesReporter`). 404 outside the caller's scope; 403 for an
   * administrator; 409 `HANDOFF_ROUTE_REFUSALS`.
   */
  handoff(actor: Actor, id: string, dto: HandoffDto): Promise<OrderSummary> {
    return this.summarized(async (manager, now) => {
      const { order, capacity } = await this.locked(manager, actor, id);
      if (capacity === 'admin') throw ApiException.forbidden(ADMIN_HANDOFF_REFUSAL);
      const report = await this.reports.lock(manager, order.reportId);
      if (!report) throw orderNotFound();
      const refusal = handoffRefusal(
        order,
        dto.department,
        await this.orders.ofReport(manager, order.reportId),
      );
      if (refusal) {
        throw new ApiException(
          HttpStatus.CONFLICT,
          refusal,
          handoffRefusalMessage(refusal, dto.department),
        );
      }
      const added = await this.bringIn(
        manager,
        { order, report },
        dto.department,
        dto.reason,
        { actor, capacity },
        now,
      );
      return added.order;
    });
  }

  /**
   * The handoff itself, in the caller's transaction, once the caller has checked it may be made
   * (`handoffRefusal`): the assist order (`OrderDispatcher.handOff`), both orders' timeline lines
   * naming `who` asked and why, and the audit row. `HandoffsService.handoff` uses it, and so does
   * 控辍保学 when a child's whereabouts become unknown (the keeper brings in the police from an
   * open order about the child).
   */
  async bringIn(
    manager: EntityManager,
    source: { order: OrderEntity; report: ReportEntity },
    department: ReceivingDepartment,
    reason: string,
    who: { actor: Actor; capacity: string },
    now: Date,
  ): Promise<{ order: OrderEntity; unitName: string | null }> {
    const { order, report } = source;
    const added = await this.dispatcher.handOff(manager, report, department, order, now);
    const texts = handoffTexts(
      {
        department: order.department,
        unitName: await this.unitName(manager, order.unitId),
        placement: orderPlacement(order),
      },
      { department, unitName: added.unitName, placement: orderPlacement(added.order) },
      reason,
    );
    const detail = { from: order.id, to: added.order.id, department };
    await this.orders.appendEvents(manager, [
      orderEvent(order.id, 'handoff', texts.source, now, who, { detail }),
      orderEvent(added.order.id, 'handed_off', texts.target, now, who, { detail }),
    ]);
    // The reason may name people; the audit row keeps only which orders and which department.
    await this.audit.record(manager, who.actor, {
      action: 'order.handoff',
      targetType: 'order',
      targetId: order.id,
      divisionCode: order.divisionCode,
      detail,
    });
    return added;
  }

  /**
   * Records the written handover on a civil affairs order its unit has signed. 404 outside the
   * caller's scope; 403 for anyone but the order's handler; 409 `HANDOVER_ROUTE_REFUSALS`; 400 on
   * `at` in the future or before the report's `discoveredAt`.
   */
  async handover(actor: Actor, id: string, dto: HandoverDto): Promise<GuardianshipHandover> {
    const now = this.clock.now();
    return this.transactions.run(async (manager) => {
      const { order, capacity } = await this.locked(manager, actor, id);
      if (capacity !== 'handler') throw ApiException.forbidden(HANDOVER_HANDLER_ONLY);
      const refusal = handoverRefusal(order);
      if (refusal) {
        const message =
          refusal === 'HANDOVER_NOT_CIVIL_AFFAIRS'
            ? handoffRefusalMessage(refusal)
            : refusalMessage(refusal);
        throw new ApiException(HttpStatus.CONFLICT, refusal, message);
      }
      const report = await this.reports.findById(manager, order.reportId);
      if (!report) throw orderNotFound();
      const given = new Date(dto.at);
      if (isAfterNow(given, now)) throw ApiException.validation({ at: '交接时间不能晚于现在' });
      const at = doneAt(given, now);
      // People write the time of a handover to the minute: the minute of discovery is not "before".
      if (at.getTime() < Math.floor(report.discoveredAt.getTime() / 60_000) * 60_000) {
        throw ApiException.validation({ at: '交接时间不能早于报告里发现情况的时间' });
      }
      const details: HandoverDetails = {
        handedOverBy: dto.handedOverBy,
        receivedBy: dto.receivedBy,
        placedAt: dto.placedAt,
      };
      const handover: GuardianshipHandoverEntity = {
        id: randomUUID(),
        orderId: order.id,
        reportId: order.reportId,
        unitId: order.unitId,
        handedOverAt: at,
        detailsSealed: this.sealer.seal(details),
        recordedBy: actor.user.id,
        recordedAt: now,
      };
      await this.handovers.insert(manager, handover);
      const text = handoverText(at);
      const detail = { handoverId: handover.id, at: at.toISOString() };
      await this.orders.appendEvents(manager, [
        orderEvent(order.id, 'handover', text, now, { actor, capacity }, { detail }),
      ]);
      await this.audit.record(manager, actor, {
        action: 'order.handover',
        targetType: 'order',
        targetId: order.id,
        divisionCode: order.divisionCode,
        detail,
      });
      return handoverView(handover, details, await this.unitName(manager, order.unitId));
    });
  }

  private async summarized(
    change: (manager: EntityManager, now: Date) => Promise<OrderEntity>,
  ): Promise<OrderSummary> {
    const now = this.clock.now();
    const saved = await this.transactions.run((manager) => change(manager, now));
    const [summary] = await this.summaries.of([saved], now);
    return summary;
  }

  private async locked(
    manager: EntityManager,
    actor: Actor,
    id: string,
  ): Promise<{ order: OrderEntity; capacity: OrderActorCapacity }> {
    const order = await this.orders.lock(manager, id);
    const capacity = order ? capacityFor(actor, order) : null;
    if (!order || !capacity) throw orderNotFound();
    return { order, capacity };
  }

  private async unitName(manager: EntityManager, unitId: string | null): Promise<string | null> {
    return unitId ? ((await this.units.findById(unitId, manager))?.name ?? null) : null;
  }
}
