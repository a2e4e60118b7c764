import type { ClockName } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { CalendarService } from '../calendar/calendar.service';
import { refusal } from '../../test/setup/refusal';
import type { TransactionRunner } from '../database/transaction-runner';
import type { IdempotencyService } from '../idempotency/idempotency.service';
import type { NewOrderOutbox } from '../notifications/new-order-outbox';
import type { SmsOutbox } from '../sms/sms-outbox';
import type { UnitsRepository } from '../units/units.repository';
import { AT, anActor, anOrderEntity, aReportEntity } from '../../test/factories/entity.factory';
import { InMemoryOrders } from '../../test/fakes/in-memory-orders';
import { orderSummariesOver } from '../../test/fakes/order-summaries';
import { workingDayCalendar } from '../../test/fakes/working-day-calendar';
import { ClockPlanner } from './clock-planner';
import { OrderActionsService } from './order-actions.service';
import { OrderDispatcher } from './order-dispatcher';
import type { OrderInbox } from './order-inbox';
import type { OrderClockEntity, OrderEntity } from './order.entity';
import type { OrdersRepository } from './orders.repository';
import type { ReportProgress } from './report-progress';
import {
  COORDINATOR,
  EDUCATION,
  OTHER_TOWNSHIP,
  TOWNSHIP,
} from '../../test/factories/county-units';

const NOW = new Date(AT.getTime() + 3600_000);
const manager = InMemoryOrders.manager;
const calendar = workingDayCalendar as CalendarService;

const UNITS = [TOWNSHIP, OTHER_TOWNSHIP, EDUCATION, COORDINATOR];

const handler = anActor(['reporter', 'handler'], TOWNSHIP, 'user-handler');
const otherHandler = anActor(['reporter', 'handler'], OTHER_TOWNSHIP, 'user-other');
const coordinator = anActor(['reporter', 'coordinator'], COORDINATOR, 'user-coordinator');

function runningClocks(order: OrderEntity, names: readonly ClockName[]): OrderClockEntity[] {
  return names.map((clock) => ({
    orderId: order.id,
    clock,
    startedAt: AT,
    dueAt: new Date(AT.getTime() + 48 * 3600_000),
    stage: 'running',
    stoppedAt: null,
    interrupted: false,
    unitId: order.unitId,
    divisionCode: order.divisionCode,
  }));
}

/** An order of TOWNSHIP's, as `overrides` say, with these clocks running. */
function setUp(
  overrides: Parameters<typeof anOrderEntity>[0] = {},
  clocks: readonly ClockName[] = ['sign', 'contact', 'resolve'],
) {
  const order = anOrderEntity(overrides);
  const orders = new InMemoryOrders([order], runningClocks(order, clocks));
  const progress = {
    signed: jest.fn(async () => undefined),
    noteForReporter: jest.fn(async () => undefined),
    resolved: jest.fn(async () => undefined),
    reopened: jest.fn(async () => undefined),
  };
  const newOrders = { enqueue: jest.fn(async () => undefined) };
  const sms = { dispatched: jest.fn(async () => undefined) };
  const inbox = {
    reached: jest.fn(async () => undefined),
    returned: jest.fn(async () => undefined),
    extensionRequested: jest.fn(async () => undefined),
    extensionDecided: jest.fn(async () => undefined),
  };
  const audit = { record: jest.fn(async () => undefined) };
  const units = {
    list: async () => UNITS,
    findById: async (id: string) => UNITS.find((u) => u.id === id) ?? null,
  } as unknown as UnitsRepository;
  const idempotency = {
    once: jest.fn(
      async <T>(
        _key: string,
        _userId: string,
        _body: unknown,
        status: number,
        work: (m: EntityManager) => Promise<T>,
      ) => ({ status, body: await work(manager), replayed: false }),
    ),
  };
  const planner = new ClockPlanner(calendar);
  const sut = new OrderActionsService(
    orders as unknown as OrdersRepository,
    units,
    planner,
    new OrderDispatcher(
      orders as unknown as OrdersRepository,
      units,
      planner,
      calendar,
      newOrders as unknown as NewOrderOutbox,
      sms as unknown as SmsOutbox,
      inbox as unknown as OrderInbox,
    ),
    progress as unknown as ReportProgress,
    inbox as unknown as OrderInbox,
    orderSummariesOver(orders, [aReportEntity()], UNITS),
    audit as unknown as AuditService,
    {
      run: <T>(work: (m: EntityManager) => Promise<T>) => work(manager),
    } as unknown as TransactionRunner,
    idempotency as unknown as IdempotencyService,
    { now: () => NOW },
  );
  const stored = () => orders.orders.get(order.id);
  const clocksOf = () => orders.clockRows.filter((c) => c.orderId === order.id);
  const kinds = () => orders.eventRows.map((e) => e.kind);
  return {
    sut,
    order,
    orders,
    progress,
    newOrders,
    sms,
    inbox,
    audit,
    idempotency,
    stored,
    clocksOf,
    kinds,
  };
}

describe(OrderActionsService.name, () => {
  it('answers 404 for an order outside the caller’s scope, and changes nothing', async () => {
    const { sut, order, stored, audit, kinds } = setUp();

    expect(await refusal(sut.sign(otherHandler, order.id))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(await refusal(sut.sign(handler, 'no-such-order'))).toMatchObject({ status: 404 });
    expect(stored()).toEqual(order);
    expect(kinds()).toEqual([]);
    expect(audit.record).not.toHaveBeenCalled();
  });

  it.each([
    ['resolving an unsigned order', { status: 'dispatched' }, 'SIGN_FIRST'],
    ['signing a resolved order', { status: 'resolved' }, 'WRONG_STATE'],
  ] as const)('answers 409 with the state machine’s refusal for %s', async (_, state, code) => {
    const { sut, order, stored, kinds } = setUp(state);
    const act =
      state.status === 'resolved'
        ? sut.sign(handler, order.id)
        : sut.resolve(handler, order.id, {
            outcome: 'home_visit_done',
            reporterSummary: '已家访。',
            detail: '家访记录',
          });

    expect(await refusal(act)).toMatchObject({ status: 409, code });
    expect(stored()).toEqual(order);
    expect(kinds()).toEqual([]);
  });

  it('signs: stops the sign clock, starts feedback, accepts the report and audits', async () => {
    const { sut, order, stored, clocksOf, progress, audit, orders } = setUp();

    const { body: summary } = await sut.sign(handler, order.id);

    expect(summary).toMatchObject({ id: order.id, status: 'in_progress', unitName: TOWNSHIP.name });
    expect(stored()).toMatchObject({ status: 'in_progress', signedAt: NOW });
    expect(Object.fromEntries(clocksOf().map((c) => [c.clock, c.stoppedAt]))).toEqual({
      sign: NOW,
      contact: null,
      feedback: null,
      resolve: null,
    });
    expect(progress.signed).toHaveBeenCalledWith(manager, stored(), NOW);
    expect(orders.eventRows).toMatchObject([{ kind: 'signed', actorRole: 'handler' }]);
    expect(audit.record).toHaveBeenCalledWith(manager, handler, {
      action: 'order.sign',
      targetType: 'order',
      targetId: order.id,
      divisionCode: order.divisionCode,
      detail: {},
    });
  });

  it('runs an action without an Idempotency-Key in a transaction of its own', async () => {
    const { sut, order, idempotency } = setUp();

    expect(await sut.sign(handler, order.id)).toMatchObject({ status: 200, replayed: false });
    expect(idempotency.once).not.toHaveBeenCalled();
  });

  it('runs an action with an Idempotency-Key inside its transaction, hashing action, order and body', async () => {
    const { sut, order, idempotency, kinds } = setUp({ status: 'in_progress' });
    const dto = { text: '已电话联系监护人。', reporterVisible: false };

    const answer = await sut.note(handler, order.id, dto, 'phone-key-0001');

    expect(answer.body).toMatchObject({ id: order.id, status: 'in_progress' });
    expect(idempotency.once).toHaveBeenCalledWith(
      'phone-key-0001',
      handler.user.id,
      { action: 'note', orderId: order.id, body: dto },
      200,
      expect.any(Function),
    );
    expect(kinds()).toEqual(['note']);
  });

  it.each([
    [
      'a note for the reporter stops the feedback clock and reaches their timeline',
      true,
      ['feedback'],
    ],
    ['a note for staff only does neither', false, []],
  ])('%s', async (_, reporterVisible, stopped) => {
    const { sut, order, clocksOf, progress } = setUp({ status: 'in_progress' }, [
      'contact',
      'feedback',
      'resolve',
    ]);

    await sut.note(handler, order.id, { text: '已电话联系监护人。', reporterVisible });

    expect(clocksOf().flatMap((c) => (c.stoppedAt ? [c.clock] : []))).toEqual(stopped);
    expect(progress.noteForReporter.mock.calls.length).toBe(reporterVisible ? 1 : 0);
  });

  it('refuses a transfer to another department’s unit with 400 on unitId', async () => {
    const { sut, order, stored } = setUp();

    const refused = await refusal(
      sut.transfer(handler, order.id, { unitId: EDUCATION.id, reason: '不属于本镇' }),
    );

    expect(refused).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(refused.errors).toHaveProperty('unitId');
    expect(stored()).toEqual(order);
  });

  it('transfers to another unit of the department as a fresh dispatch and tells that unit', async () => {
    const { sut, order, stored, clocksOf, newOrders, kinds } = setUp({ status: 'in_progress' }, [
      'contact',
      'feedback',
      'resolve',
    ]);

    await sut.transfer(handler, order.id, { unitId: OTHER_TOWNSHIP.id, reason: '孩子住在大庄镇' });

    expect(stored()).toMatchObject({ unitId: OTHER_TOWNSHIP.id, status: 'dispatched' });
    expect(clocksOf().map((c) => [c.clock, c.startedAt, c.stoppedAt, c.unitId])).toEqual([
      ['sign', NOW, null, OTHER_TOWNSHIP.id],
      ['contact', NOW, null, OTHER_TOWNSHIP.id],
      ['resolve', NOW, null, OTHER_TOWNSHIP.id],
    ]);
    expect(newOrders.enqueue).toHaveBeenCalledTimes(1);
    expect(kinds()).toEqual(['transferred']);
  });

  it('refuses an outcome of another department with 400 on outcome', async () => {
    const { sut, order } = setUp({ status: 'in_progress' });

    const refused = await refusal(
      sut.resolve(handler, order.id, {
        outcome: 'case_filed',
        reporterSummary: '已立案。',
        detail: '立案',
      }),
    );

    expect(refused).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(refused.errors).toHaveProperty('outcome');
  });

  it('resolves: stops every clock, withdraws a pending extension and moves the report on', async () => {
    const { sut, order, stored, clocksOf, progress, kinds } = setUp(
      { status: 'in_progress', extensionPendingDays: 3 },
      ['contact', 'feedback', 'resolve'],
    );

    await sut.resolve(handler, order.id, {
      outcome: 'returned_to_school',
      reporterSummary: '孩子已回校。',
      detail: '已劝返',
    });

    expect(stored()).toMatchObject({
      status: 'resolved',
      outcome: 'returned_to_school',
      reporterSummary: '孩子已回校。',
      resolvedAt: NOW,
      extensionPendingDays: null,
    });
    expect(Object.fromEntries(clocksOf().map((c) => [c.clock, c.stoppedAt]))).toEqual({
      contact: NOW,
      feedback: NOW,
      resolve: NOW,
    });
    expect(kinds()).toEqual(['resolved', 'extension_withdrawn']);
    expect(progress.resolved).toHaveBeenCalledWith(manager, stored(), NOW);
  });

  it('refuses to approve an extension the order is no longer offered (409)', async () => {
    // Days 0 ask for a police 立案审查 step; a township order is offered working days instead.
    const { sut, order, stored, inbox } = setUp({
      status: 'in_progress',
      extensionPendingDays: 0,
    });

    expect(
      await refusal(sut.decideExtension(coordinator, order.id, { approve: true })),
    ).toMatchObject({ status: 409, code: 'EXTENSION_NO_LONGER_OFFERED' });
    expect(stored()).toEqual(order);
    expect(inbox.extensionDecided).not.toHaveBeenCalled();
  });

  it('tells the order’s unit of an approved extension with the resolve deadline it moved to', async () => {
    const { sut, order, stored, clocksOf, inbox } = setUp({
      status: 'in_progress',
      extensionPendingDays: 2,
    });

    await sut.decideExtension(coordinator, order.id, { approve: true });

    const resolve = clocksOf().find((c) => c.clock === 'resolve');
    expect(resolve?.dueAt).toEqual(
      await calendar.workingDaysAfter(new Date(AT.getTime() + 48 * 3600_000), 2),
    );
    expect(inbox.extensionDecided).toHaveBeenCalledWith(
      manager,
      stored(),
      { approved: true, resolveDueAt: resolve?.dueAt },
      NOW,
    );
  });

  it.each([
    ['a return', 'return', 'returned'],
    ['an extension request', 'extension', 'extensionRequested'],
  ] as const)('tells the county coordinator of %s', async (_, action, told) => {
    const { sut, order, stored, inbox } = setUp({ status: 'in_progress' });

    if (action === 'return') await sut.return(handler, order.id, { reason: '不属于本单位' });
    else await sut.extension(handler, order.id, { workingDays: 2, reason: '需要多次家访' });

    expect(inbox[told]).toHaveBeenCalledWith(manager, stored(), NOW);
  });

  it('raising an unsigned order to P1 moves its deadlines and texts the unit’s duty phone', async () => {
    const { sut, order, clocksOf, sms, audit } = setUp();

    await sut.priority(coordinator, order.id, { priority: 'P1', reason: '孩子独自在家' });

    const sign = clocksOf().find((c) => c.clock === 'sign');
    expect(sign?.dueAt).toEqual(await calendar.clockDeadline('sign', 'P1', AT));
    expect(sms.dispatched).toHaveBeenCalledWith(
      manager,
      [expect.objectContaining({ id: order.id, priority: 'P1', signDueAt: sign?.dueAt })],
      NOW,
    );
    expect(audit.record).toHaveBeenCalledWith(
      manager,
      coordinator,
      expect.objectContaining({
        action: 'order.priority',
        detail: { from: 'P2', to: 'P1', reason: '孩子独自在家' },
      }),
    );
  });
});
