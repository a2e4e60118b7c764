import { DataSource, type QueryRunner } from 'typeorm';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';
import { OrderEntity } from '../../src/orders/order.entity';
import { SchoolHolidayEntity, VisitDueEntity } from '../../src/children/visit.entity';
import { SlaSweeper } from '../../src/sla/sla-sweeper';
import { aChildFile } from '../factories/child-file.factory';
import { COUNTY, TOWN, aCounty, type County } from '../factories/county.factory';
import { submitReport } from '../factories/order.factory';
import { anAdminSession } from '../factories/session.factory';
import { aVisitDue } from '../factories/visit-due.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { testDriver } from '../setup/test-database';
import { TestClock } from '../setup/test-clock';

const T0 = new Date('2026-11-16T09:00:00+08:00');
/** Past every stage of T0's visit (due in 20 days) and the winter holiday's start. */
const T1 = new Date('2027-02-01T09:00:00+08:00');
const DAY = 24 * 3600_000;
const ENV = { AUTH_TOKEN_TTL_HOURS: '2000' };
/** Copies of the first history added before the first look, and again before the second. */
const SMALL = 100;
const LARGE = 2_000;

/** One statement of a tick and the index entries and rows MariaDB read to answer it. */
interface StatementReads {
  table: string;
  sql: string;
  reads: number;
}

/**
 * The empty sweep tick (nothing due, no holiday to plan) costs the same at any history (issue 17):
 * every statement it sends reads the same number of index entries and rows (MariaDB's session
 * `Handler_read_*` counters, each statement replayed alone with its parameters) over a history of
 * 100 copies of the rows the server wrote — orders and visits past the red list, a fresh order
 * and visit running, a holiday planned and one to come — as over 2,100 copies. A statement that
 * scans, sorts or counts what is past, or whose range takes in what is done, reads more there.
 */
(testDriver() === 'mysql' ? describe : describe.skip)('the empty sweep tick', () => {
  let sut: TestApp;
  let county: County;
  let db: DataSource;
  const clock = new TestClock(T0);
  /** The ids of the rows the server wrote, by table: what `grow` copies. */
  const written = new Map<string, string[]>();
  let grown = 0;

  beforeAll(async () => {
    sut = await startTestApp({ clock, env: ENV });
    county = await aCounty(sut.baseUrl);
    db = sut.app.get(DataSource);
    const admin = await anAdminSession(sut.baseUrl);
    for (const body of [
      { countyCode: COUNTY, kind: 'winter', startsOn: '2027-01-20' },
      { countyCode: COUNTY, kind: 'summer', startsOn: '2027-07-05' },
    ]) {
      const holiday = await http(sut.baseUrl, 'POST', '/admin/school-holidays', {
        token: admin.token,
        body,
      });
      expect(holiday.status).toBe(201);
    }
    await caseAndVisit('赵小红');
    clock.set(T1);
    const swept = await sut.app.get(SlaSweeper).sweep();
    expect(swept.orders).toBeGreaterThan(0);
    expect(swept.visits.dues).toBe(1);
    await caseAndVisit('钱小红');
    clock.advance(60_000);
    for (const table of ['orders', 'visit_dues', 'school_holidays']) {
      const rows = await db.query<{ id: string }[]>(`SELECT id FROM \`${table}\``);
      written.set(
        table,
        rows.map((row) => row.id),
      );
    }
  }, 120_000);
  afterAll(() => sut.close());

  /** A report filed now in 泗城镇 (its orders and clocks) and a file with a visit due in 20 days. */
  async function caseAndVisit(name: string): Promise<void> {
    await submitReport(sut.baseUrl, county.sessions.reporter.token, {
      situations: ['violence_abuse'],
      location: { divisionCode: TOWN },
      discoveredAt: clock.now().toISOString(),
      child: {},
    });
    const file = await aChildFile(sut.app, {
      unitId: county.units.township.id,
      child: { name, gender: 'female', ageYears: 9 },
    });
    const startedAt = clock.now();
    await aVisitDue(sut.app, file, { startedAt, dueAt: new Date(startedAt.getTime() + 20 * DAY) });
  }

  /**
   * Adds `copies` copies of every order, visit due and school holiday the server wrote, each copy
   * with an id (and a dedup key, a county) of its own: the history grows the way it was written.
   */
  async function grow(copies: number): Promise<void> {
    const own: Record<string, Record<string, string>> = {
      orders: { id: 'UUID()' },
      visit_dues: { id: 'UUID()', dedup_key: 'UUID()' },
      school_holidays: { id: 'UUID()', county_code: `LPAD(${grown} + s.seq, 6, '0')` },
    };
    for (const entity of [OrderEntity, VisitDueEntity, SchoolHolidayEntity]) {
      const { tableName, columns } = db.getMetadata(entity);
      const names = columns.map((c) => c.databaseName);
      const values = names.map((name) => own[tableName][name] ?? `t.\`${name}\``);
      const ids = written.get(tableName) ?? [];
      await db.query(
        `INSERT INTO \`${tableName}\` (${names.map((n) => `\`${n}\``).join(', ')})
         SELECT ${values.join(', ')} FROM \`${tableName}\` t JOIN seq_1_to_${copies} s
         WHERE t.id IN (${ids.map(() => '?').join(', ')})`,
        ids,
      );
    }
    grown += copies;
    await db.query('ANALYZE TABLE orders, visit_dues, school_holidays');
  }

  /** Every statement one sweep tick sends, with what MariaDB read for each replayed alone. */
  async function emptyTick(): Promise<StatementReads[]> {
    const query = jest.spyOn(MysqlQueryRunner.prototype, 'query');
    let sent: [string, unknown[] | undefined][];
    try {
      const result = await sut.app.get(SlaSweeper).sweep();
      expect(result).toEqual({
        orders: 0,
        events: 0,
        visits: { planned: 0, dues: 0, events: 0 },
      });
      sent = query.mock.calls.map(([sql, parameters]) => [sql, parameters]);
    } finally {
      query.mockRestore();
    }
    const runner = db.createQueryRunner();
    try {
      const reads: StatementReads[] = [];
      for (const [sql, parameters] of sent) {
        if (!/^\s*SELECT\b/i.test(sql)) continue;
        await runner.startTransaction('READ COMMITTED');
        const before = await handlerReads(runner);
        await runner.query(sql, parameters);
        const after = await handlerReads(runner);
        await runner.commitTransaction();
        const overhead = (await handlerReads(runner)) - after;
        reads.push({
          table: /\bFROM\s+`?(\w+)`?/i.exec(sql)?.[1] ?? '?',
          sql,
          reads: after - before - overhead,
        });
      }
      return reads;
    } finally {
      await runner.release();
    }
  }

  it('reads as much of 2,100 copies of a history as of 100', async () => {
    await grow(SMALL);
    const small = await emptyTick();
    await grow(LARGE);
    const large = await emptyTick();

    expect(small.map((s) => s.table)).toEqual(
      expect.arrayContaining(['orders', 'school_holidays', 'visit_dues']),
    );
    expect(large).toEqual(small);
    const [{ n }] = await db.query<{ n: string }[]>('SELECT COUNT(*) AS n FROM orders');
    expect(Number(n)).toBeGreaterThan(SMALL + LARGE);
  }, 120_000);
});

/** The session's `Handler_read_*` counters, summed: index entries and rows read so far. */
async function handlerReads(runner: QueryRunner): Promise<number> {
  const rows: { Variable_name: string; Value: string }[] = await runner.query(
    "SHOW SESSION STATUS LIKE 'Handler_read%'",
  );
  return rows.reduce((sum, row) => sum + Number(row.Value), 0);
}
