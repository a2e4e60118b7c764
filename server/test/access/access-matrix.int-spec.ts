import { randomUUID } from 'node:crypto';
import {
  DEFAULT_VISIT_POLICY,
  type AuthResponse,
  type OrderDetail,
  type ReportCreatedResponse,
} from '@shouhu/shared';
import { DataSource, IsNull } from 'typeorm';
import { Inbox } from '../../src/inbox/inbox';
import { InboxMessageEntity } from '../../src/inbox/inbox-message.entity';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aReport } from '../factories/report.factory';
import { aVisit } from '../factories/visit.factory';
import { aUnit } from '../factories/unit.factory';
import {
  aReporterSession,
  aSessionWith,
  anAdminSession,
  anInvite,
} from '../factories/session.factory';
import {
  HOME_TOWN,
  HOME_VILLAGE,
  OTHER_TOWN,
  ROLE_NAMES,
  aWorld,
  sessionFor,
  sessionsFor,
  type RoleName,
  type World,
} from '../factories/world.factory';
import { aPhoto } from '../factories/media.factory';
import { aSheetForm, anInstitution, anInstitutionBody } from '../factories/institution.factory';
import { http } from '../setup/http';
import { routeTable } from '../setup/route-table';
import { startTestApp, type TestApp } from '../setup/test-app';
import { startWechatStandIn, type WechatStandIn } from '../setup/wechat-stand-in';
import { EVERY_ROUTE_ENV } from '../setup/every-route-env';

interface Call {
  path: string;
  /** Calls the route as this token instead of the role's session (a handler of another unit). */
  token?: string;
  body?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
}

interface Row {
  /** Builds the request; called once per role, so each call may create what it consumes. */
  call: (world: World, caller: RoleName) => Promise<Call>;
  expected: Record<RoleName, number>;
  /** Calls that change the caller's own roles get a fresh caller of that role. */
  freshCaller?: boolean;
}

/** `allowed` for every logged-in role, 401 for anonymous. */
function statuses(allowed: number) {
  return Object.fromEntries(
    ROLE_NAMES.map((role) => [role, role === 'anonymous' ? 401 : allowed]),
  ) as Record<RoleName, number>;
}

/** 403 for every logged-in role except those listed, 401 for anonymous. */
function only(roles: Partial<Record<RoleName, number>>): Record<RoleName, number> {
  return { ...statuses(403), ...roles };
}

async function aPhotoForm(): Promise<FormData> {
  const form = new FormData();
  form.append('file', new Blob([await aPhoto({ format: 'png' })]), 'photo.png');
  return form;
}

const RESOLUTION = {
  outcome: 'returned_to_school',
  reporterSummary: '孩子已回到学校上课，老师会持续关注。',
  detail: '与家长面谈两次，签订复学承诺书。',
};

/** The keepers of a file in the world's home township answered `status`. */
const mapKeepers = (status: number) => ({ handler: status, coordinator: status });

const everyone = (status: number): Record<RoleName, number> =>
  Object.fromEntries(ROLE_NAMES.map((role) => [role, status])) as Record<RoleName, number>;

describe('access matrix: every route × every role', () => {
  let sut: TestApp;
  let wechat: WechatStandIn;
  let world: World;
  let sessions: Record<RoleName, AuthResponse | null>;
  let reportOfReporter: ReportCreatedResponse;

  beforeAll(async () => {
    wechat = await startWechatStandIn();
    sut = await startTestApp({
      env: {
        ...wechat.env,
        ...EVERY_ROUTE_ENV,
      },
    });
    world = await aWorld(sut.baseUrl);
    sessions = await sessionsFor(sut.baseUrl, world);
    const created = await http<ReportCreatedResponse>(sut.baseUrl, 'POST', '/reports', {
      token: sessions.reporter?.token,
      body: aReport(),
      headers: { 'idempotency-key': randomUUID() },
    });
    reportOfReporter = created.body;
  });

  afterAll(async () => {
    await sut.close();
    await wechat.close();
  });

  type Stage = 'dispatched' | 'signed' | 'extension' | 'resolved';

  let civilHandler: Promise<AuthResponse> | undefined;
  /** A handler of a civil affairs unit covering one village of the home township only. */
  function civilAffairsHandler(w: World): Promise<AuthResponse> {
    civilHandler ??= (async () => {
      const unit = await aUnit(sut.baseUrl, {
        name: '矩阵民政所',
        department: 'civil_affairs',
        divisionPrefixes: [HOME_VILLAGE],
        parentId: w.units.homeCoordinator.id,
      });
      return aSessionWith(sut.baseUrl, { role: 'handler', unitId: unit.id });
    })();
    return civilHandler;
  }

  /** A fresh township order in the handler's unit, brought to `stage`. */
  async function anOrder(stage: Stage): Promise<string> {
    const reporter = sessions.reporter?.token ?? '';
    const handler = sessions.handler?.token ?? '';
    const report = await submitReport(sut.baseUrl, reporter, {
      situations: ['dropout'],
      location: { divisionCode: HOME_TOWN },
      child: {},
    });
    const { id } = await orderOf(sut.baseUrl, handler, report.id, 'township');
    if (stage !== 'dispatched') await act(sut.baseUrl, handler, id, 'sign');
    if (stage === 'extension') {
      await act(sut.baseUrl, handler, id, 'extension', { workingDays: 2, reason: '需要多次家访' });
    }
    if (stage === 'resolved') await act(sut.baseUrl, handler, id, 'resolve', RESOLUTION);
    return id;
  }

  /** A report of the reporter that only the township handles, resolved, so it can be rated. */
  async function aClosedReportOfReporter(): Promise<string> {
    const handler = sessions.handler?.token ?? '';
    const report = await submitReport(sut.baseUrl, sessions.reporter?.token ?? '', {
      situations: ['consultation'],
      location: { divisionCode: HOME_TOWN },
      child: {},
    });
    const { id } = await orderOf(sut.baseUrl, handler, report.id, 'township');
    await act(sut.baseUrl, handler, id, 'sign');
    await act(sut.baseUrl, handler, id, 'resolve', RESOLUTION);
    return report.id;
  }

  /** A hotline report the world's operator registered for a caller, resolved, so it can be called back. */
  async function aClosedHotlineReport(): Promise<string> {
    const handler = sessions.handler?.token ?? '';
    const report = await submitReport(sut.baseUrl, sessions.hotlineOperator?.token ?? '', {
      channel: 'hotline',
      situations: ['consultation'],
      location: { divisionCode: HOME_TOWN },
      child: {},
    });
    const { id } = await orderOf(sut.baseUrl, handler, report.id, 'township');
    await act(sut.baseUrl, handler, id, 'sign');
    await act(sut.baseUrl, handler, id, 'resolve', RESOLUTION);
    return report.id;
  }

  const orderRow = (
    action: string,
    stage: Stage,
    expected: Partial<Record<RoleName, number>>,
    body?: (w: World) => unknown,
  ): Row => ({
    call: async (w) => ({ path: `/orders/${await anOrder(stage)}/${action}`, body: body?.(w) }),
    // A village's 儿童主任 is a handler whose unit holds no order: not found where handlers may act.
    expected: only({ ...('handler' in expected ? { village: 404 } : {}), ...expected }),
  });

  /** A message in the caller's inbox (any id for the anonymous caller, who is refused first). */
  async function aMessageOf(caller: RoleName): Promise<string> {
    const user = sessions[caller]?.user;
    if (!user) return randomUUID();
    const dataSource = sut.app.get(DataSource);
    await sut.app
      .get(Inbox)
      .toUsers(
        dataSource.manager,
        [user.id],
        { kind: 'report_progress', text: '矩阵消息', page: null },
        new Date(),
      );
    const message = await dataSource
      .getRepository(InboxMessageEntity)
      .findOneByOrFail({ userId: user.id, text: '矩阵消息', readAt: IsNull() });
    return message.id;
  }

  /** A child file body no other call made, in the handler's township. */
  const aFileBody = () => ({
    divisionCode: HOME_TOWN,
    child: { name: `矩阵${randomUUID().slice(0, 8)}`, ageYears: 9 },
    categories: ['left_behind'],
  });

  let holidayYear = 2050;
  /** A school holiday no other call entered (a year of its own): never a 409. */
  const aHolidayBody = () => ({
    countyCode: '341324',
    kind: 'summer',
    startsOn: `${holidayYear++}-07-03`,
  });

  /** The child file a report in the handler's township made, as the order page links it. */
  async function aFileOfTheTownship(): Promise<string> {
    const handler = sessions.handler?.token ?? '';
    const report = await submitReport(sut.baseUrl, sessions.reporter?.token ?? '', {
      situations: ['dropout'],
      location: { divisionCode: HOME_TOWN },
      child: {},
    });
    const { id } = await orderOf(sut.baseUrl, handler, report.id, 'township');
    const detail = await http<OrderDetail>(sut.baseUrl, 'GET', `/orders/${id}`, { token: handler });
    if (!detail.body.childFile) throw new Error(`order ${id} links no child file`);
    return detail.body.childFile.id;
  }

  const matrix: Record<string, Row> = {
    'POST /children': {
      call: async () => ({ path: '/children', body: aFileBody() }),
      // Another county's people, and a village worker for a place beyond their village, are told
      // which places they may use (400), not refused the route.
      expected: only({
        ...mapKeepers(201),
        otherHandler: 400,
        otherCoordinator: 400,
        village: 400,
      }),
    },
    'PATCH /children/:id': {
      call: async () => {
        const file = await http<{ id: string }>(sut.baseUrl, 'POST', '/children', {
          token: sessions.handler?.token,
          body: aFileBody(),
        });
        return { path: `/children/${file.body.id}`, body: { categories: ['orphan'] } };
      },
      expected: only({
        ...mapKeepers(200),
        otherHandler: 404,
        otherCoordinator: 404,
        village: 404,
      }),
    },
    'POST /children/:id/dropout': {
      call: async () => {
        const file = await http<{ id: string }>(sut.baseUrl, 'POST', '/children', {
          token: sessions.handler?.token,
          body: aFileBody(),
        });
        return { path: `/children/${file.body.id}/dropout`, body: { state: 'persuading' } };
      },
      expected: only({
        ...mapKeepers(200),
        otherHandler: 404,
        otherCoordinator: 404,
        village: 404,
      }),
    },
    'GET /dropouts/figures': {
      call: async () => ({ path: '/dropouts/figures' }),
      // Keepers and coordinators of any place see their own places' counts.
      expected: only({
        handler: 200,
        otherHandler: 200,
        village: 200,
        coordinator: 200,
        otherCoordinator: 200,
      }),
    },
    'GET /health': { call: async () => ({ path: '/health' }), expected: everyone(200) },
    'POST /auth/dev': {
      call: async () => ({ path: '/auth/dev', body: { openid: `matrix-${randomUUID()}` } }),
      expected: everyone(200),
    },
    'POST /auth/wechat': {
      call: async () => ({ path: '/auth/wechat', body: { code: `ok:matrix-${randomUUID()}` } }),
      expected: everyone(200),
    },
    'GET /auth/me': { call: async () => ({ path: '/auth/me' }), expected: statuses(200) },
    'POST /auth/redeem': {
      call: async () => {
        const admin = await anAdminSession(sut.baseUrl);
        const invite = await anInvite(sut.baseUrl, admin.token, {
          role: 'mandated_reporter',
          orgName: '矩阵测试学校',
          orgType: 'school',
        });
        return { path: '/auth/redeem', body: { code: invite.code } };
      },
      expected: statuses(200),
      freshCaller: true,
    },
    'POST /reports': {
      call: async () => ({
        path: '/reports',
        body: aReport(),
        headers: { 'idempotency-key': randomUUID() },
      }),
      expected: statuses(201),
    },
    'GET /reports/:id': {
      call: async () => ({ path: `/reports/${reportOfReporter.id}` }),
      expected: { ...statuses(404), reporter: 200 },
    },
    'POST /admin/units': {
      call: async () => ({
        path: '/admin/units',
        body: { name: '矩阵测试单位', department: 'education', divisionPrefixes: ['341324'] },
      }),
      expected: only({ admin: 201 }),
    },
    'PATCH /admin/units/:id': {
      call: async () => ({
        path: `/admin/units/${(await aUnit(sut.baseUrl, { department: 'police', divisionPrefixes: ['341324'] })).id}`,
        body: { dutyPhone: '13900000110' },
      }),
      expected: only({ admin: 200 }),
    },
    'GET /hotline/callbacks': {
      call: async () => ({ path: '/hotline/callbacks' }),
      expected: only({ hotlineOperator: 200 }),
    },
    'POST /reports/:id/callback': {
      call: async () => ({
        path: `/reports/${await aClosedHotlineReport()}/callback`,
        body: { reached: true, score: 5 },
      }),
      expected: only({ hotlineOperator: 201 }),
    },
    'POST /admin/sms/send': {
      call: async () => ({ path: '/admin/sms/send' }),
      expected: only({ admin: 200 }),
    },
    'GET /admin/units': {
      call: async () => ({ path: '/admin/units' }),
      expected: only({ admin: 200, coordinator: 200, otherCoordinator: 200 }),
    },
    // A 儿童主任 of a village under the handler's station: the station's supervisor may invite too.
    'POST /admin/invites': {
      call: async (w) => ({
        path: '/admin/invites',
        body: { role: 'handler', unitId: w.units.homeVillage.id },
      }),
      expected: only({
        admin: 201,
        coordinator: 201,
        otherCoordinator: 404,
        handler: 201,
        otherHandler: 404,
      }),
    },
    'POST /admin/users/:id/disable': {
      call: async () => {
        const target = await aReporterSession(sut.baseUrl);
        return { path: `/admin/users/${target.user.id}/disable` };
      },
      expected: only({ admin: 200 }),
    },
    'GET /reports/mine': { call: async () => ({ path: '/reports/mine' }), expected: statuses(200) },
    'GET /track/:trackingCode': {
      call: async () => ({ path: `/track/${reportOfReporter.trackingCode}` }),
      expected: everyone(200),
    },
    'POST /reports/:id/rating': {
      call: async () => ({
        path: `/reports/${await aClosedReportOfReporter()}/rating`,
        body: { score: 4 },
      }),
      expected: { ...statuses(404), reporter: 200 },
    },
    'GET /notifications/templates': {
      call: async () => ({ path: '/notifications/templates' }),
      expected: statuses(200),
    },
    'POST /reports/:id/subscriptions': {
      call: async () => ({
        path: `/reports/${reportOfReporter.id}/subscriptions`,
        body: { kinds: ['accepted'] },
      }),
      expected: { ...statuses(404), reporter: 201 },
    },
    'GET /notifications': {
      call: async () => ({ path: '/notifications?unread=true' }),
      expected: statuses(200),
    },
    'POST /notifications/read': {
      call: async () => ({ path: '/notifications/read' }),
      expected: statuses(200),
    },
    'POST /notifications/:id/read': {
      // Each caller marks a message of their own; another's is 404 (test/inbox).
      call: async (_, caller) => ({ path: `/notifications/${await aMessageOf(caller)}/read` }),
      expected: statuses(200),
    },
    'POST /notifications/new-orders/subscriptions': {
      call: async () => ({ path: '/notifications/new-orders/subscriptions', body: {} }),
      expected: only({ handler: 201, otherHandler: 201, village: 201 }),
    },
    'POST /admin/notifications/send': {
      call: async () => ({ path: '/admin/notifications/send' }),
      expected: only({ admin: 200 }),
    },
    'POST /uploads': {
      call: async () => ({ path: '/uploads', form: await aPhotoForm() }),
      expected: statuses(201),
    },
    'GET /orders/:id/attachments/:uploadId': {
      call: async () => {
        const reporter = sessions.reporter?.token ?? '';
        const photo = await http<{ uploadId: string }>(sut.baseUrl, 'POST', '/uploads', {
          token: reporter,
          form: await aPhotoForm(),
        });
        const report = await submitReport(sut.baseUrl, reporter, {
          situations: ['dropout'],
          location: { divisionCode: HOME_TOWN },
          child: {},
          attachments: [photo.body.uploadId],
        });
        const order = await orderOf(
          sut.baseUrl,
          sessions.handler?.token ?? '',
          report.id,
          'township',
        );
        return { path: `/orders/${order.id}/attachments/${photo.body.uploadId}` };
      },
      expected: only({
        handler: 200,
        otherHandler: 404,
        village: 404,
        coordinator: 200,
        otherCoordinator: 404,
      }),
    },
    'GET /divisions': {
      call: async () => ({ path: '/divisions?parent=341324' }),
      expected: everyone(200),
    },
    'GET /admin/alerts': {
      call: async () => ({ path: '/admin/alerts' }),
      expected: only({ admin: 200 }),
    },
    'GET /admin/calendar/:year': {
      call: async () => ({ path: '/admin/calendar/2026' }),
      expected: only({ admin: 200 }),
    },
    'PUT /admin/calendar/:year': {
      call: async () => ({ path: '/admin/calendar/2099', body: { days: [] } }),
      expected: only({ admin: 200 }),
    },
    'GET /admin/school-holidays': {
      call: async () => ({ path: '/admin/school-holidays' }),
      expected: only({ admin: 200 }),
    },
    'POST /admin/school-holidays': {
      call: async () => ({ path: '/admin/school-holidays', body: aHolidayBody() }),
      expected: only({ admin: 201 }),
    },
    'DELETE /admin/school-holidays/:id': {
      call: async () => {
        const holiday = await http<{ id: string }>(sut.baseUrl, 'POST', '/admin/school-holidays', {
          token: sessions.admin?.token,
          body: aHolidayBody(),
        });
        return { path: `/admin/school-holidays/${holiday.body.id}` };
      },
      expected: only({ admin: 200 }),
    },
    'GET /admin/visit-policy': {
      call: async () => ({ path: '/admin/visit-policy' }),
      expected: only({ admin: 200 }),
    },
    'PUT /admin/visit-policy': {
      call: async () => ({ path: '/admin/visit-policy', body: DEFAULT_VISIT_POLICY }),
      expected: only({ admin: 200 }),
    },
    'PUT /admin/clock': {
      call: async () => ({ path: '/admin/clock', body: { now: new Date().toISOString() } }),
      expected: only({ admin: 200 }),
    },
    'POST /admin/sla/sweep': {
      call: async () => ({ path: '/admin/sla/sweep' }),
      expected: only({ admin: 200 }),
    },
    'GET /children': {
      call: async () => ({ path: '/children' }),
      expected: only({
        handler: 200,
        otherHandler: 200,
        village: 200,
        coordinator: 200,
        otherCoordinator: 200,
      }),
    },
    'GET /children/:id': {
      call: async () => ({ path: `/children/${await aFileOfTheTownship()}` }),
      expected: only({
        handler: 200,
        otherHandler: 404,
        village: 404,
        coordinator: 200,
        otherCoordinator: 404,
      }),
    },
    'POST /children/:id/visits': {
      call: async () => ({
        path: `/children/${await aFileOfTheTownship()}/visits`,
        body: aVisit({ at: new Date().toISOString() }),
        headers: { 'idempotency-key': randomUUID() },
      }),
      // Keepers record visits; the coordinator, who sees the file, may not (403).
      expected: only({
        handler: 201,
        otherHandler: 404,
        village: 404,
        coordinator: 403,
        otherCoordinator: 404,
      }),
    },
    'GET /visits': {
      call: async () => ({ path: '/visits' }),
      expected: only({
        handler: 200,
        otherHandler: 200,
        village: 200,
        coordinator: 200,
        otherCoordinator: 200,
      }),
    },
    'GET /orders': {
      call: async () => ({ path: '/orders' }),
      expected: only({
        handler: 200,
        otherHandler: 200,
        village: 200,
        coordinator: 200,
        otherCoordinator: 200,
        admin: 200,
      }),
    },
    'GET /orders/:id': {
      call: async () => ({ path: `/orders/${await anOrder('dispatched')}` }),
      expected: only({
        handler: 200,
        otherHandler: 404,
        village: 404,
        coordinator: 200,
        otherCoordinator: 404,
        admin: 404,
      }),
    },
    'GET /orders/:id/units': {
      call: async () => ({ path: `/orders/${await anOrder('dispatched')}/units` }),
      expected: only({
        handler: 200,
        otherHandler: 404,
        village: 404,
        coordinator: 200,
        otherCoordinator: 404,
        admin: 404,
      }),
    },
    'GET /institutions': {
      call: async () => ({ path: '/institutions' }),
      expected: only({ coordinator: 200, otherCoordinator: 200 }),
    },
    'POST /institutions': {
      call: async (_w, caller) => ({
        path: '/institutions',
        body: anInstitutionBody({
          divisionCode: caller === 'otherCoordinator' ? OTHER_TOWN : HOME_TOWN,
        }),
      }),
      expected: only({ coordinator: 201, otherCoordinator: 201 }),
    },
    'PATCH /institutions/:id': {
      call: async () => ({
        path: `/institutions/${(await anInstitution(sut.baseUrl, sessions.coordinator?.token ?? '')).id}`,
        body: { type: 'kindergarten' },
      }),
      expected: only({ coordinator: 200, otherCoordinator: 404 }),
    },
    'POST /institutions/:id/invites': {
      call: async () => ({
        path: `/institutions/${(await anInstitution(sut.baseUrl, sessions.coordinator?.token ?? '')).id}/invites`,
      }),
      expected: only({ coordinator: 201, otherCoordinator: 404 }),
    },
    'POST /institutions/import': {
      call: async (_w, caller) => ({
        path: '/institutions/import',
        form: await aSheetForm([
          ['名称', '类型', '区划代码'],
          [
            `矩阵学校${randomUUID().slice(0, 8)}`,
            '学校',
            caller === 'otherCoordinator' ? OTHER_TOWN : HOME_TOWN,
          ],
        ]),
      }),
      expected: only({ coordinator: 201, otherCoordinator: 201 }),
    },
    'GET /institutions/template.xlsx': {
      call: async () => ({ path: '/institutions/template.xlsx' }),
      expected: only({ coordinator: 200, otherCoordinator: 200 }),
    },
    'GET /stats/overview': {
      call: async () => ({ path: '/stats/overview?from=2026-10-01&to=2026-12-31' }),
      // Coordinators, township and village workers see their own places' figures.
      expected: only({
        handler: 200,
        otherHandler: 200,
        village: 200,
        coordinator: 200,
        otherCoordinator: 200,
      }),
    },
    'GET /stats/clock-orders': {
      call: async () => ({
        path: `/stats/clock-orders?from=2026-10-01&to=2026-12-31&unitId=${world.units.homeTownship.id}&clock=sign&result=late`,
      }),
      // A worker drills into their own unit only; a coordinator elsewhere finds none in their places.
      expected: only({
        handler: 200,
        otherHandler: 403,
        village: 403,
        coordinator: 200,
        otherCoordinator: 200,
      }),
    },
    'GET /stats/ledger.xlsx': {
      call: async () => ({ path: '/stats/ledger.xlsx?from=2026-01-01&to=2026-06-30' }),
      // Coordinators their county, township 督导员 and village 儿童主任 their place.
      expected: only({
        handler: 200,
        otherHandler: 200,
        village: 200,
        coordinator: 200,
        otherCoordinator: 200,
      }),
    },
    'POST /orders/:id/sign': orderRow('sign', 'dispatched', {
      handler: 200,
      otherHandler: 404,
      village: 404,
    }),
    'POST /orders/:id/contact': orderRow(
      'contact',
      'signed',
      { handler: 200, otherHandler: 404, village: 404 },
      () => ({}),
    ),
    'POST /orders/:id/notes': orderRow(
      'notes',
      'signed',
      { handler: 200, otherHandler: 404, village: 404, coordinator: 200, otherCoordinator: 404 },
      () => ({ text: '已电话联系班主任', reporterVisible: false }),
    ),
    'POST /orders/:id/return': orderRow(
      'return',
      'dispatched',
      { handler: 200, otherHandler: 404, village: 404 },
      () => ({
        reason: '不属于本镇',
      }),
    ),
    'POST /orders/:id/transfer': orderRow(
      'transfer',
      'dispatched',
      { handler: 200, otherHandler: 404, village: 404 },
      (w) => ({ unitId: w.units.homeTownship2.id, reason: '孩子住在墩集镇' }),
    ),
    'POST /orders/:id/reassign': orderRow(
      'reassign',
      'dispatched',
      { coordinator: 200, otherCoordinator: 404, admin: 404 },
      (w) => ({ unitId: w.units.homeTownship2.id, reason: '孩子住在墩集镇' }),
    ),
    'POST /orders/:id/priority': orderRow(
      'priority',
      'dispatched',
      {
        handler: 200,
        otherHandler: 404,
        village: 404,
        coordinator: 200,
        otherCoordinator: 404,
        admin: 404,
      },
      () => ({ priority: 'P2', reason: '孩子独自在家' }),
    ),
    'POST /orders/:id/extension': orderRow(
      'extension',
      'signed',
      { handler: 200, otherHandler: 404, village: 404 },
      () => ({
        workingDays: 2,
        reason: '需要多次家访',
      }),
    ),
    'POST /orders/:id/extension/decision': orderRow(
      'extension/decision',
      'extension',
      { coordinator: 200, otherCoordinator: 404 },
      () => ({ approve: true }),
    ),
    'POST /orders/:id/resolve': orderRow(
      'resolve',
      'signed',
      { handler: 200, otherHandler: 404, village: 404 },
      () => RESOLUTION,
    ),
    'POST /orders/:id/reopen': orderRow(
      'reopen',
      'resolved',
      { coordinator: 200, otherCoordinator: 404 },
      () => ({
        reason: '报告人反映孩子仍未上学',
      }),
    ),
    'POST /orders/:id/handoff': orderRow(
      'handoff',
      'signed',
      { handler: 201, otherHandler: 404, coordinator: 201, otherCoordinator: 404 },
      () => ({ department: 'civil_affairs', reason: '家庭需要低保或临时救助。' }),
    ),
    'POST /orders/:id/handover': {
      call: async (w, caller) => {
        // The world's handler is a township's: each role meets a signed civil affairs order,
        // which the handler of the civil affairs unit records on.
        const civil = await civilAffairsHandler(w);
        const discoveredAt = new Date(Date.now() - 3600_000).toISOString();
        const report = await submitReport(sut.baseUrl, sessions.reporter?.token ?? '', {
          situations: ['living_alone'],
          location: { divisionCode: HOME_VILLAGE },
          child: {},
          discoveredAt,
        });
        const { id } = await orderOf(sut.baseUrl, civil.token, report.id, 'civil_affairs');
        await act(sut.baseUrl, civil.token, id, 'sign');
        return {
          path: `/orders/${id}/handover`,
          body: {
            at: discoveredAt,
            handedOverBy: '村委会主任',
            receivedBy: '民政局工作人员',
            placedAt: '县未成年人救助保护中心',
          },
          token: caller === 'handler' ? civil.token : undefined,
        };
      },
      expected: only({
        handler: 201,
        otherHandler: 404,
        village: 404,
        coordinator: 403,
        otherCoordinator: 404,
      }),
    },
    'GET /audit': {
      call: async () => ({ path: '/audit' }),
      expected: only({ admin: 200, coordinator: 200, otherCoordinator: 200 }),
    },
  };

  it('declares who may call every route', () => {
    const undeclared = routeTable(sut.app).filter((route) => !route.access?.length);

    expect(undeclared.map((r) => r.handler)).toEqual([]);
  });

  it('has a row for every route the server serves, and no row for a route it does not', () => {
    const served = routeTable(sut.app).map((route) => route.key);

    expect(Object.keys(matrix).sort()).toEqual(served);
  });

  it('answers each role as the access rules say', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const route of routeTable(sut.app)) {
      const row = matrix[route.key];
      const method = route.key.split(' ')[0];
      for (const role of ROLE_NAMES) {
        const caller = row.freshCaller
          ? await sessionFor(sut.baseUrl, world, role)
          : sessions[role];
        const call = await row.call(world, role);
        const response = await http(sut.baseUrl, method, call.path, {
          token: call.token ?? caller?.token,
          body: call.body,
          form: call.form,
          headers: call.headers,
        });
        checked++;
        if (response.status !== row.expected[role]) {
          mismatches.push(
            `${route.key} as ${role}: expected ${row.expected[role]}, got ${response.status} ${JSON.stringify(response.body)}`,
          );
        }
      }
    }

    expect(mismatches).toEqual([]);
    expect(checked).toBe(Object.keys(matrix).length * ROLE_NAMES.length);
  }, 300_000);
});
