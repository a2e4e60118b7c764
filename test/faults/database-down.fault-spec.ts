import { randomUUID } from 'node:crypto';
import {
  byScale,
  call,
  devLogin,
  ms,
  percentile,
  printFigures,
  query,
  reportBody,
  type Answer,
} from '../support/faults';
import { startMariaDbProcess, type MariaDbProcess } from '../support/mariadb-process';
import { startServer, type RunningServer } from '../support/server';

const DOWN_MS = byScale(20_000, 3_000);
const PROBE_PAUSE_MS = 100;
/** The bound on an answer while the database is down. */
const FAST_MS = 100;
const RECOVERY_TIMEOUT_MS = 30_000;

interface ErrorBody {
  code?: string;
  message?: string;
}

/**
 * Issue 12, guarantee 2: with MariaDB killed, the API answers 503 SERVICE_UNAVAILABLE at once
 * (health and a real write), and once MariaDB is back the same server process serves again.
 */
describe('MariaDB killed under a running server', () => {
  let mariadb: MariaDbProcess;
  let server: RunningServer;

  beforeAll(async () => {
    mariadb = await startMariaDbProcess();
    server = await startServer({
      DATABASE_URL: mariadb.url,
      DEMO_DATA: 'true',
      DIVISIONS: '3413',
    });
  });
  afterAll(async () => {
    await server?.stop();
    await mariadb?.destroy();
  });

  it('answers 503 fast while it is down and recovers without a restart', async () => {
    const token = await devLogin(server.apiBase);
    const file = (key: string) =>
      call<ErrorBody>(server.apiBase, 'POST', '/reports', {
        token,
        body: reportBody(0),
        idempotencyKey: key,
      });
    expect((await file(randomUUID())).status).toBe(201);

    await mariadb.kill();
    const health: Answer<ErrorBody>[] = [];
    const writes: Answer<ErrorBody>[] = [];
    const shedKeys: string[] = [];
    const downUntil = performance.now() + DOWN_MS;
    while (performance.now() < downUntil) {
      health.push(await call<ErrorBody>(server.apiBase, 'GET', '/health'));
      const key = randomUUID();
      shedKeys.push(key);
      writes.push(await file(key));
      await new Promise((r) => setTimeout(r, PROBE_PAUSE_MS));
    }

    const restartedAt = performance.now();
    await mariadb.start();
    const mariadbUpMs = performance.now() - restartedAt;
    let healthyMs = NaN;
    let writeMs = NaN;
    let recovered: Answer<ErrorBody> | null = null;
    while (performance.now() - restartedAt < RECOVERY_TIMEOUT_MS) {
      const answer = await call<ErrorBody>(server.apiBase, 'GET', '/health');
      if (answer.status === 200 && Number.isNaN(healthyMs)) {
        healthyMs = performance.now() - restartedAt;
      }
      if (answer.status === 200) {
        recovered = await file(randomUUID());
        if (recovered.status === 201) {
          writeMs = performance.now() - restartedAt;
          break;
        }
      }
      await new Promise((r) => setTimeout(r, PROBE_PAUSE_MS));
    }
    const stored = await query<{ n: number }>(
      mariadb.url,
      `SELECT COUNT(*) AS n FROM idempotency_keys WHERE idempotency_key IN (?)`,
      [shedKeys],
    );
    const everyAnswer = [...health, ...writes];
    const latencies = (answers: Answer[]) => answers.map((a) => a.ms);
    const unavailable = everyAnswer.filter(
      (a) => a.status === 503 && a.body.code === 'SERVICE_UNAVAILABLE' && a.body.message,
    ).length;

    printFigures('MariaDB killed', [
      ['down for', `${DOWN_MS / 1000} s`],
      ['answers while down (health + POST /reports)', `${health.length} + ${writes.length}`],
      ['of them 503 SERVICE_UNAVAILABLE', unavailable],
      [
        'health while down, p50 / p99 / max',
        `${ms(percentile(latencies(health), 50))} / ${ms(percentile(latencies(health), 99))} / ${ms(Math.max(...latencies(health)))}`,
      ],
      [
        'POST /reports while down, p50 / p99 / max',
        `${ms(percentile(latencies(writes), 50))} / ${ms(percentile(latencies(writes), 99))} / ${ms(Math.max(...latencies(writes)))}`,
      ],
      ['MariaDB restart to accepting connections', ms(mariadbUpMs)],
      ['then health 200 after / first report 201 after', `${ms(healthyMs)} / ${ms(writeMs)}`],
      ['reports stored from 503 answers', Number(stored[0].n)],
      ['the same server process throughout', server.alive() ? `yes (pid ${server.pid})` : 'no'],
    ]);

    expect(everyAnswer.map((a) => a.status).filter((s) => s !== 503)).toEqual([]);
    expect(unavailable).toBe(everyAnswer.length);
    expect(percentile(latencies(health), 99)).toBeLessThan(FAST_MS);
    expect(percentile(latencies(writes), 99)).toBeLessThan(FAST_MS);
    expect(server.alive()).toBe(true);
    expect(recovered?.status).toBe(201);
    expect(Number(stored[0].n)).toBe(0);
  }, 300_000);
});
