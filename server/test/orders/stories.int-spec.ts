import {
  refusalMessage,
  type ApiErrorBody,
  type OrderDetail,
  type ReportDetails,
  type OrderSummary,
  type Page,
  type RefusalCode,
  type ReporterReportView,
} from '@shouhu/shared';
import {
  COUNTY,
  TOWN,
  TOWN_WITHOUT_SUPERVISOR,
  aCounty,
  type County,
} from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aUnit } from '../factories/unit.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

const STORY_ENV = { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' };

describe('work orders: whole stories', () => {
  let sut: TestApp;
  let county: County;

  beforeAll(async () => {
    sut = await startTestApp({ env: STORY_ENV });
    county = await aCounty(sut.baseUrl);
  });
  afterAll(() => sut.close());

  const token = (who: keyof County['sessions']) => county.sessions[who].token;
  const timeline = async (orderId: string, who: keyof County['sessions']) =>
    (
      await http<OrderDetail<ReportDetails>>(sut.baseUrl, 'GET', `/orders/${orderId}`, {
        token: token(who),
      })
    ).body.timeline;

  async function fileAt(now: string, overrides: Parameters<typeof submitReport>[2] = {}) {
    await county.setClock(now);
    return submitReport(sut.baseUrl, token('reporter'), {
      discoveredAt: new Date(Date.parse(now) - 3600_000).toISOString(),
      child: {},
      ...overrides,
    });
  }

  it('routes a P1 sexual-harm report to police (lead), civil affairs and the township, each on a 30-minute sign clock', async () => {
    const report = await fileAt('2026-11-16T10:00:00+08:00', {
      situations: ['sexual_assault_under14'],
      location: { divisionCode: TOWN },
    });

    expect(report.priority).toBe('P1');
    expect(report.orders).toEqual([
      expect.objectContaining({
        department: 'police',
        role: 'lead',
        unitName: '泗县公安局',
        priority: 'P1',
      }),
      expect.objectContaining({
        department: 'civil_affairs',
        role: 'assist',
        unitName: '泗县民政局',
      }),
      expect.objectContaining({
        department: 'township',
        role: 'assist',
        unitName: '泗城镇儿童督导站',
      }),
    ]);
    for (const order of report.orders) {
      expect(order.signDueAt).toBe(new Date('2026-11-16T10:30:00+08:00').toISOString());
      expect(order.resolveDueAt).toBe(new Date('2026-11-19T10:00:00+08:00').toISOString());
    }
  });

  it('escalates an order signed late exactly once, then to the city, and the late signature stops the clock', async () => {
    const report = await fileAt('2026-11-16T14:00:00+08:00', {
      situations: ['violence_abuse'],
      location: { divisionCode: TOWN },
    });
    const police = await orderOf(sut.baseUrl, token('police'), report.id, 'police');

    await county.setClock('2026-11-16T14:25:00+08:00');
    await county.sweep();
    await county.setClock('2026-11-16T14:31:00+08:00');
    await county.sweep();
    await county.sweep();
    const overdue = await orderOf(sut.baseUrl, token('coordinator'), report.id, 'police');

    expect(overdue.escalationLevel).toBe(1);
    expect(overdue.overdue).toEqual(['sign']);
    const kinds = (await timeline(police.id, 'police')).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'reminder')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'overdue')).toHaveLength(1);
    const escalated = await http<Page<OrderSummary>>(
      sut.baseUrl,
      'GET',
      '/orders?queue=escalated&pageSize=100',
      {
        token: token('coordinator'),
      },
    );
    expect(escalated.body.items.map((o) => o.id)).toContain(police.id);

    await county.setClock('2026-11-16T15:01:00+08:00');
    await county.sweep();
    const red = await orderOf(sut.baseUrl, token('police'), report.id, 'police');
    expect(red.escalationLevel).toBe(2);
    const redEvents = (await timeline(police.id, 'police')).filter((e) => e.kind === 'red_list');
    expect(redEvents).toHaveLength(1);
    expect(redEvents[0].text).toContain('宿州市联席办');

    const signed = await act(sut.baseUrl, token('police'), police.id, 'sign');
    expect(signed.status).toBe('in_progress');
    expect(signed.overdue).toEqual([]);
  });

  it('closes the report when every order is resolved and tells the reporter the outcome', async () => {
    const report = await fileAt('2026-11-17T09:00:00+08:00', {
      situations: ['dropout'],
      location: { divisionCode: TOWN },
    });
    const township = await orderOf(sut.baseUrl, token('township'), report.id, 'township');
    const education = await orderOf(sut.baseUrl, token('education'), report.id, 'education');

    await county.setClock('2026-11-17T09:20:00+08:00');
    await act(sut.baseUrl, token('township'), township.id, 'sign');
    await act(sut.baseUrl, token('township'), township.id, 'contact', { note: '家访见到孩子' });
    await county.setClock('2026-11-17T15:00:00+08:00');
    await act(sut.baseUrl, token('township'), township.id, 'notes', {
      text: '已家访，正在做家长工作',
      reporterVisible: true,
    });
    await county.setClock('2026-11-17T16:00:00+08:00');
    await act(sut.baseUrl, token('township'), township.id, 'resolve', {
      outcome: 'returned_to_school',
      reporterSummary: '孩子已回到学校上课。',
      detail: '与家长签订复学承诺书。',
    });
    const halfway = await http<ReporterReportView>(sut.baseUrl, 'GET', `/reports/${report.id}`, {
      token: token('reporter'),
    });
    await act(sut.baseUrl, token('education'), education.id, 'sign');
    await county.setClock('2026-11-18T10:00:00+08:00');
    await act(sut.baseUrl, token('education'), education.id, 'resolve', {
      outcome: 'answered',
      reporterSummary: '学校已安排老师跟进。',
      detail: '班主任每周家访。',
    });
    const closed = await http<ReporterReportView>(sut.baseUrl, 'GET', `/reports/${report.id}`, {
      token: token('reporter'),
    });

    expect(halfway.body.status).toBe('in_progress');
    expect(closed.body.status).toBe('closed');
    expect(closed.body.timeline.map((e) => e.kind)).toEqual([
      'submitted',
      'accepted',
      'progress',
      'result',
      'result',
      'closed',
    ]);
    expect(closed.body.timeline.slice(3).map((e) => e.text)).toEqual([
      '乡镇：已劝返复学。孩子已回到学校上课。',
      '教育：已答复。学校已安排老师跟进。',
      '已办结：已劝返复学。孩子已回到学校上课。',
    ]);
  });

  it('lets the coordinator reassign a returned order to another unit of its department, with fresh clocks', async () => {
    const dinghu = await aUnit(sut.baseUrl, {
      name: '丁湖镇儿童督导站',
      department: 'township',
      divisionPrefixes: [`${COUNTY}102`],
    });
    const report = await fileAt('2026-11-17T10:00:00+08:00', {
      situations: ['consultation'],
      location: { divisionCode: TOWN },
    });
    const order = await orderOf(sut.baseUrl, token('township'), report.id, 'township');

    await county.setClock('2026-11-17T11:00:00+08:00');
    await act(sut.baseUrl, token('township'), order.id, 'return', { reason: '孩子户籍不在本镇' });
    const queue = await http<Page<OrderSummary>>(
      sut.baseUrl,
      'GET',
      '/orders?status=returned&pageSize=100',
      {
        token: token('coordinator'),
      },
    );
    await county.setClock('2026-11-17T16:00:00+08:00');
    const reassigned = await act(sut.baseUrl, token('coordinator'), order.id, 'reassign', {
      unitId: dinghu.id,
      reason: '孩子住在丁湖镇',
    });

    expect(queue.body.items.map((o) => o.id)).toContain(order.id);
    expect(reassigned).toMatchObject({
      status: 'dispatched',
      unitName: '丁湖镇儿童督导站',
      department: 'township',
      signDueAt: new Date('2026-11-18T23:59:59.999+08:00').toISOString(),
    });
  });

  it('counts a P3 sign deadline over 国庆: filed on 2026-09-30, due at the end of 2026-10-08', async () => {
    const report = await fileAt('2026-09-30T15:00:00+08:00', {
      situations: ['dropout'],
      location: { divisionCode: TOWN },
    });

    expect(report.orders[0]).toMatchObject({
      department: 'township',
      signDueAt: new Date('2026-10-08T23:59:59.999+08:00').toISOString(),
    });
  });

  it('sends a division no unit covers to the coordinator, marked unrouted', async () => {
    const report = await fileAt('2026-11-18T09:00:00+08:00', {
      situations: ['dropout'],
      location: { divisionCode: TOWN_WITHOUT_SUPERVISOR },
    });
    const queue = await http<Page<OrderSummary>>(
      sut.baseUrl,
      'GET',
      '/orders?queue=unrouted&pageSize=100',
      {
        token: token('coordinator'),
      },
    );

    expect(report.orders[0]).toMatchObject({ department: 'township', unitName: '泗县联席办' });
    const unrouted = queue.body.items.find((o) => o.reportId === report.id);
    expect(unrouted).toMatchObject({ unrouted: true, department: 'township' });
    const reassigned = await act(
      sut.baseUrl,
      token('coordinator'),
      unrouted?.id ?? '',
      'reassign',
      {
        unitId: county.units.township.id,
        reason: '临时由泗城镇代管',
      },
    );
    expect(reassigned.unrouted).toBe(false);
  });

  it('puts an order of a division with no coordinator in the admin queue', async () => {
    const report = await fileAt('2026-11-18T09:30:00+08:00', {
      situations: ['consultation'],
      location: { divisionCode: '340102' },
    });
    const queue = await http<Page<OrderSummary>>(sut.baseUrl, 'GET', '/orders?pageSize=100', {
      token: token('admin'),
    });

    expect(report.orders[0].unitName).toBe('系统管理员');
    expect(queue.body.items.find((o) => o.reportId === report.id)).toMatchObject({ unitId: null });
  });

  it('raises a repeat report about the same child one level and records why', async () => {
    const child = { name: '王 小 红', ageYears: 9 };
    const first = await fileAt('2026-11-18T10:00:00+08:00', {
      situations: ['carer_neglect'],
      location: { divisionCode: `${TOWN}015` },
      child,
    });
    const second = await fileAt('2026-11-18T11:00:00+08:00', {
      situations: ['carer_neglect'],
      location: { divisionCode: TOWN },
      child: { name: '王小红', ageYears: 9 },
    });
    const byPhone = await fileAt('2026-11-18T12:00:00+08:00', {
      situations: ['poverty_hardship'],
      location: { divisionCode: COUNTY },
      child: { guardianPhone: '13912345678' },
    });
    const byPhoneAgain = await fileAt('2026-11-18T13:00:00+08:00', {
      situations: ['poverty_hardship'],
      location: { divisionCode: COUNTY },
      child: { guardianPhone: '+86 139-1234-5678' },
    });
    const order = await orderOf(sut.baseUrl, token('township'), second.id, 'township');
    const detail = await http<OrderDetail<ReportDetails>>(
      sut.baseUrl,
      'GET',
      `/orders/${order.id}`,
      {
        token: token('township'),
      },
    );

    const priorities = await Promise.all(
      [first, second, byPhone, byPhoneAgain].map(
        async (r) => (await orderOf(sut.baseUrl, token('coordinator'), r.id, 'township')).priority,
      ),
    );

    expect(priorities).toEqual(['P3', 'P2', 'P3', 'P2']);
    expect(order.signDueAt).toBe('2026-11-18T05:00:00.000Z');
    expect(detail.body.report.repeat).toBe(true);
    expect(detail.body.order.initialPriority).toBe('P3');
    expect(detail.body.timeline[0].text).toContain('重复报告');
  });

  it('tells a reporter only what their own report gives: no repeat raise in the receipt or the view', async () => {
    const child = { name: '赵小芳', ageYears: 8 };
    const first = await fileAt('2026-11-18T14:00:00+08:00', {
      situations: ['carer_neglect'],
      location: { divisionCode: TOWN },
      child,
    });
    const repeat = await fileAt('2026-11-18T15:00:00+08:00', {
      situations: ['carer_neglect'],
      location: { divisionCode: TOWN },
      child,
    });
    const view = await http<ReporterReportView>(sut.baseUrl, 'GET', `/reports/${repeat.id}`, {
      token: token('reporter'),
    });
    const tracked = await http<ReporterReportView>(
      sut.baseUrl,
      'GET',
      `/track/${repeat.trackingCode}`,
    );
    const order = await orderOf(sut.baseUrl, token('township'), repeat.id, 'township');
    const deadlines = (orders: { signDueAt: string | null; resolveDueAt: string | null }[]) =>
      orders.map(({ signDueAt, resolveDueAt }) => [signDueAt, resolveDueAt]);

    expect(order.priority).toBe('P2');
    expect([repeat.priority, view.body.priority, tracked.body.priority]).toEqual([
      'P3',
      'P3',
      'P3',
    ]);
    expect(repeat.orders.map((o) => o.priority)).toEqual(first.orders.map(() => 'P3'));
    // Filed the same working day at P3: the same deadlines as the first report's, not P2's 2 hours.
    expect(deadlines(repeat.orders)).toEqual(deadlines(first.orders));
    expect(deadlines(view.body.orders)).toEqual(deadlines(first.orders));
    expect(order.signDueAt).not.toBe(repeat.orders[0].signDueAt);
  });

  it('keeps the initial priority on a change, records who and why, and lets only a coordinator lower P1', async () => {
    const report = await fileAt('2026-11-19T09:00:00+08:00', {
      situations: ['dropout'],
      immediateDanger: true,
      location: { divisionCode: TOWN },
    });
    const order = await orderOf(sut.baseUrl, token('township'), report.id, 'township');

    const refused = await http<ApiErrorBody>(sut.baseUrl, 'POST', `/orders/${order.id}/priority`, {
      token: token('township'),
      body: { priority: 'P3', reason: '孩子已安全' },
    });
    const lowered = await act(sut.baseUrl, token('coordinator'), order.id, 'priority', {
      priority: 'P3',
      reason: '已核实孩子安全，按一般情况办理',
    });
    const events = await timeline(order.id, 'township');

    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      code: 'LOWER_P1_NEEDS_COORDINATOR',
      message: refusalMessage('LOWER_P1_NEEDS_COORDINATOR'),
      requestId: expect.any(String),
    });
    expect(lowered).toMatchObject({ priority: 'P3', initialPriority: 'P3' });
    expect(report.priority).toBe('P1');
    const change = events.find((e) => e.kind === 'priority_changed');
    expect(change).toMatchObject({ actorRole: 'coordinator' });
    expect(change?.text).toContain('已核实孩子安全');
  });

  it('extends the resolve deadline only when the coordinator approves', async () => {
    const report = await fileAt('2026-11-19T10:00:00+08:00', {
      situations: ['disability_illness'],
      location: { divisionCode: TOWN },
    });
    const order = await orderOf(sut.baseUrl, token('township'), report.id, 'township');
    await act(sut.baseUrl, token('township'), order.id, 'sign');

    const asked = await act(sut.baseUrl, token('township'), order.id, 'extension', {
      workingDays: 3,
      reason: '需要联系康复机构',
    });
    const twice = await http<ApiErrorBody>(sut.baseUrl, 'POST', `/orders/${order.id}/extension`, {
      token: token('township'),
      body: { workingDays: 1, reason: '再延一天' },
    });
    const approved = await act(sut.baseUrl, token('coordinator'), order.id, 'extension/decision', {
      approve: true,
    });

    expect(asked.extensionPendingDays).toBe(3);
    expect(twice.status).toBe(409);
    expect(twice.body).toEqual({
      code: 'EXTENSION_PENDING',
      message: refusalMessage('EXTENSION_PENDING'),
      requestId: expect.any(String),
    });
    expect(order.resolveDueAt).toBe(new Date('2026-11-26T23:59:59.999+08:00').toISOString());
    expect(approved.resolveDueAt).toBe(new Date('2026-12-01T23:59:59.999+08:00').toISOString());
    expect(approved.extensionPendingDays).toBeNull();
  });

  it('restarts the resolve clock when the coordinator reopens an order', async () => {
    const report = await fileAt('2026-11-19T11:00:00+08:00', {
      situations: ['mental_health'],
      location: { divisionCode: TOWN },
    });
    const township = await orderOf(sut.baseUrl, token('township'), report.id, 'township');
    const education = await orderOf(sut.baseUrl, token('education'), report.id, 'education');
    for (const [who, order] of [
      ['township', township],
      ['education', education],
    ] as const) {
      await act(sut.baseUrl, token(who), order.id, 'sign');
      await act(sut.baseUrl, token(who), order.id, 'resolve', {
        outcome: 'referred_to_service',
        reporterSummary: '已转介心理咨询服务。',
        detail: '联系县心理服务中心。',
      });
    }

    await county.setClock('2026-11-23T09:00:00+08:00');
    const reopened = await act(sut.baseUrl, token('coordinator'), township.id, 'reopen', {
      reason: '报告人评价1分，反映孩子情况没有好转',
    });
    const view = await http<ReporterReportView>(sut.baseUrl, 'GET', `/reports/${report.id}`, {
      token: token('reporter'),
    });

    expect(reopened.status).toBe('in_progress');
    expect(reopened.resolveDueAt).toBe(new Date('2026-11-30T23:59:59.999+08:00').toISOString());
    expect(view.body.status).toBe('in_progress');
  });

  it.each<[string, string, object | undefined, RefusalCode]>([
    ['sign twice', 'sign', undefined, 'WRONG_STATE'],
    [
      'resolve before signing',
      'resolve',
      { outcome: 'answered', reporterSummary: '已答复您的咨询。', detail: '电话答复' },
      'SIGN_FIRST',
    ],
    ['reopen an open order', 'reopen', { reason: '测试重办' }, 'WRONG_STATE'],
  ])(
    'refuses to %s with 409, its code and the reason people read',
    async (_, action, body, code) => {
      const report = await fileAt('2026-11-20T09:00:00+08:00', {
        situations: ['consultation'],
        location: { divisionCode: TOWN },
      });
      const order = await orderOf(sut.baseUrl, token('township'), report.id, 'township');
      if (action === 'sign') await act(sut.baseUrl, token('township'), order.id, 'sign');
      const who = action === 'reopen' ? 'coordinator' : 'township';

      const response = await http<ApiErrorBody>(
        sut.baseUrl,
        'POST',
        `/orders/${order.id}/${action}`,
        {
          token: token(who),
          body,
        },
      );

      expect(response.status).toBe(409);
      expect(response.body).toEqual({
        code,
        message: refusalMessage(code),
        requestId: expect.any(String),
      });
    },
  );

  it('refuses an outcome from another department’s list', async () => {
    const report = await fileAt('2026-11-20T10:00:00+08:00', {
      situations: ['consultation'],
      location: { divisionCode: TOWN },
    });
    const order = await orderOf(sut.baseUrl, token('township'), report.id, 'township');
    await act(sut.baseUrl, token('township'), order.id, 'sign');

    const response = await http<ApiErrorBody>(sut.baseUrl, 'POST', `/orders/${order.id}/resolve`, {
      token: token('township'),
      body: { outcome: 'case_filed', reporterSummary: '公安已立案侦查。', detail: '不应允许' },
    });

    expect(response.status).toBe(400);
    expect(response.body.errors).toHaveProperty(['outcome']);
  });

  it('lists the most urgent deadline first', async () => {
    const p3 = await fileAt('2026-11-20T11:00:00+08:00', {
      situations: ['consultation'],
      location: { divisionCode: TOWN },
    });
    const p1 = await fileAt('2026-11-20T11:05:00+08:00', {
      situations: ['consultation'],
      immediateDanger: true,
      location: { divisionCode: TOWN },
    });
    const list = await http<Page<OrderSummary>>(
      sut.baseUrl,
      'GET',
      '/orders?status=dispatched&pageSize=100',
      {
        token: token('township'),
      },
    );

    const ids = list.body.items.map((o) => o.reportId);
    expect(ids.indexOf(p1.id)).toBeLessThan(ids.indexOf(p3.id));
    const dues = list.body.items.map((o) => Date.parse(o.signDueAt ?? ''));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });
});
