import { randomUUID } from 'node:crypto';
import {
  formatTrackingCode,
  type ApiErrorBody,
  type AuthResponse,
  type NotificationTemplates,
  type ReportCreatedResponse,
  type ReporterReportView,
  type SubscribeKind,
  type SubscribeTemplates,
  type SubscriptionState,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { NotificationEntity } from '../../src/notifications/notification.entity';
import { ReportSubscriptionEntity } from '../../src/notifications/report-subscription.entity';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aReporterSession, devLogin } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import {
  STAND_IN_APPID,
  STAND_IN_SECRET,
  startWechatStandIn,
  type WechatStandIn,
} from '../setup/wechat-stand-in';

const TEMPLATES: SubscribeTemplates = {
  accepted: 'AcceptedTemplate_0123456789abcdefghijklmnopq',
  progress: 'ProgressTemplate_0123456789abcdefghijklmnopq',
  closed: 'ClosedTemplate-0123456789abcdefghijklmnopqrst',
};
const TEMPLATE_ENV = {
  WECHAT_TEMPLATE_ACCEPTED: TEMPLATES.accepted ?? '',
  WECHAT_TEMPLATE_PROGRESS: TEMPLATES.progress ?? '',
  WECHAT_TEMPLATE_CLOSED: TEMPLATES.closed ?? '',
};
const ENV = { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' };
const FILED_AT = '2026-11-17T09:00:00+08:00';
const NOTHING = { sent: 0, refused: 0, failed: 0, retried: 0, unknown: 0 };

const RETURNED_TO_SCHOOL = {
  outcome: 'returned_to_school',
  reporterSummary: '孩子已回到学校上课，老师会持续关注。',
  detail: '与家长签订复学承诺书。',
};

describe('WeChat subscribe messages to the reporter', () => {
  let wechat: WechatStandIn;
  let sut: TestApp;
  let county: County;
  let openid: string;
  let reporter: AuthResponse;

  beforeEach(async () => {
    wechat = await startWechatStandIn();
    sut = await startTestApp({ env: { ...ENV, ...wechat.env, ...TEMPLATE_ENV } });
    county = await aCounty(sut.baseUrl);
    openid = `reporter-${randomUUID()}`;
    reporter = await devLogin(sut.baseUrl, openid);
  });
  afterEach(async () => {
    await sut.close();
    await wechat.close();
  });

  /** A 失学辍学 report in 泗城镇: the township leads, education assists. */
  async function fileReport(): Promise<ReportCreatedResponse> {
    await county.setClock(FILED_AT);
    return submitReport(sut.baseUrl, reporter.token, {
      situations: ['dropout'],
      location: { divisionCode: TOWN },
      discoveredAt: '2026-11-17T08:00:00+08:00',
      child: {},
    });
  }

  const subscribe = (reportId: string, kinds: unknown, token = reporter.token) =>
    http<SubscriptionState & ApiErrorBody>(
      sut.baseUrl,
      'POST',
      `/reports/${reportId}/subscriptions`,
      { token, body: { kinds } },
    );

  const orders = async (reportId: string) => ({
    township: (await orderOf(sut.baseUrl, county.sessions.township.token, reportId, 'township')).id,
    education: (await orderOf(sut.baseUrl, county.sessions.education.token, reportId, 'education'))
      .id,
  });

  const notificationsOf = (reportId: string) =>
    sut.app
      .get(DataSource)
      .getRepository(NotificationEntity)
      .find({ where: { reportId }, order: { createdAt: 'ASC' } });

  async function remaining(reportId: string, kind: SubscribeKind): Promise<number | undefined> {
    const row = await sut.app
      .get(DataSource)
      .getRepository(ReportSubscriptionEntity)
      .findOneBy({ reportId, kind });
    return row?.remaining;
  }

  /** A report whose lead order is signed at `signedAt`, with `kinds` subscribed before. */
  async function anAcceptedReport(kinds: SubscribeKind[], signedAt = '2026-11-17T09:20:00+08:00') {
    const report = await fileReport();
    expect((await subscribe(report.id, kinds)).status).toBe(201);
    const { township } = await orders(report.id);
    await county.setClock(signedAt);
    await act(sut.baseUrl, county.sessions.township.token, township, 'sign');
    return report;
  }

  it('sends the accepted and closed messages the reporter accepted, once each, on one access token', async () => {
    const report = await fileReport();

    const subscribed = await subscribe(report.id, ['accepted', 'closed']);

    expect(subscribed.status).toBe(201);
    expect(subscribed.body).toEqual({ remaining: { accepted: 1, progress: 0, closed: 1 } });

    const { township, education } = await orders(report.id);
    await county.setClock('2026-11-17T09:20:00+08:00');
    await act(sut.baseUrl, county.sessions.township.token, township, 'sign');
    await act(sut.baseUrl, county.sessions.education.token, education, 'sign');
    expect(await county.sendNotifications()).toEqual({ ...NOTHING, sent: 1 });

    await county.setClock('2026-11-17T15:00:00+08:00');
    await act(sut.baseUrl, county.sessions.township.token, township, 'notes', {
      text: '已家访，正在做家长工作',
      reporterVisible: true,
    });
    await county.setClock('2026-11-18T10:00:00+08:00');
    await act(sut.baseUrl, county.sessions.township.token, township, 'resolve', RETURNED_TO_SCHOOL);
    await act(sut.baseUrl, county.sessions.education.token, education, 'resolve', {
      outcome: 'answered',
      reporterSummary: '学校已安排老师跟进。',
      detail: '班主任每周家访。',
    });
    expect(await county.sendNotifications()).toEqual({ ...NOTHING, sent: 1 });
    expect(await county.sendNotifications()).toEqual(NOTHING);

    const view = await http<ReporterReportView>(sut.baseUrl, 'GET', `/reports/${report.id}`, {
      token: reporter.token,
    });
    expect(view.body.timeline.map((e) => e.kind)).toEqual([
      'submitted',
      'accepted',
      'progress',
      'result',
      'result',
      'closed',
    ]);
    expect(wechat.tokenCalls).toEqual([
      { grant_type: 'client_credential', appid: STAND_IN_APPID, secret: STAND_IN_SECRET },
    ]);
    const code = formatTrackingCode(report.trackingCode);
    const page = `pages/progress/index?id=${report.id}`;
    expect(wechat.sends).toEqual([
      {
        accessToken: 'stand-in-token-1',
        body: {
          touser: openid,
          template_id: TEMPLATES.accepted,
          page,
          data: {
            character_string1: { value: code },
            phrase2: { value: '已受理' },
            time3: { value: '2026-11-17 09:20' },
            thing4: { value: '有关部门已受理，点开查看进展' },
          },
          miniprogram_state: 'formal',
          lang: 'zh_CN',
        },
      },
      {
        accessToken: 'stand-in-token-1',
        body: {
          touser: openid,
          template_id: TEMPLATES.closed,
          page,
          data: {
            character_string1: { value: code },
            phrase2: { value: '已办结' },
            time3: { value: '2026-11-18 10:00' },
            thing4: { value: '已办结，点开查看办理结果' },
          },
          miniprogram_state: 'formal',
          lang: 'zh_CN',
        },
      },
    ]);
    const stored = await notificationsOf(report.id);
    expect(stored.map((n) => [n.kind, n.status, n.attempts])).toEqual([
      ['accepted', 'sent', 1],
      ['closed', 'sent', 1],
    ]);
    expect(stored.map((n) => n.sentAt?.toISOString())).toEqual([
      new Date('2026-11-17T09:20:00+08:00').toISOString(),
      new Date('2026-11-18T10:00:00+08:00').toISOString(),
    ]);
  });

  it('sends a progress message for a note meant for the reporter, in fixed words, never the note', async () => {
    const report = await anAcceptedReport(['progress']);
    const { township } = await orders(report.id);

    await act(sut.baseUrl, county.sessions.township.token, township, 'notes', {
      text: '内部记录：已联系班主任',
      reporterVisible: false,
    });
    await act(sut.baseUrl, county.sessions.township.token, township, 'notes', {
      text: '已家访，家长同意复学',
      reporterVisible: true,
    });
    await act(sut.baseUrl, county.sessions.township.token, township, 'notes', {
      text: '孩子本周已回校两天',
      reporterVisible: true,
    });

    expect(await county.sendNotifications()).toEqual({ ...NOTHING, sent: 1 });
    expect(wechat.sends.map((s) => [s.body.template_id, s.body.data?.thing4.value])).toEqual([
      [TEMPLATES.progress, '有新的办理进展，点开查看'],
    ]);
    expect(JSON.stringify(wechat.sends)).not.toMatch(/家访|家长|回校/);
  });

  it('does not send twice when a second order is signed, however many acceptances are left', async () => {
    const report = await fileReport();
    await subscribe(report.id, ['accepted']);
    const twice = await subscribe(report.id, ['accepted']);
    expect(twice.body.remaining.accepted).toBe(2);
    const { township, education } = await orders(report.id);

    await act(sut.baseUrl, county.sessions.township.token, township, 'sign');
    await act(sut.baseUrl, county.sessions.education.token, education, 'sign');

    expect(await county.sendNotifications()).toEqual({ ...NOTHING, sent: 1 });
    expect(wechat.sends).toHaveLength(1);
    expect(await remaining(report.id, 'accepted')).toBe(1);
  });

  it('marks a message the user refused (43101) as refused and never retries it', async () => {
    wechat.sendAnswers.push({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
    const report = await anAcceptedReport(['accepted']);

    expect(await county.sendNotifications()).toEqual({ ...NOTHING, refused: 1 });
    await county.setClock('2026-11-18T09:00:00+08:00');
    expect(await county.sendNotifications()).toEqual(NOTHING);

    expect(wechat.sends).toHaveLength(1);
    const [stored] = await notificationsOf(report.id);
    expect(stored).toMatchObject({ status: 'refused', attempts: 1, sentAt: null });
    expect(stored.lastError).toContain('43101');
  });

  // A cut connection after sending is not retried: test/edge/unknown-outcome.int-spec.ts.
  it('retries after an HTTP 500 and a 502, waiting 1 and then 5 minutes, and sends once', async () => {
    wechat.sendAnswers.push({ httpStatus: 500 }, { httpStatus: 502 });
    const report = await anAcceptedReport(['accepted'], '2026-11-17T09:20:00+08:00');

    expect(await county.sendNotifications()).toEqual({ ...NOTHING, retried: 1 });
    await county.setClock('2026-11-17T09:20:59+08:00');
    expect(await county.sendNotifications()).toEqual(NOTHING);
    await county.setClock('2026-11-17T09:21:00+08:00');
    expect(await county.sendNotifications()).toEqual({ ...NOTHING, retried: 1 });
    await county.setClock('2026-11-17T09:25:59+08:00');
    expect(await county.sendNotifications()).toEqual(NOTHING);
    await county.setClock('2026-11-17T09:26:00+08:00');
    expect(await county.sendNotifications()).toEqual({ ...NOTHING, sent: 1 });
    await county.setClock('2026-11-18T09:00:00+08:00');
    expect(await county.sendNotifications()).toEqual(NOTHING);

    expect(wechat.sends).toHaveLength(3);
    expect(new Set(wechat.sends.map((s) => JSON.stringify(s.body))).size).toBe(1);
    const [stored] = await notificationsOf(report.id);
    expect(stored).toMatchObject({ status: 'sent', attempts: 3 });
    expect(stored.sentAt?.toISOString()).toBe(new Date('2026-11-17T09:26:00+08:00').toISOString());
  });

  it('gives up after five failed attempts and keeps the last error', async () => {
    for (let i = 0; i < 6; i++) wechat.sendAnswers.push({ errcode: -1, errmsg: 'system error' });
    const report = await anAcceptedReport(['accepted'], '2026-11-17T09:00:00+08:00');

    const tallies = [await county.sendNotifications()];
    for (const at of ['09:01', '09:06', '09:36', '11:36', '18:00']) {
      await county.setClock(`2026-11-17T${at}:00+08:00`);
      tallies.push(await county.sendNotifications());
    }

    expect(tallies).toEqual([
      { ...NOTHING, retried: 1 },
      { ...NOTHING, retried: 1 },
      { ...NOTHING, retried: 1 },
      { ...NOTHING, retried: 1 },
      { ...NOTHING, failed: 1 },
      NOTHING,
    ]);
    const [stored] = await notificationsOf(report.id);
    expect(stored).toMatchObject({ status: 'failed', attempts: 5 });
    expect(stored.lastError).toBe('subscribe/send: -1 system error');
  });

  it('fetches a new access token once when WeChat says the cached one is no longer valid', async () => {
    const report = await anAcceptedReport(['accepted', 'closed']);
    expect(await county.sendNotifications()).toEqual({ ...NOTHING, sent: 1 });

    wechat.expireToken();
    const { township, education } = await orders(report.id);
    await act(sut.baseUrl, county.sessions.education.token, education, 'sign');
    await act(sut.baseUrl, county.sessions.education.token, education, 'resolve', {
      outcome: 'answered',
      reporterSummary: '学校已安排老师跟进。',
      detail: '班主任每周家访。',
    });
    await act(sut.baseUrl, county.sessions.township.token, township, 'resolve', RETURNED_TO_SCHOOL);

    expect(await county.sendNotifications()).toEqual({ ...NOTHING, sent: 1 });
    expect(wechat.tokenCalls).toHaveLength(2);
    expect(wechat.sends.map((s) => s.accessToken)).toEqual([
      'stand-in-token-1',
      'stand-in-token-1',
      'stand-in-token-2',
    ]);
  });

  it('counts every acceptance when the app reports several at once', async () => {
    const report = await fileReport();

    const answers = await Promise.all(
      Array.from({ length: 8 }, () => subscribe(report.id, ['accepted', 'closed'])),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(await remaining(report.id, 'accepted')).toBe(8);
    expect(await remaining(report.id, 'closed')).toBe(8);
  });

  it('answers 404 to anyone but the reporter, and for reports that do not exist', async () => {
    const report = await fileReport();
    const other = await aReporterSession(sut.baseUrl);

    const answers = [
      await subscribe(report.id, ['accepted'], other.token),
      await subscribe(report.id, ['accepted'], county.sessions.township.token),
      await subscribe(randomUUID(), ['accepted']),
      await subscribe('not-a-report', ['accepted']),
    ];

    expect(answers.map((a) => [a.status, a.body.code])).toEqual(Array(4).fill([404, 'NOT_FOUND']));
    expect(await remaining(report.id, 'accepted')).toBeUndefined();
  });

  it.each([
    ['no kinds', { kinds: [] }],
    ['an unknown kind', { kinds: ['reopened'] }],
    ['a kind twice', { kinds: ['accepted', 'accepted'] }],
    ['four kinds', { kinds: ['accepted', 'progress', 'closed', 'closed'] }],
    ['kinds that are not a list', { kinds: 'accepted' }],
    ['an unknown field', { kinds: ['accepted'], openid: 'someone-else' }],
  ])('refuses %s with 400', async (_, body) => {
    const report = await fileReport();

    const response = await http<ApiErrorBody>(
      sut.baseUrl,
      'POST',
      `/reports/${report.id}/subscriptions`,
      { token: reporter.token, body },
    );

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('tells the app the template of each kind', async () => {
    const response = await http<NotificationTemplates>(
      sut.baseUrl,
      'GET',
      '/notifications/templates',
      {
        token: reporter.token,
      },
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ...TEMPLATES, newOrder: null });
  });
});

describe('WeChat subscribe messages, partly configured', () => {
  it('offers only the kinds with a template and refuses the others with 400', async () => {
    const sut = await startTestApp({
      env: { WECHAT_TEMPLATE_ACCEPTED: TEMPLATES.accepted ?? '' },
    });
    try {
      const reporter = await aReporterSession(sut.baseUrl);
      const report = await submitReport(sut.baseUrl, reporter.token, { child: {} });

      const templates = await http<NotificationTemplates>(
        sut.baseUrl,
        'GET',
        '/notifications/templates',
        { token: reporter.token },
      );
      const refused = await http<ApiErrorBody>(
        sut.baseUrl,
        'POST',
        `/reports/${report.id}/subscriptions`,
        { token: reporter.token, body: { kinds: ['accepted', 'closed'] } },
      );
      const accepted = await http<SubscriptionState>(
        sut.baseUrl,
        'POST',
        `/reports/${report.id}/subscriptions`,
        { token: reporter.token, body: { kinds: ['accepted'] } },
      );

      expect(templates.body).toEqual({
        accepted: TEMPLATES.accepted,
        progress: null,
        closed: null,
        newOrder: null,
      });
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({
        code: 'VALIDATION_FAILED',
        message: '办结通知暂未开通，无法订阅',
        errors: { kinds: '办结通知暂未开通' },
        requestId: expect.any(String),
      });
      expect(accepted.body).toEqual({ remaining: { accepted: 1, progress: 0, closed: 0 } });
    } finally {
      await sut.close();
    }
  });

  it('keeps messages pending while no mini-program is configured', async () => {
    const sut = await startTestApp({ env: { ...ENV, ...TEMPLATE_ENV } });
    try {
      const county = await aCounty(sut.baseUrl);
      const report = await submitReport(sut.baseUrl, county.sessions.reporter.token, {
        situations: ['dropout'],
        location: { divisionCode: TOWN },
        child: {},
      });
      await http(sut.baseUrl, 'POST', `/reports/${report.id}/subscriptions`, {
        token: county.sessions.reporter.token,
        body: { kinds: ['accepted'] },
      });
      const order = await orderOf(
        sut.baseUrl,
        county.sessions.township.token,
        report.id,
        'township',
      );
      await act(sut.baseUrl, county.sessions.township.token, order.id, 'sign');

      expect(await county.sendNotifications()).toEqual(NOTHING);
      const stored = await sut.app
        .get(DataSource)
        .getRepository(NotificationEntity)
        .findBy({ reportId: report.id });
      expect(stored).toEqual([expect.objectContaining({ status: 'pending', attempts: 0 })]);
    } finally {
      await sut.close();
    }
  });
});
