// What every benchmark needs around its measurement: a fresh database on the MariaDB server at
// DATABASE_URL (or a temporary SQLite file), the built server (server/dist/main.js) started on a
// free port and stopped again, dev logins, JSON calls, and the server's memory.
import { execFileSync, spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const SERVER_MAIN = join(ROOT, 'server', 'dist', 'main.js');
/** The demo county (泗县): its units, accounts and villages come with DEMO_DATA and DIVISIONS. */
export const DEMO_COUNTY = '341324';
const DEFAULT_DATABASE_URL = 'mysql://root@127.0.0.1:3306/test';
const STARTUP_TIMEOUT_MS = 180_000;
/** A server still busy with a long request after SIGTERM gets this long before SIGKILL. */
const STOP_GRACE_MS = 10_000;
const CALL_TIMEOUT_MS = 120_000;

/**
 * Benchmarks file and log in from one address as fast as they can: every rate limit at the
 * maximum the server accepts (the server's own tests check the limits).
 */
export const NO_RATE_LIMITS = Object.fromEntries(
  [
    'LOGIN_RATE_LIMIT_PER_MINUTE',
    'LOGIN_ACCOUNT_RATE_LIMIT_PER_MINUTE',
    'REPORT_RATE_LIMIT_PER_MINUTE',
    'REPORT_ACCOUNT_RATE_LIMIT_PER_MINUTE',
    'UPLOAD_RATE_LIMIT_PER_MINUTE',
    'UPLOAD_ACCOUNT_RATE_LIMIT_PER_MINUTE',
    'TRACK_RATE_LIMIT_PER_MINUTE',
  ].map((name) => [name, '100000']),
);

/** The background jobs off, so that only what a benchmark sends runs on the server. */
export const QUIET = {
  LOG_LEVEL: 'warn',
  SLA_SWEEP_INTERVAL_SECONDS: '0',
  NOTIFY_INTERVAL_SECONDS: '0',
  UPLOAD_SWEEP_INTERVAL_SECONDS: '0',
};

export async function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/**
 * A new, empty database on the MariaDB server of DATABASE_URL (default the local one), named
 * `<base>_shouhu_<time>_<label>` like the tests' databases; `drop()` removes it.
 * @returns {Promise<{ url: string, name: string, env: Record<string, string>, label: string, drop(): Promise<void> }>}
 */
export async function freshMariaDb(label) {
  const base = new URL(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  const name = `${base.pathname.slice(1) || 'test'}_shouhu_${Date.now()}_${label}`;
  const { url } = await databaseNamed(name, { reuse: false });
  return {
    url,
    name,
    env: { DATABASE_URL: url },
    label: 'MariaDB',
    async drop() {
      const connection = await createConnection({ uri: url });
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}

/**
 * The database `name` on the MariaDB server of DATABASE_URL, made when missing and never dropped
 * (`drop()` does nothing): `--keep-db` loads a history once and reuses it between runs.
 * `existed`: it was there before this call.
 */
export async function keptMariaDb(name) {
  if (!/^\w+$/.test(name)) throw new Error(`--keep-db: ${name} is not a plain database name`);
  const { url, existed } = await databaseNamed(name, { reuse: true });
  return { url, name, env: { DATABASE_URL: url }, label: 'MariaDB', existed, async drop() {} };
}

/**
 * The database `name` on the MariaDB server of DATABASE_URL, created (utf8mb4, as the server's
 * migrations expect) unless `reuse` finds it there already; `existed` says which.
 */
async function databaseNamed(name, { reuse }) {
  const base = new URL(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  const admin = await createConnection({ uri: base.toString() });
  let existed = false;
  try {
    if (reuse) existed = (await admin.query('SHOW DATABASES LIKE ?', [name]))[0].length > 0;
    if (!existed) {
      await admin.query(
        `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
    }
  } finally {
    await admin.end();
  }
  base.pathname = `/${name}`;
  return { url: base.toString(), existed };
}

/** A temporary embedded database file; `drop()` deletes it. */
export function freshSqlite() {
  const dir = mkdtempSync(join(tmpdir(), 'shouhu-bench-'));
  return {
    url: null,
    name: dir,
    env: { SQLITE_PATH: join(dir, 'bench.sqlite') },
    label: 'SQLite',
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resident set of a process now and at its peak, in MB (Linux /proc). */
export function rss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)[1]) / 1024;
  return { now: mb('VmRSS'), peak: mb('VmHWM') };
}

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`, 100 on Linux x86). */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU a process has used so far, user and system, in ms (Linux /proc); null once it is gone. */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command's closing parenthesis: utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/**
 * The MariaDB server's process id when the database at `url` runs on this machine (and the bench
 * may read its CPU times), else null: a database elsewhere is not measured.
 */
export function localDatabasePid(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL) {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname)) return null;
  try {
    const [pid] = execFileSync('pidof', ['mariadbd', 'mysqld']).toString().trim().split(' ');
    return pid ? Number(pid) : null;
  } catch {
    return null;
  }
}

function exited(child) {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
  });
}

/** Set by `--server-env`: on top of every server's environment, the bench's own included. */
export const serverEnvExtra = {};

/**
 * Starts the built server with `env` (on top of PATH, a free port, the rate limits off and the
 * background jobs quiet) and waits for `GET /health` to answer 200, polling every 50 ms.
 * `bootMs` is the time from spawning the process to that first 200.
 */
export async function startServer(env) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/api/v1`;
  let output = '';
  const started = performance.now();
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...NO_RATE_LIMITS,
      ...QUIET,
      ...env,
      ...serverEnvExtra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const deadline = started + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`);
    try {
      if ((await fetch(`${base}/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer 200 in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const bootMs = performance.now() - started;
  return {
    base,
    pid: child.pid,
    bootMs,
    output: () => output,
    rss: () => rss(child.pid),
    async stop() {
      const done = exited(child);
      child.kill('SIGTERM');
      const grace = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await done;
      clearTimeout(grace);
    },
  };
}

/**
 * The bench's connections, kept open between calls. `node:http` and not `fetch`: the load
 * generator shares the machine's cores with the server and MariaDB, and Node 20's `fetch` spent
 * 1.9–3.1 ms of the bench's CPU on each report filed, `node:http` 0.8–1.1 ms (1,000 reports at
 * 32 clients, alternated three times), CPU the server under test did not get.
 */
const agent = new Agent({ keepAlive: true });

class TimeoutError extends Error {
  name = 'TimeoutError';
}

/**
 * One JSON call; `ms` is the time to the whole answer. Network errors throw, and a call
 * outlasting `timeoutMs` (default 2 minutes) throws an error named `TimeoutError`.
 * @returns {Promise<{ status: number, body: any, ms: number }>}
 */
export function call(
  base,
  method,
  path,
  { token, body, idempotencyKey, timeoutMs = CALL_TIMEOUT_MS } = {},
) {
  const started = performance.now();
  const payload = body !== undefined ? JSON.stringify(body) : undefined;
  return new Promise((resolvePromise, reject) => {
    const request = httpRequest(
      `${base}${path}`,
      {
        agent,
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: keep the text for the failure message
          }
          resolvePromise({
            status: response.statusCode,
            body: parsed,
            ms: performance.now() - started,
          });
        });
      },
    );
    const timer = setTimeout(
      () => request.destroy(new TimeoutError(`${method} ${path}: no answer in ${timeoutMs} ms`)),
      timeoutMs,
    );
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(payload);
  });
}

/** Logs in over the dev login (on outside production) as `openid`; returns the token. */
export async function devLogin(base, openid) {
  const answer = await call(base, 'POST', '/auth/dev', { body: { openid } });
  if (answer.status !== 200 && answer.status !== 201) {
    throw new Error(`dev login ${openid}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body.token;
}

/** Runs one statement on the database at `url` and returns its rows. */
export async function query(url, sql, params = []) {
  const connection = await createConnection({ uri: url, timezone: 'Z' });
  try {
    const [rows] = await connection.query(sql, params);
    return rows;
  } finally {
    await connection.end();
  }
}

/** What the figures came from: CPU, cores, memory, MariaDB, Node, and how busy the machine was. */
export async function machine() {
  const [{ version, bufferPool }] = await query(
    process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    'SELECT VERSION() AS version, @@innodb_buffer_pool_size AS bufferPool',
  );
  return {
    cpu: `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`,
    memory: `${Math.round(totalmem() / 1024 ** 3)} GB`,
    mariadb: version,
    // What of the history MariaDB keeps in memory: at 1 M orders the lists' indexes alone outgrow
    // the default 128 MB, and every cold page is a disk read.
    bufferPool: `${Math.round(Number(bufferPool) / 1024 ** 2)} MB InnoDB buffer pool`,
    node: process.version,
    load: loadavg()
      .map((l) => l.toFixed(1))
      .join(' / '),
  };
}
