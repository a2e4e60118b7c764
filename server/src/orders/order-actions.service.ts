import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  doneAt,
  isAfterNow,
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
  reachesReporter,
  transition,
  type ActionRequest,
  type ClockName,
  type OrderActorCapacity,
  type OrderSummary,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { IdempotencyService, type StoredResponse } from '../idempotency/idempotency.service';
import type { UnitRecord } from '../units/unit';
import { UnitsRepository } from '../units/units.repository';
import { ClockPlanner, summarizeClocks } from './clock-planner';
import type {
  ContactDto,
  ExtensionDecisionDto,
  ExtensionDto,
  MoveDto,
  NoteDto,
  PriorityDto,
  ReasonDto,
  ResolveDto,
} from './dto/order-actions.dto';
import { HANDED_OFF_NOTE_RULE, capacityFor, mayMoveTo } from './order-access';
import { OrderDispatcher } from './order-dispatcher';
import { OrderInbox } from './order-inbox';
import { orderEvent } from './order-events';
import { orderNotFound } from './order-not-found';
import { OrderSummaries } from './order-summaries';
import type {
  OrderClockEntity,
  OrderEntity,
  OrderEventEntity,
  RetiredClockEntity,
} from './order.entity';
import { OrdersRepository } from './orders.repository';
import { ReportProgress } from './report-progress';

/**
 * Who asks for an action on which order, with which body (`{}` for one that takes none), and the
 * Idempotency-Key the request came with, if any.
 */
interface ActionCall {
  actor: Actor;
  id: string;
  body: object;
  key: string | undefined;
}

/**
 * The order's summary as the action left it. Under an Idempotency-Key, `replayed` says it is the
 * stored answer of the first request with that key, and nothing was done again.
 */
export type ActionAnswer = StoredResponse<OrderSummary>;

interface ActionContext {
  manager: EntityManager;
  actor: Actor;
  order: OrderEntity;
  clocks: OrderClockEntity[];
  /** Clocks read with the order to delete before saving (a fresh dispatch replaces them all). */
  replaced: OrderClockEntity[];
  /** The replaced clocks as their unit held them, kept for the accountability figures. */
  retired: RetiredClockEntity[];
  capacity: OrderActorCapacity;
  now: Date;
  events: OrderEventEntity[];
  auditDetail: Record<string, unknown>;
}

/**
 * What staff do to an order (签收, 接触, 备注, 退单, 转办, 改派, 调整优先级, 延期, 办结, 重办): each
 * a transition the shared state machine allows, applied in one transaction with its clocks, its
 * timeline, the report's milestones it brings (`ReportProgress`), the staff it concerns told in
 * their inbox (`OrderInbox`) and an audit row. Each answers
 * the order's summary as it now is.
 *
 * Each takes an optional Idempotency-Key: a phone that sends an action again after the network
 * came back (its first answer lost) gets the first answer, not a 409 for a state the first
 * request already reached. Only a success is stored: a refused action is refused again.
 */
@Injectable()
export class OrderActionsService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly units: UnitsRepository,
    private readonly planner: ClockPlanner,
    private readonly dispatcher: OrderDispatcher,
    private readonly progress: ReportProgress,
    private readonly inbox: OrderInbox,
    private readonly summaries: OrderSummaries,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly idempotency: IdempotencyService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  sign(actor: Actor, id: string, key?: string): Promise<ActionAnswer> {
    const call = { actor, id, body: {}, key };
    return this.act(call, { action: 'sign' }, async (ctx) => {
      ctx.order.signedAt = ctx.now;
      this.stop(ctx, 'sign');
      // The feedback clock times the reporter's first news; a handed-off order gives them none.
      if (reachesReporter(ctx.order)) {
        ctx.clocks.push(
          await this.planner.start(ctx.manager, ctx.order, 'feedback', ctx.order.priority, ctx.now),
        );
      }
      ctx.events.push(this.event(ctx, 'signed', '已签收，开始办理'));
      await this.progress.signed(ctx.manager, ctx.order, ctx.now);
    });
  }

  contact(actor: Actor, id: string, dto: ContactDto, key?: string): Promise<ActionAnswer> {
    const call = { actor, id, body: dto, key };
    return this.act(call, { action: 'contact' }, async (ctx) => {
      const given = dto.at ? new Date(dto.at) : ctx.now;
      if (isAfterNow(given, ctx.now) || given < ctx.order.dispatchedAt) {
        throw ApiException.validation({ at: '接触时间应在派单之后、现在之前' });
      }
      const at = doneAt(given, ctx.now);
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

  /** 400 on `reporterVisible` for a note meant for the reporter on a handed-off order. */
  note(actor: Actor, id: string, dto: NoteDto, key?: string): Promise<ActionAnswer> {
    const call = { actor, id, body: dto, key };
    return this.act(call, { action: 'note' }, async (ctx) => {
      if (dto.reporterVisible && !reachesReporter(ctx.order)) {
        throw ApiException.validation({ reporterVisible: HANDED_OFF_NOTE_RULE });
      }
      ctx.events.push(this.event(ctx, 'note', dto.text, { reporterVisible: dto.reporterVisible }));
      if (dto.reporterVisible) {
        this.stop(ctx, 'feedback');
        await this.progress.noteForReporter(ctx.manager, ctx.order, dto.text, ctx.now);
      }
    });
  }

  return(actor: Actor, id: string, dto: ReasonDto, key?: string): Promise<ActionAnswer> {
    const call = { actor, id, body: dto, key };
    return this.act(call, { action: 'return' }, async (ctx) => {
      // A return ends the unit's clocks without the deed: counted as interrupted, not as kept.
      for (const c of ctx.clocks) if (!c.stoppedAt) c.interrupted = true;
      for (const clock of CLOCKS) this.stop(ctx, clock);
      ctx.events.push(this.event(ctx, 'returned', `已退单，原因：${dto.reason}`));
      await this.inbox.returned(ctx.manager, ctx.order, ctx.now);
    });
  }

  transfer(actor: Actor, id: string, dto: MoveDto, key?: string): Promise<ActionAnswer> {
    const call = { actor, id, body: dto, key };
    return this.act(call, { action: 'transfer' }, async (ctx) => {
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
  reassign(actor: Actor, id: string, dto: MoveDto, key?: string): Promise<ActionAnswer> {
    const call = { actor, id, body: dto, key };
    return this.act(call, { action: 'reassign' }, async (ctx) => {
      const target = await this.units.findById(dto.unitId, ctx.manager);
      if (!target || !mayMoveTo(actor, ctx.capacity, ctx.order, target)) {
        const department = DEPARTMENT_LABELS[ctx.order.department];
        throw ApiException.validation({ unitId: `只能改派给本县${department}的其他单位` });
      }
      await this.redispatch(ctx, target);
      ctx.events.push(this.event(ctx, 'reassigned', `已改派至${target.name}，原因：${dto.reason}`));
    });
  }

  priority(actor: Actor, id: string, dto: PriorityDto, key?: string): Promise<ActionAnswer> {
    const call = { actor, id, body: dto, key };
    return this.act(call, { action: 'priority', priority: dto.priority }, async (ctx) => {
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
  extension(actor: Actor, id: string, dto: ExtensionDto, key?: string): Promise<ActionAnswer> {
    const call = { actor, id, body: dto, key };
    return this.act(call, { action: 'extension', workingDays: dto.workingDays }, async (ctx) => {
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
      await this.inbox.extensionRequested(ctx.manager, ctx.order, ctx.now);
    });
  }

  /**
   * Approves or refuses the pending extension. Approval grants what was asked, if the order may
   * still have it: a priority change since the request may have changed the offer, and then the
   * approval is 409 (refusing is always possible, and the unit asks again).
   */
  decideExtension(
    actor: Actor,
    id: string,
    dto: ExtensionDecisionDto,
    key?: string,
  ): Promise<ActionAnswer> {
    const call = { actor, id, body: dto, key };
    return this.act(call, { action: 'extension_decision' }, async (ctx) => {
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
      await this.inbox.extensionDecided(
        ctx.manager,
        ctx.order,
        { approved: dto.approve, resolveDueAt: resolve?.dueAt ?? null },
        ctx.now,
      );
    });
  }

  resolve(actor: Actor, id: string, dto: ResolveDto, key?: string): Promise<ActionAnswer> {
    const call = { actor, id, body: dto, key };
    return this.act(call, { action: 'resolve' }, async (ctx) => {
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

  reopen(actor: Actor, id: string, dto: ReasonDto, key?: string): Promise<ActionAnswer> {
    const call = { actor, id, body: dto, key };
    return this.act(call, { action: 'reopen' }, async (ctx) => {
      ctx.order.resolvedAt = null;
      this.retire(ctx, ['resolve']);
      ctx.clocks = ctx.clocks.filter((c) => c.clock !== 'resolve');
      ctx.clocks.push(
        await this.planner.start(ctx.manager, ctx.order, 'resolve', ctx.order.priority, ctx.now),
      );
      ctx.events.push(this.event(ctx, 'reopened', `要求重新办理，原因：${dto.reason}`));
      await this.progress.reopened(ctx.manager, ctx.order, ctx.now);
    });
  }

  /**
   * Runs the action in one transaction: without a key on its own, with one inside
   * `IdempotencyService.once`, so the key, the change and the stored answer commit together. The
   * request hash covers the action, the order and the body: the same key on another order or
   * with another body is 409 `IDEMPOTENCY_CONFLICT`.
   */
  private async act(
    call: ActionCall,
    request: ActionRequest,
    apply: (ctx: ActionContext) => Promise<void>,
  ): Promise<ActionAnswer> {
    const now = this.clock.now();
    const work = (manager: EntityManager) =>
      this.applyIn(manager, call.actor, call.id, request, apply, now);
    if (call.key === undefined) {
      return { status: HttpStatus.OK, body: await this.transactions.run(work), replayed: false };
    }
    const hashed = { action: request.action, orderId: call.id, body: call.body };
    return this.idempotency.once(call.key, call.actor.user.id, hashed, HttpStatus.OK, work);
  }

  /**
   * Loads and locks the order, checks scope (404) and the state machine (409), applies the
   * change, and saves it with its timeline events and audit row, in the caller's transaction.
   * Answers the order's summary read in that transaction.
   */
  private async applyIn(
    manager: EntityManager,
    actor: Actor,
    id: string,
    request: ActionRequest,
    apply: (ctx: ActionContext) => Promise<void>,
    now: Date,
  ): Promise<OrderSummary> {
    const order = await this.orders.lock(manager, id);
    const capacity = order ? capacityFor(actor, order) : null;
    if (!order || !capacity) throw orderNotFound();
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
      retired: [],
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
    await this.orders.save(manager, order, ctx.clocks, ctx.replaced, ctx.retired);
    await this.orders.appendEvents(manager, ctx.events);
    await this.audit.record(manager, actor, {
      action: `order.${request.action}`,
      targetType: 'order',
      targetId: order.id,
      divisionCode: order.divisionCode,
      detail: ctx.auditDetail,
    });
    const [summary] = await this.summaries.of([order], now, { manager });
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
    this.retire(ctx, CLOCKS);
    ctx.clocks = await this.dispatcher.redispatch(ctx.manager, ctx.order, unit, ctx.now);
  }

  /**
   * Marks the named clocks for replacement and keeps them, with the unit holding the order now,
   * for the figures: one still running is interrupted by the replacement (stopped now).
   */
  private retire(ctx: ActionContext, names: readonly ClockName[]): void {
    const replaced = ctx.clocks.filter((clock) => names.includes(clock.clock));
    ctx.replaced.push(...replaced);
    for (const c of replaced) {
      ctx.retired.push({
        id: randomUUID(),
        orderId: c.orderId,
        clock: c.clock,
        unitId: ctx.order.unitId,
        divisionCode: ctx.order.divisionCode,
        startedAt: c.startedAt,
        dueAt: c.dueAt,
        stage: c.stage,
        stoppedAt: c.stoppedAt ?? ctx.now,
        interrupted: c.interrupted || !c.stoppedAt,
      });
    }
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
}
