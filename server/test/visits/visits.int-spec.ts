import { randomUUID } from 'node:crypto';
import {
  DEFAULT_VISIT_POLICY,
  type AuthResponse,
  type ChildFileDetail,
  type DueVisit,
  type OrderDetail,
  type Page,
  type Unit,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from '../../src/audit/audit-entry.entity';
import { ChildFileEntity, ChildFileEventEntity } from '../../src/children/child-file.entity';
import { VisitDuesRepository } from '../../src/children/visit-dues.repository';
import { VisitPolicyRepository } from '../../src/children/visit-policy.repository';
import { VisitDueEntity, VisitEntity } from '../../src/children/visit.entity';
import { Sealer } from '../../src/crypto/sealer';
import { planQuarterlyVisits } from '../../src/database/migrations/1765000100000-visit-plan';
import { InboxMessageEntity } from '../../src/inbox/inbox-message.entity';
import { ReportEntity } from '../../src/reports/report.entity';
import { aChildFile } from '../factories/child-file.factory';
import { orderOf, submitReport } from '../factories/order.factory';
import { aReporterSession, aSessionWith, anAdminSession } from '../factories/session.factory';
import { aUnit } from '../factories/unit.factory';
import { aVisit, postVisit } from '../factories/visit.factory';
import {
  HOME_COUNTY,
  HOME_TOWN,
  HOME_TOWN_2_VILLAGE,
  HOME_VILLAGE,
  HOME_VILLAGE_2,
  aWorld,
  type World,
} from '../factories/world.factory';
import { http } from '../setup/http';
import { changedTables, storedStateReader, type StoredState } from '../setup/stored-state';
import { startTestApp, type TestApp } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** The suite's quarter: an administrator's policy, shorter than the default, so it is read. */
const QUARTERLY_DAYS = 30;

/** Canaries of what a visit found and where: sealed at rest, never in the timeline or audit log. */
const FINDING = '哨兵发现：奶奶腿脚不便做饭困难';
const FINDINGS = '哨兵记录：孩子作业按时完成';
const LATITUDE = 33.4801357;

type Caller =
  | 'village'
  | 'village2'
  | 'township'
  | 'township2'
  | 'coordinator'
  | 'otherCoordinator'
  | 'otherHandler'
  | 'police'
  | 'reporter'
  | 'admin';

describe('visits: POST /children/:id/visits and GET /visits', () => {
  const clock = new TestClock(new Date());
  let sut: TestApp;
  let world: World;
  let db: DataSource;
  let readState: () => Promise<StoredState>;
  let police: Unit;
  const sessions = {} as Record<Caller, AuthResponse>;
  let serial = 0;

  const token = (caller: Caller | null) => (caller ? sessions[caller].token : undefined);

  beforeAll(async () => {
    // The suite's clock moves on a few hours a test: its logins outlast it.
    sut = await startTestApp({ clock, env: { AUTH_TOKEN_TTL_HOURS: '720' } });
    db = sut.app.get(DataSource);
    readState = await storedStateReader(db, sut.config.uploads.directory);
    world = await aWorld(sut.baseUrl);
    police = await aUnit(sut.baseUrl, {
      name: '泗县公安局',
      department: 'police',
      divisionPrefixes: [HOME_COUNTY],
    });
    await aUnit(sut.baseUrl, {
      name: '泗县教育局',
      department: 'education',
      divisionPrefixes: [HOME_COUNTY],
    });
    const handlerOf = (unit: Unit) =>
      aSessionWith(sut.baseUrl, { role: 'handler', unitId: unit.id });
    const { units } = world;
    Object.assign(sessions, {
      village: await handlerOf(units.homeVillage),
      village2: await handlerOf(units.homeVillage2),
      township: await handlerOf(units.homeTownship),
      township2: await handlerOf(units.homeTownship2),
      otherHandler: await handlerOf(units.otherTownship),
      police: await handlerOf(police),
      coordinator: await aSessionWith(sut.baseUrl, {
        role: 'coordinator',
        unitId: units.homeCoordinator.id,
      }),
      otherCoordinator: await aSessionWith(sut.baseUrl, {
        role: 'coordinator',
        unitId: units.otherCoordinator.id,
      }),
      reporter: await aReporterSession(sut.baseUrl),
      admin: await anAdminSession(sut.baseUrl),
    });
    await sut.app
      .get(VisitPolicyRepository)
      .save(db.manager, { ...DEFAULT_VISIT_POLICY, quarterlyDays: QUARTERLY_DAYS });
  }, 120_000);

  afterAll(() => sut.close());

  /** A file a keeper opens (摸排) in `divisionCode`, with a child no other test uses. */
  async function aFile(
    caller: Caller = 'village',
    overrides: Record<string, unknown> = {},
  ): Promise<string> {
    serial += 1;
    const opened = await http<{ id: string }>(sut.baseUrl, 'POST', '/children', {
      token: token(caller),
      body: {
        divisionCode: HOME_VILLAGE,
        child: { name: `访童${String.fromCodePoint(0x4e00 + serial)}`, ageYears: 9 },
        categories: ['left_behind'],
        ...overrides,
      },
    });
    expect(opened.status).toBe(201);
    return opened.body.id;
  }

  const visit = (caller: Caller | null, fileId: string, body: unknown, key?: string) =>
    postVisit(sut.baseUrl, token(caller), fileId, body, key);

  const detail = async (caller: Caller, fileId: string) => {
    const answer = await http<ChildFileDetail>(sut.baseUrl, 'GET', `/children/${fileId}`, {
      token: token(caller),
    });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  const dueVisits = async (caller: Caller, query = '') => {
    const answer = await http<Page<DueVisit>>(sut.baseUrl, 'GET', `/visits${query}`, {
      token: token(caller),
    });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  const duesOf = (childFileId: string) =>
    db.getRepository(VisitDueEntity).find({ where: { childFileId }, order: { createdAt: 'ASC' } });
  const fileRow = (id: string) => db.getRepository(ChildFileEntity).findOneByOrFail({ id });
  const plusDays = (at: Date | string, days: number) =>
    new Date(new Date(at).getTime() + days * DAY).toISOString();

  describe('recording a visit', () => {
    it('fulfils the quarterly visit that had started and plans the next from the visit', async () => {
      const fileId = await aFile();
      const opened = await fileRow(fileId);
      expect(opened.nextVisitDueAt?.toISOString()).toBe(plusDays(opened.createdAt, QUARTERLY_DAYS));
      clock.advance(3 * HOUR);
      const at = new Date(clock.now().getTime() - HOUR).toISOString();

      const recorded = await visit('village', fileId, aVisit({ at }, clock.now()));

      expect(recorded.status).toBe(201);
      expect(recorded.body).toEqual({
        id: expect.any(String),
        nextVisitDueAt: plusDays(at, QUARTERLY_DAYS),
        report: null,
      });
      const [first, next] = await duesOf(fileId);
      expect(first).toMatchObject({
        reason: 'quarterly',
        visitId: recorded.body.id,
        nextDueAt: null,
      });
      expect(first.doneAt?.toISOString()).toBe(at);
      expect(next).toMatchObject({ reason: 'quarterly', doneAt: null, cancelledAt: null });
      expect(next.startedAt.toISOString()).toBe(at);
      const file = await fileRow(fileId);
      expect(file.lastVisitAt?.toISOString()).toBe(at);
      expect(file.nextVisitDueAt?.toISOString()).toBe(plusDays(at, QUARTERLY_DAYS));
    });

    it('shows the visit and the plan on the file, and one timeline line without what was found', async () => {
      const fileId = await aFile();
      clock.advance(HOUR);
      const body = aVisit(
        {
          checks: { guardianship: { result: 'concern', finding: FINDING } },
          findings: FINDINGS,
          latitude: LATITUDE,
        },
        clock.now(),
      );
      const recorded = await visit('village', fileId, body);
      expect(recorded.status).toBe(201);

      const file = await detail('township', fileId);

      expect(file.visits).toEqual([
        {
          id: recorded.body.id,
          at: body.at,
          unitName: world.units.homeVillage.name,
          met: body.met,
          checks: body.checks,
          findings: FINDINGS,
          position: { latitude: LATITUDE, longitude: body.longitude },
          fulfilled: ['quarterly'],
          reportId: null,
        },
      ]);
      expect(file.plannedVisits).toEqual([
        {
          id: expect.any(String),
          reason: 'quarterly',
          startedAt: body.at,
          dueAt: plusDays(body.at, QUARTERLY_DAYS),
          stage: 'running',
          escalationLevel: 0,
        },
      ]);
      expect(file.nextVisitDueAt).toBe(plusDays(body.at, QUARTERLY_DAYS));
      const lines = file.timeline.filter((line) => line.kind === 'visit');
      expect(lines).toEqual([
        { at: body.at, kind: 'visit', text: `${world.units.homeVillage.name}走访，完成季度走访。` },
      ]);
      expect(JSON.stringify(file.timeline)).not.toContain('哨兵');
    });

    it('does not count a visit made before a planned visit’s window opened', async () => {
      const fileId = await aFile();
      clock.advance(2 * HOUR);
      const later = new Date(clock.now().getTime() - 10 * 60_000).toISOString();
      const earlier = new Date(clock.now().getTime() - HOUR).toISOString();
      expect((await visit('village', fileId, aVisit({ at: later }, clock.now()))).status).toBe(201);

      // Kept on a phone without signal, the earlier visit arrives last.
      const late = await visit('village', fileId, aVisit({ at: earlier }, clock.now()));

      expect(late.status).toBe(201);
      expect(late.body.nextVisitDueAt).toBe(plusDays(later, QUARTERLY_DAYS));
      const file = await detail('village', fileId);
      expect(file.visits.map((v) => [v.at, v.fulfilled])).toEqual([
        [later, ['quarterly']],
        [earlier, []],
      ]);
      expect(file.timeline.filter((l) => l.kind === 'visit').map((l) => l.text)).toEqual([
        `${world.units.homeVillage.name}走访（计划外）。`,
        `${world.units.homeVillage.name}走访，完成季度走访。`,
      ]);
      expect((await fileRow(fileId)).lastVisitAt?.toISOString()).toBe(later);
    });

    it('seals what was found and where: the row holds no plaintext, the audit row no sealed value', async () => {
      const fileId = await aFile();
      clock.advance(HOUR);
      const recorded = await visit(
        'village',
        fileId,
        aVisit(
          {
            checks: { guardianship: { result: 'concern', finding: FINDING } },
            findings: FINDINGS,
            latitude: LATITUDE,
          },
          clock.now(),
        ),
      );
      expect(recorded.status).toBe(201);

      const row = await db.getRepository(VisitEntity).findOneByOrFail({ id: recorded.body.id });
      for (const plain of [FINDING, FINDINGS, String(LATITUDE), 'concern']) {
        expect(row.detailsSealed).not.toContain(plain);
      }
      expect(sut.app.get(Sealer).open(row.detailsSealed)).toMatchObject({
        findings: FINDINGS,
        position: { latitude: LATITUDE },
      });
      const audit = await db
        .getRepository(AuditEntryEntity)
        .findOneByOrFail({ action: 'visit.record', targetId: recorded.body.id });
      expect(audit).toMatchObject({
        actorUserId: sessions.village.user.id,
        targetType: 'visit',
        divisionCode: HOME_VILLAGE,
        detail: { childFileId: fileId, fulfilled: ['quarterly'] },
      });
      for (const sealed of ['哨兵', String(LATITUDE), '访童']) {
        expect(JSON.stringify(audit)).not.toContain(sealed);
      }
    });

    it('records a visit once per Idempotency-Key: a replay answers the same, another body is 409', async () => {
      const fileId = await aFile();
      clock.advance(HOUR);
      const body = aVisit({}, clock.now());
      const key = randomUUID();

      const first = await visit('village', fileId, body, key);
      const again = await visit('village', fileId, body, key);
      const changed = await visit('village', fileId, { ...body, findings: '另一次走访。' }, key);
      const otherFile = await visit('village', await aFile(), body, key);

      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBe('false');
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(changed).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_CONFLICT' } });
      expect(otherFile).toMatchObject({ status: 409, body: { code: 'IDEMPOTENCY_CONFLICT' } });
      expect(await db.getRepository(VisitEntity).countBy({ childFileId: fileId })).toBe(1);
      expect(
        await db
          .getRepository(AuditEntryEntity)
          .countBy({ action: 'visit.record', targetId: first.body.id }),
      ).toBe(1);
    });
  });

  describe('refusing a visit', () => {
    let fileId: string;
    let openedAt: Date;
    const body = () => aVisit({}, clock.now());

    beforeAll(async () => {
      fileId = await aFile();
      openedAt = (await fileRow(fileId)).createdAt;
      clock.advance(2 * HOUR);
    });

    const invalid: [string, (b: Record<string, unknown>) => unknown, string][] = [
      ['at without an offset', (b) => ({ ...b, at: '2026-12-03T10:00:00' }), 'at'],
      ['at in the future', (b) => ({ ...b, at: plusDays(clock.now(), 1) }), 'at'],
      [
        'at before the file was opened',
        (b) => ({ ...b, at: new Date(openedAt.getTime() - 60_000).toISOString() }),
        'at',
      ],
      ['a latitude without a longitude', ({ longitude: _, ...b }) => b, 'latitude'],
      ['a longitude without a latitude', ({ latitude: _, ...b }) => b, 'latitude'],
      ['a latitude beyond the pole', (b) => ({ ...b, latitude: 91 }), 'latitude'],
      ['a longitude as text', (b) => ({ ...b, longitude: '117.88' }), 'longitude'],
      ['nobody met', (b) => ({ ...b, met: [] }), 'met'],
      ['someone met twice', (b) => ({ ...b, met: ['child', 'child'] }), 'met'],
      ['someone not on the list', (b) => ({ ...b, met: ['neighbour'] }), 'met'],
      ['no checks', ({ checks: _, ...b }) => b, 'checks'],
      [
        'a check left out',
        (b) => ({ ...b, checks: { ...(b.checks as object), schooling: undefined } }),
        'checks.schooling',
      ],
      [
        'a check of another result',
        (b) => ({ ...b, checks: { ...(b.checks as object), family: { result: 'bad' } } }),
        'checks.family.result',
      ],
      [
        'a concern without a finding',
        (b) => ({ ...b, checks: { ...(b.checks as object), family: { result: 'concern' } } }),
        'checks.family',
      ],
      [
        'a finding too long',
        (b) => ({
          ...b,
          checks: {
            ...(b.checks as object),
            family: { result: 'normal', finding: '长'.repeat(201) },
          },
        }),
        'checks.family.finding',
      ],
      ['findings too long', (b) => ({ ...b, findings: '长'.repeat(1001) }), 'findings'],
      ['findings of spaces', (b) => ({ ...b, findings: '   ' }), 'findings'],
      ['an unknown field', (b) => ({ ...b, weather: '晴' }), 'weather'],
      [
        'a report without a situation',
        (b) => ({
          ...b,
          report: {
            situations: [],
            immediateDanger: false,
            description: '孩子已经两周没有上学了。',
          },
        }),
        'report.situations',
      ],
      [
        'a report with a short description',
        (b) => ({
          ...b,
          report: { situations: ['dropout'], immediateDanger: false, description: '没上学' },
        }),
        'report.description',
      ],
      [
        'a report without immediateDanger',
        (b) => ({
          ...b,
          report: { situations: ['dropout'], description: '孩子已经两周没有上学了。' },
        }),
        'report.immediateDanger',
      ],
      [
        'a report with an address too long',
        (b) => ({
          ...b,
          report: {
            situations: ['dropout'],
            immediateDanger: false,
            description: '孩子已经两周没有上学了。',
            address: '路'.repeat(201),
          },
        }),
        'report.address',
      ],
      [
        'a report of another channel’s fields',
        (b) => ({
          ...b,
          report: {
            situations: ['dropout'],
            immediateDanger: false,
            description: '孩子已经两周没有上学了。',
            channel: 'public',
          },
        }),
        'report.channel',
      ],
    ];

    it.each(invalid)(
      'answers 400 naming the field for %s, and stores nothing',
      async (_case, breakIt, field) => {
        const before = await readState();

        const refused = await visit('village', fileId, breakIt(body() as never));

        expect(refused.status).toBe(400);
        expect(refused.body.code).toBe('VALIDATION_FAILED');
        expect(Object.keys(refused.body.errors ?? {})).toContain(field);
        expect(changedTables(before, await readState())).toEqual([]);
      },
    );

    it('answers 400 without an Idempotency-Key, and stores nothing', async () => {
      const before = await readState();

      const refused = await http<{ code: string; errors: Record<string, string> }>(
        sut.baseUrl,
        'POST',
        `/children/${fileId}/visits`,
        { token: token('village'), body: body() },
      );

      expect(refused.status).toBe(400);
      expect(refused.body.errors).toHaveProperty(['Idempotency-Key']);
      expect(changedTables(before, await readState())).toEqual([]);
    });

    it('answers 409 CHILD_FILE_CLOSED on a closed file, and stores nothing', async () => {
      const closed = await aFile();
      const patched = await http(sut.baseUrl, 'PATCH', `/children/${closed}`, {
        token: token('village'),
        body: { status: 'closed', closeReason: 'turned_18' },
      });
      expect(patched.status).toBe(200);
      clock.advance(HOUR);
      const before = await readState();

      const refused = await visit('village', closed, body());

      expect(refused).toMatchObject({ status: 409, body: { code: 'CHILD_FILE_CLOSED' } });
      expect(changedTables(before, await readState())).toEqual([]);
    });
  });

  describe('who may record a visit', () => {
    let fileId: string;
    let withOrder: string;

    beforeAll(async () => {
      fileId = await aFile();
      // A report about the child of another file: the police hold an order about that child.
      const report = await submitReport(sut.baseUrl, token('reporter')!, {
        situations: ['living_alone'],
        location: { divisionCode: HOME_VILLAGE },
        child: { name: '访童持单', ageYears: 10 },
      });
      const order = await orderOf(sut.baseUrl, token('police')!, report.id, 'police');
      const opened = await http<OrderDetail>(sut.baseUrl, 'GET', `/orders/${order.id}`, {
        token: token('police'),
      });
      withOrder = opened.body.childFile!.id;
      await http(sut.baseUrl, 'PATCH', `/children/${withOrder}`, {
        token: token('village'),
        body: { categories: ['left_behind'] },
      });
      clock.advance(2 * HOUR);
    });

    it.each<[Caller | null, number]>([
      ['village', 201],
      ['township', 201],
      ['village2', 404],
      ['township2', 404],
      ['otherHandler', 404],
      ['coordinator', 403],
      ['otherCoordinator', 404],
      ['police', 404],
      ['reporter', 403],
      ['admin', 403],
      [null, 401],
    ])('answers %s %s', async (caller, status) => {
      expect((await visit(caller, fileId, aVisit({}, clock.now()))).status).toBe(status);
    });

    it('answers 403 to a handler who sees the file only through the order they hold', async () => {
      const refused = await visit('police', withOrder, aVisit({}, clock.now()));

      expect(refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    });

    it('answers 404 for a file that does not exist or a malformed id', async () => {
      expect((await visit('village', randomUUID(), aVisit({}, clock.now()))).status).toBe(404);
      expect((await visit('village', 'not-a-file', aVisit({}, clock.now()))).status).toBe(404);
    });

    it('shows an order holder what a visit found but not where it took place', async () => {
      expect((await visit('village', withOrder, aVisit({}, clock.now()))).status).toBe(201);

      const [asPolice] = (await detail('police', withOrder)).visits;
      const [asCoordinator] = (await detail('coordinator', withOrder)).visits;

      expect(asPolice.position).toBeNull();
      expect(asPolice.checks).toEqual(asCoordinator.checks);
      expect(asCoordinator.position).toEqual({ latitude: 33.4801, longitude: 117.8812 });
    });
  });

  describe('GET /visits', () => {
    const files = {} as Record<'village' | 'village2' | 'township' | 'town2' | 'later', string>;

    beforeAll(async () => {
      // A minute apart, so that their quarterly visits fall due in the order they were opened.
      const opened = async (caller: Caller, divisionCode: string) => {
        clock.advance(60_000);
        return aFile(caller, { divisionCode });
      };
      files.village = await opened('village', HOME_VILLAGE);
      files.village2 = await opened('village2', HOME_VILLAGE_2);
      files.township = await opened('township', HOME_TOWN);
      files.town2 = await opened('township2', HOME_TOWN_2_VILLAGE);
      // A visit whose window opens later (a 30-day check after a return to school), and one overdue.
      files.later = await opened('village', HOME_VILLAGE);
      const dues = sut.app.get(VisitDuesRepository);
      const now = clock.now();
      await db.transaction(async (manager) => {
        await dues.plan(
          manager,
          {
            childFileId: files.later,
            unitId: world.units.homeVillage.id,
            divisionCode: HOME_VILLAGE,
            reason: 'dropout_check',
            dedupKey: `${files.later}:dropout_check:test`,
            startedAt: new Date(now.getTime() + 5 * DAY),
            dueAt: new Date(now.getTime() + 12 * DAY),
          },
          now,
        );
        await dues.plan(
          manager,
          {
            childFileId: files.village,
            unitId: world.units.homeVillage.id,
            divisionCode: HOME_VILLAGE,
            reason: 'follow_up',
            dedupKey: `${files.village}:follow_up:test`,
            startedAt: new Date(now.getTime() - 40 * DAY),
            dueAt: new Date(now.getTime() - 10 * DAY),
          },
          now,
        );
      });
    });

    const ours = (page: Page<DueVisit>) =>
      page.items
        .filter((item) => Object.values(files).includes(item.childFileId))
        .map((item) => [
          Object.entries(files).find(([, id]) => id === item.childFileId)![0],
          item.reason,
        ]);

    const OVERDUE = ['village', 'follow_up'];
    const LATER = ['later', 'dropout_check'];
    it.each<[Caller, string[][]]>([
      ['village', [OVERDUE, LATER, ['village', 'quarterly'], ['later', 'quarterly']]],
      ['village2', [['village2', 'quarterly']]],
      [
        'township',
        [
          OVERDUE,
          LATER,
          ['village', 'quarterly'],
          ['village2', 'quarterly'],
          ['township', 'quarterly'],
          ['later', 'quarterly'],
        ],
      ],
      ['township2', [['town2', 'quarterly']]],
      [
        'coordinator',
        [
          OVERDUE,
          LATER,
          ['village', 'quarterly'],
          ['village2', 'quarterly'],
          ['township', 'quarterly'],
          ['town2', 'quarterly'],
          ['later', 'quarterly'],
        ],
      ],
      ['otherCoordinator', []],
      ['otherHandler', []],
      ['police', []],
    ])(
      'lists to %s the visits of the files it keeps, soonest due first',
      async (caller, expected) => {
        const page = await dueVisits(caller, '?pageSize=50');

        expect(ours(page)).toEqual(expected);
        const dueAts = page.items.map((item) => item.dueAt);
        expect(dueAts).toEqual([...dueAts].sort());
      },
    );

    it.each<[Caller, number]>([
      ['reporter', 403],
      ['admin', 403],
    ])('refuses %s with %s', async (caller, status) => {
      const answer = await http(sut.baseUrl, 'GET', '/visits', { token: token(caller) });

      expect(answer.status).toBe(status);
    });

    it('with due=true lists only visits whose window has opened', async () => {
      const page = await dueVisits('village', '?due=true&pageSize=50');

      expect(ours(page)).toEqual([OVERDUE, ['village', 'quarterly'], ['later', 'quarterly']]);
    });

    it('with within=N lists only visits due within N days, those overdue included', async () => {
      const all = await dueVisits('village', '?pageSize=50');
      const dueWithin = (days: number) =>
        ours({
          items: all.items.filter(
            (item) => Date.parse(item.dueAt) <= clock.now().getTime() + days * DAY,
          ),
          total: 0,
        });

      expect(ours(await dueVisits('village', '?due=true&within=0&pageSize=50'))).toEqual([OVERDUE]);
      for (const days of [12, 30, 366]) {
        const page = await dueVisits('village', `?within=${days}&pageSize=50`);
        expect(ours(page)).toEqual(dueWithin(days));
        expect(ours(page)).toEqual(expect.arrayContaining([OVERDUE, LATER]));
      }
      expect(dueWithin(12).length).toBeLessThan(ours(all).length);
    });

    it('describes each visit: the child, the place, the unit, whether it is overdue', async () => {
      const page = await dueVisits('township', '?pageSize=50');
      const overdue = page.items.find(
        (item) => item.childFileId === files.village && item.reason === 'follow_up',
      );
      const quarterly = page.items.find((item) => item.childFileId === files.village2);

      expect(overdue).toMatchObject({
        overdue: true,
        stage: 'running',
        escalationLevel: 0,
        unitId: world.units.homeVillage.id,
        unitName: world.units.homeVillage.name,
        child: { name: expect.stringMatching(/^访童/), ageYears: 9 },
      });
      expect(overdue?.placeName).toContain('关庙');
      expect(quarterly).toMatchObject({ overdue: false, unitName: world.units.homeVillage2.name });
    });

    it('pages, and audits each read without naming a child', async () => {
      const all = await dueVisits('coordinator', '?pageSize=50');
      const second = await dueVisits('coordinator', '?page=2&pageSize=2');

      expect(second.total).toBe(all.total);
      expect(second.items).toEqual(all.items.slice(2, 4));
      const rows = await db.getRepository(AuditEntryEntity).findBy({
        action: 'visit.list',
        actorUserId: sessions.coordinator.user.id,
      });
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(rows)).not.toContain('访童');
    });

    it('answers 400 for a page size beyond 50 or another due', async () => {
      for (const query of [
        '?pageSize=51',
        '?due=yes',
        '?page=0',
        '?within=-1',
        '?within=367',
        '?within=1.5',
        '?within=soon',
      ]) {
        const answer = await http(sut.baseUrl, 'GET', `/visits${query}`, {
          token: token('village'),
        });
        expect(answer.status).toBe(400);
      }
    });
  });

  describe('the plan follows the file', () => {
    it('cancels every open visit when the file is closed, and plans a quarterly one again when it is reopened', async () => {
      const fileId = await aFile();
      clock.advance(HOUR);

      const closed = await http(sut.baseUrl, 'PATCH', `/children/${fileId}`, {
        token: token('village'),
        body: { status: 'closed', closeReason: 'situation_resolved' },
      });

      expect(closed.status).toBe(200);
      expect(await duesOf(fileId)).toEqual([
        expect.objectContaining({ reason: 'quarterly', nextDueAt: null, cancelledAt: clock.now() }),
      ]);
      expect((await fileRow(fileId)).nextVisitDueAt).toBeNull();
      expect(
        (await dueVisits('village', '?pageSize=50')).items.map((i) => i.childFileId),
      ).not.toContain(fileId);

      clock.advance(HOUR);
      const reopenedAt = clock.now().toISOString();
      const reopened = await http<{ nextVisitDueAt: string }>(
        sut.baseUrl,
        'PATCH',
        `/children/${fileId}`,
        {
          token: token('village'),
          body: { status: 'active' },
        },
      );

      expect(reopened.status).toBe(200);
      expect(reopened.body.nextVisitDueAt).toBe(plusDays(reopenedAt, QUARTERLY_DAYS));
      const plan = (await detail('village', fileId)).plannedVisits;
      expect(plan.map((p) => [p.reason, p.startedAt])).toEqual([['quarterly', reopenedAt]]);
    });

    it('cancels the quarterly visit when the last category goes, and plans it when one comes back', async () => {
      const fileId = await aFile();
      clock.advance(HOUR);
      const patch = (categories: string[]) =>
        http<{ nextVisitDueAt: string | null }>(sut.baseUrl, 'PATCH', `/children/${fileId}`, {
          token: token('village'),
          body: { categories },
        });

      expect((await patch([])).body.nextVisitDueAt).toBeNull();
      expect((await detail('village', fileId)).plannedVisits).toEqual([]);

      clock.advance(HOUR);
      expect((await patch(['orphan'])).body.nextVisitDueAt).toBe(
        plusDays(clock.now(), QUARTERLY_DAYS),
      );
      expect((await detail('village', fileId)).plannedVisits.map((p) => p.reason)).toEqual([
        'quarterly',
      ]);
    });

    it('moves open visits with the file to the new village, whose members are told', async () => {
      const fileId = await aFile();
      clock.advance(HOUR);
      const due = (await duesOf(fileId))[0];

      const moved = await http(sut.baseUrl, 'PATCH', `/children/${fileId}`, {
        token: token('village'),
        body: { divisionCode: HOME_VILLAGE_2 },
      });

      expect(moved.status).toBe(200);
      expect(await duesOf(fileId)).toEqual([
        expect.objectContaining({
          id: due.id,
          unitId: world.units.homeVillage2.id,
          divisionCode: HOME_VILLAGE_2,
          dueAt: due.dueAt,
        }),
      ]);
      expect(
        (await dueVisits('village2', '?pageSize=50')).items.map((i) => i.childFileId),
      ).toContain(fileId);
      expect(
        (await dueVisits('village', '?pageSize=50')).items.map((i) => i.childFileId),
      ).not.toContain(fileId);
      const messages = await db
        .getRepository(InboxMessageEntity)
        .findBy({ kind: 'file_moved', page: `children/file/index?id=${fileId}` });
      expect(messages.map((m) => m.userId)).toEqual([sessions.village2.user.id]);
      expect(messages[0].text).toMatch(
        /^一份儿童档案已转入你单位，下次走访请在\d{4}年\d+月\d+日前完成。$/,
      );
    });

    it('plans a quarterly visit for a file a report made once it is given a category', async () => {
      const report = await submitReport(sut.baseUrl, token('reporter')!, {
        situations: ['carer_neglect'],
        location: { divisionCode: HOME_VILLAGE },
        child: { name: '访童报告建档', ageYears: 8 },
      });
      const [reportFile] = await db.getRepository(ReportEntity).findBy({ id: report.id });
      const fileId = reportFile.childFileId!;
      expect(await duesOf(fileId)).toEqual([]);
      clock.advance(HOUR);

      const patched = await http(sut.baseUrl, 'PATCH', `/children/${fileId}`, {
        token: token('village'),
        body: { categories: ['left_behind'] },
      });

      expect(patched.status).toBe(200);
      expect(
        (await detail('village', fileId)).plannedVisits.map((p) => [p.reason, p.startedAt]),
      ).toEqual([['quarterly', clock.now().toISOString()]]);
    });
  });

  describe('a report filed from a visit', () => {
    it('is routed like any report, in channel visit, on the child’s file, from the worker’s unit', async () => {
      const fileId = await aFile('village', {
        child: { name: '访童报告', ageYears: 11 },
        guardian: { name: '访监护人', phone: '13912340001' },
      });
      clock.advance(HOUR);
      const body = aVisit(
        {
          checks: { schooling: { result: 'concern', finding: '已经两周没有上学。' } },
          report: {
            situations: ['dropout'],
            immediateDanger: false,
            description: '走访时发现孩子已经两周没有上学，奶奶劝不动。',
            address: '关庙村东组',
          },
        },
        clock.now(),
      );

      const recorded = await visit('village', fileId, body);

      expect(recorded.status).toBe(201);
      const filed = recorded.body.report!;
      expect(filed).toEqual({ id: expect.any(String), trackingCode: expect.any(String) });
      const report = await db.getRepository(ReportEntity).findOneByOrFail({ id: filed.id });
      expect(report).toMatchObject({
        channel: 'visit',
        childFileId: fileId,
        divisionCode: HOME_VILLAGE,
        reporterUserId: sessions.village.user.id,
        reporterAnonymous: false,
        reporterConfidential: false,
        reporterOrgName: world.units.homeVillage.name,
        reporterOrgType: 'village_committee',
        trackingCode: filed.trackingCode,
      });
      expect(report.discoveredAt.toISOString()).toBe(body.at);
      const order = await orderOf(sut.baseUrl, token('township')!, filed.id, 'township');
      const opened = await http<OrderDetail>(sut.baseUrl, 'GET', `/orders/${order.id}`, {
        token: token('township'),
      });
      expect(opened.body.report).toMatchObject({
        child: { name: '访童报告', guardianName: '访监护人', guardianPhone: '13912340001' },
        location: { divisionCode: HOME_VILLAGE, address: '关庙村东组' },
        reporter: { disclosed: true, orgName: world.units.homeVillage.name },
      });
      const file = await detail('village', fileId);
      expect(file.reports.map((r) => [r.id, r.channel])).toEqual([[filed.id, 'visit']]);
      expect(file.visits[0].reportId).toBe(filed.id);
      expect(file.timeline.map((line) => line.text)).toContain('收到报告：辍学（走访发现）。');
    });
  });

  describe('the 30-day check after a return to school', () => {
    /** A file whose child went back to school `daysAgo` days ago, with its check on the plan. */
    async function aReturnedDropout(daysAgo: number): Promise<string> {
      const fileId = await aFile();
      clock.advance(2 * HOUR);
      const now = clock.now();
      const returnedAt = new Date(now.getTime() - daysAgo * DAY);
      await db
        .getRepository(ChildFileEntity)
        .update(
          { id: fileId },
          { dropoutState: 'returned', dropoutSince: returnedAt, dropoutReturnedAt: returnedAt },
        );
      await db.transaction((manager) =>
        sut.app.get(VisitDuesRepository).plan(
          manager,
          {
            childFileId: fileId,
            unitId: world.units.homeVillage.id,
            divisionCode: HOME_VILLAGE,
            reason: 'dropout_check',
            dedupKey: `${fileId}:dropout_check:${returnedAt.toISOString()}`,
            startedAt: new Date(returnedAt.getTime() + 30 * DAY),
            dueAt: new Date(returnedAt.getTime() + 37 * DAY),
          },
          now,
        ),
      );
      // The file was opened before the return, so a visit may be dated after it.
      await db
        .getRepository(ChildFileEntity)
        .update({ id: fileId }, { createdAt: new Date(returnedAt.getTime() - DAY) });
      return fileId;
    }

    const schooling = (result: 'normal' | 'concern') =>
      result === 'normal' ? { result } : { result, finding: '又不去上学了。' };

    it.each([
      [
        'attending: 巩固',
        'normal',
        'consolidated',
        '复学巩固回访：孩子仍在校就读，控辍保学转为“巩固”。',
      ],
      [
        'not attending: back to 劝返中',
        'concern',
        'persuading',
        '复学巩固回访：孩子没有正常上学，控辍保学转回“劝返中”。',
      ],
    ] as const)('a visit in the window finds the child %s', async (_case, result, state, line) => {
      const fileId = await aReturnedDropout(31);
      const at = new Date(clock.now().getTime() - HOUR).toISOString();

      const recorded = await visit(
        'village',
        fileId,
        aVisit({ at, checks: { schooling: schooling(result) } }, clock.now()),
      );

      expect(recorded.status).toBe(201);
      const file = await fileRow(fileId);
      expect(file.dropoutState).toBe(state);
      expect(file.dropoutSince?.toISOString()).toBe(at);
      const shown = await detail('village', fileId);
      expect(shown.visits[0].fulfilled).toEqual(['quarterly', 'dropout_check']);
      expect(shown.plannedVisits.map((p) => p.reason)).toEqual(['quarterly']);
      const events = await db
        .getRepository(ChildFileEventEntity)
        .findBy({ childFileId: fileId, kind: 'dropout' });
      expect(events.map((e) => e.text)).toEqual([line]);
    });

    it('a visit before the window opens changes nothing of the dropout', async () => {
      const fileId = await aReturnedDropout(10);

      const recorded = await visit('village', fileId, aVisit({}, clock.now()));

      expect(recorded.status).toBe(201);
      expect((await fileRow(fileId)).dropoutState).toBe('returned');
      expect((await detail('village', fileId)).visits[0].fulfilled).toEqual(['quarterly']);
      expect(
        (await duesOf(fileId)).filter((d) => d.reason === 'dropout_check' && d.doneAt === null),
      ).toHaveLength(1);
    });
  });

  describe('files there before the plan (migration 1765000100000)', () => {
    it('plans a quarterly visit from the migration for each 在册 file with a category, once', async () => {
      const unitId = world.units.homeVillage.id;
      const before = (name: string, overrides: Parameters<typeof aChildFile>[1] = {}) =>
        aChildFile(sut.app, { unitId, child: { name, ageYears: 9 }, ...overrides });
      const onPlan = await before('迁前在册', { nextVisitDueAt: new Date() });
      const closed = await before('迁前销号', { status: 'closed' });
      const noCategory = await before('迁前无类别', { categories: [] });
      const covered = await aFile();
      const now = new Date(clock.now().getTime() + HOUR);
      const runner = db.createQueryRunner();

      try {
        await planQuarterlyVisits(runner, now);
        await planQuarterlyVisits(runner, new Date(now.getTime() + HOUR));
      } finally {
        await runner.release();
      }

      const [due, ...more] = await duesOf(onPlan.id);
      expect(more).toEqual([]);
      expect(due).toMatchObject({
        reason: 'quarterly',
        unitId,
        divisionCode: onPlan.divisionCode,
        stage: 'running',
        escalationLevel: 0,
        doneAt: null,
        cancelledAt: null,
        dedupKey: `${onPlan.id}:quarterly:${now.toISOString()}`,
      });
      expect(due.startedAt).toEqual(now);
      expect(due.dueAt).toEqual(new Date(now.getTime() + 90 * DAY));
      expect(due.nextDueAt).toEqual(new Date(now.getTime() + 72 * DAY));
      expect((await fileRow(onPlan.id)).nextVisitDueAt).toEqual(due.dueAt);
      expect(await duesOf(closed.id)).toEqual([]);
      expect(await duesOf(noCategory.id)).toEqual([]);
      expect(await duesOf(covered)).toHaveLength(1);
      // The plan it made is one like any other: a visit fulfils it.
      clock.advance(2 * HOUR);
      const visited = await visit('village', onPlan.id, aVisit({}, clock.now()));
      expect(visited.body.nextVisitDueAt).toBe(
        plusDays(new Date(clock.now().getTime() - HOUR), QUARTERLY_DAYS),
      );
    });
  });
});
