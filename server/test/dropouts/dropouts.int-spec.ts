import { randomUUID } from 'node:crypto';
import {
  DROPOUT_FROM_REPORT_TEXT,
  DROPOUT_STATES,
  DEFAULT_VISIT_POLICY,
  dropoutChangeText,
  dropoutCheckInboxText,
  dropoutCheckWindow,
  dropoutPoliceText,
  dropoutTransitionProblem,
  type AuthResponse,
  type ChildFileDetail,
  type ChildFileSummary,
  type DropoutChanged,
  type DropoutState,
  type DropoutStateFigure,
  type InboxKind,
  type OrderDetail,
  type Page,
  type Unit,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';
import { AuditEntryEntity } from '../../src/audit/audit-entry.entity';
import { ChildFileEntity, ChildFileEventEntity } from '../../src/children/child-file.entity';
import { VisitDueEntity } from '../../src/children/visit.entity';
import { VisitDuesRepository } from '../../src/children/visit-dues.repository';
import { VisitPolicyRepository } from '../../src/children/visit-policy.repository';
import { DropoutChangeDto } from '../../src/dropouts/dto/dropout-change.dto';
import { InboxMessageEntity } from '../../src/inbox/inbox-message.entity';
import { OrderEntity, OrderEventEntity } from '../../src/orders/order.entity';
import { ReportEntity } from '../../src/reports/report.entity';
import { aChildFile, type ChildFileOverrides } from '../factories/child-file.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aVisit, postVisit } from '../factories/visit.factory';
import { aReporterSession, aSessionWith, anAdminSession } from '../factories/session.factory';
import { aUnit } from '../factories/unit.factory';
import {
  HOME_COUNTY,
  HOME_TOWN_2,
  HOME_TOWN_2_VILLAGE,
  HOME_VILLAGE,
  OTHER_TOWN,
  aWorld,
  type World,
} from '../factories/world.factory';
import { bodyFields, withValue } from '../setup/body-fields';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { testDriver } from '../setup/test-database';
import { TestClock } from '../setup/test-clock';

const DAY = 86_400_000;
const NOTE = '上周五放学后没有回家，家长说可能跟亲戚去了外省打工。';
const RESOLUTION = {
  outcome: 'home_visit_done',
  reporterSummary: '已上门了解情况，会持续跟进。',
  detail: '与家长面谈。',
};

type ErrorBody = { code?: string; message?: string; errors?: Record<string, string> };

/** The loop of domain.md, written out (not read from shared): from → what a worker may choose. */
const ALLOWED: Record<DropoutState | 'none', DropoutState[]> = {
  none: ['persuading'],
  persuading: ['returned', 'whereabouts_unknown'],
  returned: ['persuading', 'whereabouts_unknown'],
  consolidated: ['struck_off', 'persuading'],
  struck_off: ['persuading'],
  whereabouts_unknown: ['persuading', 'returned'],
};

describe('控辍保学: POST /children/:id/dropout and GET /dropouts/figures', () => {
  const clock = new TestClock(new Date());
  let sut: TestApp;
  let world: World;
  let db: DataSource;
  let units: { police: Unit; civil: Unit; education: Unit };
  const s: Record<string, AuthResponse> = {};
  let serial = 0;

  beforeAll(async () => {
    // Tokens outlive the days the clock is moved on.
    sut = await startTestApp({ clock, env: { AUTH_TOKEN_TTL_HOURS: '2160' } });
    db = sut.app.get(DataSource);
    world = await aWorld(sut.baseUrl);
    units = {
      police: await aUnit(sut.baseUrl, {
        name: '泗县公安局',
        department: 'police',
        divisionPrefixes: [HOME_COUNTY],
      }),
      civil: await aUnit(sut.baseUrl, {
        department: 'civil_affairs',
        divisionPrefixes: [HOME_COUNTY],
      }),
      education: await aUnit(sut.baseUrl, {
        department: 'education',
        divisionPrefixes: [HOME_COUNTY],
      }),
    };
    const handlerOf = (unit: Unit) =>
      aSessionWith(sut.baseUrl, { role: 'handler', unitId: unit.id });
    s.guanmiao = await handlerOf(world.units.homeVillage);
    s.huchen = await handlerOf(world.units.homeVillage2);
    s.dunjiVillage = await handlerOf(world.units.homeTown2Village);
    s.township = await handlerOf(world.units.homeTownship);
    s.dunji = await handlerOf(world.units.homeTownship2);
    s.police = await handlerOf(units.police);
    s.civil = await handlerOf(units.civil);
    s.education = await handlerOf(units.education);
    s.coordinator = await aSessionWith(sut.baseUrl, {
      role: 'coordinator',
      unitId: world.units.homeCoordinator.id,
    });
    s.otherCoordinator = await aSessionWith(sut.baseUrl, {
      role: 'coordinator',
      unitId: world.units.otherCoordinator.id,
    });
    s.reporter = await aReporterSession(sut.baseUrl);
    s.mandated = await aSessionWith(sut.baseUrl, {
      role: 'mandated_reporter',
      orgName: '泗城镇中心小学',
      orgType: 'school',
    });
    s.hotline = await aSessionWith(sut.baseUrl, { role: 'hotline_operator' });
    s.admin = await anAdminSession(sut.baseUrl);
  }, 120_000);

  afterAll(() => sut.close());

  /** A name no other file has: files are recognised by name within a township. */
  function aName(): string {
    serial += 1;
    return `辍童${String.fromCodePoint(0x4e00 + serial)}${String.fromCodePoint(0x4f00 + serial)}`;
  }

  /**
   * A 在册 file of 关庙村, kept by its 儿童主任, in `state` of the dropout list since a day ago;
   * as the database holds it.
   */
  async function aFile(
    state: DropoutState | null = null,
    overrides: ChildFileOverrides = {},
  ): Promise<ChildFileEntity> {
    const since = new Date(clock.now().getTime() - DAY);
    const file = await aChildFile(sut.app, {
      divisionCode: HOME_VILLAGE,
      unitId: world.units.homeVillage.id,
      child: { name: aName(), gender: 'male', ageYears: 12 },
      ...(state
        ? { dropout: { state, since, returnedAt: state === 'returned' ? since : null } }
        : {}),
      ...overrides,
    });
    return row(file.id);
  }

  const change = (token: string | undefined, id: string, body: unknown) =>
    http<DropoutChanged & ErrorBody>(sut.baseUrl, 'POST', `/children/${id}/dropout`, {
      token,
      body,
    });

  const bodyFor = (state: DropoutState) =>
    state === 'whereabouts_unknown' ? { state, note: NOTE } : { state };

  const row = (id: string) => db.getRepository(ChildFileEntity).findOneByOrFail({ id });
  const events = (id: string) =>
    db
      .getRepository(ChildFileEventEntity)
      .find({ where: { childFileId: id }, order: { at: 'ASC', id: 'ASC' } });
  const dues = (id: string) =>
    db
      .getRepository(VisitDueEntity)
      .find({ where: { childFileId: id }, order: { createdAt: 'ASC' } });
  const audits = (id: string, action = 'child_file.dropout') =>
    db.getRepository(AuditEntryEntity).find({ where: { targetId: id, action } });
  const inbox = (userId: string, kind: InboxKind = 'new_visit') =>
    db.getRepository(InboxMessageEntity).find({ where: { userId, kind } });

  /** What the file's next visit must say: the earliest open due of its plan. */
  async function earliestOpenDue(id: string): Promise<string | null> {
    const open = (await dues(id)).filter((d) => !d.doneAt && !d.cancelledAt);
    const earliest = open.map((d) => d.dueAt.getTime()).sort((a, b) => a - b)[0];
    return earliest === undefined ? null : new Date(earliest).toISOString();
  }

  /** A report about a new child of 关庙村, as a teacher files it; returns it with its file. */
  async function aReportAbout(
    overrides: Parameters<typeof submitReport>[2] = {},
  ): Promise<{ reportId: string; fileId: string }> {
    const report = await submitReport(sut.baseUrl, s.mandated.token, {
      channel: 'mandatory',
      discoveredAt: new Date(clock.now().getTime() - 3600_000).toISOString(),
      location: { divisionCode: HOME_VILLAGE },
      child: { name: aName(), gender: 'male', ageYears: 12 },
      ...overrides,
    });
    const stored = await db.getRepository(ReportEntity).findOneByOrFail({ id: report.id });
    return { reportId: report.id, fileId: stored.childFileId! };
  }

  describe('every move of the loop', () => {
    const moves = [null, ...DROPOUT_STATES].flatMap((from) =>
      DROPOUT_STATES.map((to) => [from, to] as const),
    );

    it('walks every state a file can be in, to every state', () => {
      expect(moves).toHaveLength(6 * 5);
    });

    it.each(moves.filter(([from, to]) => ALLOWED[from ?? 'none'].includes(to)))(
      'moves a file from %s to %s, with its timeline line and audit row',
      async (from, to) => {
        const file = await aFile(from);
        const answer = await change(s.guanmiao.token, file.id, bodyFor(to));
        const after = await row(file.id);
        const line = (await events(file.id)).find((e) => e.kind === 'dropout');

        expect(answer.status).toBe(200);
        expect(answer.body.dropout).toMatchObject({
          state: to,
          since: clock.now().toISOString(),
        });
        expect(after).toMatchObject({ dropoutState: to, status: 'active' });
        expect(after.dropoutSince?.toISOString()).toBe(clock.now().toISOString());
        expect(line?.text).toBe(
          dropoutChangeText(from, to) +
            (answer.body.police ? dropoutPoliceText(answer.body.police) : ''),
        );
        expect(answer.body.police !== null).toBe(to === 'whereabouts_unknown');
        expect(line?.actorUserId).toBe(s.guanmiao.user.id);
        const [audit] = await audits(file.id);
        expect(audit.detail).toEqual(expect.objectContaining({ from, to }));
      },
    );

    it.each(moves.filter(([from, to]) => !ALLOWED[from ?? 'none'].includes(to)))(
      'refuses to move a file from %s to %s with 409, changing nothing',
      async (from, to) => {
        const file = await aFile(from);
        const answer = await change(s.guanmiao.token, file.id, bodyFor(to));

        expect(answer.status).toBe(409);
        expect(answer.body).toMatchObject({
          code: 'DROPOUT_TRANSITION',
          message: dropoutTransitionProblem(from, to),
        });
        expect(await row(file.id)).toEqual(file);
        expect(await events(file.id)).toEqual([]);
        expect(await audits(file.id)).toEqual([]);
        expect(await dues(file.id)).toEqual([]);
      },
    );

    it('keeps 销号 to the dropout list: the file stays 在册 with its categories and visits', async () => {
      const file = await aFile('consolidated', {
        categories: ['left_behind', 'low_income'],
        nextVisitDueAt: new Date(clock.now().getTime() + 60 * DAY),
      });
      const answer = await change(s.township.token, file.id, { state: 'struck_off' });

      expect(answer.status).toBe(200);
      expect(await row(file.id)).toEqual({
        ...file,
        dropoutState: 'struck_off',
        dropoutSince: clock.now(),
        updatedAt: clock.now(),
      });
    });
  });

  describe('who may change it', () => {
    it.each([
      ['the village’s 儿童主任', 'guanmiao', 200],
      ['the township’s supervisor', 'township', 200],
      ['the county’s coordinator', 'coordinator', 200],
      ['another village’s 儿童主任', 'huchen', 404],
      ['another township’s supervisor', 'dunji', 404],
      ['another county’s coordinator', 'otherCoordinator', 404],
      ['a police handler holding no order about the child', 'police', 404],
      ['an education handler holding no order about the child', 'education', 404],
      ['a reporter', 'reporter', 403],
      ['a mandated reporter', 'mandated', 403],
      ['a hotline operator', 'hotline', 403],
      ['the admin', 'admin', 403],
      ['nobody logged in', 'anonymous', 401],
    ])('answers %s with %i', async (_who, caller, status) => {
      const file = await aFile();
      const answer = await change(s[caller]?.token, file.id, { state: 'persuading' });

      expect(answer.status).toBe(status);
      expect((await row(file.id)).dropoutState).toBe(status === 200 ? 'persuading' : null);
    });

    it('lets a unit holding an order about the child read the file but not change it: 403', async () => {
      const { fileId } = await aReportAbout({ situations: ['dropout'] });
      const answer = await change(s.education.token, fileId, { state: 'returned' });

      expect(answer.status).toBe(403);
      expect(answer.body.code).toBe('FORBIDDEN');
      expect((await row(fileId)).dropoutState).toBe('persuading');
    });

    it('answers 404 for a file that does not exist and for an id that is not one', async () => {
      for (const id of [randomUUID(), 'not-a-uuid']) {
        const answer = await change(s.coordinator.token, id, { state: 'persuading' });
        expect(answer.status).toBe(404);
        expect(answer.body.code).toBe('NOT_FOUND');
      }
    });

    it('refuses a closed file with 409 CHILD_FILE_CLOSED', async () => {
      const file = await aFile('persuading', { status: 'closed' });
      const answer = await change(s.guanmiao.token, file.id, { state: 'returned' });

      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe('CHILD_FILE_CLOSED');
      expect(await row(file.id)).toEqual(file);
    });
  });

  describe('the body', () => {
    it.each([
      ['去向不明 without a note', { state: 'whereabouts_unknown' }, 'note'],
      [
        '去向不明 with a note of 9 characters',
        { state: 'whereabouts_unknown', note: '孩子不见了已经三天' },
        'note',
      ],
      ['a note of spaces', { state: 'whereabouts_unknown', note: '　'.repeat(20) }, 'note'],
      ['an unknown state', { state: 'missing' }, 'state'],
      ['no state', { note: NOTE }, 'state'],
      ['an unknown field', { state: 'returned', reason: '已返校' }, 'reason'],
    ])('refuses %s with 400 naming the field, changing nothing', async (_case, body, field) => {
      const file = await aFile('persuading');
      const answer = await change(s.guanmiao.token, file.id, body);

      expect(answer.status).toBe(400);
      expect(Object.keys(answer.body.errors ?? {})).toContain(field);
      expect(await row(file.id)).toEqual(file);
    });

    const textCases = bodyFields(DropoutChangeDto)
      .filter((field) => field.kind === 'text')
      .flatMap((field): [string, string, unknown][] => [
        [field.path, 'one character too long', '孩'.repeat((field.limit?.max ?? 0) + 1)],
        [field.path, 'a control character', `正常文字正常文字正常\u0007文字`],
        [field.path, 'a number', 12345],
        [field.path, 'a list', ['文字']],
      ]);

    it('walks every text field of the body', () => {
      expect(textCases.map(([path]) => path)).toContain('note');
    });

    it.each(textCases)('refuses %s with %s', async (path, _case, value) => {
      const file = await aFile('persuading');
      const answer = await change(
        s.guanmiao.token,
        file.id,
        withValue({ state: 'returned' }, path, value),
      );

      expect(answer.status).toBe(400);
      expect(Object.keys(answer.body.errors ?? {})).toContain(path);
      expect(await row(file.id)).toEqual(file);
    });

    it('keeps the note sealed on the file’s timeline, shows it to the file’s readers, and keeps it out of the audit', async () => {
      const file = await aFile('persuading');
      const note = '孩子已回校上课，班主任每天报告出勤。';
      expect((await change(s.guanmiao.token, file.id, { state: 'returned', note })).status).toBe(
        200,
      );
      const [line] = await events(file.id);
      const detail = await http<ChildFileDetail>(sut.baseUrl, 'GET', `/children/${file.id}`, {
        token: s.coordinator.token,
      });
      const raw: { text: string; note_sealed: string }[] = await db.query(
        'SELECT text, note_sealed FROM child_file_events WHERE id = ?',
        [line.id],
      );

      expect(raw[0].text).not.toContain(note);
      expect(raw[0].note_sealed).toMatch(/^v2:/);
      expect(detail.body.timeline.map((e) => e.text)).toContain(
        `${dropoutChangeText('persuading', 'returned')}说明：${note}`,
      );
      expect(JSON.stringify(await audits(file.id))).not.toContain(note.slice(0, 4));
    });
  });

  describe('the 30-day check of a return (复学巩固回访)', () => {
    it('plans it once with the policy’s window for the keeping unit, and tells the unit', async () => {
      const file = await aFile('persuading');
      const before = (await inbox(s.guanmiao.user.id)).length;
      const answer = await change(s.guanmiao.token, file.id, { state: 'returned' });
      const window = dropoutCheckWindow(clock.now(), DEFAULT_VISIT_POLICY);
      const [due] = await dues(file.id);
      const after = await row(file.id);

      expect(await dues(file.id)).toHaveLength(1);
      expect(due).toMatchObject({
        reason: 'dropout_check',
        unitId: world.units.homeVillage.id,
        divisionCode: HOME_VILLAGE,
        dedupKey: `${file.id}:dropout_check:${clock.now().toISOString()}`,
        startedAt: window.startedAt,
        dueAt: window.dueAt,
        stage: 'running',
        doneAt: null,
        cancelledAt: null,
      });
      expect(window.startedAt.getTime() - clock.now().getTime()).toBe(30 * DAY);
      expect(window.dueAt.getTime() - window.startedAt.getTime()).toBe(7 * DAY);
      expect(after.dropoutReturnedAt).toEqual(clock.now());
      expect(after.nextVisitDueAt?.toISOString()).toBe(await earliestOpenDue(file.id));
      expect(answer.body).toEqual({
        dropout: {
          state: 'returned',
          since: clock.now().toISOString(),
          returnedAt: clock.now().toISOString(),
          check: { startedAt: window.startedAt.toISOString(), dueAt: window.dueAt.toISOString() },
        },
        nextVisitDueAt: after.nextVisitDueAt?.toISOString() ?? null,
        police: null,
      });
      const messages = await inbox(s.guanmiao.user.id);
      expect(messages).toHaveLength(before + 1);
      expect(messages.filter((m) => m.page === `children/file/index?id=${file.id}`)).toEqual([
        expect.objectContaining({ text: dropoutCheckInboxText(window) }),
      ]);
      expect(await inbox(s.huchen.user.id)).toEqual([]);
    });

    it('plans it again when a file closed (销号) at 已复学 is reopened, and shows it on the file', async () => {
      const file = await aFile('persuading');
      expect((await change(s.guanmiao.token, file.id, { state: 'returned' })).status).toBe(200);
      const window = dropoutCheckWindow(clock.now(), DEFAULT_VISIT_POLICY);
      const patch = (body: unknown) =>
        http(sut.baseUrl, 'PATCH', `/children/${file.id}`, { token: s.guanmiao.token, body });

      expect(
        (await patch({ status: 'closed', closeReason: 'other', closeNote: '误操作' })).status,
      ).toBe(200);
      expect((await dues(file.id)).filter((d) => d.cancelledAt === null)).toEqual([]);
      expect((await patch({ status: 'active' })).status).toBe(200);

      const open = (await dues(file.id)).filter((d) => d.cancelledAt === null);
      expect(open.filter((d) => d.reason === 'dropout_check')).toEqual([
        expect.objectContaining({ startedAt: window.startedAt, dueAt: window.dueAt }),
      ]);
      const detail = await http<ChildFileDetail>(sut.baseUrl, 'GET', `/children/${file.id}`, {
        token: s.guanmiao.token,
      });
      expect(detail.body.dropout?.check).toEqual({
        startedAt: window.startedAt.toISOString(),
        dueAt: window.dueAt.toISOString(),
      });
    });

    it('follows the visit policy an administrator set', async () => {
      const policies = sut.app.get(VisitPolicyRepository);
      const policy = { ...DEFAULT_VISIT_POLICY, dropoutCheckDays: 14, dropoutCheckWindowDays: 3 };
      await policies.save(db.manager, policy);
      try {
        const file = await aFile('whereabouts_unknown');
        expect((await change(s.township.token, file.id, { state: 'returned' })).status).toBe(200);
        const [due] = await dues(file.id);

        expect(due.startedAt.getTime() - clock.now().getTime()).toBe(14 * DAY);
        expect(due.dueAt.getTime() - due.startedAt.getTime()).toBe(3 * DAY);
      } finally {
        await policies.save(db.manager, DEFAULT_VISIT_POLICY);
      }
    });

    it('plans a return’s check once however often it is asked, telling the unit once', async () => {
      const file = await aFile('returned');
      const planned = sut.app.get(VisitDuesRepository);
      const due = {
        childFileId: file.id,
        unitId: file.unitId,
        divisionCode: file.divisionCode,
        reason: 'dropout_check' as const,
        dedupKey: `${file.id}:dropout_check:${file.dropoutReturnedAt?.toISOString()}`,
        ...dropoutCheckWindow(file.dropoutReturnedAt!),
      };

      expect(await planned.plan(db.manager, due, clock.now())).toBe(true);
      expect(await planned.plan(db.manager, due, clock.now())).toBe(false);
      expect(await dues(file.id)).toHaveLength(1);
    });

    it('plans one check when two workers send the return at once: the second is refused', async () => {
      const file = await aFile('persuading');
      const answers = await Promise.all([
        change(s.guanmiao.token, file.id, { state: 'returned' }),
        change(s.township.token, file.id, { state: 'returned' }),
      ]);

      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(await dues(file.id)).toHaveLength(1);
      expect(await events(file.id)).toHaveLength(1);
    });

    it.each(['persuading', 'whereabouts_unknown'] as const)(
      'takes the check off the plan when the child leaves 已复学 for %s, and plans a new one at the next return',
      async (away) => {
        const file = await aFile('persuading');
        await change(s.guanmiao.token, file.id, { state: 'returned' });
        clock.advance(3 * DAY);
        const left = await change(s.guanmiao.token, file.id, bodyFor(away));
        const [cancelled] = await dues(file.id);

        expect(left.status).toBe(200);
        expect(cancelled.cancelledAt).toEqual(clock.now());
        expect(cancelled.nextDueAt).toBeNull();
        expect(left.body.dropout.check).toBeNull();
        expect((await row(file.id)).nextVisitDueAt?.toISOString() ?? null).toBe(
          await earliestOpenDue(file.id),
        );

        clock.advance(DAY);
        const back = await change(s.guanmiao.token, file.id, { state: 'returned' });
        const open = (await dues(file.id)).filter((d) => !d.cancelledAt);

        expect(back.status).toBe(200);
        expect(open).toHaveLength(1);
        expect(open[0].startedAt.getTime() - clock.now().getTime()).toBe(30 * DAY);
        expect((await row(file.id)).dropoutReturnedAt).toEqual(clock.now());
      },
    );

    it('goes round the loop: 劝返中 → 已复学 → 巩固 by the check visit in its window → 销号', async () => {
      clock.set(new Date());
      const file = await aFile(null);
      expect((await change(s.guanmiao.token, file.id, { state: 'persuading' })).status).toBe(200);
      clock.advance(DAY);
      expect((await change(s.guanmiao.token, file.id, { state: 'returned' })).status).toBe(200);
      const [check] = (await dues(file.id)).filter((d) => d.reason === 'dropout_check');
      // Too early: a visit before the window opens leaves the child 已复学 and the check open.
      clock.advance(10 * DAY);
      const early = await postVisit(
        sut.baseUrl,
        s.guanmiao.token,
        file.id,
        aVisit({}, clock.now()),
      );
      expect(early.status).toBe(201);
      expect((await row(file.id)).dropoutState).toBe('returned');

      clock.set(new Date(check.startedAt.getTime() + 2 * DAY));
      const visit = await postVisit(
        sut.baseUrl,
        s.guanmiao.token,
        file.id,
        aVisit({}, clock.now()),
      );
      const done = (await dues(file.id)).find((d) => d.id === check.id);

      expect(visit.status).toBe(201);
      expect(await row(file.id)).toMatchObject({ dropoutState: 'consolidated' });
      expect(done?.doneAt).not.toBeNull();
      expect(done?.visitId).toBe(visit.body.id);
      const struck = await change(s.guanmiao.token, file.id, { state: 'struck_off' });
      expect(struck.status).toBe(200);
      expect(await row(file.id)).toMatchObject({ dropoutState: 'struck_off', status: 'active' });
    });

    it('shows the check on the list and the file while it is open', async () => {
      const file = await aFile('persuading');
      await change(s.guanmiao.token, file.id, { state: 'returned' });
      const [due] = await dues(file.id);
      const check = { startedAt: due.startedAt.toISOString(), dueAt: due.dueAt.toISOString() };
      const detail = await http<ChildFileDetail>(sut.baseUrl, 'GET', `/children/${file.id}`, {
        token: s.guanmiao.token,
      });
      const list = await http<Page<ChildFileSummary>>(
        sut.baseUrl,
        'GET',
        '/children?dropout=returned&pageSize=50',
        { token: s.guanmiao.token },
      );

      expect(detail.body.dropout).toEqual({
        state: 'returned',
        since: clock.now().toISOString(),
        returnedAt: clock.now().toISOString(),
        check,
      });
      expect(list.body.items.find((item) => item.id === file.id)?.dropout?.check).toEqual(check);
    });
  });

  describe('去向不明 brings the police in', () => {
    it.each(['education', 'township'] as const)(
      'hands off from the open %s order of the child’s report',
      async (department) => {
        const { reportId, fileId } = await aReportAbout({ situations: ['dropout'] });
        const other = department === 'education' ? 'township' : 'education';
        const closed = await orderOf(sut.baseUrl, s[other].token, reportId, other);
        await act(sut.baseUrl, s[other].token, closed.id, 'sign');
        await act(sut.baseUrl, s[other].token, closed.id, 'resolve', RESOLUTION);
        const source = await orderOf(sut.baseUrl, s[department].token, reportId, department);
        const answer = await change(s.guanmiao.token, fileId, {
          state: 'whereabouts_unknown',
          note: NOTE,
        });
        const orders = await db.getRepository(OrderEntity).findBy({ reportId });
        const added = orders.find((o) => o.department === 'police')!;

        expect(answer.status).toBe(200);
        expect(added).toMatchObject({
          role: 'assist',
          handedOffFrom: source.id,
          unitId: units.police.id,
        });
        expect(answer.body.police).toEqual({
          via: 'handoff',
          reportId,
          orderId: added.id,
          unitName: '泗县公安局',
        });
        const policeLine = (
          await db.getRepository(OrderEventEntity).findBy({ orderId: added.id, kind: 'handed_off' })
        )[0];
        expect(policeLine.text).toContain('孩子现在去向不明，请公安机关协助查找下落。');
        expect(policeLine.text).toContain(NOTE);
        expect((await events(fileId)).map((e) => e.text)).toContain(
          `${dropoutChangeText('persuading', 'whereabouts_unknown')}${dropoutPoliceText(answer.body.police!)}`,
        );
        expect(await audits(source.id, 'order.handoff')).toHaveLength(1);
        const moves = (await audits(fileId)).map((row) => row.detail);
        expect(moves).toContainEqual({ from: null, to: 'persuading', reportId });
        expect(moves).toContainEqual({
          from: 'persuading',
          to: 'whereabouts_unknown',
          police: 'handoff',
          reportId,
          orderId: added.id,
        });
        // The police now hold an order about the child: they read the file.
        const read = await http(sut.baseUrl, 'GET', `/children/${fileId}`, {
          token: s.police.token,
        });
        expect(read.status).toBe(200);
      },
    );

    it('tells the police order of the report that is already open instead of adding one', async () => {
      const { reportId, fileId } = await aReportAbout({
        situations: ['dropout'],
        child: { name: aName(), ageYears: 12, whereaboutsUnknown: true },
      });
      const police = await orderOf(sut.baseUrl, s.police.token, reportId, 'police');
      const answer = await change(s.township.token, fileId, {
        state: 'whereabouts_unknown',
        note: NOTE,
      });

      expect(answer.status).toBe(200);
      expect(answer.body.police).toEqual({
        via: 'open_order',
        reportId,
        orderId: police.id,
        unitName: '泗县公安局',
      });
      expect(
        (await db.getRepository(OrderEntity).findBy({ reportId })).filter(
          (o) => o.department === 'police',
        ),
      ).toHaveLength(1);
      const detail = await http<OrderDetail>(sut.baseUrl, 'GET', `/orders/${police.id}`, {
        token: s.police.token,
      });
      expect(detail.body.timeline.filter((e) => e.text.includes(NOTE))).toHaveLength(1);
    });

    it('files a police report from the file when no order about the child is open', async () => {
      const file = await aFile('persuading');
      const answer = await change(s.guanmiao.token, file.id, {
        state: 'whereabouts_unknown',
        note: NOTE,
      });
      const report = await db
        .getRepository(ReportEntity)
        .findOneByOrFail({ id: answer.body.police!.reportId });
      const police = await db.getRepository(OrderEntity).findOneByOrFail({
        id: answer.body.police!.orderId,
      });

      expect(answer.status).toBe(200);
      expect(answer.body.police).toMatchObject({ via: 'report', unitName: '泗县公安局' });
      expect(report).toMatchObject({
        channel: 'visit',
        situations: ['missing_trafficked'],
        description: NOTE,
        childFileId: file.id,
        divisionCode: HOME_VILLAGE,
      });
      expect(police).toMatchObject({ reportId: report.id, department: 'police', role: 'lead' });
      expect((await events(file.id)).map((e) => e.text)).toContain(
        `${dropoutChangeText('persuading', 'whereabouts_unknown')}${dropoutPoliceText(answer.body.police!)}`,
      );
    });
  });

  describe('a report of a dropout', () => {
    it('puts a new child on the list as 劝返中, on the file’s timeline, with no reporter', async () => {
      const { fileId } = await aReportAbout({ situations: ['dropout', 'poverty_hardship'] });
      const file = await row(fileId);
      const line = (await events(fileId)).find((e) => e.kind === 'dropout');

      expect(file.dropoutState).toBe('persuading');
      expect(file.dropoutSince).toEqual(clock.now());
      expect(line).toMatchObject({ text: DROPOUT_FROM_REPORT_TEXT, actorUserId: null });
      const [audit] = await audits(fileId);
      expect(audit).toMatchObject({ actorUserId: null, action: 'child_file.dropout' });
    });

    it('leaves a file already on the list as its keeper set it', async () => {
      const name = aName();
      const file = await aFile('returned', { child: { name, ageYears: 12 } });
      const { fileId } = await aReportAbout({
        situations: ['dropout'],
        child: { name, ageYears: 12 },
      });

      expect(fileId).toBe(file.id);
      expect(await row(file.id)).toMatchObject({ dropoutState: 'returned' });
      expect(await audits(file.id)).toEqual([]);
    });

    it('puts nobody on the list for a report of something else', async () => {
      const { fileId } = await aReportAbout({ situations: ['poverty_hardship'] });

      expect((await row(fileId)).dropoutState).toBeNull();
    });
  });

  describe('the figures (GET /dropouts/figures) and the list’s filter', () => {
    /** Files of 墩集镇 (no other test files there), days in their state counted back from now. */
    async function aTownship2File(
      state: DropoutState | null,
      daysAgo: number,
      overrides: ChildFileOverrides = {},
    ) {
      return aChildFile(sut.app, {
        divisionCode: HOME_TOWN_2_VILLAGE,
        unitId: world.units.homeTown2Village.id,
        child: { name: aName(), ageYears: 13 },
        ...(state
          ? { dropout: { state, since: new Date(clock.now().getTime() - daysAgo * DAY) } }
          : {}),
        ...overrides,
      });
    }

    const figures = (token: string | undefined, query = '') =>
      http<DropoutStateFigure[] & ErrorBody>(sut.baseUrl, 'GET', `/dropouts/figures${query}`, {
        token,
      });

    const EXPECTED: DropoutStateFigure[] = [
      { state: 'persuading', count: 3, medianDays: 20, longestDays: 30 },
      { state: 'returned', count: 2, medianDays: 10, longestDays: 15 },
      { state: 'consolidated', count: 0, medianDays: null, longestDays: null },
      { state: 'struck_off', count: 1, medianDays: 100, longestDays: 100 },
      { state: 'whereabouts_unknown', count: 1, medianDays: 3, longestDays: 3 },
    ];

    let persuading: string[] = [];

    beforeAll(async () => {
      clock.set(new Date('2026-12-20T10:00:00+08:00'));
      persuading = [
        (await aTownship2File('persuading', 10)).id,
        (await aTownship2File('persuading', 20)).id,
        (
          await aTownship2File('persuading', 30, {
            divisionCode: HOME_TOWN_2,
            unitId: world.units.homeTownship2.id,
          })
        ).id,
      ];
      await aTownship2File('returned', 5);
      await aTownship2File('returned', 15);
      await aTownship2File('struck_off', 100);
      await aTownship2File('whereabouts_unknown', 3);
      // Not counted: a closed file, a file off the list, a file of another county.
      await aTownship2File('persuading', 50, { status: 'closed' });
      await aTownship2File(null, 0);
      await aTownship2File('persuading', 40, { divisionCode: `${OTHER_TOWN}200`, unitId: null });
    });

    it('counts each state and its days for the county’s coordinator, narrowed to the township', async () => {
      const answer = await figures(s.coordinator.token, `?division=${HOME_TOWN_2}`);

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(EXPECTED);
    });

    // On this handful of files MariaDB may well read another index; at a county's 200 k files,
    // where a few thousand are on the list, it reads this one (the bench's slow log), and then
    // each statement must find all it needs there, or read thousands of rows all over the table.
    (testDriver() === 'mysql' ? it : it.skip)(
      'finds all each figures statement reads in IDX_child_files_dropout_place, never a file’s row',
      async () => {
        const db = sut.app.get(DataSource);
        const query = jest.spyOn(MysqlQueryRunner.prototype, 'query');
        try {
          expect((await figures(s.coordinator.token)).status).toBe(200);
          const statements = query.mock.calls.filter(([sql]) => /`dropout_state`/.test(sql));
          expect(statements.length).toBeGreaterThanOrEqual(3);
          for (const [sql, parameters] of statements) {
            const forced = sql.replace(
              '`child_files` `f`',
              '`child_files` `f` FORCE INDEX (IDX_child_files_dropout_place)',
            );
            const plan = await db.query<{ table: string; key: string | null; Extra: string }[]>(
              `EXPLAIN ${forced}`,
              parameters,
            );
            expect({ sql, plan }).toEqual({
              sql,
              plan: [
                expect.objectContaining({
                  table: 'f',
                  key: 'IDX_child_files_dropout_place',
                  Extra: expect.stringMatching(/Using index(;|$)/),
                }),
              ],
            });
          }
        } finally {
          query.mockRestore();
        }
      },
    );

    it('counts the township’s own for its supervisor', async () => {
      expect((await figures(s.dunji.token)).body).toEqual(EXPECTED);
    });

    it('counts only the village’s for its 儿童主任', async () => {
      const answer = await figures(s.dunjiVillage.token);

      expect(answer.body.find((f) => f.state === 'persuading')).toEqual({
        state: 'persuading',
        count: 2,
        medianDays: 15,
        longestDays: 20,
      });
    });

    it('counts days on Beijing’s calendar as the simulated clock moves', async () => {
      clock.set(new Date('2026-12-21T00:30:00+08:00'));
      try {
        const answer = await figures(s.dunji.token);

        expect(answer.body.find((f) => f.state === 'whereabouts_unknown')).toMatchObject({
          medianDays: 4,
          longestDays: 4,
        });
      } finally {
        clock.set(new Date('2026-12-20T10:00:00+08:00'));
      }
    });

    it('gives zeros for a division outside the caller’s scope', async () => {
      const answer = await figures(s.otherCoordinator.token, `?division=${HOME_TOWN_2}`);

      expect(answer.status).toBe(200);
      expect(answer.body.every((f) => f.count === 0)).toBe(true);
    });

    it.each([
      ['a police handler', 'police', 403],
      ['an education handler', 'education', 403],
      ['a reporter', 'reporter', 403],
      ['the admin', 'admin', 403],
      ['nobody logged in', 'anonymous', 401],
    ])('refuses %s', async (_who, caller, status) => {
      expect((await figures(s[caller]?.token)).status).toBe(status);
    });

    it('refuses a division that is not a code with 400', async () => {
      expect((await figures(s.coordinator.token, '?division=34132')).status).toBe(400);
    });

    it('lists exactly the files in a state with ?dropout=', async () => {
      const list = await http<Page<ChildFileSummary>>(
        sut.baseUrl,
        'GET',
        `/children?dropout=persuading&division=${HOME_TOWN_2}&pageSize=50`,
        { token: s.coordinator.token },
      );

      expect(list.status).toBe(200);
      expect(list.body.items.map((item) => item.id).sort()).toEqual([...persuading].sort());
      expect(list.body.items.every((item) => item.dropout?.state === 'persuading')).toBe(true);
      const all = await http<Page<ChildFileSummary>>(
        sut.baseUrl,
        'GET',
        `/children?division=${HOME_TOWN_2}&pageSize=50`,
        { token: s.coordinator.token },
      );
      expect(all.body.items.some((item) => item.dropout === null)).toBe(true);
    });

    it('refuses an unknown state in the list’s filter with 400', async () => {
      const list = await http(sut.baseUrl, 'GET', '/children?dropout=gone', {
        token: s.coordinator.token,
      });

      expect(list.status).toBe(400);
    });
  });
});
