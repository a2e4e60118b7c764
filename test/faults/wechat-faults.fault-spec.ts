import { randomUUID } from 'node:crypto';
import { byScale, call, devLogin, printFigures, query, reportBody } from '../support/faults';
import { startMariaDbProcess, type MariaDbProcess } from '../support/mariadb-process';
import { startServer, type RunningServer } from '../support/server';
import { startFaultyWechat, type FaultyWechat, type WechatMode } from '../support/wechat-stand-in';

const MESSAGES = byScale(10, 2);
const TEMPLATE = 'FaultTemplate_0123456789abcdefghijklmnopqrst';
/** A Tuesday: a consultation (咨询求助) is one township order, P3. */
const FILED_AT = new Date('2026-11-17T09:00:00+08:00');
/** Longer than the longest wait between attempts (120 minutes). */
const STEP_MS = 3 * 3600_000;
/** WeChat as each later attempt finds it: still failing twice, then back. */
const LATER_ATTEMPTS: WechatMode[] = ['http_500', 'down', 'ok', 'ok', 'ok'];
/** A message ends sent, refused, failed or (a send whose answer never came) unknown. */
const ENDED = new Set(['sent', 'refused', 'failed', 'unknown']);

/** The way WeChat behaves at a batch's first attempt; `failing` is one recipient it always fails. */
type Phase = WechatMode | 'failing';
const PHASES: Phase[] = ['down', 'token_invalid', 'refused', 'http_500', 'slow', 'ok', 'failing'];
/** How each batch must end. */
const EXPECTED: Record<Phase, string> = {
  down: 'sent',
  token_invalid: 'sent',
  refused: 'refused',
  http_500: 'sent',
  slow: 'sent',
  ok: 'sent',
  failing: 'failed',
};

interface Row {
  id: string;
  openid: string;
  page: string;
  status: string;
  attempts: number;
}

/**
 * Issue 12, guarantee 4: subscribe messages sent while WeChat is down, rejects the token (40001),
 * refuses (43101), answers 500 or is slow all end sent, refused or failed once the retry schedule
 * has run out (on the simulated clock); none is lost, none stays pending, and WeChat never
 * delivers one twice.
 */
describe('subscribe messages while WeChat misbehaves', () => {
  let database: MariaDbProcess;
  let wechat: FaultyWechat;
  let server: RunningServer;

  beforeAll(async () => {
    database = await startMariaDbProcess();
    wechat = await startFaultyWechat();
    server = await startServer({
      DATABASE_URL: database.url,
      DEMO_DATA: 'true',
      DIVISIONS: '3413',
      SIMULATED_CLOCK: 'true',
      AUTH_TOKEN_TTL_HOURS: '2000',
      NOTIFY_INTERVAL_SECONDS: '0',
      SLA_SWEEP_INTERVAL_SECONDS: '0',
      WECHAT_TEMPLATE_NEW_ORDER: TEMPLATE,
      ...wechat.env,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await wechat?.close();
    await database?.destroy();
  });

  it('ends every message sent, refused or failed, and delivers none twice', async () => {
    const api = server.apiBase;
    const admin = await devLogin(api, 'demo-admin');
    const township = await call<{ user: { unitId: string } }>(api, 'POST', '/auth/dev', {
      body: { openid: 'demo-township' },
    });
    const unitId = township.body.user.unitId;
    let now = FILED_AT.getTime();
    const setClock = () =>
      call(api, 'PUT', '/admin/clock', {
        token: admin,
        body: { now: new Date(now).toISOString() },
      });
    const send = () => call(api, 'POST', '/admin/notifications/send', { token: admin });
    await setClock();
    const reporter = await devLogin(api);

    const phaseOf = new Map<string, Phase>();
    for (const [p, phase] of PHASES.entries()) {
      // A handler of 泗城镇 of this phase's own, told of the next MESSAGES new orders.
      const openid = `faults-h-${phase}-${randomUUID().slice(0, 8)}`;
      phaseOf.set(openid, phase);
      const handler = await devLogin(api, openid);
      const invite = await call<{ code: string }>(api, 'POST', '/admin/invites', {
        token: admin,
        body: { role: 'handler', unitId },
      });
      const redeemed = await call<{ token: string }>(api, 'POST', '/auth/redeem', {
        token: handler,
        body: { code: invite.body.code },
      });
      for (let i = 0; i < MESSAGES; i++) {
        const subscribed = await call(api, 'POST', '/notifications/new-orders/subscriptions', {
          token: redeemed.body.token,
          body: {},
        });
        expect(subscribed.status).toBe(201);
      }
      for (let i = 0; i < MESSAGES; i++) {
        const filed = await call(api, 'POST', '/reports', {
          token: reporter,
          body: {
            ...reportBody(p * MESSAGES + i, 'consultation'),
            discoveredAt: new Date(now - 3600_000).toISOString(),
          },
          idempotencyKey: randomUUID(),
        });
        expect(filed.status).toBe(201);
      }
      if (phase === 'failing') wechat.failAlways(openid);
      await wechat.setMode(phase === 'failing' ? 'ok' : phase);
      expect((await send()).status).toBe(200);
    }
    for (const mode of LATER_ATTEMPTS) {
      now += STEP_MS;
      await setClock();
      await wechat.setMode(mode);
      expect((await send()).status).toBe(200);
    }

    const rows = await query<Row>(
      database.url,
      `SELECT n.id, u.openid, n.page, n.status, n.attempts FROM notifications n
         JOIN users u ON u.id = n.user_id WHERE u.openid LIKE 'faults-h-%'`,
    );
    const deliveries = new Map<string, number>();
    for (const r of wechat.received.filter((r) => r.delivered)) {
      const key = `${r.touser} ${r.page}`;
      deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
    }
    const table: [string, string | number][] = [];
    const wrong: string[] = [];
    for (const phase of PHASES) {
      const batch = rows.filter((r) => phaseOf.get(r.openid) === phase);
      const statuses = batch.map((r) => r.status);
      const received = wechat.received.filter((r) => phaseOf.get(r.touser) === phase).length;
      const delivered = batch.map((r) => deliveries.get(`${r.openid} ${r.page}`) ?? 0);
      table.push([
        `${phase}: messages → ${EXPECTED[phase]}`,
        `${batch.length} → ${statuses.filter((s) => s === EXPECTED[phase]).length}; attempts ${batch.reduce((a, r) => a + r.attempts, 0)}; received ${received}, delivered ${delivered.reduce((a, b) => a + b, 0)}`,
      ]);
      if (batch.length !== MESSAGES) wrong.push(`${phase}: ${batch.length} messages`);
      for (const [i, row] of batch.entries()) {
        const ended = ENDED.has(row.status);
        const once = row.status === 'sent' ? delivered[i] === 1 : delivered[i] === 0;
        const expected = row.status === EXPECTED[phase] || row.status === 'unknown';
        if (!ended || !once || !expected) {
          wrong.push(`${phase}: ${row.status} after ${row.attempts}, delivered ${delivered[i]}`);
        }
      }
    }
    const pending = rows.filter((r) => r.status === 'pending').length;
    const twice = [...deliveries.values()].filter((n) => n > 1).length;
    printFigures('WeChat faults', [
      ...table,
      ['messages / pending at the end', `${rows.length} / ${pending}`],
      ['delivered more than once', twice],
    ]);

    expect(rows).toHaveLength(PHASES.length * MESSAGES);
    expect(wrong).toEqual([]);
    expect(pending).toBe(0);
    expect(twice).toBe(0);
  }, 600_000);
});
