import { randomUUID } from 'node:crypto';
import {
  auditVerify,
  byScale,
  call,
  devLogin,
  ms,
  percentile,
  printFigures,
  query,
  reportBody,
} from '../support/faults';
import { startMariaDbProcess, type MariaDbProcess } from '../support/mariadb-process';
import { startServer, type RunningServer } from '../support/server';

const REPORTS = byScale(2000, 200);
const CLIENTS = 20;
const KILLS = byScale(6, 2);
const RETRY_PAUSE_MS = 100;

interface Filed {
  reportId: string;
  orders: number;
}

/**
 * Issue 12, guarantee 1: `kill -9` of the server during intake loses and duplicates nothing. Each
 * client retries its report with the same Idempotency-Key after a network error or a 5xx until it
 * gets an answer; afterwards the database must hold exactly one report per key, each with its
 * orders, timelines and audit row, and the audit chain must verify.
 */
describe('the server killed with kill -9 during intake', () => {
  let database: MariaDbProcess;
  let server: RunningServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await startMariaDbProcess();
    env = {
      DATABASE_URL: database.url,
      DEMO_DATA: 'true',
      DIVISIONS: '3413',
      AUTH_TOKEN_TTL_HOURS: '2000',
    };
    server = await startServer(env);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.destroy();
  });

  it('keeps every report once, with its orders, timelines and audit rows', async () => {
    const tokens = await Promise.all(
      Array.from({ length: CLIENTS }, () => devLogin(server.apiBase)),
    );
    const filed: Filed[] = [];
    const unexpected: string[] = [];
    let networkErrors = 0;
    let serverErrors = 0;
    let replays = 0;
    let next = 0;
    let restarting: Promise<void> | null = null;

    async function fileOnce(token: string, i: number): Promise<void> {
      const key = randomUUID();
      const body = reportBody(i);
      for (;;) {
        if (restarting) await restarting;
        try {
          const answer = await call<{ id: string; orders: unknown[] }>(
            server.apiBase,
            'POST',
            '/reports',
            { token, body, idempotencyKey: key },
          );
          if (answer.status >= 500) {
            serverErrors++;
          } else if (answer.status === 201) {
            if (answer.headers.get('idempotent-replayed') === 'true') replays++;
            filed.push({ reportId: answer.body.id, orders: answer.body.orders.length });
            return;
          } else {
            unexpected.push(`${answer.status} ${JSON.stringify(answer.body)}`);
            return;
          }
        } catch {
          networkErrors++;
        }
        await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
      }
    }

    const kills: { at: number; downMs: number }[] = [];
    // Random moments spread over the run, each in its own slice so no two kills coincide.
    const thresholds = Array.from({ length: KILLS }, (_, k) =>
      Math.floor(((k + 0.25 + Math.random() * 0.5) / (KILLS + 0.5)) * REPORTS),
    );
    let clientsDone = false;
    const killer = (async () => {
      for (const threshold of thresholds) {
        while (filed.length < threshold && !clientsDone) {
          await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
        }
        if (clientsDone) return;
        const started = performance.now();
        let restarted!: () => void;
        await server.kill();
        restarting = new Promise<void>((done) => (restarted = done));
        server = await startServer(env, { port: server.port });
        restarting = null;
        restarted();
        kills.push({ at: filed.length, downMs: performance.now() - started });
      }
    })();

    const started = performance.now();
    await Promise.all(
      tokens.map(async (token) => {
        while (next < REPORTS) await fileOnce(token, next++);
      }),
    );
    clientsDone = true;
    await killer;
    const seconds = (performance.now() - started) / 1000;
    await server.stop();

    const keys = await query<{ key: string; status: number | null; body: string | null }>(
      database.url,
      `SELECT k.idempotency_key AS \`key\`, k.response_status AS status, k.response_body AS body
         FROM idempotency_keys k JOIN users u ON u.id = k.user_id WHERE u.openid LIKE 'faults-%'`,
    );
    const reports = await query<{
      id: string;
      orders: number;
      dispatched: number;
      submitted: number;
      audited: number;
    }>(
      database.url,
      `SELECT r.id,
              (SELECT COUNT(*) FROM orders o WHERE o.report_id = r.id) AS orders,
              (SELECT COUNT(*) FROM order_events e JOIN orders o ON o.id = e.order_id
                WHERE o.report_id = r.id AND e.kind = 'dispatched') AS dispatched,
              (SELECT COUNT(*) FROM report_events e
                WHERE e.report_id = r.id AND e.kind = 'submitted') AS submitted,
              (SELECT COUNT(*) FROM audit_log a
                WHERE a.target_id = r.id AND a.action = 'report.submit') AS audited
         FROM reports r JOIN users u ON u.id = r.reporter_user_id WHERE u.openid LIKE 'faults-%'`,
    );
    const stored = new Map(reports.map((r) => [r.id, r]));
    // Keys are stored per user as a hash of user and key: a client's key is found by its answer.
    const answered = new Set(
      keys.map((k) => (k.body ? (JSON.parse(k.body) as { id: string }).id : null)),
    );
    const lost = filed.filter((f) => !stored.has(f.reportId)).length;
    const answeredOtherwise = filed.filter((f) => !answered.has(f.reportId)).length;
    const duplicated = reports.length - answered.size;
    const incomplete = filed.filter((f) => {
      const report = stored.get(f.reportId);
      return (
        !report ||
        Number(report.orders) !== f.orders ||
        Number(report.dispatched) !== f.orders ||
        Number(report.submitted) !== 1 ||
        Number(report.audited) !== 1
      );
    }).length;
    const verdict = auditVerify(database.url);
    const downs = kills.map((k) => k.downMs);

    printFigures('kill -9 during intake', [
      ['reports filed (clients)', `${REPORTS} (${CLIENTS})`],
      ['kill -9 of the server', `${kills.length} at ${kills.map((k) => k.at).join(', ')}`],
      ['restart to healthy, p50 / max', `${ms(percentile(downs, 50))} / ${ms(Math.max(...downs))}`],
      ['client retries: network / 5xx', `${networkErrors} / ${serverErrors}`],
      ['answers replayed from the key', replays],
      ['intake time', `${seconds.toFixed(1)} s`],
      ['reports stored / keys', `${reports.length} / ${keys.length}`],
      ['lost / duplicated / incomplete', `${lost} / ${duplicated} / ${incomplete}`],
      ['audit chain', verdict.output],
    ]);

    expect(unexpected).toEqual([]);
    expect(kills).toHaveLength(KILLS);
    expect(filed).toHaveLength(REPORTS);
    expect(keys).toHaveLength(REPORTS);
    expect(keys.every((k) => k.status === 201)).toBe(true);
    expect(reports).toHaveLength(REPORTS);
    expect({ lost, duplicated, incomplete, answeredOtherwise }).toEqual({
      lost: 0,
      duplicated: 0,
      incomplete: 0,
      answeredOtherwise: 0,
    });
    expect(verdict.status).toBe(0);
  }, 600_000);
});
