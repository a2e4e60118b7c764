import { aCounty, TOWN, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { testDriver } from '../setup/test-database';
import { startWechatStandIn, type WechatStandIn } from '../setup/wechat-stand-in';

const REPORTS = 25;

/**
 * Two servers on one database: the second starts while the first is still sending its batch, and
 * every message goes out once.
 */
(testDriver() === 'mysql' ? describe : describe.skip)('the message sender on two servers', () => {
  let wechat: WechatStandIn;
  let first: TestApp;
  let second: TestApp;
  let county: County;

  beforeAll(async () => {
    wechat = await startWechatStandIn();
    const env = {
      ...wechat.env,
      SIMULATED_CLOCK: 'true',
      WECHAT_TEMPLATE_ACCEPTED: 'AcceptedTemplate_0123456789abcdefghijklmnopq',
    };
    first = await startTestApp({ env });
    second = await startTestApp({ env, databaseUrl: first.databaseUrl ?? undefined });
    county = await aCounty(first.baseUrl);
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    await wechat.close();
  });

  const send = (app: TestApp) =>
    http<{ sent: number }>(app.baseUrl, 'POST', '/admin/notifications/send', {
      token: county.sessions.admin.token,
    });

  it('sends each message exactly once, the servers sharing the work', async () => {
    const { reporter, township } = county.sessions;
    for (let i = 0; i < REPORTS; i++) {
      const report = await submitReport(first.baseUrl, reporter.token, {
        situations: ['dropout'],
        location: { divisionCode: TOWN },
        child: {},
      });
      await http(first.baseUrl, 'POST', `/reports/${report.id}/subscriptions`, {
        token: reporter.token,
        body: { kinds: ['accepted'] },
      });
      const order = await orderOf(first.baseUrl, township.token, report.id, 'township');
      await act(first.baseUrl, township.token, order.id, 'sign');
    }

    wechat.delaySends(20);

    const firstRun = send(first);
    while (wechat.sends.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const runs = await Promise.all([firstRun, send(second)]);
    const again = await send(second);

    expect(runs.map((r) => r.status)).toEqual([200, 200]);
    expect(runs.map((r) => r.body.sent).every((sent) => sent > 0)).toBe(true);
    expect(runs[0].body.sent + runs[1].body.sent).toBe(REPORTS);
    expect(again.body.sent).toBe(0);
    expect(wechat.sends).toHaveLength(REPORTS);
    expect(new Set(wechat.sends.map((s) => s.body.page)).size).toBe(REPORTS);
  }, 120_000);
});
