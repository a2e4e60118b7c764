// Sections 1 and 2 of the bench (issue 17): intake through HTTP against the raw-driver ceiling
// and the naive TypeORM baseline at several concurrencies (closed loop), then arrivals at a fixed
// rate (open loop) on the same server, checking that a shed request stored nothing.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { bodySource, countyVillages } from './bodies.mjs';
import { byStatus, closedLoop, openLoop } from './drive.mjs';
import { count, goal, latencies, ms, perSecond, ratio, share } from './figures.mjs';
import {
  call,
  cpuMs,
  DEMO_COUNTY,
  freshMariaDb,
  localDatabasePid,
  query,
  ROOT,
  startServer,
} from './harness.mjs';
import { openCeiling, openNaive } from './intake-writers.mjs';

const { scopedKey } = createRequire(`${ROOT}/server/dist/`)('./idempotency/scoped-key.js');

const REPORTERS = 16;
const WARM_UP = 40;
const GOAL_CONCURRENCY = 32;
const ACCEPTED = 201;
const SHED = 503;

/** The server's intake configuration as deployed: demo county units and accounts, default pool and queue. */
const SERVER_ENV = { DEMO_DATA: 'true', DIVISIONS: '3413', AUTH_TOKEN_TTL_HOURS: '2000' };

const clients = (n) => `${n} client${n === 1 ? '' : 's'}`;

function summary(run, ok, cpu) {
  const accepted = run.outcomes.filter((o) => o.status === ok);
  const errors = run.outcomes.length - accepted.length;
  return {
    rate: accepted.length / (run.elapsedMs / 1000),
    ...latencies(accepted.map((o) => o.ms)),
    errors,
    statuses: byStatus(run.outcomes.filter((o) => o.status !== ok)),
    cpu,
  };
}

/**
 * The CPU the server, MariaDB (when on this machine) and the bench's own process spend while
 * `work` runs, in ms per report of `reports`: on a machine whose cores all three share, this is
 * where each way's rate goes. MariaDB's figure is the whole server's, so it holds whatever else
 * the box asks of it meanwhile.
 */
async function withCpu(serverPid, reports, work) {
  const databasePid = localDatabasePid();
  const before = {
    server: cpuMs(serverPid),
    database: cpuMs(databasePid),
    bench: process.cpuUsage(),
  };
  const result = await work();
  const bench = process.cpuUsage(before.bench);
  const per = (start, end) => (start === null || end === null ? null : (end - start) / reports);
  return {
    result,
    cpu: {
      server: per(before.server, cpuMs(serverPid)),
      database: per(before.database, cpuMs(databasePid)),
      bench: (bench.user + bench.system) / 1000 / reports,
    },
  };
}

const cpuText = ({ server, database, bench }) =>
  `CPU a report: server ${server === null ? '–' : server.toFixed(2)} · MariaDB ${database === null ? '–' : database.toFixed(2)} · bench ${bench.toFixed(2)} ms`;

function describe(s) {
  const errors =
    s.errors === 0
      ? '0 errors'
      : `${count(s.errors)} errors (${Object.entries(s.statuses)
          .map(([status, n]) => `${count(n)}× ${status}`)
          .join(', ')})`;
  return `${perSecond(s.rate, ' reports/s')} · p50 ${ms(s.p50)} · p99 ${ms(s.p99)} · ${errors} · ${cpuText(s.cpu)}`;
}

/**
 * Runs sections 1 and 2 on a fresh database and returns their rows, the rate the server
 * sustained without an error, and its memory after the closed-loop runs.
 * @param {{ concurrencies: number[], requests: (c: number) => number, openSeconds: number }} scale
 */
export async function benchIntake(scale, log) {
  const database = await freshMariaDb('bench_intake');
  let server = null;
  const writers = [];
  try {
    server = await startServer({ ...database.env, ...SERVER_ENV });
    const villages = await countyVillages(server.base, DEMO_COUNTY);
    const bodies = bodySource({ villages, county: DEMO_COUNTY });
    const reporters = [];
    for (let i = 0; i < REPORTERS; i++) {
      const login = await call(server.base, 'POST', '/auth/dev', {
        body: { openid: `bench-reporter-${i}` },
      });
      reporters.push({ token: login.body.token, userId: login.body.user.id });
    }
    const http = (i) => {
      const { token } = reporters[i % REPORTERS];
      return call(server.base, 'POST', '/reports', {
        token,
        body: bodies.next(),
        idempotencyKey: randomUUID(),
      }).then((answer) => answer.status);
    };
    const ceiling = await openCeiling(database.url);
    writers.push(ceiling);
    const naive = await openNaive(database.url);
    writers.push(naive);
    const direct = (writer) => (i) =>
      writer.file({
        body: bodies.next(),
        userId: reporters[i % REPORTERS].userId,
        idempotencyKey: randomUUID(),
      });
    const ways = [
      { name: 'HTTP', task: http, ok: ACCEPTED },
      { name: 'ceiling', task: direct(ceiling), ok: 'ok' },
      { name: 'naive', task: direct(naive), ok: 'ok' },
    ];
    // One report each first, outside the load loop: a way that cannot write at all stops the run
    // with its own error instead of printing a row of errors and ratios of nothing.
    for (const way of ways) {
      const first = await way.task(0);
      if (first !== way.ok) throw new Error(`intake ${way.name}: the first report got ${first}`);
    }
    for (const way of ways) {
      await closedLoop({ total: WARM_UP, concurrency: 8, task: way.task });
    }

    const rows = [];
    let sustainable = 0;
    for (const concurrency of scale.concurrencies) {
      const measured = {};
      // Interleaved, so that whatever else the machine does weighs on the three alike.
      for (const way of ways) {
        const total = scale.requests(concurrency);
        const { result: run, cpu } = await withCpu(server.pid, total, () =>
          closedLoop({ total, concurrency, task: way.task }),
        );
        measured[way.name] = summary(run, way.ok, cpu);
        log(`intake ${way.name} c=${concurrency}: ${describe(measured[way.name])}`);
      }
      const { HTTP, ceiling: top, naive: base } = measured;
      if (HTTP.errors === 0) sustainable = Math.max(sustainable, HTTP.rate);
      const ofCeiling = ratio(HTTP.rate, top.rate);
      const overNaive = ratio(HTTP.rate, base.rate);
      const atGoal = concurrency === GOAL_CONCURRENCY;
      rows.push(
        {
          figure: `HTTP POST /reports, ${clients(concurrency)}`,
          value: describe(HTTP),
          ratio: `${ofCeiling.toFixed(2)} of the ceiling · ${overNaive.toFixed(2)}× naive`,
          goal: atGoal ? goal(ofCeiling, 'at least', 0.6, '≥ 0.6 of the ceiling') : undefined,
        },
        ...(atGoal
          ? [
              {
                figure: `HTTP over naive, ${clients(concurrency)}`,
                value: `${overNaive.toFixed(2)}×`,
                goal: goal(overNaive, 'at least', 2, '≥ 2× naive'),
              },
            ]
          : []),
        { figure: `ceiling (raw mysql2), ${clients(concurrency)}`, value: describe(top) },
        {
          figure: `naive (TypeORM save()), ${clients(concurrency)}`,
          value: describe(base),
          ratio: `${ratio(base.rate, top.rate).toFixed(2)} of the ceiling`,
        },
      );
    }
    const memory = server.rss();

    const open = [];
    const rates = [
      { label: '100 arrivals/s', rate: 100, latencyGoal: true },
      {
        label: `2× the sustainable rate (${perSecond(2 * sustainable)})`,
        rate: 2 * sustainable,
        shedGoal: true,
      },
    ];
    for (const { label, rate, latencyGoal, shedGoal } of rates) {
      if (!(rate > 0)) {
        open.push({ figure: label, value: 'no rate: every closed-loop run had errors' });
        continue;
      }
      const keys = [];
      const [{ n: before }] = await query(database.url, 'SELECT COUNT(*) AS n FROM reports');
      const run = await openLoop({
        rate,
        durationMs: scale.openSeconds * 1000,
        task: (i) => {
          const reporter = reporters[i % REPORTERS];
          const key = randomUUID();
          keys[i] = scopedKey(reporter.userId, key);
          return call(server.base, 'POST', '/reports', {
            token: reporter.token,
            body: bodies.next(),
            idempotencyKey: key,
          }).then((answer) => answer.status);
        },
      });
      const [{ n: after }] = await query(database.url, 'SELECT COUNT(*) AS n FROM reports');
      const accepted = run.outcomes.filter((o) => o.status === ACCEPTED);
      const shed = run.outcomes.filter((o) => o.status === SHED);
      const other = run.outcomes.length - accepted.length - shed.length;
      const shedKeys = shed.map((o) => keys[o.i]);
      const [{ storedKeys }] =
        shedKeys.length === 0
          ? [{ storedKeys: 0 }]
          : await query(
              database.url,
              'SELECT COUNT(*) AS storedKeys FROM idempotency_keys WHERE idempotency_key IN (?)',
              [shedKeys],
            );
      const extraReports = Number(after) - Number(before) - accepted.length;
      const acceptedMs = latencies(accepted.map((o) => o.ms));
      const shedMs = latencies(shed.map((o) => o.ms));
      log(`open loop ${label}: ${accepted.length} accepted, ${shed.length} shed, ${other} other`);
      open.push(
        {
          figure: `${label}: accepted`,
          value: `${count(accepted.length)} of ${count(run.outcomes.length)} in ${scale.openSeconds} s · p50 ${ms(acceptedMs.p50)} · p99 ${ms(acceptedMs.p99)}`,
          goal: latencyGoal ? goal(acceptedMs.p99, 'at most', 100, 'p99 < 100 ms') : undefined,
        },
        {
          figure: `${label}: shed with 503`,
          value: `${count(shed.length)} (${share(shed.length, run.outcomes.length)}) · p50 ${ms(shedMs.p50)} · p99 ${ms(shedMs.p99)}${other ? ` · ${count(other)} other answers (${JSON.stringify(byStatus(run.outcomes.filter((o) => o.status !== ACCEPTED && o.status !== SHED)))})` : ''}`,
          goal:
            shedGoal && shed.length > 0
              ? goal(shedMs.p99, 'at most', 10, 'sheds in < 10 ms')
              : undefined,
        },
        {
          figure: `${label}: stored by a shed request`,
          value: `reports stored ${count(Number(after) - Number(before))} for ${count(accepted.length)} × 201 (${count(extraReports)} more) · idempotency keys of shed requests stored ${count(Number(storedKeys))}`,
          goal: goal(Math.max(extraReports, Number(storedKeys)), 'at most', 0, 'nothing'),
        },
      );
    }
    return { rows, open, sustainable, memory };
  } finally {
    for (const writer of writers) await writer.close();
    await server?.stop();
    await database.drop();
  }
}
