// Intake benchmark: files reports against the built server and prints throughput and latency.
//   npm run bench:intake [-- --requests 2000 --concurrency 32 --url http://host:port]
// Without --url it starts server/dist/main.js on a fresh MariaDB database (DATABASE_URL or the
// local default) and drops it afterwards; `--sqlite` uses a temporary embedded database instead.
// The reports are the bench's (bodies.mjs): every situation in turn, each about a child of its
// own, in the villages of the demo county. `npm run bench` runs this and more in one table.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { bodySource, countyVillages } from './bodies.mjs';
import { byStatus, closedLoop } from './drive.mjs';
import { latencies, ms, perSecond } from './figures.mjs';
import { call, DEMO_COUNTY, devLogin, freshMariaDb, freshSqlite, startServer } from './harness.mjs';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '32' },
    url: { type: 'string' },
    sqlite: { type: 'boolean', default: false },
  },
});
const total = Number(args.requests);
const concurrency = Number(args.concurrency);

const database = args.url ? null : args.sqlite ? freshSqlite() : await freshMariaDb('bench');
const server = args.url
  ? { base: `${args.url.replace(/\/$/, '')}/api/v1`, stop: async () => {} }
  : await startServer({ ...database.env, DEMO_DATA: 'true', DIVISIONS: '3413' });
try {
  const token = await devLogin(server.base, `bench-${randomUUID()}`);
  const bodies = bodySource({
    villages: await countyVillages(server.base, DEMO_COUNTY),
    county: DEMO_COUNTY,
  });
  const run = await closedLoop({
    total,
    concurrency,
    task: async () =>
      (
        await call(server.base, 'POST', '/reports', {
          token,
          body: bodies.next(),
          idempotencyKey: randomUUID(),
        })
      ).status,
  });
  const accepted = latencies(run.outcomes.filter((o) => o.status === 201).map((o) => o.ms));
  console.log(`intake benchmark — ${database?.label ?? server.base}`);
  console.log(`  requests      ${total} (concurrency ${concurrency})`);
  console.log(`  statuses      ${JSON.stringify(byStatus(run.outcomes))}`);
  console.log(`  throughput    ${perSecond(accepted.n / (run.elapsedMs / 1000), ' reports/s')}`);
  console.log(`  p50 / p99     ${ms(accepted.p50)} / ${ms(accepted.p99)}`);
} finally {
  await server.stop();
  await database?.drop();
}
