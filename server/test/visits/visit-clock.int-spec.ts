import { randomUUID } from 'node:crypto';
import {
  DEFAULT_VISIT_POLICY,
  type AuthResponse,
  type ChildFileDetail,
  type InboxKind,
  type ReportCreatedResponse,
  type SchoolHoliday,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import type { ChildFileEntity } from '../../src/children/child-file.entity';
import { aChildFile, type ChildFileOverrides } from '../factories/child-file.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aReporterSession, aSessionWith, anAdminSession } from '../factories/session.factory';
import { aVisitDue } from '../factories/visit-due.factory';
import {
  HOME_TOWN,
  HOME_TOWN_2_VILLAGE,
  HOME_VILLAGE,
  HOME_VILLAGE_2,
  OTHER_COUNTY,
  aWorld,
  type World,
} from '../factories/world.factory';
import { http } from '../setup/http';
import { inboxOf } from '../setup/inbox-rows';
import { startTestApp, type TestApp } from '../setup/test-app';

/** Sessions are issued on the simulated clock at T0 and live 90 days: every test stays within. */
const T0 = new Date('2026-12-07T09:00:00+08:00');
const DAY = 24 * 3600_000;
const after = (days: number, from = T0) => new Date(from.getTime() + days * DAY);
const ENV = { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: String(24 * 90) };
/** A village of 泗城镇's neighbour 大庄镇, which has no township unit (儿童督导站) in the world. */
const VILLAGE_WITHOUT_TOWNSHIP = '341324102201';

const RESOLUTION = {
  outcome: 'answered',
  reporterSummary: '已电话答复家长，讲清了申请流程。',
  detail: '电话答复。',
};

describe('visits on the clock: the sweep, 案后回访 and 假期走访', () => {
  let sut: TestApp;
  let db: DataSource;
  let world: World;
  let admin: AuthResponse;
  let reporter: AuthResponse;
  /** One member of each unit the visits may tell, and of units they must not. */
  const member: Record<
    | 'village'
    | 'village2'
    | 'townVillage'
    | 'township'
    | 'township2'
    | 'coordinator'
    | 'otherCoordinator'
    | 'city',
    AuthResponse
  > = {} as never;

  beforeAll(async () => {
    sut = await startTestApp({ env: ENV });
    db = sut.app.get(DataSource);
    admin = await anAdminSession(sut.baseUrl);
    await setClock(T0);
    admin = await anAdminSession(sut.baseUrl);
    world = await aWorld(sut.baseUrl);
    const { units } = world;
    const handler = (unitId: string) => aSessionWith(sut.baseUrl, { role: 'handler', unitId });
    const coordinator = (unitId: string) =>
      aSessionWith(sut.baseUrl, { role: 'coordinator', unitId });
    member.village = await handler(units.homeVillage.id);
    member.village2 = await handler(units.homeVillage2.id);
    member.townVillage = await handler(units.homeTown2Village.id);
    member.township = await handler(units.homeTownship.id);
    member.township2 = await handler(units.homeTownship2.id);
    member.coordinator = await coordinator(units.homeCoordinator.id);
    member.otherCoordinator = await coordinator(units.otherCoordinator.id);
    member.city = await coordinator(units.city.id);
    reporter = await aReporterSession(sut.baseUrl);
  }, 120_000);

  afterAll(() => sut.close());

  async function setClock(now: Date): Promise<void> {
    const response = await http(sut.baseUrl, 'PUT', '/admin/clock', {
      token: admin.token,
      body: { now: now.toISOString() },
    });
    if (response.status !== 200) throw new Error(`clock: ${response.status}`);
  }

  async function sweep(): Promise<void> {
    const response = await http(sut.baseUrl, 'POST', '/admin/sla/sweep', { token: admin.token });
    if (response.status !== 200) throw new Error(`sweep: ${response.status}`);
  }

  /** A file of 关庙村 kept by its village unit, unless told otherwise. */
  const aFile = (overrides: ChildFileOverrides = {}) =>
    aChildFile(sut.app, {
      divisionCode: HOME_VILLAGE,
      unitId: world.units.homeVillage.id,
      child: { name: `走访${randomUUID().slice(0, 6)}`, gender: 'female', ageYears: 8 },
      ...overrides,
    });

  /** The kinds of the file's own timeline lines of the visit clock, in order. */
  async function clockLines(fileId: string): Promise<{ kind: string; text: string }[]> {
    const file = await http<ChildFileDetail>(sut.baseUrl, 'GET', `/children/${fileId}`, {
      token: member.coordinator.token,
    });
    return file.body.timeline
      .filter((line) => ['reminder', 'overdue', 'red_list'].includes(line.kind))
      .map(({ kind, text }) => ({ kind, text }));
  }

  /** The kinds of the messages each member got about the file, sorted. */
  async function toldAbout(fileId: string): Promise<Record<keyof typeof member, InboxKind[]>> {
    const told = {} as Record<keyof typeof member, InboxKind[]>;
    for (const [name, session] of Object.entries(member)) {
      const rows = await inboxOf(sut.app, session.user.id);
      told[name as keyof typeof member] = rows
        .filter((row) => row.page === `children/file/index?id=${fileId}`)
        .map((row) => row.kind)
        .sort();
    }
    return told;
  }

  const nobody = {
    village: [],
    village2: [],
    townVillage: [],
    township: [],
    township2: [],
    coordinator: [],
    otherCoordinator: [],
    city: [],
  };

  async function auditOf(fileId: string): Promise<{ action: string; detail: unknown }[]> {
    const rows: { action: string; detail: string }[] = await db.query(
      "SELECT action, detail FROM audit_log WHERE target_id = ? AND action LIKE 'visit.%' ORDER BY seq",
      [fileId],
    );
    return rows.map(({ action, detail }) => ({ action, detail: JSON.parse(detail) }));
  }

  async function duesOf(fileId: string) {
    const rows: {
      reason: string;
      stage: string;
      escalation_level: number;
      started_at: Date;
      due_at: Date;
    }[] = await db.query(
      'SELECT reason, stage, escalation_level, started_at, due_at FROM visit_dues WHERE child_file_id = ? ORDER BY created_at',
      [fileId],
    );
    return rows.map((row) => ({
      reason: row.reason,
      stage: row.stage,
      escalationLevel: Number(row.escalation_level),
      startedAt: new Date(row.started_at).toISOString(),
      dueAt: new Date(row.due_at).toISOString(),
    }));
  }

  async function fileRow(fileId: string): Promise<Pick<ChildFileEntity, 'nextVisitDueAt'>> {
    const [row]: { next_visit_due_at: Date | null }[] = await db.query(
      'SELECT next_visit_due_at FROM child_files WHERE id = ?',
      [fileId],
    );
    return { nextVisitDueAt: row.next_visit_due_at && new Date(row.next_visit_due_at) };
  }

  describe('the sweep over visits due', () => {
    it('reminds the keeping unit at 80 %, escalates to the township at 100 % and to the county at 200 %, each once however often it sweeps', async () => {
      const file = await aFile();
      const due = await aVisitDue(sut.app, file, { startedAt: T0, dueAt: after(10) });

      await setClock(after(7.99));
      await sweep();
      expect(await clockLines(file.id)).toEqual([]);
      expect(await toldAbout(file.id)).toEqual(nobody);

      await setClock(after(8));
      await sweep();
      await sweep();
      expect(await clockLines(file.id)).toEqual([
        { kind: 'reminder', text: '季度走访期限将至，请在2026年12月17日 09:00前完成走访。' },
      ]);
      expect(await toldAbout(file.id)).toEqual({ ...nobody, village: ['reminder'] });

      await setClock(after(10));
      await sweep();
      await sweep();
      expect((await clockLines(file.id)).map((line) => line.kind)).toEqual(['reminder', 'overdue']);
      expect(await toldAbout(file.id)).toEqual({
        ...nobody,
        village: ['overdue', 'reminder'],
        township: ['overdue'],
      });

      await setClock(after(20));
      await sweep();
      await sweep();
      expect(await clockLines(file.id)).toEqual([
        { kind: 'reminder', text: '季度走访期限将至，请在2026年12月17日 09:00前完成走访。' },
        { kind: 'overdue', text: '季度走访已超时未完成，已督办至泗城镇督导站。' },
        { kind: 'red_list', text: '季度走访超时已达期限两倍，已上报泗县联席办，列入红色清单。' },
      ]);
      expect(await toldAbout(file.id)).toEqual({
        ...nobody,
        village: ['overdue', 'reminder'],
        township: ['overdue', 'red_list'],
        coordinator: ['red_list'],
      });
      expect(await auditOf(file.id)).toEqual([
        {
          action: 'visit.overdue',
          detail: {
            visitDueId: due.id,
            reason: 'quarterly',
            escalatedTo: world.units.homeTownship.id,
          },
        },
        {
          action: 'visit.red_list',
          detail: {
            visitDueId: due.id,
            reason: 'quarterly',
            escalatedTo: world.units.homeCoordinator.id,
          },
        },
      ]);
      expect(await duesOf(file.id)).toMatchObject([{ stage: 'red', escalationLevel: 2 }]);

      await setClock(after(60));
      await sweep();
      expect(await clockLines(file.id)).toHaveLength(3);
    });

    it('tells each unit in words that name the kind of visit and its deadline, never the child or the village', async () => {
      const name = `保密${randomUUID().slice(0, 4)}`;
      const file = await aFile({ child: { name, gender: 'male', ageYears: 10 } });
      await aVisitDue(sut.app, file, {
        reason: 'follow_up',
        startedAt: T0,
        dueAt: after(10),
      });

      await setClock(after(20));
      await sweep();

      const texts = (
        await Promise.all(
          [member.village, member.township, member.coordinator].map((m) =>
            inboxOf(sut.app, m.user.id),
          ),
        )
      )
        .flat()
        .filter((row) => row.page === `children/file/index?id=${file.id}`)
        .map((row) => row.text);
      expect(new Set(texts)).toEqual(
        new Set([
          '一次案后回访期限将至，请在2026年12月17日 09:00前完成走访。',
          '一次案后回访已超时未完成，已督办至泗城镇督导站。',
          '一次案后回访超时已达期限两倍，已上报泗县联席办，列入红色清单。',
        ]),
      );
      const audit = JSON.stringify(await auditOf(file.id));
      for (const text of [...texts, audit]) {
        expect(text).not.toContain(name);
        expect(text).not.toContain('关庙');
      }
    });

    it('records every stage a late sweep passed, in order, once each', async () => {
      const file = await aFile({
        divisionCode: HOME_VILLAGE_2,
        unitId: world.units.homeVillage2.id,
      });
      await aVisitDue(sut.app, file, { startedAt: T0, dueAt: after(5) });

      await setClock(after(11));
      await sweep();
      await sweep();

      expect((await clockLines(file.id)).map((line) => line.kind)).toEqual([
        'reminder',
        'overdue',
        'red_list',
      ]);
      expect(await toldAbout(file.id)).toEqual({
        ...nobody,
        village2: ['overdue', 'reminder'],
        township: ['overdue', 'red_list'],
        coordinator: ['red_list'],
      });
      expect((await auditOf(file.id)).map((row) => row.action)).toEqual([
        'visit.overdue',
        'visit.red_list',
      ]);
    });

    it('escalates to the township of the place, and to the county at 督办 where no township unit covers it', async () => {
      const dunji = await aFile({
        divisionCode: HOME_TOWN_2_VILLAGE,
        unitId: world.units.homeTown2Village.id,
      });
      const unkept = await aFile({ divisionCode: VILLAGE_WITHOUT_TOWNSHIP, unitId: null });
      for (const file of [dunji, unkept]) {
        await aVisitDue(sut.app, file, { startedAt: T0, dueAt: after(5) });
      }

      await setClock(after(11));
      await sweep();

      expect(await toldAbout(dunji.id)).toEqual({
        ...nobody,
        townVillage: ['overdue', 'reminder'],
        township2: ['overdue', 'red_list'],
        coordinator: ['red_list'],
      });
      expect(await toldAbout(unkept.id)).toEqual({
        ...nobody,
        coordinator: ['overdue', 'red_list'],
      });
      expect((await clockLines(unkept.id)).map((line) => line.text)).toEqual([
        '季度走访期限将至，请在2026年12月12日 09:00前完成走访。',
        '季度走访已超时未完成，已督办至泗县联席办。',
        '季度走访超时已达期限两倍，已上报泗县联席办，列入红色清单。',
      ]);
    });

    it('escalates a file the township keeps itself to the county at 督办, never to itself', async () => {
      const kept = await aFile({ divisionCode: HOME_TOWN, unitId: world.units.homeTownship.id });
      await aVisitDue(sut.app, kept, { startedAt: T0, dueAt: after(5) });

      await setClock(after(11));
      await sweep();

      expect(await toldAbout(kept.id)).toEqual({
        ...nobody,
        township: ['overdue', 'reminder'],
        coordinator: ['overdue', 'red_list'],
      });
      expect((await clockLines(kept.id)).map((line) => line.text)).toEqual([
        '季度走访期限将至，请在2026年12月12日 09:00前完成走访。',
        '季度走访已超时未完成，已督办至泗县联席办。',
        '季度走访超时已达期限两倍，已上报泗县联席办，列入红色清单。',
      ]);
    });

    it('never sweeps a due that is done or cancelled', async () => {
      const done = await aFile();
      const cancelled = await aFile();
      const doneDue = await aVisitDue(sut.app, done, { startedAt: T0, dueAt: after(5) });
      const cancelledDue = await aVisitDue(sut.app, cancelled, { startedAt: T0, dueAt: after(5) });
      await db.query('UPDATE visit_dues SET done_at = CURRENT_TIMESTAMP WHERE id = ?', [
        doneDue.id,
      ]);
      await db.query('UPDATE visit_dues SET cancelled_at = CURRENT_TIMESTAMP WHERE id = ?', [
        cancelledDue.id,
      ]);

      await setClock(after(30));
      await sweep();

      for (const file of [done, cancelled]) {
        expect(await clockLines(file.id)).toEqual([]);
        expect(await toldAbout(file.id)).toEqual(nobody);
        expect(await auditOf(file.id)).toEqual([]);
        expect(await duesOf(file.id)).toMatchObject([{ stage: 'running', escalationLevel: 0 }]);
      }
    });
  });

  describe('案后回访', () => {
    /** A consultation about a child of 关庙村 filed at `now`: only the township's order, signed. */
    async function aCase(now: Date): Promise<{ report: ReportCreatedResponse; orderId: string }> {
      await setClock(now);
      const report = await submitReport(sut.baseUrl, reporter.token, {
        situations: ['consultation'],
        location: { divisionCode: HOME_VILLAGE },
        child: { name: `回访${randomUUID().slice(0, 6)}`, ageYears: 9 },
        discoveredAt: new Date(now.getTime() - 3600_000).toISOString(),
      });
      const order = await orderOf(sut.baseUrl, member.township.token, report.id, 'township');
      await act(sut.baseUrl, member.township.token, order.id, 'sign');
      return { report, orderId: order.id };
    }

    async function fileOfReport(reportId: string): Promise<string> {
      const [row]: { child_file_id: string }[] = await db.query(
        'SELECT child_file_id FROM reports WHERE id = ?',
        [reportId],
      );
      return row.child_file_id;
    }

    it('plans one 回访 when the case closes, within followUpDays, and tells the keeping unit once, even when the case is reopened and closed again', async () => {
      const { report, orderId } = await aCase(after(30));
      const fileId = await fileOfReport(report.id);
      expect(await duesOf(fileId)).toEqual([]);

      const closedAt = after(31);
      await setClock(closedAt);
      await act(sut.baseUrl, member.township.token, orderId, 'resolve', RESOLUTION);

      const dueAt = after(DEFAULT_VISIT_POLICY.followUpDays, closedAt);
      expect(await duesOf(fileId)).toEqual([
        {
          reason: 'follow_up',
          stage: 'running',
          escalationLevel: 0,
          startedAt: closedAt.toISOString(),
          dueAt: dueAt.toISOString(),
        },
      ]);
      expect(await fileRow(fileId)).toEqual({ nextVisitDueAt: dueAt });
      const told = (await inboxOf(sut.app, member.village.user.id)).filter(
        (row) => row.page === `children/file/index?id=${fileId}`,
      );
      expect(told).toEqual([
        {
          kind: 'new_visit',
          text: '新安排了一次案后回访：请在2月6日前完成走访。',
          page: `children/file/index?id=${fileId}`,
        },
      ]);

      await setClock(after(32));
      await act(sut.baseUrl, member.coordinator.token, orderId, 'reopen', {
        reason: '家长反映还有疑问',
      });
      await act(sut.baseUrl, member.township.token, orderId, 'resolve', RESOLUTION);

      expect(await duesOf(fileId)).toHaveLength(1);
      expect(await toldAbout(fileId)).toEqual({ ...nobody, village: ['new_visit'] });
      const file = await http<ChildFileDetail>(sut.baseUrl, 'GET', `/children/${fileId}`, {
        token: member.village.token,
      });
      expect(file.body.timeline.filter((line) => line.kind === 'visit_planned')).toEqual([
        {
          at: closedAt.toISOString(),
          kind: 'visit_planned',
          text: '安排了一次案后回访，请在2月6日前完成。',
        },
      ]);
    });

    it('plans none for a file closed (销号) before the case closes', async () => {
      const { report, orderId } = await aCase(after(30));
      const fileId = await fileOfReport(report.id);
      const closed = await http(sut.baseUrl, 'PATCH', `/children/${fileId}`, {
        token: member.village.token,
        body: { status: 'closed', closeReason: 'moved_out' },
      });
      expect(closed.status).toBe(200);

      await act(sut.baseUrl, member.township.token, orderId, 'resolve', RESOLUTION);

      expect(await duesOf(fileId)).toEqual([]);
      expect(await toldAbout(fileId)).toEqual(nobody);
      expect(await fileRow(fileId)).toEqual({ nextVisitDueAt: null });
    });

    it('counts the 回访 by the policy in force when the case closes', async () => {
      const { report, orderId } = await aCase(after(30));
      const policy = { ...DEFAULT_VISIT_POLICY, followUpDays: 10 };
      const set = await http(sut.baseUrl, 'PUT', '/admin/visit-policy', {
        token: admin.token,
        body: policy,
      });
      expect(set.status).toBe(200);
      try {
        await act(sut.baseUrl, member.township.token, orderId, 'resolve', RESOLUTION);
      } finally {
        await http(sut.baseUrl, 'PUT', '/admin/visit-policy', {
          token: admin.token,
          body: DEFAULT_VISIT_POLICY,
        });
      }

      expect(await duesOf(await fileOfReport(report.id))).toMatchObject([
        { reason: 'follow_up', startedAt: after(30).toISOString(), dueAt: after(40).toISOString() },
      ]);
    });
  });

  describe('假期走访', () => {
    async function aHoliday(body: Record<string, unknown>) {
      return http<SchoolHoliday>(sut.baseUrl, 'POST', '/admin/school-holidays', {
        token: admin.token,
        body,
      });
    }

    it('plans a holiday visit for every 在册 priority file of the county at the holiday’s start, once, and tells each keeping unit once', async () => {
      await setClock(new Date('2027-01-10T10:00:00+08:00'));
      const guanmiao = { divisionCode: HOME_VILLAGE, unitId: world.units.homeVillage.id };
      const huchen = { divisionCode: HOME_VILLAGE_2, unitId: world.units.homeVillage2.id };
      const priority = [
        await aFile({ ...guanmiao, priority: true }),
        await aFile({ ...guanmiao, priority: true }),
        await aFile({ ...huchen, priority: true }),
      ];
      const notPriority = await aFile(guanmiao);
      const closed = await aFile({ ...guanmiao, priority: true, status: 'closed' });
      const otherCounty = await aFile({
        divisionCode: `${OTHER_COUNTY}100201`,
        unitId: null,
        priority: true,
      });
      const holiday = await aHoliday({
        countyCode: '341324',
        kind: 'winter',
        startsOn: '2027-01-20',
      });
      expect(holiday.status).toBe(201);

      await setClock(new Date('2027-01-19T23:59:59+08:00'));
      await sweep();
      for (const file of priority) expect(await duesOf(file.id)).toEqual([]);

      await setClock(new Date('2027-01-20T00:00:30+08:00'));
      await sweep();
      await sweep();

      const startedAt = '2027-01-19T16:00:00.000Z';
      const dueAt = '2027-01-26T16:00:00.000Z';
      for (const file of priority) {
        expect(await duesOf(file.id)).toEqual([
          { reason: 'holiday', stage: 'running', escalationLevel: 0, startedAt, dueAt },
        ]);
        expect(await fileRow(file.id)).toEqual({ nextVisitDueAt: new Date(dueAt) });
      }
      for (const file of [notPriority, closed, otherCounty]) {
        expect(await duesOf(file.id)).toEqual([]);
      }
      // Other tests' 回访 reach the same units: only the holiday's messages count here.
      const newVisits = async (session: AuthResponse) =>
        (await inboxOf(sut.app, session.user.id)).filter(
          (row) => row.kind === 'new_visit' && row.text.includes('假期走访'),
        );
      expect(await newVisits(member.village)).toEqual([
        {
          kind: 'new_visit',
          text: '寒假开始了，新安排了2次假期走访：请在1月27日前完成走访。',
          page: 'children/index/index',
        },
      ]);
      expect(await newVisits(member.village2)).toEqual([
        {
          kind: 'new_visit',
          text: '寒假开始了，新安排了一次假期走访：请在1月27日前完成走访。',
          page: `children/file/index?id=${priority[2].id}`,
        },
      ]);
      for (const name of ['township', 'coordinator', 'townVillage'] as const) {
        expect(await newVisits(member[name])).toEqual([]);
      }
      const listed = await http<SchoolHoliday[]>(sut.baseUrl, 'GET', '/admin/school-holidays', {
        token: admin.token,
      });
      expect(listed.body.find((h) => h.id === holiday.body.id)).toMatchObject({
        duesCreatedAt: '2027-01-19T16:00:30.000Z',
      });

      // Made priority after the holiday started: its visit waits for the next holiday.
      const madeLate = await http(sut.baseUrl, 'PATCH', `/children/${notPriority.id}`, {
        token: member.village.token,
        body: { priority: true },
      });
      expect(madeLate.status).toBe(200);
      await setClock(new Date('2027-01-21T09:00:00+08:00'));
      await sweep();
      expect(await duesOf(notPriority.id)).toEqual([]);
      expect(await newVisits(member.village)).toHaveLength(1);

      const removed = await http(
        sut.baseUrl,
        'DELETE',
        `/admin/school-holidays/${holiday.body.id}`,
        { token: admin.token },
      );
      expect(removed.status).toBe(409);
      expect(removed.body).toMatchObject({ code: 'SCHOOL_HOLIDAY_STARTED' });
    });
  });
});
