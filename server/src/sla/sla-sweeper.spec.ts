import type { ClockName, ClockStage } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import type { TransactionRunner } from '../database/transaction-runner';
import type { OrderClockEntity, OrderEntity, OrderEventEntity } from '../orders/order.entity';
import type { OrderInbox } from '../orders/order-inbox';
import type { OrdersRepository } from '../orders/orders.repository';
import type { SmsOutbox } from '../sms/sms-outbox';
import type { UnitRecord } from '../units/unit';
import type { UnitsRepository } from '../units/units.repository';
import { createLogger } from '../logging/logger';
import { SlaSweeper } from './sla-sweeper';
import type { VisitDueSweep, VisitSweepResult } from './visit-due-sweep';

const START = new Date('2026-12-01T08:00:00+08:00');
const HOUR = 3600_000;
const manager = {} as EntityManager;
const NO_VISITS: VisitSweepResult = { planned: 0, dues: 0, events: 0 };

function aUnit(overrides: Partial<UnitRecord> & Pick<UnitRecord, 'id'>): UnitRecord {
  return {
    name: overrides.id,
    department: 'township',
    parentId: null,
    divisionPrefixes: [],
    dutyPhone: null,
    createdAt: START,
    ...overrides,
  };
}

const CITY = aUnit({
  id: 'city',
  name: '宿州市联席办',
  department: 'coordinator',
  divisionPrefixes: ['3413'],
});
const COUNTY = aUnit({
  id: 'county',
  name: '泗县联席办',
  department: 'coordinator',
  parentId: 'city',
  divisionPrefixes: ['341324'],
});
const TOWN = aUnit({ id: 'town', name: '泗城镇', divisionPrefixes: ['341324100'] });

function anOrder(id: string, escalationLevel = 0): OrderEntity {
  return {
    id,
    unitId: TOWN.id,
    divisionCode: '341324100201',
    escalationLevel,
    dueAt: null,
    nextDueAt: START,
  } as OrderEntity;
}

/** A clock of 10 hours from START. */
function aClock(
  orderId: string,
  clock: ClockName,
  stage: ClockStage = 'running',
): OrderClockEntity {
  return {
    orderId,
    clock,
    startedAt: START,
    dueAt: new Date(START.getTime() + 10 * HOUR),
    stage,
    stoppedAt: null,
    interrupted: false,
    unitId: null,
    divisionCode: '341324100201',
  };
}

/** The sweeper over in-memory orders, their clocks and the units, at `now`. */
function setUp(
  now: Date,
  due: OrderEntity[][],
  clocksOf: Record<string, OrderClockEntity[]>,
  units = [CITY, COUNTY, TOWN],
) {
  const batches = [...due];
  const events: OrderEventEntity[] = [];
  const orders = {
    lockDue: jest.fn(async () => batches.shift() ?? []),
    clocksOf: jest.fn(async (orderIds: string[]) => orderIds.flatMap((id) => clocksOf[id])),
    saveSwept: jest.fn(async () => undefined),
    appendEvents: jest.fn(async (_: EntityManager, appended: OrderEventEntity[]) => {
      events.push(...appended);
    }),
  };
  const audit = {
    record: jest.fn<Promise<void>, Parameters<AuditService['record']>>(async () => undefined),
  };
  const sms = { escalated: jest.fn(async () => undefined) };
  const inbox = { stagesReached: jest.fn(async () => undefined) };
  const visits = {
    sweep: jest.fn(async (): Promise<VisitSweepResult> => ({ planned: 0, dues: 0, events: 0 })),
  };
  const transactions = {
    run: jest.fn(async <T>(work: (m: EntityManager) => Promise<T>) => work(manager)),
  };
  const sut = new SlaSweeper(
    orders as unknown as OrdersRepository,
    { list: jest.fn(async () => units) } as unknown as UnitsRepository,
    audit as unknown as AuditService,
    sms as unknown as SmsOutbox,
    inbox as unknown as OrderInbox,
    visits as unknown as VisitDueSweep,
    transactions as unknown as TransactionRunner,
    { now: () => now } as Clock,
    { slaSweepIntervalSeconds: 0 } as AppConfig,
    createLogger('silent'),
  );
  return { sut, orders, audit, sms, inbox, visits, events };
}

describe(SlaSweeper.name, () => {
  it('reminds at 80 %: a timeline line, the clock’s stage, no audit, no text, level unchanged', async () => {
    const order = anOrder('o1');
    const clocks = [aClock('o1', 'sign')];
    const { sut, orders, audit, sms, events } = setUp(
      new Date(START.getTime() + 8 * HOUR),
      [[order]],
      { o1: clocks },
    );

    expect(await sut.sweep()).toEqual({ orders: 1, events: 1, visits: NO_VISITS });

    expect(events.map((e) => [e.kind, e.text])).toEqual([
      ['reminder', '签收期限将至，请在2026年12月1日 18:00前办理。'],
    ]);
    expect(clocks[0].stage).toBe('reminded');
    expect(order.escalationLevel).toBe(0);
    expect(audit.record).not.toHaveBeenCalled();
    expect(sms.escalated).toHaveBeenCalledWith(manager, [], expect.any(Date));
    expect(orders.saveSwept).toHaveBeenCalledWith(manager, [order], clocks);
  });

  it('records every stage a late sweep passed, audits each escalation and texts once at the highest', async () => {
    const order = anOrder('o1');
    const clocks = [aClock('o1', 'sign', 'reminded'), aClock('o1', 'contact', 'reminded')];
    clocks[1].dueAt = new Date(START.getTime() + 20 * HOUR);
    const { sut, audit, sms, inbox, events } = setUp(
      new Date(START.getTime() + 20 * HOUR),
      [[order]],
      { o1: clocks },
    );

    await sut.sweep();

    expect(events.map((e) => [e.kind, e.text])).toEqual([
      ['overdue', '签收已超时，已督办至泗县联席办。'],
      ['red_list', '签收超时已达期限两倍，已上报宿州市联席办，列入红色清单。'],
      ['overdue', '首次核查已超时，已督办至泗县联席办。'],
    ]);
    expect(clocks.map((c) => c.stage)).toEqual(['red', 'overdue']);
    expect(order.escalationLevel).toBe(2);
    expect(audit.record.mock.calls.map(([, , entry]) => [entry.action, entry.detail])).toEqual([
      ['order.overdue', { clock: 'sign', escalatedTo: 'county' }],
      ['order.red_list', { clock: 'sign', escalatedTo: 'city' }],
      ['order.overdue', { clock: 'contact', escalatedTo: 'county' }],
    ]);
    expect(sms.escalated).toHaveBeenCalledTimes(1);
    expect(sms.escalated).toHaveBeenCalledWith(
      manager,
      [
        {
          order,
          escalation: { clock: 'sign', stage: 'red' },
          recipients: [TOWN, COUNTY, CITY, COUNTY],
        },
      ],
      expect.any(Date),
    );
    expect(inbox.stagesReached).toHaveBeenCalledTimes(1);
    const [[, [{ order: told, steps, coordinator }]]] = inbox.stagesReached.mock
      .calls as unknown as [
      [
        EntityManager,
        {
          order: OrderEntity;
          steps: { kind: string; escalatedTo: UnitRecord | null }[];
          coordinator: UnitRecord;
        }[],
      ],
    ];
    expect([told, coordinator]).toEqual([order, COUNTY]);
    expect(steps.map((s) => [s.kind, s.escalatedTo?.id])).toEqual([
      ['overdue', 'county'],
      ['red_list', 'city'],
      ['overdue', 'county'],
    ]);
  });

  it('audits a red list without a parent unit as escalated to the coordinator it named', async () => {
    const orphan = { ...COUNTY, parentId: null };
    const order = anOrder('o1', 1);
    const { sut, audit, events } = setUp(
      new Date(START.getTime() + 20 * HOUR),
      [[order]],
      { o1: [aClock('o1', 'sign', 'overdue')] },
      [orphan, TOWN],
    );

    await sut.sweep();

    expect(events.map((e) => e.text)).toEqual([
      '签收超时已达期限两倍，已上报泗县联席办，列入红色清单。',
    ]);
    expect(audit.record.mock.calls.map(([, , entry]) => entry.detail)).toEqual([
      { clock: 'sign', escalatedTo: 'county' },
    ]);
  });

  it('leaves stopped clocks alone', async () => {
    const order = anOrder('o1');
    const stopped = { ...aClock('o1', 'sign'), stoppedAt: START };
    const { sut, events } = setUp(new Date(START.getTime() + 30 * HOUR), [[order]], {
      o1: [stopped],
    });

    expect(await sut.sweep()).toEqual({ orders: 1, events: 0, visits: NO_VISITS });
    expect(events).toEqual([]);
    expect(stopped.stage).toBe('running');
  });

  it('takes batches of 50 until a batch comes back short', async () => {
    const full = Array.from({ length: 50 }, (_, i) => anOrder(`o${i}`));
    const clocksOf = Object.fromEntries(
      [...full, anOrder('last')].map((o) => [o.id, [aClock(o.id, 'sign')]]),
    );
    const { sut, orders } = setUp(
      new Date(START.getTime() + 8 * HOUR),
      [full, [anOrder('last')]],
      clocksOf,
    );

    expect(await sut.sweep()).toEqual({ orders: 51, events: 51, visits: NO_VISITS });
    expect(orders.lockDue).toHaveBeenCalledTimes(2);
  });

  it('sweeps the visits on the plan after the orders, at the same moment, with the same units', async () => {
    const now = new Date(START.getTime() + 8 * HOUR);
    const { sut, orders, visits } = setUp(now, [[anOrder('o1')]], {
      o1: [aClock('o1', 'sign')],
    });
    visits.sweep.mockResolvedValueOnce({ planned: 2, dues: 3, events: 4 });

    expect(await sut.sweep()).toEqual({
      orders: 1,
      events: 1,
      visits: { planned: 2, dues: 3, events: 4 },
    });
    expect(visits.sweep).toHaveBeenCalledWith(now, [CITY, COUNTY, TOWN]);
    expect(orders.saveSwept.mock.invocationCallOrder[0]).toBeLessThan(
      visits.sweep.mock.invocationCallOrder[0],
    );
  });
});
