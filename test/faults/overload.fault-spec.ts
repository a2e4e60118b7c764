import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { byScale, call, ms, percentile, printFigures, query, reportBody } from '../support/faults';
import { startMariaDbProcess, type MariaDbProcess } from '../support/mariadb-process';
import { REPO_ROOT, startServer, type RunningServer } from '../support/server';

/** The server's own rule for the key it stores (a hash of user and key), from the build it runs. */
const { scopedKey } = createRequire(__filename)(
  resolve(REPO_ROOT, 'server', 'dist', 'idempotency', 'scoped-key.js'),
) as { scopedKey: (userId: string, key: string) => string };

/** Closed-loop steps of the ramp: concurrent clients, each filing as fast as it is answered. */
const RAMP = byScale([2, 4, 8, 16], [4, 16]);
const RAMP_STEP_MS = byScale(5_000, 2_000);
const OVERLOAD_MS = byScale(20_000, 5_000);
/** A shed request's answer: fast enough that a phone retries instead of hanging. */
const SHED_P99_MS = 1_000;
/**
 * An accepted request's answer while the server sheds the rest. The server sheds by the length of
 * the pool's queue (DB_QUEUE_LIMIT), not by time, so this wait is the queue ÷ the throughput: about
 * 0.5 s at the 87 reports/s the machine sustains alone, several seconds when it is shared.
 */
const ACCEPTED_P99_MS = 10_000;
const TOKENS = 10;

interface Outcome {
  /** The Idempotency-Key as stored: the server keeps a hash of the caller's id and the key sent. */
  key: string;
  status: number | 'network';
  ms: number;
}

/**
 * Issue 12, guarantee 5: offered twice the rate it sustains, the server sheds what it cannot
 * take with fast 503s, answers what it accepts in bounded time, and a shed request stores nothing.
 */
describe('intake offered twice the sustainable rate', () => {
  let database: MariaDbProcess;
  let server: RunningServer;
  let callers: { token: string; userId: string }[];

  beforeAll(async () => {
    database = await startMariaDbProcess();
    server = await startServer({
      DATABASE_URL: database.url,
      DEMO_DATA: 'true',
      DIVISIONS: '3413',
      AUTH_TOKEN_TTL_HOURS: '2000',
    });
    callers = await Promise.all(
      Array.from({ length: TOKENS }, async () => {
        const login = await call<{ token: string; user: { id: string } }>(
          server.apiBase,
          'POST',
          '/auth/dev',
          { body: { openid: `faults-${randomUUID()}` } },
        );
        return { token: login.body.token, userId: login.body.user.id };
      }),
    );
  });
  afterAll(async () => {
    await server?.stop();
    await database?.destroy();
  });

  let filed = 0;
  async function file(): Promise<Outcome> {
    const i = filed++;
    const sent = randomUUID();
    const caller = callers[i % TOKENS];
    const key = scopedKey(caller.userId, sent);
    const started = performance.now();
    try {
      const answer = await call(server.apiBase, 'POST', '/reports', {
        token: caller.token,
        body: reportBody(i),
        idempotencyKey: sent,
      });
      return { key, status: answer.status, ms: answer.ms };
    } catch {
      return { key, status: 'network', ms: performance.now() - started };
    }
  }

  it('sheds fast, bounds the accepted and stores nothing it shed', async () => {
    const ramp: { clients: number; rate: number; p99: number; shed: number }[] = [];
    for (const clients of RAMP) {
      const outcomes: Outcome[] = [];
      const until = performance.now() + RAMP_STEP_MS;
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (performance.now() < until) outcomes.push(await file());
        }),
      );
      const accepted = outcomes.filter((o) => o.status === 201);
      ramp.push({
        clients,
        rate: accepted.length / (RAMP_STEP_MS / 1000),
        p99: percentile(
          accepted.map((o) => o.ms),
          99,
        ),
        shed: outcomes.length - accepted.length,
      });
    }
    const sustainable = Math.max(...ramp.filter((r) => r.shed === 0).map((r) => r.rate));
    const offered = 2 * sustainable;

    const outcomes: Promise<Outcome>[] = [];
    const started = performance.now();
    for (let n = 0; performance.now() - started < OVERLOAD_MS; n++) {
      const due = started + (n * 1000) / offered;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      outcomes.push(file());
    }
    const answers = await Promise.all(outcomes);
    const accepted = answers.filter((a) => a.status === 201);
    const shed = answers.filter((a) => a.status === 503);
    const other = answers.filter((a) => a.status !== 201 && a.status !== 503);
    const storedFromShed =
      shed.length === 0
        ? 0
        : Number(
            (
              await query<{ n: number }>(
                database.url,
                'SELECT COUNT(*) AS n FROM idempotency_keys WHERE idempotency_key IN (?)',
                [shed.map((s) => s.key)],
              )
            )[0].n,
          );
    const latency = (list: Outcome[], p: number) =>
      percentile(
        list.map((o) => o.ms),
        p,
      );

    printFigures('overload at twice the sustainable rate', [
      ...ramp.map((r): [string, string] => [
        `ramp: ${r.clients} clients`,
        `${r.rate.toFixed(0)} reports/s, p99 ${ms(r.p99)}, shed ${r.shed}`,
      ]),
      ['sustainable / offered', `${sustainable.toFixed(0)} / ${offered.toFixed(0)} reports/s`],
      ['offered for', `${OVERLOAD_MS / 1000} s (${answers.length} requests)`],
      [
        'accepted (201)',
        `${accepted.length} (${(accepted.length / (OVERLOAD_MS / 1000)).toFixed(0)}/s)`,
      ],
      ['accepted p50 / p99', `${ms(latency(accepted, 50))} / ${ms(latency(accepted, 99))}`],
      ['shed (503)', shed.length],
      ['shed p50 / p99', `${ms(latency(shed, 50))} / ${ms(latency(shed, 99))}`],
      ['other answers', other.map((o) => o.status).join(', ') || 0],
      ['reports stored by shed requests', storedFromShed],
    ]);

    expect(sustainable).toBeGreaterThan(0);
    expect(other).toEqual([]);
    expect(shed.length).toBeGreaterThan(0);
    expect(latency(shed, 99)).toBeLessThan(SHED_P99_MS);
    expect(latency(accepted, 99)).toBeLessThan(ACCEPTED_P99_MS);
    expect(storedFromShed).toBe(0);
  }, 600_000);
});
