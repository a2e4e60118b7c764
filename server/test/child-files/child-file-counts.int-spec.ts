import { randomUUID } from 'node:crypto';
import type { CreateReportRequest } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { ChildFilesRepository } from '../../src/children/child-files.repository';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { retentionPurger } from '../../src/retention/retention-purger';
import { CLOCK, type Clock } from '../../src/common/clock';
import { aChildFile } from '../factories/child-file.factory';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aVisit, postVisit } from '../factories/visit.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

/** Three villages of 泗城镇, which its township unit keeps (the county has no village units). */
const GUANMIAO = '341324100203';
const HUCHEN = '341324100207';
const ZHAOZHUANG = '341324100208';

const DAY = 24 * 3600_000;
const T0 = new Date('2026-01-05T02:00:00Z');

interface Row {
  divisionCode: string;
  categories: string;
  status: string;
  count: number;
}

/** Rows in one order, counts as numbers, so the two readings compare whole. */
function sorted(rows: Row[]): Row[] {
  return rows
    .map((row) => ({ ...row, count: Number(row.count) }))
    .sort((a, b) =>
      `${a.divisionCode}|${a.categories}|${a.status}`.localeCompare(
        `${b.divisionCode}|${b.categories}|${b.status}`,
      ),
    );
}

/** The files grouped as they are: what the kept counts must say. */
async function truth(db: DataSource): Promise<Row[]> {
  return sorted(
    await db.query(
      `SELECT division_code AS divisionCode, categories, status, COUNT(*) AS count
       FROM child_files GROUP BY division_code, categories, status`,
    ),
  );
}

/** The kept counts, rows at 0 left out (a list whose files all left it). */
async function kept(db: DataSource): Promise<Row[]> {
  return sorted(
    await db.query(
      `SELECT division_code AS divisionCode, categories, status, count
       FROM child_file_counts WHERE count <> 0`,
    ),
  );
}

async function expectCountsTrue(db: DataSource): Promise<void> {
  expect(await kept(db)).toEqual(await truth(db));
  const [{ negative }] = await db.query(
    'SELECT COUNT(*) AS negative FROM child_file_counts WHERE count < 0',
  );
  expect(Number(negative)).toBe(0);
}

/**
 * The kept counts of children's files (`child_file_counts`, issue 17) after every road that writes
 * a file — through the API, the purge and the factories — equal the files grouped by place,
 * category list and status; a rolled-back transaction moves none; simultaneous openings in one
 * village all count.
 */
describe('kept counts of children’s files', () => {
  let sut: TestApp;
  let county: County;
  let db: DataSource;
  let serial = 0;
  /** The simulated clock's time. */
  let now = T0;

  async function setClock(at: Date): Promise<void> {
    now = at;
    await county.setClock(at);
  }

  beforeAll(async () => {
    sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true', RETENTION_DAYS: '30' } });
    county = await aCounty(sut.baseUrl);
    await setClock(T0);
    db = sut.app.get(DataSource);
  }, 120_000);
  afterAll(() => sut.close());

  const township = () => county.sessions.township.token;

  /** A child nobody else in the suite has: its own name and guardian phone. */
  function aChild() {
    serial += 1;
    return {
      name: `计数${String.fromCodePoint(0x4e00 + serial)}${String.fromCodePoint(0x4e80 + serial)}`,
      gender: 'female' as const,
      ageYears: 9,
    };
  }

  async function open(divisionCode: string, categories: string[]): Promise<string> {
    const created = await http<{ id: string }>(sut.baseUrl, 'POST', '/children', {
      token: township(),
      body: { divisionCode, child: aChild(), categories },
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  async function patch(id: string, body: Record<string, unknown>): Promise<void> {
    const answer = await http(sut.baseUrl, 'PATCH', `/children/${id}`, { token: township(), body });
    expect(answer.status).toBe(200);
  }

  /**
   * A report of a dropout about the child (a new file unless its guardian phone is known), which
   * puts the file on the 控辍保学 list.
   */
  function report(child: CreateReportRequest['child'], divisionCode = GUANMIAO) {
    return submitReport(sut.baseUrl, county.sessions.reporter.token, {
      discoveredAt: new Date(now.getTime() - 3600_000).toISOString(),
      location: { divisionCode, address: '三组' },
      child,
    });
  }

  /** Both orders of a report of a dropout signed and resolved: the report closes. */
  async function close(reportId: string): Promise<void> {
    for (const department of ['township', 'education'] as const) {
      const { token } = county.sessions[department];
      const order = await orderOf(sut.baseUrl, token, reportId, department);
      await act(sut.baseUrl, token, order.id, 'sign');
      await act(sut.baseUrl, token, order.id, 'contact', { note: '见到孩子' });
      await act(sut.baseUrl, token, order.id, 'resolve', {
        outcome: department === 'township' ? 'returned_to_school' : 'answered',
        reporterSummary: '孩子已经返校上学',
        detail: '办结详情',
      });
    }
  }

  it('walks every road that writes a file, the counts true after each', async () => {
    await expectCountsTrue(db);

    // Intake: a report about a new child makes a file; a second report about it links to it.
    const child = { ...aChild(), guardianName: '计数父', guardianPhone: '13700000101' };
    const first = await report(child);
    await expectCountsTrue(db);
    await report(child);
    await expectCountsTrue(db);
    expect(await kept(db)).toEqual([
      { divisionCode: GUANMIAO, categories: '[]', status: 'active', count: 1 },
    ]);
    // A report from a township-level place.
    await report({ ...aChild(), guardianPhone: '13700000102' }, TOWN);
    await expectCountsTrue(db);

    // 摸排: POST /children, then PATCH its categories, place, 销号 and 恢复在册.
    const surveyed = await open(GUANMIAO, ['left_behind']);
    await expectCountsTrue(db);
    await patch(surveyed, { categories: ['left_behind', 'low_income'] });
    await expectCountsTrue(db);
    await patch(surveyed, { divisionCode: HUCHEN });
    await expectCountsTrue(db);
    await patch(surveyed, { status: 'closed', closeReason: 'turned_18' });
    await expectCountsTrue(db);
    await patch(surveyed, { status: 'active' });
    await expectCountsTrue(db);
    await patch(surveyed, { categories: [], divisionCode: ZHAOZHUANG, priority: true });
    await expectCountsTrue(db);
    // A change of nothing counted (the school) leaves the counts where they were.
    const before = await kept(db);
    await patch(surveyed, { school: '泗城镇中心小学' });
    expect(await kept(db)).toEqual(before);

    // The file a report made, taken onto the register by its keeper.
    const [{ childFileId }] = await db.query(
      'SELECT child_file_id AS childFileId FROM reports WHERE id = ?',
      [first.id],
    );
    await patch(childFileId, { categories: ['orphan'] });
    await expectCountsTrue(db);

    // A visit, 控辍保学 changes, and a police referral (a report filed from the file).
    const visited = await open(HUCHEN, ['street']);
    await setClock(new Date(now.getTime() + DAY));
    expect((await postVisit(sut.baseUrl, township(), visited, aVisit({}, now))).status).toBe(201);
    await expectCountsTrue(db);
    const dropout = (state: string, note?: string) =>
      http(sut.baseUrl, 'POST', `/children/${visited}/dropout`, {
        token: township(),
        body: { state, ...(note ? { note } : {}) },
      });
    expect((await dropout('persuading')).status).toBe(200);
    expect(
      (await dropout('whereabouts_unknown', '上周五放学后就没回家，可能去了县城网吧。')).status,
    ).toBe(200);
    await expectCountsTrue(db);

    // A file the test factory writes (as POST /children would).
    await aChildFile(sut.app, {
      divisionCode: ZHAOZHUANG,
      categories: ['hiv'],
      status: 'closed',
      child: aChild(),
    });
    await expectCountsTrue(db);

    // The retention purge of a report closed beyond the period (its file loses its identity).
    const purged = await report({ ...aChild(), guardianPhone: '13700000103' }, ZHAOZHUANG);
    await close(purged.id);
    await setClock(new Date(now.getTime() + 40 * DAY));
    const purger = retentionPurger(db, sut.config, sut.app.get<Clock>(CLOCK));
    await purger.run({ dryRun: false, log: () => undefined });
    const [{ purgedAt }] = await db.query(
      'SELECT purged_at AS purgedAt FROM reports WHERE id = ?',
      [purged.id],
    );
    expect(purgedAt).not.toBeNull();
    await expectCountsTrue(db);
  });

  it('moves no count when the transaction rolls back', async () => {
    const before = await kept(db);
    const runner = sut.app.get(TransactionRunner);
    const files = sut.app.get(ChildFilesRepository);
    const existing = await aChildFile(sut.app, {
      divisionCode: GUANMIAO,
      categories: ['orphan'],
      child: aChild(),
    });
    const afterCreate = await kept(db);
    const failing = new Error('rolled back on purpose');

    await expect(
      runner.run(async (manager) => {
        await files.createFile(manager, { ...existing, id: randomUUID(), divisionCode: HUCHEN });
        const locked = (await files.lockFile(manager, existing.id))!;
        await files.saveFile(manager, { ...locked, status: 'closed', categories: [] });
        throw failing;
      }),
    ).rejects.toBe(failing);

    expect(await kept(db)).toEqual(afterCreate);
    expect(afterCreate).not.toEqual(before);
    await expectCountsTrue(db);
  });

  it('counts every one of simultaneous openings in one village', async () => {
    const counted = async () =>
      (await kept(db)).find(
        (row) =>
          row.divisionCode === GUANMIAO &&
          row.categories === '["street"]' &&
          row.status === 'active',
      )?.count ?? 0;
    const before = await counted();

    await Promise.all(Array.from({ length: 12 }, () => open(GUANMIAO, ['street'])));

    expect(await counted()).toBe(before + 12);
    await expectCountsTrue(db);
  });
});

/** The demo data `npm start` seeds (DEMO_DATA=true) opens its files through the same road. */
describe('kept counts of the demo data’s files', () => {
  let demo: TestApp;

  beforeAll(async () => {
    demo = await startTestApp({ env: { DEMO_DATA: 'true' } });
  }, 120_000);
  afterAll(() => demo.close());

  it('are the files', async () => {
    const db = demo.app.get(DataSource);
    expect((await truth(db)).length).toBeGreaterThan(0);
    await expectCountsTrue(db);
  });
});
