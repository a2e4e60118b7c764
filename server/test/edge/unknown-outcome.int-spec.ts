import { randomUUID } from 'node:crypto';
import type { AuthResponse, Unit } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { NotificationEntity } from '../../src/notifications/notification.entity';
import { SmsMessageEntity } from '../../src/sms/sms-message.entity';
import type { SmsTally } from '../../src/sms/sms-sender';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { submitReport } from '../factories/order.factory';
import { anInvite, devLogin } from '../factories/session.factory';
import { http } from '../setup/http';
import { startSmsStandIn, type SmsStandIn } from '../setup/sms-stand-in';
import { startTestApp, type TestApp } from '../setup/test-app';
import { startWechatStandIn } from '../setup/wechat-stand-in';

/** Both clients give up after 5 s; the stand-ins answer later, so no answer ever arrives. */
const SLOWER_THAN_TIMEOUT_MS = 6000;
const MESSAGES = 4;
const FILED_AT = '2026-11-17T09:00:00+08:00';
/** Past every retry wait (1, 5, 30, 120 minutes) and within the texts' time to live. */
const LATER = '2026-11-17T11:30:00+08:00';
const SLOW = 60_000;

/**
 * A send whose request went out and whose answer never came may have arrived: it is recorded as
 * `unknown` and never sent again, on both channels (WeChat's one-time acceptances, and texts).
 */
describe('a send whose outcome is unknown', () => {
  let sut: TestApp;
  let county: County;
  const closers: (() => Promise<void>)[] = [];

  async function start(env: Record<string, string>): Promise<void> {
    sut = await startTestApp({
      env: { ...env, SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' },
    });
    closers.push(() => sut.close());
    county = await aCounty(sut.baseUrl);
    await county.setClock(FILED_AT);
  }

  afterEach(async () => {
    while (closers.length > 0) await closers.pop()?.();
  });

  /** `count` reports whose police order is P1 (受到侵害), each from its own child. */
  async function fileReports(situation: 'violence_abuse' | 'consultation'): Promise<void> {
    for (let i = 0; i < MESSAGES; i++) {
      await submitReport(sut.baseUrl, county.sessions.reporter.token, {
        situations: [situation],
        location: { divisionCode: TOWN },
        discoveredAt: '2026-11-16T08:00:00+08:00',
        child: {},
      });
    }
  }

  const run = async <T>(path: string): Promise<T> => {
    const answer = await http<T>(sut.baseUrl, 'POST', path, {
      token: county.sessions.admin.token,
    });
    expect(answer.status).toBe(200);
    return answer.body;
  };

  it.each([
    ['answers slower than the client waits', 'slow'],
    ['cuts the connection after the request', 'cut'],
  ] as const)(
    'WeChat %s: 4 of 4 new-order messages reach WeChat once, are recorded unknown and never resent',
    async (_what, how) => {
      const wechat = await startWechatStandIn();
      closers.push(() => wechat.close());
      await start({
        ...wechat.env,
        WECHAT_TEMPLATE_NEW_ORDER: 'NewOrderTemplate_0123456789abcdefghijklmnopq',
      });
      const admin = county.sessions.admin;
      const invite = await anInvite(sut.baseUrl, admin.token, {
        role: 'handler',
        unitId: county.units.township.id,
      });
      const user = await devLogin(sut.baseUrl, `handler-${randomUUID()}`);
      const handler = await http<AuthResponse>(sut.baseUrl, 'POST', '/auth/redeem', {
        token: user.token,
        body: { code: invite.code },
      });
      for (let i = 0; i < MESSAGES; i++) {
        await http(sut.baseUrl, 'POST', '/notifications/new-orders/subscriptions', {
          token: handler.body.token,
          body: {},
        });
      }
      await fileReports('consultation');
      if (how === 'slow') wechat.delaySends(SLOWER_THAN_TIMEOUT_MS);
      else for (let i = 0; i < MESSAGES; i++) wechat.sendAnswers.push('drop');

      const first = await run<Record<string, number>>('/admin/notifications/send');
      await county.setClock(LATER);
      const again = await run<Record<string, number>>('/admin/notifications/send');
      const rows = await sut.app.get(DataSource).getRepository(NotificationEntity).find();

      expect(first).toMatchObject({ sent: 0, retried: 0, failed: 0, unknown: MESSAGES });
      expect(again).toMatchObject({ sent: 0, retried: 0, failed: 0, unknown: 0 });
      expect(wechat.sends).toHaveLength(MESSAGES);
      expect(rows.map((row) => [row.status, row.attempts])).toEqual(rows.map(() => ['unknown', 1]));
      expect(rows).toHaveLength(MESSAGES);
    },
    SLOW,
  );

  it(
    'SMS: 4 of 4 P1 texts reach Tencent once, are recorded unknown and never resent',
    async () => {
      const stand: SmsStandIn = await startSmsStandIn();
      closers.push(() => stand.close());
      await start(stand.env);
      const police: Unit = county.units.police;
      await http(sut.baseUrl, 'PATCH', `/admin/units/${police.id}`, {
        token: county.sessions.admin.token,
        body: { dutyPhone: '13900000110' },
      });
      await fileReports('violence_abuse');
      stand.delayAnswers(SLOWER_THAN_TIMEOUT_MS);

      const first = await run<SmsTally>('/admin/sms/send');
      await county.setClock(LATER);
      const again = await run<SmsTally>('/admin/sms/send');
      const rows = await sut.app.get(DataSource).getRepository(SmsMessageEntity).find();

      expect(first).toMatchObject({ sent: 0, retried: 0, failed: 0, unknown: MESSAGES });
      expect(again).toMatchObject({ sent: 0, retried: 0, failed: 0, unknown: 0, expired: 0 });
      expect(stand.received).toHaveLength(MESSAGES);
      expect(rows.map((row) => [row.status, row.attempts])).toEqual(rows.map(() => ['unknown', 1]));
      expect(rows).toHaveLength(MESSAGES);
    },
    SLOW,
  );
});
