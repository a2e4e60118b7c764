import type { AuthResponse, OrderSummary, Page, SituationCode, Unit } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { InboxMessageEntity } from '../../src/inbox/inbox-message.entity';
import { TOWN, TOWN_WITHOUT_SUPERVISOR, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aReporterSession, aSessionWith } from '../factories/session.factory';
import { aUnit } from '../factories/unit.factory';
import { http } from '../setup/http';
import { inboxOf, toldAboutOrder } from '../setup/inbox';
import { startTestApp, type TestApp } from '../setup/test-app';

const ENV = { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' };
/** A Tuesday: a P3 order filed at 09:00 is to be signed by the end of Wednesday. */
const FILED_AT = '2026-11-17T09:00:00+08:00';
/** 丁湖镇 of 泗县: no township unit covers it, so its township order goes to the coordinator. */
const TOWN_WITHOUT_UNIT = '341324102';
/** 东城区 (北京): no unit and no coordinator covers it, so its orders go to the admin queue. */
const NOWHERE = '110101';

/**
 * Who hears of what an order does (issue 15, "Staff hear about their deadlines"): every enabled
 * member of the unit each event concerns, once, and nobody else. One server and one county for
 * the suite; each test looks only at messages about its own orders and reports.
 */
describe('inbox messages of orders and reports', () => {
  let sut: TestApp;
  let county: County;
  let dunji: Unit;
  /** Members of 泗城镇's township unit besides `county.sessions.township`; one is disabled. */
  let colleague: AuthResponse;
  let disabledColleague: AuthResponse;
  let dunjiHandler: AuthResponse;
  let cityCoordinator: AuthResponse;

  beforeAll(async () => {
    sut = await startTestApp({ env: ENV });
    county = await aCounty(sut.baseUrl);
    dunji = await aUnit(sut.baseUrl, {
      name: '墩集镇儿童督导站',
      department: 'township',
      divisionPrefixes: [TOWN_WITHOUT_SUPERVISOR],
    });
    const township = { role: 'handler' as const, unitId: county.units.township.id };
    colleague = await aSessionWith(sut.baseUrl, township);
    disabledColleague = await aSessionWith(sut.baseUrl, township);
    dunjiHandler = await aSessionWith(sut.baseUrl, { role: 'handler', unitId: dunji.id });
    cityCoordinator = await aSessionWith(sut.baseUrl, {
      role: 'coordinator',
      unitId: county.units.city.id,
    });
    const disabled = await http(
      sut.baseUrl,
      'POST',
      `/admin/users/${disabledColleague.user.id}/disable`,
      { token: county.sessions.admin.token },
    );
    expect(disabled.status).toBe(200);
  }, 240_000);
  afterAll(() => sut.close());

  const fileReport = (
    divisionCode: string,
    situations: SituationCode[] = ['consultation'],
    token = county.sessions.reporter.token,
  ) =>
    submitReport(sut.baseUrl, token, {
      situations,
      location: { divisionCode },
      discoveredAt: '2026-11-16T08:00:00+08:00',
      // No child identity: a repeat report about the same child would be raised in priority.
      child: {},
    });

  const told = (session: AuthResponse, orderId: string) =>
    toldAboutOrder(sut.baseUrl, session.token, orderId);

  /** Every stored message about the order, whoever holds it (a disabled user cannot log in). */
  const storedAbout = (orderId: string) =>
    sut.app
      .get(DataSource)
      .getRepository(InboxMessageEntity)
      .find({ where: { page: `staff/order/index?id=${orderId}` } });

  it('tells every enabled member of the unit an order reaches, once, and nobody else', async () => {
    await county.setClock(FILED_AT);
    const report = await fileReport(TOWN);
    const order = await orderOf(sut.baseUrl, county.sessions.township.token, report.id, 'township');

    const expected = [['new_order', '你单位有一张新的一般（P3）工单，请在11月18日 23:59前签收。']];
    expect(await told(county.sessions.township, order.id)).toEqual(expected);
    expect(await told(colleague, order.id)).toEqual(expected);
    const stored = await storedAbout(order.id);
    expect(stored.map((m) => m.userId).sort()).toEqual(
      [county.sessions.township.user.id, colleague.user.id].sort(),
    );
    for (const other of ['police', 'civil', 'education', 'coordinator', 'reporter'] as const) {
      expect(await told(county.sessions[other], order.id)).toEqual([]);
    }
  });

  it('tells the unit a handoff, a transfer or a reassignment brings an order to, with its fresh deadline', async () => {
    await county.setClock(FILED_AT);
    const township = county.sessions.township.token;
    const handedOff = await fileReport(TOWN);
    const transferred = await fileReport(TOWN);
    const reassigned = await fileReport(TOWN);
    const source = await orderOf(sut.baseUrl, township, handedOff.id, 'township');
    const transferOrder = await orderOf(sut.baseUrl, township, transferred.id, 'township');
    const reassignOrder = await orderOf(sut.baseUrl, township, reassigned.id, 'township');

    await county.setClock('2026-11-18T16:00:00+08:00');
    await act(sut.baseUrl, township, source.id, 'sign');
    const handoff = await http<OrderSummary>(sut.baseUrl, 'POST', `/orders/${source.id}/handoff`, {
      token: township,
      body: { department: 'civil_affairs', reason: '家庭需要低保，请民政评估。' },
    });
    expect(handoff.status).toBe(201);
    await act(sut.baseUrl, township, transferOrder.id, 'transfer', {
      unitId: dunji.id,
      reason: '孩子住在墩集镇',
    });
    await act(sut.baseUrl, county.sessions.coordinator.token, reassignOrder.id, 'reassign', {
      unitId: dunji.id,
      reason: '孩子住在墩集镇',
    });

    const civilOrder = await orderOf(
      sut.baseUrl,
      county.sessions.civil.token,
      handedOff.id,
      'civil_affairs',
    );
    expect(await told(county.sessions.civil, civilOrder.id)).toEqual([
      ['new_order', '你单位有一张新的一般（P3）工单，请在11月19日 23:59前签收。'],
    ]);
    for (const moved of [transferOrder, reassignOrder]) {
      expect(await told(dunjiHandler, moved.id)).toEqual([
        ['new_order', '你单位有一张新的一般（P3）工单，请在11月19日 23:59前签收。'],
      ]);
      // The unit it left heard of it once, when it came.
      expect((await told(colleague, moved.id)).map(([kind]) => kind)).toEqual(['new_order']);
    }
    expect(await told(county.sessions.township, civilOrder.id)).toEqual([]);
  });

  it('gives the coordinator an order no unit of its department covers, and the admin queue nobody', async () => {
    await county.setClock(FILED_AT);
    const unrouted = await fileReport(TOWN_WITHOUT_UNIT);
    const nowhere = await fileReport(NOWHERE);

    const order = await orderOf(
      sut.baseUrl,
      county.sessions.coordinator.token,
      unrouted.id,
      'township',
    );
    expect(await told(county.sessions.coordinator, order.id)).toEqual([
      [
        'new_order',
        '一张一般（P3）工单在本区划没有对应的承办单位，已转你单位，请在11月18日 23:59前改派。',
      ],
    ]);
    const queue = await http<Page<OrderSummary>>(sut.baseUrl, 'GET', '/orders?pageSize=100', {
      token: county.sessions.admin.token,
    });
    const queued = queue.body.items.filter((o) => o.reportId === nowhere.id);
    expect(queued.length).toBeGreaterThan(0);
    for (const o of queued) expect(await storedAbout(o.id)).toEqual([]);
    expect(await inboxOf(sut.baseUrl, county.sessions.admin.token)).toEqual([]);
  });

  it('tells the coordinator of a return and of an extension request, and the unit of the decision', async () => {
    await county.setClock(FILED_AT);
    const township = county.sessions.township.token;
    const coordinator = county.sessions.coordinator.token;
    const returned = await orderOf(sut.baseUrl, township, (await fileReport(TOWN)).id, 'township');
    const extended = await orderOf(sut.baseUrl, township, (await fileReport(TOWN)).id, 'township');
    const refused = await orderOf(sut.baseUrl, township, (await fileReport(TOWN)).id, 'township');

    await county.setClock('2026-11-17T10:00:00+08:00');
    await act(sut.baseUrl, township, returned.id, 'return', { reason: '不属于本镇' });
    for (const order of [extended, refused]) {
      await act(sut.baseUrl, township, order.id, 'sign');
      await act(sut.baseUrl, township, order.id, 'extension', {
        workingDays: 2,
        reason: '需要多次家访',
      });
    }
    await county.setClock('2026-11-17T11:00:00+08:00');
    const approved = await act(sut.baseUrl, coordinator, extended.id, 'extension/decision', {
      approve: true,
    });
    await act(sut.baseUrl, coordinator, refused.id, 'extension/decision', { approve: false });

    expect(await told(county.sessions.coordinator, returned.id)).toEqual([
      ['returned', '乡镇退回了一张一般（P3）工单，请改派。'],
    ]);
    for (const order of [extended, refused]) {
      expect(await told(county.sessions.coordinator, order.id)).toEqual([
        ['extension_request', '乡镇的一张一般（P3）工单申请延期，请审批。'],
      ]);
    }
    // 5 working days from Tuesday 17 November, and 2 more: Thursday 26 November.
    expect(approved.resolveDueAt).toBe('2026-11-26T15:59:59.999Z');
    for (const member of [county.sessions.township, colleague]) {
      expect((await told(member, extended.id)).slice(1)).toEqual([
        [
          'extension_decision',
          '你单位一张一般（P3）工单的延期申请已同意，办结期限延至11月26日 23:59。',
        ],
      ]);
      expect((await told(member, refused.id)).slice(1)).toEqual([
        ['extension_decision', '你单位一张一般（P3）工单的延期申请未获同意，请按原期限办结。'],
      ]);
      expect((await told(member, returned.id)).slice(1)).toEqual([]);
    }
    for (const order of [returned, extended, refused]) {
      expect(await told(county.sessions.police, order.id)).toEqual([]);
      expect(await told(cityCoordinator, order.id)).toEqual([]);
    }
  });

  it('reminds, escalates and red-lists each stage once, to the units it concerns', async () => {
    await county.setClock(FILED_AT);
    // Violence: police lead, civil affairs and the township assist, all P1 (signed within 30 min).
    const report = await fileReport(TOWN, ['violence_abuse']);
    const orderIds = {
      police: (await orderOf(sut.baseUrl, county.sessions.police.token, report.id, 'police')).id,
      civil: (await orderOf(sut.baseUrl, county.sessions.civil.token, report.id, 'civil_affairs'))
        .id,
      township: (await orderOf(sut.baseUrl, county.sessions.township.token, report.id, 'township'))
        .id,
    };

    for (const now of ['09:25', '09:25', '09:31', '09:31', '10:01', '10:01']) {
      await county.setClock(`2026-11-17T${now}:00+08:00`);
      await county.sweep();
    }

    const sign = '紧急（P1）工单的签收';
    for (const unit of ['police', 'civil', 'township'] as const) {
      expect(await told(county.sessions[unit], orderIds[unit])).toEqual([
        ['new_order', '你单位有一张新的紧急（P1）工单，请在11月17日 09:30前签收。'],
        ['reminder', `你单位一张${sign}期限将至，请在11月17日 09:30前办理。`],
        ['overdue', `你单位一张${sign}已超时（期限11月17日 09:30），已督办至泗县联席办。`],
      ]);
      expect(await told(county.sessions.coordinator, orderIds[unit])).toEqual([
        ['overdue', `一张${sign}已超时（期限11月17日 09:30），已督办至你单位。`],
        ['red_list', `一张${sign}超时已达期限两倍，已上报宿州市联席办，列入红色清单。`],
      ]);
      expect(await told(cityCoordinator, orderIds[unit])).toEqual([
        ['red_list', `一张${sign}超时已达期限两倍，已上报你单位，列入红色清单。`],
      ]);
      expect(await told(county.sessions.education, orderIds[unit])).toEqual([]);
    }
    expect((await told(colleague, orderIds.township)).map(([kind]) => kind)).toEqual([
      'new_order',
      'reminder',
      'overdue',
    ]);
    expect(await told(county.sessions.township, orderIds.police)).toEqual([]);
    const disabledGot = await sut.app
      .get(DataSource)
      .getRepository(InboxMessageEntity)
      .countBy({ userId: disabledColleague.user.id });
    expect(disabledGot).toBe(0);
  });

  it('tells the account that filed a report of its acceptance, each progress and its closing', async () => {
    await county.setClock(FILED_AT);
    const reporter = await aReporterSession(sut.baseUrl);
    const bystander = await aReporterSession(sut.baseUrl);
    // Dropout: the township leads, education assists.
    const report = await fileReport(TOWN, ['dropout'], reporter.token);
    const township = county.sessions.township.token;
    const education = county.sessions.education.token;
    const lead = await orderOf(sut.baseUrl, township, report.id, 'township');
    const assist = await orderOf(sut.baseUrl, education, report.id, 'education');

    await county.setClock('2026-11-17T10:00:00+08:00');
    await act(sut.baseUrl, township, lead.id, 'sign');
    await county.setClock('2026-11-17T10:30:00+08:00');
    await act(sut.baseUrl, township, lead.id, 'notes', {
      text: '已与家长面谈，约定下周一返校。',
      reporterVisible: true,
    });
    await act(sut.baseUrl, township, lead.id, 'notes', {
      text: '内部记录',
      reporterVisible: false,
    });
    await county.setClock('2026-11-18T10:00:00+08:00');
    await act(sut.baseUrl, education, assist.id, 'sign');
    await act(sut.baseUrl, education, assist.id, 'resolve', {
      outcome: 'returned_to_school',
      reporterSummary: '孩子已回到学校上课。',
      detail: '班主任家访',
    });
    await county.setClock('2026-11-19T10:00:00+08:00');
    await act(sut.baseUrl, township, lead.id, 'resolve', {
      outcome: 'home_visit_done',
      reporterSummary: '已家访并落实帮扶。',
      detail: '家访两次',
    });

    const filed = '你于2026年11月17日提交的报告';
    const messages = (await inboxOf(sut.baseUrl, reporter.token)).reverse();
    expect(messages.map((m) => [m.kind, m.text, m.page])).toEqual([
      [
        'report_accepted',
        `${filed}已受理，可查看办理进度。`,
        `pages/progress/index?id=${report.id}`,
      ],
      ['report_progress', `${filed}有新进展，请查看。`, `pages/progress/index?id=${report.id}`],
      ['report_progress', `${filed}有新进展，请查看。`, `pages/progress/index?id=${report.id}`],
      [
        'report_closed',
        `${filed}已办结，请查看处理结果并评价。`,
        `pages/progress/index?id=${report.id}`,
      ],
    ]);
    expect(await inboxOf(sut.baseUrl, bystander.token)).toEqual([]);
    for (const staff of [county.sessions.township, county.sessions.coordinator]) {
      const kinds = (await inboxOf(sut.baseUrl, staff.token)).map((m) => m.kind);
      expect(kinds.filter((k) => k.startsWith('report_'))).toEqual([]);
    }
  });
});
