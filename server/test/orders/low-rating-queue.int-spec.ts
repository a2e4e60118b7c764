import { LOW_SCORE_MAX, type AuthResponse, type OrderSummary, type Page } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';
import { CLOCK, type Clock } from '../../src/common/clock';
import { OrderEntity } from '../../src/orders/order.entity';
import { ReportEntity } from '../../src/reports/report.entity';
import { retentionPurger } from '../../src/retention/retention-purger';
import { COUNTY, TOWN, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aSessionWith } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { testDriver } from '../setup/test-database';
import { TestClock } from '../setup/test-clock';
import { inListOrder, lowRatedReportIds, type ListScope } from '../setup/order-list-order';

/** Wednesday 2026-11-18, 10:00 in Beijing. */
const MORNING = '2026-11-18T02:00:00Z';
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const PAGE_SIZE = 2;
const RESOLUTION: Record<'township' | 'education', object> = {
  township: {
    outcome: 'home_visit_done',
    reporterSummary: '已家访并落实帮扶。',
    detail: '家访一次。',
  },
  education: {
    outcome: 'returned_to_school',
    reporterSummary: '孩子已经回到学校。',
    detail: '学校劝返。',
  },
};

/**
 * 低评分待复核 reads a flag on the order (issue 17), which every road that changes a report's
 * status or scores sets or clears in its own transaction. After each road the queue, every page
 * and its total, for the coordinator and for a township, is pinned against the rule worked out
 * here from the reports table as the old subquery had it: the lead orders of closed reports
 * rated, or called back with a score, of LOW_SCORE_MAX or less.
 */
describe('the low-rating queue, road by road', () => {
  let sut: TestApp;
  let county: County;
  let operator: AuthResponse;
  let db: DataSource;
  const clock = new TestClock(new Date(MORNING));

  beforeAll(async () => {
    sut = await startTestApp({
      clock,
      env: { AUTH_TOKEN_TTL_HOURS: '2000', RETENTION_DAYS: '30' },
    });
    county = await aCounty(sut.baseUrl);
    operator = await aSessionWith(sut.baseUrl, { role: 'hotline_operator' });
    db = sut.app.get(DataSource);
  }, 120_000);
  afterAll(() => sut.close());

  const token = (who: keyof County['sessions']) => county.sessions[who].token;

  /** A dropout report in 泗城镇: the township leads, education assists. */
  async function file(from: 'reporter' | 'hotline'): Promise<string> {
    clock.advance(HOUR);
    const report = await submitReport(
      sut.baseUrl,
      from === 'reporter' ? token('reporter') : operator.token,
      {
        channel: from === 'reporter' ? 'public' : 'hotline',
        situations: ['dropout'],
        location: { divisionCode: TOWN },
        child: {},
        discoveredAt: clock.now().toISOString(),
        reporter: from === 'reporter' ? {} : { name: '张女士', phone: '13912345678' },
      },
    );
    return report.id;
  }

  const handlers = { township: 'township', education: 'education' } as const;

  const order = (reportId: string, department: 'township' | 'education') =>
    orderOf(sut.baseUrl, token(handlers[department]), reportId, department);

  async function resolve(reportId: string, department: 'township' | 'education'): Promise<void> {
    const { id, status } = await order(reportId, department);
    if (status === 'dispatched') await act(sut.baseUrl, token(handlers[department]), id, 'sign');
    await act(sut.baseUrl, token(handlers[department]), id, 'resolve', RESOLUTION[department]);
  }

  /** Both orders resolved: the report closes. */
  async function closed(from: 'reporter' | 'hotline'): Promise<string> {
    const reportId = await file(from);
    await resolve(reportId, 'township');
    await resolve(reportId, 'education');
    return reportId;
  }

  async function rate(reportId: string, score: number): Promise<void> {
    const answer = await http(sut.baseUrl, 'POST', `/reports/${reportId}/rating`, {
      token: token('reporter'),
      body: { score },
    });
    expect(answer.status).toBe(200);
  }

  async function callBack(reportId: string, body: object): Promise<void> {
    const answer = await http(sut.baseUrl, 'POST', `/reports/${reportId}/callback`, {
      token: operator.token,
      body,
    });
    expect(answer.status).toBe(201);
  }

  async function reopen(reportId: string, department: 'township' | 'education'): Promise<void> {
    const { id } = await order(reportId, department);
    await act(sut.baseUrl, token('coordinator'), id, 'reopen', { reason: '答复不完整' });
  }

  /** The queue by the old rule, over the stored rows, in list order (ties by id). */
  async function expected(scope: ListScope): Promise<string[]> {
    const lowRated = lowRatedReportIds(await db.getRepository(ReportEntity).find());
    const leads = (await db.getRepository(OrderEntity).find()).filter(
      (o) => o.role === 'lead' && lowRated.has(o.reportId),
    );
    return inListOrder(leads, scope);
  }

  /** Every page of the queue as `who` reads it, checking each page's total. */
  async function queue(who: 'coordinator' | 'township', total: number): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 1; page <= Math.ceil(total / PAGE_SIZE) + 1; page++) {
      const answer = await http<Page<OrderSummary>>(
        sut.baseUrl,
        'GET',
        `/orders?queue=low_rating&page=${page}&pageSize=${PAGE_SIZE}`,
        { token: token(who) },
      );
      expect(answer.status).toBe(200);
      expect({ who, page, total: answer.body.total }).toEqual({ who, page, total });
      ids.push(...answer.body.items.map((o) => o.id));
    }
    return ids;
  }

  /** The coordinator's and the township's queues equal the rule's, page by page; the lead ids. */
  async function expectExactQueue(): Promise<Set<string>> {
    const scopes = {
      coordinator: { unitIds: [county.units.coordinator.id], prefixes: [COUNTY] },
      township: { unitIds: [county.units.township.id], prefixes: [] },
    };
    for (const who of ['coordinator', 'township'] as const) {
      const want = await expected(scopes[who]);
      expect({ who, ids: await queue(who, want.length) }).toEqual({ who, ids: want });
    }
    const all = await expected(scopes.coordinator);
    return new Set(all);
  }

  const lead = async (reportId: string) => (await order(reportId, 'township')).id;

  async function expectQueued(reportId: string, queued: boolean): Promise<void> {
    const ids = await expectExactQueue();
    expect({ reportId, queued: ids.has(await lead(reportId)) }).toEqual({ reportId, queued });
  }

  const reports: Record<string, string> = {};

  it('leaves a closed report off until it is rated low, and a good rating off', async () => {
    reports.unrated = await closed('reporter');
    await expectQueued(reports.unrated, false);

    reports.poor = await closed('reporter');
    await rate(reports.poor, LOW_SCORE_MAX);
    await expectQueued(reports.poor, true);

    reports.good = await closed('reporter');
    await rate(reports.good, LOW_SCORE_MAX + 1);
    await expectQueued(reports.good, false);
  });

  it('takes a report off when the coordinator reopens it, and back on when it closes again', async () => {
    reports.reopened = await closed('reporter');
    await rate(reports.reopened, 1);
    await expectQueued(reports.reopened, true);

    clock.advance(HOUR);
    await reopen(reports.reopened, 'township');
    await expectQueued(reports.reopened, false);

    clock.advance(HOUR);
    await resolve(reports.reopened, 'township');
    await expectQueued(reports.reopened, true);
  });

  it('follows the report when an assist order is reopened and resolved', async () => {
    reports.assist = await closed('reporter');
    await rate(reports.assist, 1);
    clock.advance(HOUR);
    await reopen(reports.assist, 'education');
    await expectQueued(reports.assist, false);

    clock.advance(HOUR);
    await resolve(reports.assist, 'education');
    await expectQueued(reports.assist, true);
  });

  it('puts a hotline report on by the caller’s low score at the 回访, and only then', async () => {
    reports.unreached = await closed('hotline');
    await callBack(reports.unreached, { reached: false, comment: '无人接听' });
    await expectQueued(reports.unreached, false);

    reports.satisfied = await closed('hotline');
    await callBack(reports.satisfied, { reached: true, score: 5 });
    await expectQueued(reports.satisfied, false);

    reports.unsatisfied = await closed('hotline');
    await callBack(reports.unsatisfied, { reached: true, score: LOW_SCORE_MAX });
    await expectQueued(reports.unsatisfied, true);

    clock.advance(HOUR);
    await reopen(reports.unsatisfied, 'township');
    await expectQueued(reports.unsatisfied, false);
  });

  it('keeps a purged report on the queue: the purge keeps status and scores', async () => {
    const before = await expectExactQueue();
    clock.advance(31 * DAY);
    const purger = retentionPurger(db, sut.config, sut.app.get<Clock>(CLOCK));
    const purged = await purger.run({ dryRun: false, log: () => undefined });
    expect(purged.reports).toBeGreaterThan(0);
    expect(await expectExactQueue()).toEqual(before);
    expect(before.size).toBeGreaterThanOrEqual(3);
  });

  it('fills the flag from the reports when the migration runs on existing rows', async () => {
    const before = await expectExactQueue();
    await db.undoLastMigration();
    await db.runMigrations();
    expect(await expectExactQueue()).toEqual(before);
  });

  (testDriver() === 'mysql' ? it : it.skip)(
    'reads the queue’s page and total from IDX_orders_low_rating, in its order',
    async () => {
      await db.query('ANALYZE TABLE orders');
      const query = jest.spyOn(MysqlQueryRunner.prototype, 'query');
      try {
        await queue('coordinator', (await expectExactQueue()).size);
        const statements = query.mock.calls.filter(([sql]) => /`?low_rating`? = /.test(sql));
        expect(statements.length).toBeGreaterThanOrEqual(3);
        for (const [sql, parameters] of statements) {
          const plan = await db.query<{ table: string; key: string | null; Extra: string }[]>(
            `EXPLAIN ${sql}`,
            parameters,
          );
          const orders = plan.filter((row) => row.table === 'o');
          expect({ sql, orders }).toEqual({
            sql,
            orders: [expect.objectContaining({ key: 'IDX_orders_low_rating' })],
          });
          expect({ sql, extra: orders[0].Extra }).not.toEqual({
            sql,
            extra: expect.stringContaining('filesort'),
          });
        }
      } finally {
        query.mockRestore();
      }
    },
  );
});
