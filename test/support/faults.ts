import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { REPO_ROOT } from './server';

/**
 * `FAULTS_SCALE=ci` runs each fault test with smaller figures inside `npm test`; anything else (the
 * default, `npm run test:faults`) runs the figures.
 */
export const CI_SCALE = process.env.FAULTS_SCALE === 'ci';

export function byScale<T>(full: T, ci: T): T {
  return CI_SCALE ? ci : full;
}

/** The value below which `p` % of `values` lie (nearest rank); NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const ms = (value: number) => (Number.isNaN(value) ? '–' : `${value.toFixed(1)} ms`);

/** Prints a test's figures as a two-column table the closing note can quote. */
export function printFigures(title: string, rows: [string, string | number][]): void {
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.map(([name, value]) => `| ${name.padEnd(width)} | ${value} |`);
  const scale = CI_SCALE ? 'CI scale' : 'full scale';
  console.log(
    [`${title} (${scale})`, `| ${'figure'.padEnd(width)} | value |`, ...lines].join('\n'),
  );
}

/** Runs SQL against a test's database and returns the rows. */
export async function query<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const connection = await createConnection({ uri: url });
  try {
    const [rows] = await connection.query(sql, values);
    return rows as T[];
  } finally {
    await connection.end();
  }
}

/**
 * A report anyone may file about child `i` (each `i` its own child: concurrent reports about one
 * child queue on that child's file, which is another test's subject); `situation` decides its
 * orders (violence_abuse: police lead, civil affairs and township assist).
 */
export function reportBody(i: number, situation = 'violence_abuse', divisionCode = '341324100') {
  return {
    channel: 'public',
    situations: [situation],
    immediateDanger: false,
    description: `故障测试第${i}条：孩子已经两周没有来上学，家里电话一直打不通。`,
    discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
    location: { divisionCode, address: '某镇某村三组' },
    child: { name: `小明${i}`, ageYears: 6 + (i % 10) },
    reporter: { anonymous: false, confidential: true, name: '王老师', phone: '13800000000' },
  };
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  ms: number;
  headers: Headers;
}

/** One JSON call; network errors propagate. */
export async function call<T = unknown>(
  apiBase: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; idempotencyKey?: string; timeoutMs?: number } = {},
): Promise<Answer<T>> {
  const started = performance.now();
  const response = await fetch(`${apiBase}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the failure message
  }
  return {
    status: response.status,
    body: body as T,
    ms: performance.now() - started,
    headers: response.headers,
  };
}

/** Logs in over the dev login (`AUTH_DEV_LOGIN`, on outside production) and returns the token. */
export async function devLogin(apiBase: string, openid = `faults-${randomUUID()}`) {
  const answer = await call<{ token: string }>(apiBase, 'POST', '/auth/dev', { body: { openid } });
  if (answer.status !== 200 && answer.status !== 201) {
    throw new Error(`dev login: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body.token;
}

/** `npm run audit:verify` against `databaseUrl`: the real walk of the audit hash chain. */
export function auditVerify(databaseUrl: string): { status: number | null; output: string } {
  const result = spawnSync('npm', ['run', '--silent', 'audit:verify'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}
