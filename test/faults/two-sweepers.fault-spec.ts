import {
  auditVerify,
  byScale,
  call,
  devLogin,
  printFigures,
  query,
  reportBody,
} from '../support/faults';
import { startMariaDbProcess, type MariaDbProcess } from '../support/mariadb-process';
import { startServer, type RunningServer } from '../support/server';

/** A violence report is three orders (police lead, civil affairs and township assist). */
const REPORTS = byScale(170, 25);
const ORDERS_PER_REPORT = 3;
const FILED_AT = '2026-11-16T09:00:00+08:00';
/** Past the P1 sign deadline (30 minutes): each order is reminded and overdue (督办) once. */
const SWEEP_AT = '2026-11-16T09:45:00+08:00';
const CLIENTS = 10;
const SETTLE_TIMEOUT_MS = 120_000;

interface Count {
  n: number;
}

/**
 * Issue 12, guarantee 3: two server processes on one database sweep the same overdue orders at
 * the same moment — their periodic sweeps every second and explicit sweeps fired together — and
 * every reminder, escalation, audit row and text message exists once.
 */
describe('two servers sweeping the same overdue orders', () => {
  let database: MariaDbProcess;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    database = await startMariaDbProcess();
    const env = {
      DATABASE_URL: database.url,
      DEMO_DATA: 'true',
      DIVISIONS: '3413',
      SIMULATED_CLOCK: 'true',
      AUTH_TOKEN_TTL_HOURS: '2000',
      SLA_SWEEP_INTERVAL_SECONDS: '1',
      NOTIFY_INTERVAL_SECONDS: '0',
    };
    // One after the other: the first migrates and seeds the demo county.
    servers.push(await startServer(env));
    servers.push(await startServer(env));
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await database?.destroy();
  });

  const count = async (sql: string) => Number((await query<Count>(database.url, sql))[0].n);
  /** Only the orders of this test's reports, not the demo county's. */
  const OURS = `o.report_id IN (SELECT r.id FROM reports r JOIN users u ON u.id = r.reporter_user_id
                                 WHERE u.openid LIKE 'faults-%')`;

  it('records each reminder and each escalation exactly once', async () => {
    const admin = await devLogin(servers[0].apiBase, 'demo-admin');
    const setClocks = (now: string) =>
      Promise.all(
        servers.map((s) => call(s.apiBase, 'PUT', '/admin/clock', { token: admin, body: { now } })),
      );
    expect((await setClocks(FILED_AT)).map((a) => a.status)).toEqual([200, 200]);

    let next = 0;
    const failures: string[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const token = await devLogin(servers[0].apiBase);
        while (next < REPORTS) {
          const i = next++;
          const answer = await call(servers[i % 2].apiBase, 'POST', '/reports', {
            token,
            body: { ...reportBody(i), discoveredAt: '2026-11-16T08:00:00+08:00' },
            idempotencyKey: `sweep-${i}-${Date.now()}`,
          });
          if (answer.status !== 201)
            failures.push(`${answer.status} ${JSON.stringify(answer.body)}`);
        }
      }),
    );
    expect(failures).toEqual([]);
    const orders = await count(`SELECT COUNT(*) AS n FROM orders o WHERE ${OURS}`);
    expect(orders).toBe(REPORTS * ORDERS_PER_REPORT);

    const started = performance.now();
    await setClocks(SWEEP_AT);
    const sweeps = await Promise.all(
      servers.map((s) =>
        call<{ orders: number; events: number }>(s.apiBase, 'POST', '/admin/sla/sweep', {
          token: admin,
        }),
      ),
    );
    expect(sweeps.map((s) => s.status)).toEqual([200, 200]);

    let settledMs = NaN;
    while (performance.now() - started < SETTLE_TIMEOUT_MS) {
      const due = await count(
        `SELECT COUNT(*) AS n FROM orders o WHERE o.next_due_at <= '2026-11-16 01:45:00' AND ${OURS}`,
      );
      if (due === 0) {
        settledMs = performance.now() - started;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    // Both periodic sweeps run at least once more on the settled orders.
    await new Promise((r) => setTimeout(r, 2500));

    const eventsByKind = await query<{ kind: string; n: number }>(
      database.url,
      `SELECT e.kind, COUNT(*) AS n FROM order_events e JOIN orders o ON o.id = e.order_id
        WHERE ${OURS} AND e.kind <> 'dispatched' GROUP BY e.kind`,
    );
    const kinds = Object.fromEntries(eventsByKind.map((k) => [k.kind, Number(k.n)]));
    const duplicateEvents = await count(
      `SELECT COUNT(*) AS n FROM (SELECT e.order_id FROM order_events e JOIN orders o ON o.id = e.order_id
        WHERE ${OURS} GROUP BY e.order_id, e.kind, e.detail HAVING COUNT(*) > 1) d`,
    );
    const escalated = await count(
      `SELECT COUNT(*) AS n FROM orders o WHERE o.escalation_level = 1 AND ${OURS}`,
    );
    const audits = await count(
      `SELECT COUNT(*) AS n FROM audit_log a JOIN orders o ON o.id = a.target_id
        WHERE a.action = 'order.overdue' AND ${OURS}`,
    );
    const duplicateAudits = await count(
      `SELECT COUNT(*) AS n FROM (SELECT a.target_id FROM audit_log a JOIN orders o ON o.id = a.target_id
        WHERE a.action = 'order.overdue' AND ${OURS} GROUP BY a.target_id, a.detail HAVING COUNT(*) > 1) d`,
    );
    const texts = await count(
      `SELECT COUNT(*) AS n FROM sms_messages s JOIN orders o ON o.id = s.order_id WHERE ${OURS}`,
    );
    const duplicateTexts = await count(
      `SELECT COUNT(*) AS n FROM (SELECT s.order_id FROM sms_messages s JOIN orders o ON o.id = s.order_id
        WHERE ${OURS} GROUP BY s.order_id, s.kind, s.unit_id HAVING COUNT(*) > 1) d`,
    );
    const textedOrders = await count(
      `SELECT COUNT(DISTINCT s.order_id) AS n FROM sms_messages s JOIN orders o ON o.id = s.order_id
        WHERE s.kind LIKE '%escalation%' AND ${OURS}`,
    );
    const verdict = auditVerify(database.url);

    printFigures('two servers sweeping', [
      ['overdue orders (servers)', `${orders} (${servers.length})`],
      [
        'sweeps fired together: orders taken by A + B',
        sweeps.map((s) => s.body.orders).join(' + '),
      ],
      ['all escalated after', `${(settledMs / 1000).toFixed(1)} s`],
      ['reminder / overdue events', `${kinds.reminder ?? 0} / ${kinds.overdue ?? 0}`],
      ['orders at escalation level 1', escalated],
      ['audit rows order.overdue', audits],
      ['text messages (orders with an escalation text)', `${texts} (${textedOrders})`],
      [
        'duplicates: events / audit rows / texts',
        `${duplicateEvents} / ${duplicateAudits} / ${duplicateTexts}`,
      ],
      ['audit chain', verdict.output],
    ]);

    expect(Number.isNaN(settledMs)).toBe(false);
    expect(kinds).toEqual({ reminder: orders, overdue: orders });
    expect(escalated).toBe(orders);
    expect(audits).toBe(orders);
    expect(textedOrders).toBe(orders);
    expect({ duplicateEvents, duplicateAudits, duplicateTexts }).toEqual({
      duplicateEvents: 0,
      duplicateAudits: 0,
      duplicateTexts: 0,
    });
    expect(verdict.status).toBe(0);
  }, 600_000);
});
