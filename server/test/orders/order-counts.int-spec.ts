import { randomUUID } from 'node:crypto';
import {
  DEMO_LOGINS,
  ORDER_STATUSES,
  type CreateReportRequest,
  type OrderSummary,
  type Page,
} from '@shouhu/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { OrderEntity } from '../../src/orders/order.entity';
import { OrdersRepository } from '../../src/orders/orders.repository';
import { TOWN, TOWN_WITHOUT_SUPERVISOR, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { walkOrderMoves } from '../factories/order-moves.factory';
import { simultaneousReports } from '../factories/report.factory';
import { devLogin } from '../factories/session.factory';
import { aUnit } from '../factories/unit.factory';
import { http } from '../setup/http';
import { statementsOf } from '../setup/statements';
import { aTwoTownshipCountyApp } from '../factories/two-townships.factory';
import { startTestApp, type TestApp } from '../setup/test-app';

/** Each kept row and each group of the orders, as `unit division: n` (no unit: `-`). */
async function keptAndCounted(db: DataSource): Promise<{ kept: string[]; counted: string[] }> {
  const line = (row: { unit: string; division: string; n: string | number }) =>
    `${row.unit || '-'} ${row.division}: ${Number(row.n)}`;
  const kept = (await db.query(
    `SELECT unit_key AS unit, division_code AS division, n FROM order_counts WHERE n <> 0`,
  )) as { unit: string; division: string; n: string | number }[];
  const counted = (await db.query(
    `SELECT COALESCE(unit_id, '') AS unit, division_code AS division, COUNT(*) AS n
     FROM orders GROUP BY COALESCE(unit_id, ''), division_code`,
  )) as { unit: string; division: string; n: string | number }[];
  return { kept: kept.map(line).sort(), counted: counted.map(line).sort() };
}

/**
 * A list's `total` as it opens (the kept counts) and the sum of its totals status by status: those
 * are `COUNT(*)` over the same scope (a filter keeps the count), and the statuses part the orders.
 */
async function openedAndCounted(
  baseUrl: string,
  token: string,
  query = '',
): Promise<{ opened: number; counted: number } | null> {
  const total = async (extra: string) => {
    const page = await http<Page<OrderSummary>>(
      baseUrl,
      'GET',
      `/orders?pageSize=1${query}${extra}`,
      { token },
    );
    return page.status === 200 ? page.body.total : null;
  };
  const opened = await total('');
  if (opened === null) return null;
  const byStatus = await Promise.all(ORDER_STATUSES.map((status) => total(`&status=${status}`)));
  return { opened, counted: byStatus.reduce<number>((sum, n) => sum + (n ?? 0), 0) };
}

/**
 * The kept order counts (`order_counts`, migration 1765207000000) that answer the lists' exact
 * totals as they open: every road that inserts an order or changes its unit is walked through the
 * API, and after each step the kept rows must equal the orders grouped by unit and division, and
 * every account's list total the `COUNT(*)` over its scope.
 */
describe('the kept order counts behind the lists’ totals', () => {
  let sut: TestApp;
  let db: DataSource;
  let county: County;
  let otherTownship: string;

  beforeAll(async () => {
    ({ sut, db, county, otherTownship } = await aTwoTownshipCountyApp());
  });
  afterAll(() => sut.close());

  const token = (who: keyof County['sessions']) => county.sessions[who].token;

  /** The kept rows against the orders, and every account's totals against its counts. */
  async function expectExact(step: string): Promise<void> {
    const { kept, counted } = await keptAndCounted(db);
    expect({ step, kept }).toEqual({ step, kept: counted });
    for (const who of Object.keys(county.sessions) as (keyof County['sessions'])[]) {
      const totals = await openedAndCounted(sut.baseUrl, token(who));
      if (totals)
        expect({ step, who, total: totals.opened }).toEqual({ step, who, total: totals.counted });
    }
    // One unit's orders within the coordinator's scope (the board's bar of a unit).
    const ofTownship = await openedAndCounted(
      sut.baseUrl,
      token('coordinator'),
      `&unitId=${county.units.township.id}`,
    );
    expect({ step, ofTownship: ofTownship?.opened }).toEqual({
      step,
      ofTownship: ofTownship?.counted,
    });
  }

  const aReportAt = (
    divisionCode: string,
    situations: CreateReportRequest['situations'] = ['consultation'],
  ) =>
    submitReport(sut.baseUrl, token('reporter'), {
      situations,
      location: { divisionCode },
      child: {},
    });

  async function aTownshipOrder(): Promise<string> {
    const report = await aReportAt(TOWN);
    return (await orderOf(sut.baseUrl, token('township'), report.id, 'township')).id;
  }

  it('follow intake, 转接, 转办, a return and 改派, the coordinator’s and the admin’s routing, reopening', async () => {
    await expectExact('before any report');

    // Intake: a report of several orders (police lead, civil affairs and township assist).
    await aReportAt(TOWN, ['violence_abuse']);
    await expectExact('intake');

    await walkOrderMoves(
      { baseUrl: sut.baseUrl, token, aTownshipOrder, otherTownship },
      expectExact,
    );

    // Unrouted: no township unit, so the order waits at the coordinator, who routes it.
    const unrouted = await aReportAt(TOWN_WITHOUT_SUPERVISOR);
    const waiting = await orderOf(sut.baseUrl, token('coordinator'), unrouted.id, 'township');
    await expectExact('unrouted');
    const newTownship = await aUnit(sut.baseUrl, {
      name: '大庄镇儿童督导站',
      department: 'township',
      divisionPrefixes: [TOWN_WITHOUT_SUPERVISOR],
    });
    await act(sut.baseUrl, token('coordinator'), waiting.id, 'reassign', {
      unitId: newTownship.id,
      reason: '大庄镇督导站已建立',
    });
    await expectExact('改派 of an unrouted order');

    // No unit and no coordinator covers 东城区 (110101): the admin queue, then the admin routes it.
    const queued = await aReportAt('110101');
    const adminOrder = await orderOf(sut.baseUrl, token('admin'), queued.id, 'township');
    expect(adminOrder.unitId).toBeNull();
    await expectExact('admin queue');
    const beijing = await aUnit(sut.baseUrl, {
      name: '东华门街道儿童督导站',
      department: 'township',
      divisionPrefixes: ['110101'],
    });
    await act(sut.baseUrl, token('admin'), adminOrder.id, 'reassign', {
      unitId: beijing.id,
      reason: '街道督导站已建立',
    });
    await expectExact('routed from the admin queue');

    // Resolved and reopened: the same order, its place unchanged.
    const reopened = await aTownshipOrder();
    await act(sut.baseUrl, token('township'), reopened, 'sign');
    await act(sut.baseUrl, token('township'), reopened, 'resolve', {
      outcome: 'answered',
      reporterSummary: '已电话答复报告人。',
      detail: '已答复。',
    });
    await act(sut.baseUrl, token('coordinator'), reopened, 'reopen', { reason: '答复不完整' });
    await expectExact('resolve and reopen');
  });

  it('are untouched by a transaction rolled back after they were written, and written at once outside the runner', async () => {
    const orders = sut.app.get(OrdersRepository);
    const runner = sut.app.get(TransactionRunner);
    const [model] = await db.getRepository(OrderEntity).find({ take: 1 });
    const copy = (): OrderEntity => ({ ...model, id: randomUUID() });
    const before = await db.getRepository(OrderEntity).count();

    // The counts' step runs, then a later step fails: the whole transaction rolls back.
    await expect(
      runner.run(async (manager: EntityManager) => {
        await orders.insert(manager, [copy(), copy()], []);
        runner.scopeOf(manager)!.beforeCommit(async (m) => {
          const [{ n }] = (await m.query(
            `SELECT n FROM order_counts WHERE unit_key = ? AND division_code = ?`,
            [model.unitId ?? '', model.divisionCode],
          )) as { n: number }[];
          expect(Number(n)).toBeGreaterThanOrEqual(2);
          throw new Error('fails after the counts moved');
        }, 'audit-chain');
      }),
    ).rejects.toThrow('fails after the counts moved');
    expect(await db.getRepository(OrderEntity).count()).toBe(before);
    await expectExact('rolled back');

    await db.transaction((manager) => orders.insert(manager, [copy()], []));
    expect(await db.getRepository(OrderEntity).count()).toBe(before + 1);
    await expectExact('a transaction the runner did not start');
  });

  it('cost an intake one statement however many orders, written before the audit head', async () => {
    const statementsAt = async (work: () => Promise<unknown>) => {
      const { statements } = await statementsOf(db, work);
      const at = (pattern: RegExp) =>
        statements.flatMap((sql, i) => (pattern.test(sql) ? [i] : []));
      return { counts: at(/\border_counts\b/), head: at(/\baudit_head\b/) };
    };
    // Three orders (police lead, civil affairs and township assist) at two places.
    const intake = await statementsAt(() => aReportAt(TOWN, ['violence_abuse']));
    expect(intake.counts).toHaveLength(1);
    expect(intake.head.length).toBeGreaterThan(0);
    expect(intake.counts[0]).toBeLessThan(Math.min(...intake.head));

    const order = await aTownshipOrder();
    // Signing changes no place: nothing to write.
    const signing = await statementsAt(() => act(sut.baseUrl, token('township'), order, 'sign'));
    expect(signing.counts).toEqual([]);
    const move = await statementsAt(() =>
      act(sut.baseUrl, token('township'), order, 'transfer', {
        unitId: otherTownship,
        reason: '孩子住在草沟镇',
      }),
    );
    expect(move.counts).toHaveLength(1);
    expect(move.counts[0]).toBeLessThan(Math.min(...move.head));
    await expectExact('counted statements');
  });

  it('stay exact under concurrent intakes in one village, none refused', async () => {
    const statuses = await simultaneousReports(sut.baseUrl, token('reporter'), 16, '341324100208');
    expect(statuses).toEqual(Array.from({ length: 16 }, () => 201));
    await expectExact('concurrent intakes');
  });
});

/** The demo county as `npm start` seeds it through the real intake: every demo account's total. */
describe('the kept order counts of the demo data', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ env: { DEMO_DATA: 'true' } });
  }, 120_000);
  afterAll(() => sut.close());

  it('equal the orders the seed filed, and each demo account’s total its count', async () => {
    const { kept, counted } = await keptAndCounted(sut.app.get(DataSource));
    expect(counted.length).toBeGreaterThan(0);
    expect(kept).toEqual(counted);
    let lists = 0;
    for (const { openid } of DEMO_LOGINS) {
      const { token } = await devLogin(sut.baseUrl, openid);
      const totals = await openedAndCounted(sut.baseUrl, token);
      if (!totals) continue;
      lists++;
      expect({ openid, total: totals.opened }).toEqual({ openid, total: totals.counted });
    }
    expect(lists).toBeGreaterThan(2);
  });
});
