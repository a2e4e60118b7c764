import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  CLOCKS,
  DEPARTMENT_LABELS,
  OUTCOME_LABELS,
  PRIORITY_LABELS,
  chineseDateTime,
  extensionLabel,
  extensionOffer,
  extensionRequestProblem,
  refusalMessage,
  isOutcomeOf,
  transition,
  type ActionRequest,
  type ClockName,
  type OrderActorCapacity,
  type OrderDetail,
  type OrderSummary,
  type Page,
  type UnitChoice,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { DivisionsService } from '../divisions/divisions.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { ReportsRepository } from '../reports/reports.repository';
import type { UnitRecord } from '../units/unit';
import { UploadsService } from '../uploads/uploads.service';
import { UnitsRepository } from '../units/units.repository';
import { ClockPlanner, summarizeClocks } from './clock-planner';
import type {
  ContactDto,
  ExtensionDecisionDto,
  ExtensionDto,
  MoveDto,
  NoteDto,
  OrderListQueryDto,
  PriorityDto,
  ReasonDto,
  ResolveDto,
} from './dto/order-actions.dto';
import { capacityFor, listScope, mayMoveTo } from './order-access';
import { OrderDispatcher } from './order-dispatcher';
import { orderEvent } from './order-events';
import { toEventView, toOrderSummary } from './order-views';
import type { OrderClockEntity, OrderEntity, OrderEventEntity } from './order.entity';
import { OrdersRepository, type OrderFilter } from './orders.repository';
import { ReportDetailsBuilder } from './report-details';
import { ReportProgress } from './report-progress';

const notFound = () => ApiException.notFound('没有找到这个工单');

interface ActionContext {
  manager: EntityManager;
  actor: Actor;
  order: OrderEntity;
  clocks: OrderClockEntity[];
  /** Clocks to delete before saving (a fresh dispatch replaces them all). */
  replaced: ClockName[];
  capacity: OrderActorCapacity;
  now: Date;
  events: OrderEventEntity[];
  auditDetail: Record<string, unknown>;
}

@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly reports: ReportsRepository,
    private readonly units: UnitsRepository,
    private readonly divisions: DivisionsService,
    private readonly planner: ClockPlanner,
    private readonly dispatcher: OrderDispatcher,
    private readonly progress: ReportProgress,
    private readonly details: ReportDetailsBuilder,
    private readonly uploads: UploadsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: OrderListQueryDto): Promise<Page<OrderSummary>> {
    const now = this.clock.now();
    const filter: OrderFilter = {
      status: query.status,
      overdueBefore: query.overdue === 'true' ? now : undefined,
      unrouted: query.queue === 'unrouted' ? true : undefined,
      escalated: query.queue === 'escalated',
      extensionPending: query.queue === 'extension',
      lowRating: query.queue === 'low_rating',
      unitId: query.unitId,
    };
    const [rows, total] = await this.orders.page(
      listScope(actor),
      filter,
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    return { items: await this.summaries(rows, now), total };
  }

  /**
   * Units the caller may move this order to, always of the order's department (domain.md, Routing
   * 6): for its unit, the other units in the county (转办); for the coordinator, the units of their
   * divisions (改派).
   */
  async movableUnits(actor: Actor, id: string): Promise<UnitChoice[]> {
    const order = await this.orders.findById(id);
    const capacity = order ? capacityFor(actor, order) : null;
    if (!order || !capacity) throw notFound();
    return (await this.units.list())
      .filter((unit) => mayMoveTo(actor, capacity, order, unit))
      .map((unit) => ({ id: unit.id, name: unit.name, department: unit.department }))
      .sort((a, b) => a.department.localeCompare(b.department) || a.name.localeCompare(b.name));
  }

  async detail(actor: Actor, id: string): Promise<OrderDetail> {
    const order = await this.orders.findById(id);
    const capacity = order ? capacityFor(actor, order) : null;
    if (!order || !capacity) throw notFound();
    const report = await this.reports.findById(null, order.reportId);
    if (!report) throw notFound();
    await this.audit.recordRead(actor, {
      action: 'report.read_details',
      targetType: 'report',
      targetId: report.id,
      divisionCode: report.divisionCode,
      detail: { orderId: order.id, capacity },
    });
    const now = this.clock.now();
    const siblings = await this.orders.ofReport(null, order.reportId);
    const units = await this.unitNames();
    const [summary] = await this.summaries([order], now, units);
    const timeline = (await this.orders.events(order.id)).map(toEventView);
    const otherOrders = siblings
      .filter((o) => o.id !== order.id)
      .map((o) => ({
        department: o.department,
        role: o.role,
        status: o.status,
        unitName: o.unitId ? (units.get(o.unitId) ?? null) : null,
      }));
    if (capacity === 'admin') {
      return {
        order: summary,
        report: await this.details.routing(report),
        otherOrders,
        // What others wrote (notes, reasons, contacts) may name the child; the admin queue's own
        // history is the system's routing and the administrators' own moves.
        timeline: timeline.filter((e) => e.actorRole === null || e.actorRole === 'admin'),
      };
    }
    return {
      order: summary,
      report: await this.details.build(report, { capacity, department: order.department }),
      otherOrders,
      timeline,
    };
  }

  /**
   * One photo or video of the order's report, for viewing; every view is audited. An
   * administrator never sees one (it may show the child), even one who is also a handler.
   */
  async attachment(
    actor: Actor,
    id: string,
    uploadId: string,
  ): Promise<{ mime: string; bytes: Buffer }> {
    const order = await this.orders.findById(id);
    const capacity = order ? capacityFor(actor, order) : null;
    if (!order || !capacity || capacity === 'admin') throw notFound();
    const { upload, bytes } = await this.uploads.content(order.reportId, uploadId);
    await this.audit.recordRead(actor, {
      action: 'report.read_attachment',
      targetType: 'upload',
      targetId: upload.id,
      divisionCode: order.divisionCode,
      detail: { orderId: order.id, reportId: order.reportId },
    });
    return { mime: upload.mime, bytes };
  }

  sign(actor: Actor, id: string): Promise<OrderSummary> {
    return this.act(actor, id, { action: 'sign' }, async (ctx) => {
      ctx.order.signedAt = ctx.now;
      this.stop(ctx, 'sign');
      ctx.clocks.push(
        await this.planner.start(
          ctx.manager,
          ctx.order.id,
          'feedback',
          ctx.order.priority,
          ctx.now,
        ),
      );
      ctx.events.push(this.event(ctx, 'signed', '已签收，开始办理'));
      await this.progress.signed(ctx.manager, ctx.order, ctx.now);
    });
  }

  contact(actor: Actor, id: string, dto: ContactDto): Promise<OrderSummary> {
    return this.act(actor, id, { action: 'contact' }, async (ctx) => {
      const at = dto.at ? new Date(dto.at) : ctx.now;
      if (at > ctx.now || at < ctx.order.dispatchedAt) {
        throw ApiException.validation({ at: '接触时间应在派单之后、现在之前' });
      }
      ctx.order.contactedAt = at;
      this.stop(ctx, 'contact');
      const place =
        dto.latitude !== undefined && dto.longitude !== undefined
          ? { latitude: dto.latitude, longitude: dto.longitude }
          : {};
      ctx.events.push(
        this.event(
          ctx,
          'contacted',
          `已于${chineseDateTime(at)}接触儿童${dto.note ? `：${dto.note}` : ''}`,
          {
            detail: { at: at.toISOString(), ...place },
          },
        ),
      );
    });
  }

  note(actor: Actor, id: string, dto: NoteDto): Promise<OrderSummary> {
    return this.act(actor, id, { action: 'note' }, async (ctx) => {
      ctx.events.push(this.event(ctx, 'note', dto.text, { reporterVisible: dto.reporterVisible }));
      if (dto.reporterVisible) {
        this.stop(ctx, 'feedback');
        await this.progress.noteForReporter(ctx.manager, ctx.order, dto.text, ctx.now);
      }
    });
  }

  return(actor: Actor, id: string, dto: ReasonDto): Promise<OrderSummary> {
    return this.act(actor, id, { action: 'return' }, async (ctx) => {
      for (const clock of CLOCKS) this.stop(ctx, clock);
      ctx.events.push(this.event(ctx, 'returned', `已退单，原因：${dto.reason}`));
    });
  }

  transfer(actor: Actor, id: string, dto: MoveDto): Promise<OrderSummary> {
    return this.act(actor, id, { action: 'transfer' }, async (ctx) => {
      const target = await this.units.findById(dto.unitId, ctx.manager);
      if (!target || !mayMoveTo(actor, ctx.capacity, ctx.order, target)) {
        throw ApiException.validation({ unitId: '只能转给本县同一部门的其他单位' });
      }
      await this.redispatch(ctx, target);
      ctx.events.push(
        this.event(ctx, 'transferred', `已转办至${target.name}，原因：${dto.reason}`),
      );
    });
  }

  /**
   * 改派 moves the order to another unit of its own department (domain.md, Routing 6), so a
   * statutory report always keeps its police order; another department comes in by a handoff
   * (转接), which adds an order.
   * 400 `VALIDATION_FAILED` on `unitId` for a unit `mayMoveTo` refuses: another department, the
   * same unit, outside the report's county or the coordinator's divisions.
   */
  reassign(actor: Actor, id: string, dto: MoveDto): Promise<OrderSummary> {
    return this.act(actor, id, { action: 'reassign' }, async (ctx) => {
      const target = await this.units.findById(dto.unitId, ctx.manager);
      if (!target || !mayMoveTo(actor, ctx.capacity, ctx.order, target)) {
        const department = DEPARTMENT_LABELS[ctx.order.department];
        throw ApiException.validation({ unitId: `只能改派给本县${department}的其他单位` });
      }
      await this.redispatch(ctx, target);
      ctx.events.push(this.event(ctx, 'reassigned', `已改派至${target.name}，原因：${dto.reason}`));
    });
  }

  priority(actor: Actor, id: string, dto: PriorityDto): Promise<OrderSummary> {
    return this.act(actor, id, { action: 'priority', priority: dto.priority }, async (ctx) => {
      const from = ctx.order.priority;
      ctx.order.priority = dto.priority;
      await this.planner.reprioritize(ctx.manager, ctx.clocks, dto.priority);
      await this.dispatcher.raised(ctx.manager, ctx.order, from, ctx.clocks, ctx.now);
      ctx.auditDetail = { from, to: dto.priority, reason: dto.reason };
      ctx.events.push(
        this.event(
          ctx,
          'priority_changed',
          `优先级由${from}（${PRIORITY_LABELS[from]}）调整为${dto.priority}（${PRIORITY_LABELS[dto.priority]}），原因：${dto.reason}`,
          { detail: ctx.auditDetail },
        ),
      );
    });
  }

  /**
   * Asks for the extension the shared rule offers this order (`extensionOffer`): a police P1 order
   * the next 立案审查 step, without `workingDays`; any other order 1 to
   * `maxExtensionWorkingDays` working days. 400 on `workingDays` otherwise; 409 when the ladder
   * is used up. The pending request keeps its days, 0 for a ladder step.
   */
  extension(actor: Actor, id: string, dto: ExtensionDto): Promise<OrderSummary> {
    return this.act(
      actor,
      id,
      { action: 'extension', workingDays: dto.workingDays },
      async (ctx) => {
        const offer = extensionOffer(ctx.order);
        if (!offer) throw new Error('the state machine lets no extension through without an offer');
        const problem = extensionRequestProblem(offer, dto.workingDays);
        if (problem) throw ApiException.validation({ workingDays: problem });
        ctx.order.extensionPendingDays = offer.kind === 'case_review' ? 0 : (dto.workingDays ?? 0);
        ctx.events.push(
          this.event(
            ctx,
            'extension_requested',
            `申请延期（${extensionLabel(offer, dto.workingDays)}），原因：${dto.reason}`,
          ),
        );
      },
    );
  }

  /**
   * Approves or refuses the pending extension. Approval grants what was asked, if the order may
   * still have it: a priority change since the request may have changed the offer, and then the
   * approval is 409 (refusing is always possible, and the unit asks again).
   */
  decideExtension(actor: Actor, id: string, dto: ExtensionDecisionDto): Promise<OrderSummary> {
    return this.act(actor, id, { action: 'extension_decision' }, async (ctx) => {
      const days = ctx.order.extensionPendingDays ?? 0;
      const offer = extensionOffer(ctx.order);
      const stillOffered = offer !== null && (offer.kind === 'case_review' ? days === 0 : days > 0);
      if (dto.approve && !stillOffered) {
        throw new ApiException(
          HttpStatus.CONFLICT,
          'EXTENSION_NO_LONGER_OFFERED',
          refusalMessage('EXTENSION_NO_LONGER_OFFERED'),
        );
      }
      ctx.order.extensionPendingDays = null;
      const resolve = ctx.clocks.find((c) => c.clock === 'resolve' && !c.stoppedAt);
      if (dto.approve && offer && resolve) {
        await this.planner.extend(ctx.manager, resolve, offer, days, ctx.now);
        ctx.order.extensionsGranted += 1;
      }
      const moved = dto.approve && resolve ? `，办结期限延至${chineseDateTime(resolve.dueAt)}` : '';
      const verdict = dto.approve ? `同意延期${moved}` : '不同意延期';
      ctx.events.push(
        this.event(ctx, 'extension_decided', `${verdict}${dto.note ? `，意见：${dto.note}` : ''}`),
      );
    });
  }

  resolve(actor: Actor, id: string, dto: ResolveDto): Promise<OrderSummary> {
    return this.act(actor, id, { action: 'resolve' }, async (ctx) => {
      if (!isOutcomeOf(ctx.order.department, dto.outcome)) {
        throw ApiException.validation({
          outcome: `${DEPARTMENT_LABELS[ctx.order.department]}的办理结果不包括“${dto.outcome}”`,
        });
      }
      ctx.order.outcome = dto.outcome;
      ctx.order.reporterSummary = dto.reporterSummary;
      ctx.order.resolvedAt = ctx.now;
      for (const clock of CLOCKS) this.stop(ctx, clock);
      ctx.events.push(
        this.event(ctx, 'resolved', `已办结，办理结果：${OUTCOME_LABELS[dto.outcome]}`, {
          detail: { reporterSummary: dto.reporterSummary, detail: dto.detail },
        }),
      );
      await this.progress.resolved(ctx.manager, ctx.order, ctx.now);
    });
  }

  reopen(actor: Actor, id: string, dto: ReasonDto): Promise<OrderSummary> {
    return this.act(actor, id, { action: 'reopen' }, async (ctx) => {
      ctx.order.resolvedAt = null;
      ctx.replaced.push('resolve');
      ctx.clocks = ctx.clocks.filter((c) => c.clock !== 'resolve');
      ctx.clocks.push(
        await this.planner.start(ctx.manager, ctx.order.id, 'resolve', ctx.order.priority, ctx.now),
      );
      ctx.events.push(this.event(ctx, 'reopened', `要求重新办理，原因：${dto.reason}`));
      await this.progress.reopened(ctx.manager, ctx.order, ctx.now);
    });
  }

  /**
   * Loads and locks the order, checks scope (404) and the state machine (409), applies the
   * change, and saves it with its timeline events and audit row, all in one transaction.
   */
  private async act(
    actor: Actor,
    id: string,
    request: ActionRequest,
    apply: (ctx: ActionContext) => Promise<void>,
  ): Promise<OrderSummary> {
    const now = this.clock.now();
    const saved = await this.transactions.run(async (manager) => {
      const order = await this.orders.lock(manager, id);
      const capacity = order ? capacityFor(actor, order) : null;
      if (!order || !capacity) throw notFound();
      const verdict = transition(
        {
          department: order.department,
          status: order.status,
          priority: order.priority,
          contactedAt: order.contactedAt,
          extensionPending: order.extensionPendingDays !== null,
          extensionsGranted: order.extensionsGranted,
          returnDueAt: order.returnDueAt,
        },
        request,
        capacity,
        now,
      );
      if (!verdict.ok) {
        throw new ApiException(HttpStatus.CONFLICT, verdict.code, verdict.message);
      }
      const ctx: ActionContext = {
        manager,
        actor,
        order,
        clocks: await this.orders.clocks(manager, order.id),
        replaced: [],
        capacity,
        now,
        events: [],
        auditDetail: {},
      };
      order.status = verdict.status;
      const pendingExtension = order.extensionPendingDays;
      await apply(ctx);
      this.withdrawStaleExtension(ctx, pendingExtension);
      summarizeClocks(order, ctx.clocks);
      await this.orders.save(manager, order, ctx.clocks, ctx.replaced);
      await this.orders.appendEvents(manager, ctx.events);
      await this.audit.record(manager, actor, {
        action: `order.${request.action}`,
        targetType: 'order',
        targetId: order.id,
        divisionCode: order.divisionCode,
        detail: ctx.auditDetail,
      });
      return order;
    });
    const [summary] = await this.summaries([saved], now);
    return summary;
  }

  /**
   * An extension request asks for more time for the work in hand; once the order is resolved,
   * returned or moved (the move gives fresh clocks), nothing is left to extend. The request is
   * withdrawn and the timeline says so, so it never lingers on a closed order or in the
   * coordinator's 延期待审批 queue.
   */
  private withdrawStaleExtension(ctx: ActionContext, pendingDays: number | null): void {
    if (pendingDays === null || ctx.order.status === 'in_progress') return;
    ctx.order.extensionPendingDays = null;
    const why = {
      resolved: '工单已办结',
      returned: '工单已退单',
      dispatched: '工单已交给其他单位，期限重新计算',
    }[ctx.order.status];
    ctx.events.push(this.event(ctx, 'extension_withdrawn', `${why}，延期申请随之撤回。`));
  }

  /** The order goes to another unit as if newly dispatched; its clocks are all replaced. */
  private async redispatch(ctx: ActionContext, unit: UnitRecord): Promise<void> {
    ctx.replaced.push(...CLOCKS);
    ctx.clocks = await this.dispatcher.redispatch(ctx.manager, ctx.order, unit, ctx.now);
  }

  private stop(ctx: ActionContext, clock: ClockName): void {
    for (const c of ctx.clocks) {
      if (c.clock === clock && !c.stoppedAt) c.stoppedAt = ctx.now;
    }
  }

  private event(
    ctx: ActionContext,
    kind: string,
    text: string,
    options: { reporterVisible?: boolean; detail?: object } = {},
  ): OrderEventEntity {
    return orderEvent(
      ctx.order.id,
      kind,
      text,
      ctx.now,
      { actor: ctx.actor, capacity: ctx.capacity },
      options,
    );
  }

  private async unitNames(): Promise<Map<string, string>> {
    return new Map((await this.units.list()).map((u) => [u.id, u.name]));
  }

  private async summaries(
    orders: OrderEntity[],
    now: Date,
    knownUnits?: Map<string, string>,
  ): Promise<OrderSummary[]> {
    const units = knownUnits ?? (await this.unitNames());
    const [clocks, reports, places] = await Promise.all([
      this.orders.clocksOf(orders.map((o) => o.id)),
      this.reports.findByIds([...new Set(orders.map((o) => o.reportId))]),
      this.divisions.placeNames([...new Set(orders.map((o) => o.divisionCode))]),
    ]);
    const situations = new Map(reports.map((r) => [r.id, r.situations]));
    return orders.map((order) =>
      toOrderSummary(order, {
        unitName: order.unitId ? (units.get(order.unitId) ?? null) : null,
        situations: situations.get(order.reportId) ?? [],
        placeName: places.get(order.divisionCode) ?? '',
        clocks: clocks.filter((c) => c.orderId === order.id),
        now,
      }),
    );
  }
}
