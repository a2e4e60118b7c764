import { randomUUID } from 'node:crypto';
import type { AuthResponse, InboxKind } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import type { SweepResult } from '../../src/sla/sla-sweeper';
import { aChildFile } from '../factories/child-file.factory';
import { aSessionWith, anAdminSession } from '../factories/session.factory';
import { aVisitDue } from '../factories/visit-due.factory';
import { HOME_VILLAGE, HOME_VILLAGE_2, aWorld, type World } from '../factories/world.factory';
import { http } from '../setup/http';
import { inboxOf } from '../setup/inbox-rows';
import { startTestApp, type TestApp } from '../setup/test-app';
import { testDriver } from '../setup/test-database';

const ENV = { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: String(24 * 90) };
const T0 = new Date('2026-12-07T09:00:00+08:00');
const DAY = 24 * 3600_000;
const after = (days: number) => new Date(T0.getTime() + days * DAY);
/** More than one batch of the sweep (50), so both servers find work. */
const DUES = 60;

/**
 * Two servers on one database sweep the visits due at the same moment; every reminder, 督办 and
 * red list of every visit happens once (timeline, audit, inbox), and a holiday's visits are
 * planned once.
 */
(testDriver() === 'mysql' ? describe : describe.skip)('the visit sweep on two servers', () => {
  let first: TestApp;
  let second: TestApp;
  let db: DataSource;
  let admin: AuthResponse;
  let world: World;
  const member = {} as Record<'village' | 'village2' | 'township' | 'coordinator', AuthResponse>;

  beforeAll(async () => {
    first = await startTestApp({ env: ENV });
    second = await startTestApp({ env: ENV, databaseUrl: first.databaseUrl ?? undefined });
    db = first.app.get(DataSource);
    admin = await anAdminSession(first.baseUrl);
    await setBoth(T0);
    admin = await anAdminSession(first.baseUrl);
    world = await aWorld(first.baseUrl);
    const session = (role: 'handler' | 'coordinator', unitId: string) =>
      aSessionWith(first.baseUrl, { role, unitId });
    member.village = await session('handler', world.units.homeVillage.id);
    member.village2 = await session('handler', world.units.homeVillage2.id);
    member.township = await session('handler', world.units.homeTownship.id);
    member.coordinator = await session('coordinator', world.units.homeCoordinator.id);
  }, 120_000);

  afterAll(async () => {
    await second.close();
    await first.close();
  });

  async function setBoth(now: Date): Promise<void> {
    for (const app of [first, second]) {
      const set = await http(app.baseUrl, 'PUT', '/admin/clock', {
        token: admin.token,
        body: { now: now.toISOString() },
      });
      if (set.status !== 200) throw new Error(`clock: ${set.status}`);
    }
  }

  /** Both servers sweep at once, then one of them again; the answers of all three. */
  async function sweepBoth(): Promise<SweepResult[]> {
    const sweep = (app: TestApp) =>
      http<SweepResult>(app.baseUrl, 'POST', '/admin/sla/sweep', { token: admin.token });
    const together = await Promise.all([sweep(first), sweep(second)]);
    const again = await sweep(second);
    const answers = [...together, again];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    return answers.map((a) => a.body);
  }

  /** How many lines of each kind the files' timelines hold, file by file. */
  async function linesPerFile(fileIds: string[]): Promise<Map<string, Record<string, number>>> {
    const rows: { child_file_id: string; kind: string; n: number }[] = await db.query(
      `SELECT child_file_id, kind, COUNT(*) AS n FROM child_file_events
        WHERE child_file_id IN (${fileIds.map(() => '?').join(',')}) GROUP BY child_file_id, kind`,
      fileIds,
    );
    const lines = new Map(fileIds.map((id) => [id, {} as Record<string, number>]));
    for (const row of rows) lines.get(row.child_file_id)![row.kind] = Number(row.n);
    return lines;
  }

  async function auditCounts(fileIds: string[]): Promise<Record<string, number>> {
    const rows: { action: string; n: number }[] = await db.query(
      `SELECT action, COUNT(*) AS n FROM audit_log
        WHERE action LIKE 'visit.%' AND target_id IN (${fileIds.map(() => '?').join(',')})
        GROUP BY action`,
      fileIds,
    );
    return Object.fromEntries(rows.map((row) => [row.action, Number(row.n)]));
  }

  /** How many messages of each kind the member got, about these files or in all. */
  async function inboxCounts(
    session: AuthResponse,
    fileIds?: string[],
  ): Promise<Partial<Record<InboxKind, number>>> {
    const pages = fileIds && new Set(fileIds.map((id) => `children/file/index?id=${id}`));
    const counts: Partial<Record<InboxKind, number>> = {};
    for (const row of await inboxOf(first.app, session.user.id)) {
      if (pages && !pages.has(row.page ?? '')) continue;
      counts[row.kind] = (counts[row.kind] ?? 0) + 1;
    }
    return counts;
  }

  it('records each reminder, 督办 and red list of each visit exactly once, at 80 %, 100 % and 200 %', async () => {
    const files = [];
    for (let i = 0; i < DUES; i++) {
      const file = await aChildFile(first.app, {
        divisionCode: HOME_VILLAGE,
        unitId: world.units.homeVillage.id,
        child: { name: `两台${randomUUID().slice(0, 6)}`, ageYears: 7 },
      });
      await aVisitDue(first.app, file, { startedAt: T0, dueAt: after(10) });
      files.push(file.id);
    }

    const stages: [number, string][] = [
      [8, 'reminder'],
      [10, 'overdue'],
      [20, 'red_list'],
    ];
    const reached: string[] = [];
    for (const [day, kind] of stages) {
      await setBoth(after(day));
      const sweeps = await sweepBoth();
      reached.push(kind);

      expect(sweeps.reduce((sum, s) => sum + s.visits.events, 0)).toBe(DUES);
      expect(sweeps[2].visits.events).toBe(0);
      for (const [fileId, lines] of await linesPerFile(files)) {
        expect([fileId, lines]).toEqual([fileId, Object.fromEntries(reached.map((k) => [k, 1]))]);
      }
    }

    expect(await auditCounts(files)).toEqual({ 'visit.overdue': DUES, 'visit.red_list': DUES });
    expect(await inboxCounts(member.village, files)).toEqual({ reminder: DUES, overdue: DUES });
    expect(await inboxCounts(member.township, files)).toEqual({ overdue: DUES, red_list: DUES });
    expect(await inboxCounts(member.coordinator, files)).toEqual({ red_list: DUES });
  }, 300_000);

  it('plans a holiday’s visits once when both servers sweep at its start', async () => {
    await setBoth(new Date('2027-01-10T09:00:00+08:00'));
    const priority = [];
    for (const [code, unit, n] of [
      [HOME_VILLAGE, world.units.homeVillage, 7],
      [HOME_VILLAGE_2, world.units.homeVillage2, 5],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const file = await aChildFile(first.app, {
          divisionCode: code,
          unitId: unit.id,
          priority: true,
          child: { name: `假期${randomUUID().slice(0, 6)}`, ageYears: 9 },
        });
        priority.push(file.id);
      }
    }
    const holiday = await http(first.baseUrl, 'POST', '/admin/school-holidays', {
      token: admin.token,
      body: { countyCode: '341324', kind: 'winter', startsOn: '2027-01-20' },
    });
    expect(holiday.status).toBe(201);
    const before = {
      village: (await inboxCounts(member.village)).new_visit ?? 0,
      village2: (await inboxCounts(member.village2)).new_visit ?? 0,
    };

    await setBoth(new Date('2027-01-20T00:01:00+08:00'));
    const sweeps = await sweepBoth();

    const [row]: { n: number }[] = await db.query(
      `SELECT COUNT(*) AS n FROM visit_dues WHERE reason = 'holiday'
        AND child_file_id IN (${priority.map(() => '?').join(',')})`,
      priority,
    );
    expect(Number(row.n)).toBe(priority.length);
    expect(sweeps.reduce((sum, s) => sum + s.visits.planned, 0)).toBe(priority.length);
    expect((await inboxCounts(member.village)).new_visit).toBe(before.village + 1);
    expect((await inboxCounts(member.village2)).new_visit).toBe(before.village2 + 1);
  }, 120_000);
});
