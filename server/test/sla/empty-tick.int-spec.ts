import { DataSource, type QueryRunner } from 'typeorm';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner';
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
/** The tables that grow with history among those an empty tick reads. */
const HISTORY = ['orders', 'visit_dues', 'school_holidays'];

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
 * On SQLite, which counts no reads, the plan of each statement searches the tables that grow
 * through an index.
 */
describe('the empty sweep tick', () => {
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
    for (const table of HISTORY) {
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

  /** The SELECTs one sweep tick sends, with their parameters; the tick must find nothing to do. */
  async function emptyTick(): Promise<[string, unknown[] | undefined][]> {
    const runnerClass = testDriver() === 'mysql' ? MysqlQueryRunner : BetterSqlite3QueryRunner;
    const query = jest.spyOn(runnerClass.prototype, 'query');
    try {
      const result = await sut.app.get(SlaSweeper).sweep();
      expect(result).toEqual({
        orders: 0,
        events: 0,
        visits: { planned: 0, dues: 0, events: 0 },
      });
      // A transaction's start goes with its first statement (`WriteBehind`); it has no parameters.
      return query.mock.calls
        .map(([sql, parameters]): [string, unknown[] | undefined] => [
          sql.replace(OPENING, ''),
          parameters as unknown[] | undefined,
        ])
        .filter(([sql]) => /^\s*SELECT\b/i.test(sql));
    } finally {
      query.mockRestore();
    }
  }

  /** What MariaDB read for each statement, replayed alone. */
  async function readsOf(sent: [string, unknown[] | undefined][]): Promise<StatementReads[]> {
    const runner = db.createQueryRunner();
    try {
      const reads: StatementReads[] = [];
      for (const [sql, parameters] of sent) {
        await runner.startTransaction('READ COMMITTED');
        const before = await handlerReads(runner);
        await runner.query(sql, parameters);
        const after = await handlerReads(runner);
        await runner.commitTransaction();
        const overhead = (await handlerReads(runner)) - after;
        reads.push({ table: tableOf(sql), sql, reads: after - before - overhead });
      }
      return reads;
    } finally {
      await runner.release();
    }
  }

  (testDriver() === 'mysql' ? it : it.skip)(
    'reads as much of 2,100 copies of a history as of 100',
    async () => {
      await grow(SMALL);
      const small = await readsOf(await emptyTick());
      await grow(LARGE);
      const large = await readsOf(await emptyTick());

      expect(small.map((s) => s.table)).toEqual(
        expect.arrayContaining(['orders', 'school_holidays', 'visit_dues']),
      );
      expect(large).toEqual(small);
      const [{ n }] = await db.query<{ n: string }[]>('SELECT COUNT(*) AS n FROM orders');
      expect(Number(n)).toBeGreaterThan(SMALL + LARGE);
    },
    120_000,
  );

  // SQLite counts no reads; its plan says whether a table is searched through an index or scanned.
  (testDriver() === 'better-sqlite3' ? it : it.skip)(
    'searches orders, visit dues and holidays through an index on SQLite, never scans them',
    async () => {
      const plans = [];
      for (const [sql, parameters] of await emptyTick()) {
        const steps = await db.query<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, parameters);
        plans.push({ table: tableOf(sql), steps: steps.map((step) => step.detail) });
      }
      const history = plans.filter((plan) => HISTORY.includes(plan.table));
      expect(history.map((plan) => plan.table).sort()).toEqual([...HISTORY].sort());
      for (const plan of history) {
        expect(plan).toEqual({
          table: plan.table,
          steps: expect.arrayContaining([
            expect.stringMatching(/^SEARCH \w+ USING (COVERING )?INDEX /),
          ]),
        });
        expect(plan.steps.join('\n')).not.toMatch(/^SCAN|USE TEMP B-TREE FOR ORDER BY/m);
      }
    },
  );
});

/** The session's `Handler_read_*` counters, summed: index entries and rows read so far. */
async function handlerReads(runner: QueryRunner): Promise<number> {
  const rows: { Variable_name: string; Value: string }[] = await runner.query(
    "SHOW SESSION STATUS LIKE 'Handler_read%'",
  );
  return rows.reduce((sum, row) => sum + Number(row.Value), 0);
}

/** The table a statement reads from (its first FROM). */
/** The statements a transaction opens with, sent ahead of its first one in the same query. */
const OPENING = /^(SET TRANSACTION ISOLATION LEVEL [A-Z ]+;\n)?START TRANSACTION;\n/;

function tableOf(sql: string): string {
  return /\bFROM\s+[`"]?(\w+)[`"]?/i.exec(sql)?.[1] ?? '?';
}
