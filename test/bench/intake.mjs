// Intake benchmark: files reports against the built server and prints throughput and latency.
//   npm run bench:intake [-- --requests 2000 --concurrency 32 --url http://host:port]
// Without --url it starts server/dist/main.js on a fresh MariaDB database (DATABASE_URL or the
// local default) and drops it afterwards; `--sqlite` uses a temporary embedded database instead.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';

const ROOT = resolve(import.meta.dirname, '..', '..');
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

async function freePort() {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

async function freshMariaDb() {
  const base = new URL(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test');
  const name = `${base.pathname.slice(1) || 'test'}_shouhu_${Date.now()}_bench`;
  const admin = await createConnection({ uri: base.toString() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  base.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: base.toString() },
    label: 'MariaDB',
    cleanup: async () => {
      await admin.query(`DROP DATABASE \`${name}\``);
      await admin.end();
    },
  };
}

function freshSqlite() {
  const dir = mkdtempSync(join(tmpdir(), 'shouhu-bench-'));
  return {
    env: { SQLITE_PATH: join(dir, 'bench.sqlite') },
    label: 'SQLite',
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function startServer(env) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'server', 'dist', 'main.js')], {
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: String(port),
      DEMO_DATA: 'false',
      // One account files every report as fast as it can: measure intake, not the rate limits.
      REPORT_RATE_LIMIT_PER_MINUTE: '100000',
      REPORT_ACCOUNT_RATE_LIMIT_PER_MINUTE: '100000',
      ...env,
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok)
        return { url, stop: () => child.kill('SIGTERM') };
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

function report(i) {
  return {
    channel: 'public',
    situations: i % 3 === 0 ? ['violence_abuse'] : ['dropout', 'carer_neglect'],
    immediateDanger: i % 10 === 0,
    description: `压测报告第${i}条：孩子已经两周没有来上学，家里电话一直打不通。`,
    discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
    location: { divisionCode: '341324', address: '某镇某村三组' },
    child: { name: '小明', ageYears: 12 },
    reporter: { anonymous: false, confidential: true, name: '王老师', phone: '13800000000' },
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const database = args.url ? null : args.sqlite ? freshSqlite() : await freshMariaDb();
  const server = args.url ? { url: args.url, stop: () => {} } : await startServer(database.env);
  try {
    const login = await fetch(`${server.url}/api/v1/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: `bench-${randomUUID()}` }),
    });
    const { token } = await login.json();
    const latencies = [];
    const statuses = new Map();
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const i = next++;
          const t0 = performance.now();
          const response = await fetch(`${server.url}/api/v1/reports`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${token}`,
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify(report(i)),
          });
          await response.arrayBuffer();
          latencies.push(performance.now() - t0);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(`intake benchmark — ${database?.label ?? server.url}`);
    console.log(`  requests      ${total} (concurrency ${concurrency})`);
    console.log(`  statuses      ${JSON.stringify(Object.fromEntries(statuses))}`);
    console.log(`  throughput    ${(total / seconds).toFixed(0)} reports/s`);
    for (const p of [50, 95, 99]) {
      console.log(`  p${p}           ${percentile(latencies, p).toFixed(1)} ms`);
    }
  } finally {
    server.stop();
    await database?.cleanup();
  }
}

await main();
