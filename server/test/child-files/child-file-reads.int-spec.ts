import {
  idNumberCheckCharacter,
  type AuthResponse,
  type ChildFileDetail,
  type ChildFileSummary,
  type OrderDetail,
  type Page,
  type ReportCreatedResponse,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from '../../src/audit/audit-entry.entity';
import { ReportEntity } from '../../src/reports/report.entity';
import { aChildFile } from '../factories/child-file.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aReporterSession, aSessionWith } from '../factories/session.factory';
import { aUnit } from '../factories/unit.factory';
import {
  HOME_COUNTY,
  HOME_TOWN,
  HOME_VILLAGE,
  HOME_VILLAGE_2,
  OTHER_COUNTY,
  aWorld,
  sessionsFor,
  type RoleName,
  type World,
} from '../factories/world.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

const first17 = `${HOME_COUNTY}20160301017`;
/** The child of the village's file, as the 儿童主任 wrote them down. */
const ID_NUMBER = `${first17}${idNumberCheckCharacter(first17)}`;
const NAME = '阿卜杜·热合曼';
/** Canaries of the reporters: who may not know them must not find them anywhere in an answer. */
const CONFIDENTIAL_REPORTER = '保密报告人甲';
const NAMED_REPORTER = '实名报告人乙';
const POLICE_NOTE = '已向孩子的邻居了解情况，邻居称常听到打骂声。';

type Caller =
  RoleName | 'police' | 'civilAffairs' | 'education' | 'otherVillageHandler' | 'township2Handler';

describe('child files: GET /children and GET /children/:id', () => {
  let sut: TestApp;
  let world: World;
  const sessions = {} as Record<Caller, AuthResponse | null>;
  const files = {} as Record<
    'village' | 'otherVillage' | 'townshipLevel' | 'town2' | 'otherCounty' | 'closed',
    string
  >;
  let confidential: ReportCreatedResponse;
  let anonymous: ReportCreatedResponse;
  let named: ReportCreatedResponse;
  let anonymousFiler: AuthResponse;
  let policeOrderId: string;

  const token = (caller: Caller) => sessions[caller]?.token;
  const get = <T>(caller: Caller, path: string) =>
    http<T>(sut.baseUrl, 'GET', path, { token: token(caller) });
  const listed = async (caller: Caller, query = '') => {
    const answer = await get<Page<ChildFileSummary>>(caller, `/children${query}`);
    expect(answer.status).toBe(200);
    return answer.body.items.map((item) => item.id);
  };
  const fileAs = async (caller: Caller, id = files.village) => {
    const answer = await get<ChildFileDetail>(caller, `/children/${id}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    sut = await startTestApp();
    world = await aWorld(sut.baseUrl);
    Object.assign(sessions, await sessionsFor(sut.baseUrl, world));
    const unitOf = async (department: 'police' | 'civil_affairs' | 'education', name: string) =>
      aUnit(sut.baseUrl, { name, department, divisionPrefixes: [HOME_COUNTY] });
    const [police, civilAffairs, education] = await Promise.all([
      unitOf('police', '泗县公安局'),
      unitOf('civil_affairs', '泗县民政局'),
      unitOf('education', '泗县教育局'),
    ]);
    const handlerOf = (unitId: string) => aSessionWith(sut.baseUrl, { role: 'handler', unitId });
    [
      sessions.police,
      sessions.civilAffairs,
      sessions.education,
      sessions.otherVillageHandler,
      sessions.township2Handler,
    ] = await Promise.all([
      handlerOf(police.id),
      handlerOf(civilAffairs.id),
      handlerOf(education.id),
      handlerOf(world.units.homeVillage2.id),
      handlerOf(world.units.homeTownship2.id),
    ]);

    const day = 24 * 3600_000;
    const file = (overrides: Parameters<typeof aChildFile>[1]) =>
      aChildFile(sut.app, overrides).then((f) => f.id);
    files.village = await file({
      divisionCode: HOME_VILLAGE,
      unitId: world.units.homeVillage.id,
      categories: ['left_behind', 'low_income'],
      child: { name: NAME, gender: 'male', idNumber: ID_NUMBER, school: '关庙小学' },
      guardian: { name: '热合曼·买买提', phone: '13912345678', relation: '祖父' },
      nextVisitDueAt: new Date(Date.now() + 30 * day),
    });
    files.otherVillage = await file({
      divisionCode: HOME_VILLAGE_2,
      unitId: world.units.homeVillage2.id,
      categories: ['orphan'],
      child: { name: '胡小军', gender: 'male', ageYears: 8 },
      nextVisitDueAt: new Date(Date.now() + 10 * day),
    });
    files.town2 = await file({
      divisionCode: '341324101200',
      categories: ['low_income'],
      child: { name: '墩小花', gender: 'female', ageYears: 10 },
    });
    files.otherCounty = await file({
      divisionCode: '341322100002',
      categories: ['street'],
      child: { name: '萧小明', gender: 'male', ageYears: 11 },
    });
    files.closed = await file({
      divisionCode: HOME_VILLAGE,
      status: 'closed',
      categories: ['left_behind'],
      child: { name: '关大龙', gender: 'male', ageYears: 17 },
    });

    // Three reports about the village's child: each links to the file through the 身份证号.
    const child = { name: NAME, idNumber: ID_NUMBER, gender: 'male' as const };
    const reporter = (await aReporterSession(sut.baseUrl)).token;
    confidential = await submitReport(sut.baseUrl, reporter, {
      situations: ['violence_abuse'],
      location: { divisionCode: HOME_VILLAGE },
      child,
      reporter: { anonymous: false, confidential: true, name: CONFIDENTIAL_REPORTER },
    });
    anonymousFiler = await aReporterSession(sut.baseUrl);
    anonymous = await submitReport(sut.baseUrl, anonymousFiler.token, {
      situations: ['dropout'],
      location: { divisionCode: HOME_VILLAGE },
      child,
      reporter: { anonymous: true, confidential: false, name: undefined, phone: undefined },
    });
    named = await submitReport(sut.baseUrl, reporter, {
      situations: ['poverty_hardship'],
      location: { divisionCode: HOME_VILLAGE },
      child,
      reporter: { anonymous: false, confidential: false, name: NAMED_REPORTER },
    });
    // A report at township level about a child nobody filed yet: intake makes the file.
    const townshipLevel = await submitReport(sut.baseUrl, reporter, {
      situations: ['consultation'],
      location: { divisionCode: HOME_TOWN },
      child: { name: '镇小丽', gender: 'female', ageYears: 7 },
    });
    const stored = await sut.app
      .get(DataSource)
      .getRepository(ReportEntity)
      .findOneByOrFail({ id: townshipLevel.id });
    files.townshipLevel = stored.childFileId!;

    const policeHandler = token('police')!;
    policeOrderId = (await orderOf(sut.baseUrl, policeHandler, confidential.id, 'police')).id;
    await act(sut.baseUrl, policeHandler, policeOrderId, 'sign');
    await act(sut.baseUrl, policeHandler, policeOrderId, 'notes', {
      text: POLICE_NOTE,
      reporterVisible: false,
    });
  }, 180_000);

  afterAll(async () => {
    await sut.close();
  });

  describe('who sees which files', () => {
    it.each<[Caller, (keyof typeof files)[]]>([
      ['village', ['village']],
      ['otherVillageHandler', ['otherVillage']],
      ['handler', ['otherVillage', 'village', 'townshipLevel']],
      ['township2Handler', ['town2']],
      ['coordinator', ['otherVillage', 'village', 'townshipLevel', 'town2']],
      ['otherCoordinator', ['otherCounty']],
      ['otherHandler', ['otherCounty']],
      ['police', ['village']],
      ['civilAffairs', ['village']],
      ['education', ['village']],
    ])('lists to %s the files %j, next visit due first', async (caller, expected) => {
      const ids = await listed(caller);
      expect(ids).toEqual(expected.map((name) => files[name]));
    });

    it.each<[Caller, number]>([
      ['anonymous', 401],
      ['reporter', 403],
      ['mandatedReporter', 403],
      ['hotlineOperator', 403],
      ['admin', 403],
    ])('answers %s %i on the list and on a file', async (caller, status) => {
      expect((await get(caller, '/children')).status).toBe(status);
      expect((await get(caller, `/children/${files.village}`)).status).toBe(status);
    });

    it.each<[Caller, 200 | 404]>([
      ['village', 200],
      ['otherVillageHandler', 404],
      ['handler', 200],
      ['township2Handler', 404],
      ['coordinator', 200],
      ['otherCoordinator', 404],
      ['otherHandler', 404],
      ['police', 200],
      ['civilAffairs', 200],
      ['education', 200],
    ])('opens the village’s file to %s: %i', async (caller, status) => {
      expect((await get(caller, `/children/${files.village}`)).status).toBe(status);
    });

    it('keeps a township-level file from the village’s 儿童主任, and shows it to the township', async () => {
      expect((await get('village', `/children/${files.townshipLevel}`)).status).toBe(404);
      expect((await get('handler', `/children/${files.townshipLevel}`)).status).toBe(200);
    });

    it('answers the same 404 for an unknown and a malformed id', async () => {
      const unknown = await get('coordinator', '/children/00000000-0000-4000-8000-000000000000');
      const malformed = await get('coordinator', '/children/not-an-id');
      expect([unknown.status, malformed.status]).toEqual([404, 404]);
      expect(malformed.body).toMatchObject({
        code: 'NOT_FOUND',
        message: (unknown.body as { message: string }).message,
      });
    });

    it('says in which capacity each sees the file, and who may change it', async () => {
      const capacities: [Caller, string, boolean][] = [];
      for (const caller of ['village', 'handler', 'coordinator', 'police'] as const) {
        const file = await fileAs(caller);
        capacities.push([caller, file.capacity, file.mayEdit]);
      }
      expect(capacities).toEqual([
        ['village', 'keeper', true],
        ['handler', 'keeper', true],
        ['coordinator', 'coordinator', true],
        ['police', 'order_holder', false],
      ]);
    });
  });

  describe('the file', () => {
    it('opens the sealed fields and names the place, the unit and the counts', async () => {
      const file = await fileAs('village');

      expect(file).toMatchObject({
        id: files.village,
        status: 'active',
        origin: 'survey',
        categories: ['left_behind', 'low_income'],
        divisionCode: HOME_VILLAGE,
        placeName: '泗城镇 · 关庙村委会',
        unitName: world.units.homeVillage.name,
        child: { name: NAME, gender: 'male', idNumber: ID_NUMBER, school: '关庙小学' },
        guardian: { name: '热合曼·买买提', phone: '13912345678', relation: '祖父' },
        carer: null,
        help: [],
        reportCount: 3,
      });
      expect(file.child.ageYears).toBeGreaterThanOrEqual(10);
      expect(file.reports.map((r) => r.id)).toEqual([named.id, anonymous.id, confidential.id]);
      expect(file.openOrderCount).toBe(
        file.reports.flatMap((r) => r.orders).filter((o) => o.status !== 'resolved').length,
      );
    });

    it.each<[Caller, string[]]>([
      ['village', [NAMED_REPORTER]],
      ['handler', [NAMED_REPORTER]],
      ['coordinator', [NAMED_REPORTER, CONFIDENTIAL_REPORTER]],
      ['police', [CONFIDENTIAL_REPORTER]],
      ['civilAffairs', [NAMED_REPORTER]],
      ['education', []],
    ])('discloses to %s only the reporters %j', async (caller, expected) => {
      const answer = await get<ChildFileDetail>(caller, `/children/${files.village}`);
      const text = JSON.stringify(answer.body);
      const disclosed = answer.body.reports
        .filter((r) => r.reporter.disclosed)
        .map((r) => (r.reporter as { name?: string }).name);

      expect(disclosed.sort()).toEqual([...expected].sort());
      for (const canary of [NAMED_REPORTER, CONFIDENTIAL_REPORTER]) {
        expect(text.includes(canary)).toBe(expected.includes(canary));
      }
      expect(text).not.toContain(anonymousFiler.user.id);
      expect(answer.body.reports.find((r) => r.id === anonymous.id)?.reporter).toEqual({
        disclosed: false,
        anonymous: true,
        confidential: false,
      });
    });

    it('tells each order whether its viewer may open it', async () => {
      const mayOpen = async (caller: Caller) =>
        (await fileAs(caller)).reports
          .flatMap((r) => r.orders)
          .filter((o) => o.mayOpen)
          .map((o) => o.department)
          .sort();

      expect(await mayOpen('village')).toEqual([]);
      expect(await mayOpen('police')).toEqual(['police']);
      expect(await mayOpen('coordinator')).toHaveLength(
        (await fileAs('coordinator')).reports.flatMap((r) => r.orders).length,
      );
    });

    it('keeps one timeline: the file’s reports and every order’s events, by department and unit', async () => {
      const { timeline } = await fileAs('coordinator');

      const times = timeline.map((entry) => entry.at);
      expect(times).toEqual([...times].sort());
      expect(timeline.filter((e) => e.kind === 'report').map((e) => e.reportId)).toEqual([
        confidential.id,
        anonymous.id,
        named.id,
      ]);
      expect(timeline.find((e) => e.reportId === confidential.id)?.text).toBe(
        '收到报告：被打被虐待（举报/求助）。',
      );
      expect(timeline.map((e) => e.text)).toContain('公安（泗县公安局）：已签收，开始办理。');
      expect(timeline.map((e) => e.text)).toContain(`公安（泗县公安局）：${POLICE_NOTE}`);
      expect(timeline.find((e) => e.text.includes(POLICE_NOTE))).toMatchObject({
        kind: 'order',
        orderId: policeOrderId,
        reportId: confidential.id,
      });
    });

    it('shows what another unit wrote only to those who may open its order', async () => {
      for (const caller of ['village', 'handler', 'civilAffairs'] as const) {
        const file = await fileAs(caller);
        expect(JSON.stringify(file)).not.toContain(POLICE_NOTE);
        expect(file.timeline.map((e) => e.text)).toContain('公安（泗县公安局）：添加了办理记录。');
      }
      expect(JSON.stringify(await fileAs('police'))).toContain(POLICE_NOTE);
    });
  });

  describe('a report past its retention period', () => {
    it('shows no description and no reporter, even to the coordinator', async () => {
      const reports = sut.app.get(DataSource).getRepository(ReportEntity);
      await reports.update({ id: named.id }, { purgedAt: new Date() });
      try {
        const file = await fileAs('coordinator');
        const purged = file.reports.find((r) => r.id === named.id);

        expect(purged).toMatchObject({ description: '', reporter: { disclosed: false } });
        expect(JSON.stringify(file)).not.toContain(NAMED_REPORTER);
      } finally {
        await reports.update({ id: named.id }, { purgedAt: null });
      }
    });
  });

  describe('filters', () => {
    it.each<[string, Caller, (keyof typeof files)[]]>([
      [`?division=${HOME_VILLAGE}`, 'coordinator', ['village']],
      ['?division=341324101', 'coordinator', ['town2']],
      [`?division=${OTHER_COUNTY}`, 'coordinator', []],
      [`?division=${HOME_VILLAGE_2}`, 'village', []],
      ['?category=orphan', 'coordinator', ['otherVillage']],
      ['?category=low_income', 'coordinator', ['village', 'town2']],
      ['?status=closed', 'coordinator', ['closed']],
      ['?status=closed', 'village', ['closed']],
      ['?status=closed', 'otherVillageHandler', []],
      ['?status=active&category=left_behind', 'village', ['village']],
    ])('%s as %s lists %j', async (query, caller, expected) => {
      expect(await listed(caller, query)).toEqual(expected.map((name) => files[name]));
    });

    it.each([
      [
        'a full-width 身份证号',
        ID_NUMBER.normalize('NFKC').replace(/[0-9X]/g, (c) =>
          String.fromCharCode(c.charCodeAt(0) + 0xfee0),
        ),
      ],
      [
        'a 身份证号 in groups',
        `${ID_NUMBER.slice(0, 6)} ${ID_NUMBER.slice(6, 14)} ${ID_NUMBER.slice(14)}`,
      ],
      ['the name with its 间隔号', NAME],
      ['the name without it', NAME.replace('·', '')],
    ])('finds the file by %s', async (_kind, q) => {
      expect(await listed('coordinator', `?q=${encodeURIComponent(q)}`)).toEqual([files.village]);
    });

    it.each([
      ['part of the name', NAME.slice(0, 3)],
      ['part of the 身份证号', ID_NUMBER.slice(0, 14)],
      ['another child’s name', '胡小'],
    ])('finds nothing by %s', async (_kind, q) => {
      expect(await listed('coordinator', `?q=${encodeURIComponent(q)}`)).toEqual([]);
    });

    it('searches only within the caller’s scope', async () => {
      expect(await listed('otherVillageHandler', `?q=${encodeURIComponent(NAME)}`)).toEqual([]);
    });

    it.each([
      ['?division=12'],
      ['?category=unknown'],
      ['?status=deleted'],
      ['?pageSize=51'],
      ['?page=0'],
      ['?q='],
      ['?sort=name'],
    ])('refuses %s with 400', async (query) => {
      const answer = await get('coordinator', `/children${query}`);
      expect(answer.status).toBe(400);
    });

    it('pages the list and counts the whole of it', async () => {
      const first = await get<Page<ChildFileSummary>>('coordinator', '/children?pageSize=2');
      const second = await get<Page<ChildFileSummary>>(
        'coordinator',
        '/children?pageSize=2&page=2',
      );
      expect([first.body.total, second.body.total]).toEqual([4, 4]);
      expect([...first.body.items, ...second.body.items].map((f) => f.id)).toEqual(
        await listed('coordinator'),
      );
    });

    it('names each line’s child, place and counts', async () => {
      const answer = await get<Page<ChildFileSummary>>('handler', '/children');
      const line = answer.body.items.find((item) => item.id === files.village);
      expect(line).toMatchObject({
        child: { name: NAME, gender: 'male' },
        placeName: '泗城镇 · 关庙村委会',
        unitName: world.units.homeVillage.name,
        reportCount: 3,
        categories: ['left_behind', 'low_income'],
      });
      expect(line?.openOrderCount).toBeGreaterThan(0);
      expect(JSON.stringify(line)).not.toContain(ID_NUMBER);
    });
  });

  describe('audit', () => {
    const rows = (action: string) =>
      sut.app
        .get(DataSource)
        .getRepository(AuditEntryEntity)
        .find({ where: { action }, order: { seq: 'DESC' } });

    it('records each read of a file with the capacity, and nothing that names the child', async () => {
      await fileAs('police');

      const [row] = await rows('child_file.read');
      expect(row).toMatchObject({
        actorUserId: sessions.police?.user.id,
        targetType: 'child_file',
        targetId: files.village,
        divisionCode: HOME_VILLAGE,
        detail: { capacity: 'order_holder' },
      });
    });

    it('records each list with its filters, saying only that a search was made', async () => {
      await listed('village', `?q=${encodeURIComponent(NAME)}&category=left_behind`);

      const [row] = await rows('child_file.list');
      expect(row).toMatchObject({
        actorUserId: sessions.village?.user.id,
        targetId: null,
        divisionCode: HOME_VILLAGE,
        detail: {
          status: 'active',
          division: null,
          category: 'left_behind',
          searched: true,
          page: 1,
        },
      });
      const all = JSON.stringify(await rows('child_file.list'));
      for (const identity of [NAME, NAME.replace('·', ''), ID_NUMBER]) {
        expect(all).not.toContain(identity);
      }
    });
  });

  describe('the order page’s link to the file', () => {
    it.each<[Caller, 'police' | 'township']>([
      ['handler', 'township'],
      ['coordinator', 'township'],
      ['police', 'police'],
    ])('links %s from the %s order to the child’s file', async (caller, department) => {
      const order = await orderOf(sut.baseUrl, token(caller)!, confidential.id, department);
      const detail = await get<OrderDetail>(caller, `/orders/${order.id}`);
      expect(detail.body.childFile).toEqual({ id: files.village });
    });

    it('gives an administrator no link, on the admin queue’s order', async () => {
      // 合肥市瑶海区: no unit covers it, so its orders wait for an administrator.
      const queued = await submitReport(sut.baseUrl, token('reporter')!, {
        situations: ['dropout'],
        location: { divisionCode: '340102' },
        child: { name: '瑶小海', ageYears: 9 },
      });
      const order = await orderOf(sut.baseUrl, token('admin')!, queued.id, 'township');
      const detail = await get<OrderDetail>('admin', `/orders/${order.id}`);
      expect(detail.status).toBe(200);
      expect(detail.body.childFile).toBeNull();
    });
  });

  // Last: it resolves the police order, which ends the police's sight of the file.
  describe('after the order is resolved', () => {
    it('shows the file no longer to the department that held it, and no longer links it', async () => {
      const police = token('police')!;
      await act(sut.baseUrl, police, policeOrderId, 'resolve', {
        outcome: 'case_accepted',
        reporterSummary: '公安机关已受案调查。',
        detail: '已受案，正在调查。',
      });

      expect(await listed('police')).toEqual([]);
      expect((await get('police', `/children/${files.village}`)).status).toBe(404);
      const detail = await get<OrderDetail>('police', `/orders/${policeOrderId}`);
      expect(detail.status).toBe(200);
      expect(detail.body.childFile).toBeNull();
      expect(await listed('civilAffairs')).toEqual([files.village]);
    });
  });
});
