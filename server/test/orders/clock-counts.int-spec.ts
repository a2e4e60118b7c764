import type { CreateReportRequest } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { fillClockCountsSql } from '../../src/orders/clock-counts-sql';
import { SlaSweeper } from '../../src/sla/sla-sweeper';
import { COUNTY, TOWN, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { walkOrderMoves } from '../factories/order-moves.factory';
import { simultaneousReports } from '../factories/report.factory';
import { aSecondTownship } from '../factories/unit.factory';
import { startTestApp, type TestApp } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';

/** Late in a month, so that clocks started now fall due in this month and the next. */
const T0 = new Date('2026-10-30T20:00:00+08:00');
const DAY = 86_400_000;

interface CountRow {
  month: string;
  division_code: string;
  unit_key: string;
  clock: string;
  interrupted: string | number;
  stopped: string | number;
  overdue: string | number;
  escalated: string | number;
  minutes: string | number;
  n: string | number;
}

const SELECT_COUNTS = `SELECT month, division_code, unit_key, clock, interrupted, stopped, overdue,
  escalated, minutes, n FROM clock_counts WHERE n <> 0`;

const line = (row: CountRow) =>
  [
    row.month,
    row.division_code,
    row.unit_key || '-',
    row.clock,
    ...[row.interrupted, row.stopped, row.overdue, row.escalated, row.minutes, row.n].map(Number),
  ].join(' ');

/**
 * The kept rows, and the rows the fill statement (the migration's and the bench's grouping, SQL
 * of its own) makes from the clocks there are, in a transaction rolled back so the kept rows stay.
 */
async function keptAndFilled(db: DataSource): Promise<{ kept: string[]; filled: string[] }> {
  const kept = ((await db.query(SELECT_COUNTS)) as CountRow[]).map(line).sort();
  const runner = db.createQueryRunner();
  try {
    await runner.startTransaction();
    await runner.query('DELETE FROM clock_counts');
    await runner.query(
      fillClockCountsSql(db.options.type === 'better-sqlite3' ? 'sqlite' : 'mariadb'),
    );
    const filled = ((await runner.query(SELECT_COUNTS)) as CountRow[]).map(line).sort();
    return { kept, filled };
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

/**
 * The kept clock counts by month (`clock_counts`, migration 1765211000000) that answer the
 * figures' whole months: every road that writes a clock is walked through the API and the sweep,
 * and after each step the kept rows must equal the clocks grouped afresh.
 */
describe('the kept clock counts behind the figures’ whole months', () => {
  let sut: TestApp;
  let db: DataSource;
  let county: County;
  let otherTownship: string;
  const clock = new TestClock(T0);

  beforeAll(async () => {
    sut = await startTestApp({ clock, env: { AUTH_TOKEN_TTL_HOURS: '2000' } });
    db = sut.app.get(DataSource);
    county = await aCounty(sut.baseUrl);
    otherTownship = await aSecondTownship(sut.baseUrl, COUNTY);
  });
  afterAll(() => sut.close());

  const token = (who: keyof County['sessions']) => county.sessions[who].token;
  const anHourAgo = () => new Date(clock.now().getTime() - 3_600_000).toISOString();

  async function expectExact(step: string): Promise<void> {
    const { kept, filled } = await keptAndFilled(db);
    expect({ step, kept }).toEqual({ step, kept: filled });
  }

  const aReportAt = (situations: CreateReportRequest['situations'] = ['consultation']) =>
    submitReport(sut.baseUrl, token('reporter'), {
      situations,
      location: { divisionCode: TOWN },
      discoveredAt: anHourAgo(),
      child: {},
    });

  async function aTownshipOrder(): Promise<string> {
    const report = await aReportAt();
    return (await orderOf(sut.baseUrl, token('township'), report.id, 'township')).id;
  }

  const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));

  it('follow intake, every action on an order, 转接, and the sweep’s stages', async () => {
    await expectExact('before any report');

    const report = await aReportAt(['violence_abuse']);
    await expectExact('intake of three orders');
    const police = await orderOf(sut.baseUrl, token('police'), report.id, 'police');

    const order = await aTownshipOrder();
    later(10 * 60_000);
    await act(sut.baseUrl, token('township'), order, 'sign');
    await expectExact('签收 stops a clock and starts the feedback clock');
    later(3 * 3_600_000);
    await act(sut.baseUrl, token('township'), order, 'contact', {});
    await expectExact('联系 stops a clock hours later');
    await act(sut.baseUrl, token('township'), order, 'notes', {
      text: '已入户了解情况，孩子由奶奶照料。',
      reporterVisible: true,
    });
    await expectExact('a note the reporter sees');
    await act(sut.baseUrl, token('township'), order, 'extension', {
      workingDays: 3,
      reason: '需要联系学校',
    });
    await act(sut.baseUrl, token('coordinator'), order, 'extension/decision', { approve: true });
    await expectExact('an approved extension moves a due time');
    later(2 * DAY);
    await act(sut.baseUrl, token('township'), order, 'resolve', {
      outcome: 'answered',
      reporterSummary: '已电话答复报告人。',
      detail: '已答复。',
    });
    await expectExact('办结 days later');
    await act(sut.baseUrl, token('coordinator'), order, 'reopen', { reason: '答复不完整' });
    await expectExact('重新办理 retires the 办结 clock');

    await walkOrderMoves(
      { baseUrl: sut.baseUrl, token, aTownshipOrder, otherTownship },
      expectExact,
    );

    await act(sut.baseUrl, token('coordinator'), police.id, 'priority', {
      priority: 'P3',
      reason: '经核实情况不紧急',
    });
    await expectExact('a new priority plans the clocks again');

    // Past every stage of the running clocks (reminders, 督办, red list), into the next month.
    later(12 * DAY);
    const swept = await sut.app.get(SlaSweeper).sweep();
    expect(swept.orders).toBeGreaterThan(0);
    await expectExact('the sweep’s stages');
    later(30 * DAY);
    await sut.app.get(SlaSweeper).sweep();
    await act(sut.baseUrl, token('police'), police.id, 'sign');
    await expectExact('a clock stopped after its due time, a month on');
  });

  it('stay exact under concurrent intakes in one village, none refused', async () => {
    const statuses = await simultaneousReports(sut.baseUrl, token('reporter'), 12, '341324100208', {
      discoveredAt: anHourAgo(),
    });
    expect(statuses).toEqual(Array.from({ length: 12 }, () => 201));
    await expectExact('concurrent intakes');
  });
});
