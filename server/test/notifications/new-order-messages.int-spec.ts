import { randomUUID } from 'node:crypto';
import {
  type ApiErrorBody,
  type AuthResponse,
  type NewOrderSubscriptionState,
  type NotificationTemplates,
  type ReportCreatedResponse,
  type SituationCode,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { NewOrderSubscriptionEntity } from '../../src/notifications/new-order-subscription.entity';
import { NotificationEntity } from '../../src/notifications/notification.entity';
import { TOWN, TOWN_WITHOUT_SUPERVISOR, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aReport } from '../factories/report.factory';
import { anAdminSession, anInvite, devLogin } from '../factories/session.factory';
import { aUnit } from '../factories/unit.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { startWechatStandIn, type WechatStandIn } from '../setup/wechat-stand-in';

const NEW_ORDER_TEMPLATE = 'NewOrderTemplate_0123456789abcdefghijklmnopq';
const ENV = {
  SIMULATED_CLOCK: 'true',
  AUTH_TOKEN_TTL_HOURS: '2000',
  WECHAT_TEMPLATE_NEW_ORDER: NEW_ORDER_TEMPLATE,
};
/** A Tuesday: a P3 order filed now is due to be signed by the end of Wednesday. */
const FILED_AT = '2026-11-17T09:00:00+08:00';
const NOTHING = { sent: 0, refused: 0, failed: 0, retried: 0, unknown: 0 };
/** 萧县: no unit and no coordinator of this test covers it, so its orders go to the admin queue. */
const NOWHERE = '341322100';

interface Handler {
  openid: string;
  session: AuthResponse;
}

const subscribeUrl = '/notifications/new-orders/subscriptions';

describe('WeChat subscribe messages to handlers about new orders', () => {
  let wechat: WechatStandIn;
  let sut: TestApp;
  let county: County;

  beforeEach(async () => {
    wechat = await startWechatStandIn();
    sut = await startTestApp({ env: { ...ENV, ...wechat.env } });
    county = await aCounty(sut.baseUrl);
    await county.setClock(FILED_AT);
  });
  afterEach(async () => {
    await sut.close();
    await wechat.close();
  });

  /** A handler of `unitId` with an openid the test knows, as WeChat would address them. */
  async function aHandler(unitId: string): Promise<Handler> {
    const admin = await anAdminSession(sut.baseUrl);
    const invite = await anInvite(sut.baseUrl, admin.token, { role: 'handler', unitId });
    const openid = `handler-${randomUUID()}`;
    const user = await devLogin(sut.baseUrl, openid);
    const redeemed = await http<AuthResponse>(sut.baseUrl, 'POST', '/auth/redeem', {
      token: user.token,
      body: { code: invite.code },
    });
    expect(redeemed.status).toBe(200);
    return { openid, session: redeemed.body };
  }

  const subscribe = (handler: Handler, body: unknown = {}) =>
    http<NewOrderSubscriptionState & ApiErrorBody>(sut.baseUrl, 'POST', subscribeUrl, {
      token: handler.session.token,
      body,
    });

  /** A report whose only order is the township's (咨询求助, P3), filed at the clock's time. */
  const fileReport = (divisionCode = TOWN, situations: SituationCode[] = ['consultation']) =>
    submitReport(sut.baseUrl, county.sessions.reporter.token, {
      situations,
      location: { divisionCode },
      discoveredAt: '2026-11-16T08:00:00+08:00',
      // No child identity: a repeat report about the same child would be raised to P2.
      child: {},
    });

  async function remaining(handler: Handler): Promise<number | undefined> {
    const row = await sut.app
      .get(DataSource)
      .getRepository(NewOrderSubscriptionEntity)
      .findOneBy({ userId: handler.session.user.id });
    return row?.remaining;
  }

  const sentTo = (handler: Handler) =>
    wechat.sends.filter((s) => s.body.touser === handler.openid).map((s) => s.body);

  it('sends one message per acceptance to the subscribed handler of the unit each new order reaches', async () => {
    const township = await aHandler(county.units.township.id);
    const unsubscribedColleague = await aHandler(county.units.township.id);
    const police = await aHandler(county.units.police.id);

    expect((await subscribe(township)).body).toEqual({ remaining: 1 });
    expect((await subscribe(township)).body).toEqual({ remaining: 2 });
    expect((await subscribe(police)).body).toEqual({ remaining: 1 });

    const first = await fileReport();
    await county.setClock('2026-11-17T10:30:00+08:00');
    const second = await fileReport(TOWN, ['dropout', 'carer_neglect']);
    expect(await county.sendNotifications()).toEqual({ ...NOTHING, sent: 2 });
    const third = await fileReport();
    expect(await county.sendNotifications()).toEqual(NOTHING);

    const firstOrder = await orderOf(sut.baseUrl, township.session.token, first.id, 'township');
    const secondOrder = await orderOf(sut.baseUrl, township.session.token, second.id, 'township');
    await orderOf(sut.baseUrl, township.session.token, third.id, 'township');
    expect(sentTo(township)).toEqual([
      {
        touser: township.openid,
        template_id: NEW_ORDER_TEMPLATE,
        page: `staff/order/index?id=${firstOrder.id}`,
        data: {
          phrase1: { value: '一般' },
          thing2: { value: '乡镇牵头工单' },
          time3: { value: '2026-11-18 23:59' },
        },
        miniprogram_state: 'formal',
        lang: 'zh_CN',
      },
      {
        touser: township.openid,
        template_id: NEW_ORDER_TEMPLATE,
        page: `staff/order/index?id=${secondOrder.id}`,
        data: {
          phrase1: { value: '一般' },
          thing2: { value: '乡镇牵头工单' },
          time3: { value: '2026-11-18 23:59' },
        },
        miniprogram_state: 'formal',
        lang: 'zh_CN',
      },
    ]);
    expect(wechat.sends).toHaveLength(2);
    expect(sentTo(unsubscribedColleague)).toEqual([]);
    expect(sentTo(police)).toEqual([]);
    expect(await remaining(township)).toBe(0);
    expect(await remaining(police)).toBe(1);
    const stored = await sut.app
      .get(DataSource)
      .getRepository(NotificationEntity)
      .findBy({ userId: township.session.user.id });
    expect(stored.map((n) => [n.kind, n.status])).toEqual([
      ['new_order', 'sent'],
      ['new_order', 'sent'],
    ]);
  });

  it('tells the handler of the unit an order is transferred or reassigned to, with the new deadline', async () => {
    const dunji = await aUnit(sut.baseUrl, {
      name: '墩集镇儿童督导站',
      department: 'township',
      divisionPrefixes: [TOWN_WITHOUT_SUPERVISOR],
    });
    const receiving = await aHandler(dunji.id);
    await subscribe(receiving);
    await subscribe(receiving);
    const transferred = await fileReport();
    const reassigned = await fileReport();
    const token = county.sessions.township.token;
    const transferOrder = await orderOf(sut.baseUrl, token, transferred.id, 'township');
    const reassignOrder = await orderOf(sut.baseUrl, token, reassigned.id, 'township');
    expect(await county.sendNotifications()).toEqual(NOTHING);

    await county.setClock('2026-11-18T16:00:00+08:00');
    await act(sut.baseUrl, token, transferOrder.id, 'transfer', {
      unitId: dunji.id,
      reason: '孩子住在墩集镇',
    });
    await act(sut.baseUrl, county.sessions.coordinator.token, reassignOrder.id, 'reassign', {
      unitId: dunji.id,
      reason: '孩子住在墩集镇',
    });
    expect(await county.sendNotifications()).toEqual({ ...NOTHING, sent: 2 });

    const pages = sentTo(receiving).map((m) => [m.page, m.data?.time3.value]);
    expect(pages).toHaveLength(2);
    expect(pages).toEqual(
      expect.arrayContaining([
        [`staff/order/index?id=${transferOrder.id}`, '2026-11-19 23:59'],
        [`staff/order/index?id=${reassignOrder.id}`, '2026-11-19 23:59'],
      ]),
    );
    expect(await remaining(receiving)).toBe(0);
  });

  it('sends nothing for an order that reaches no handler: the coordinator’s unrouted queue or the admin queue', async () => {
    const township = await aHandler(county.units.township.id);
    const police = await aHandler(county.units.police.id);
    await subscribe(township);
    await subscribe(police);

    await fileReport(TOWN_WITHOUT_SUPERVISOR);
    await fileReport(NOWHERE);

    expect(await county.sendNotifications()).toEqual(NOTHING);
    expect(await remaining(township)).toBe(1);
    expect(await remaining(police)).toBe(1);
  });

  it('never sends more messages than acceptances when reports arrive at the same time', async () => {
    const township = await aHandler(county.units.township.id);
    await subscribe(township);
    await subscribe(township);

    await Promise.all(Array.from({ length: 6 }, () => fileReport()));

    expect(await county.sendNotifications()).toEqual({ ...NOTHING, sent: 2 });
    expect(await remaining(township)).toBe(0);
  });

  it('sends one message for a report submitted twice with the same idempotency key', async () => {
    const township = await aHandler(county.units.township.id);
    await subscribe(township);
    await subscribe(township);
    const body = aReport({
      situations: ['consultation'],
      location: { divisionCode: TOWN },
      discoveredAt: '2026-11-16T08:00:00+08:00',
      child: {},
    });
    const key = randomUUID();

    const answers = [];
    for (let i = 0; i < 2; i++) {
      answers.push(
        await http<ReportCreatedResponse>(sut.baseUrl, 'POST', '/reports', {
          token: county.sessions.reporter.token,
          body,
          headers: { 'idempotency-key': key },
        }),
      );
    }

    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(await county.sendNotifications()).toEqual({ ...NOTHING, sent: 1 });
    expect(await remaining(township)).toBe(1);
  });

  it('does not use an acceptance of a handler whose account was disabled', async () => {
    const township = await aHandler(county.units.township.id);
    await subscribe(township);
    const disabled = await http(
      sut.baseUrl,
      'POST',
      `/admin/users/${township.session.user.id}/disable`,
      { token: county.sessions.admin.token },
    );
    expect(disabled.status).toBe(200);

    await fileReport();

    expect(await county.sendNotifications()).toEqual(NOTHING);
    expect(await remaining(township)).toBe(1);
  });

  it('counts every acceptance when the app reports several at once', async () => {
    const township = await aHandler(county.units.township.id);

    const answers = await Promise.all(Array.from({ length: 8 }, () => subscribe(township)));

    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(answers.map((a) => a.body.remaining).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect(await remaining(township)).toBe(8);
  });

  it('records each acceptance in the audit log', async () => {
    const township = await aHandler(county.units.township.id);
    await subscribe(township);

    const audit = await http<{ items: { action: string; actorUserId: string }[] }>(
      sut.baseUrl,
      'GET',
      '/audit?pageSize=100',
      { token: county.sessions.admin.token },
    );

    expect(audit.body.items).toContainEqual(
      expect.objectContaining({
        action: 'notifications.subscribe_new_orders',
        actorUserId: township.session.user.id,
      }),
    );
  });

  it.each([
    ['an unknown field', { count: 2 }],
    ['a list', []],
  ])('refuses %s with 400', async (_, body) => {
    const township = await aHandler(county.units.township.id);

    const response = await subscribe(township, body);

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(await remaining(township)).toBeUndefined();
  });

  it('tells the app the new-order template', async () => {
    const response = await http<NotificationTemplates>(
      sut.baseUrl,
      'GET',
      '/notifications/templates',
      { token: county.sessions.township.token },
    );

    expect(response.body).toEqual({
      accepted: null,
      progress: null,
      closed: null,
      newOrder: NEW_ORDER_TEMPLATE,
    });
  });
});

describe('WeChat new-order messages, not configured', () => {
  it('offers no template and refuses a subscription with 400', async () => {
    const sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true' } });
    try {
      const county = await aCounty(sut.baseUrl);
      const token = county.sessions.township.token;

      const templates = await http<NotificationTemplates>(
        sut.baseUrl,
        'GET',
        '/notifications/templates',
        { token },
      );
      const refused = await http<ApiErrorBody>(sut.baseUrl, 'POST', subscribeUrl, {
        token,
        body: {},
      });

      expect(templates.body.newOrder).toBeNull();
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({
        code: 'VALIDATION_FAILED',
        message: '新工单通知暂未开通，无法订阅',
        errors: { newOrder: '新工单通知暂未开通' },
        requestId: expect.any(String),
      });
      const stored = await sut.app
        .get(DataSource)
        .getRepository(NewOrderSubscriptionEntity)
        .count();
      expect(stored).toBe(0);
    } finally {
      await sut.close();
    }
  });
});
