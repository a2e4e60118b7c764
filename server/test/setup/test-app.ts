import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { createApp } from '../../src/app.factory';
import type { Clock } from '../../src/common/clock';
import type { AppConfig } from '../../src/config/app-config';
import { RATE_LIMIT_MAX } from '../../src/config/env.dto';
import { loadConfig } from '../../src/config/load-config';
import { createLogger } from '../../src/logging/logger';
import { createTestDatabase, testDriver } from './test-database';

/** Logs in as an administrator through the dev login (see ADMIN_OPENIDS below). */
export const TEST_ADMIN_OPENID = 'test-admin';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  baseUrl: string;
  databaseUrl: string | null;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  /** Share a database with another test app (two servers); by default each app gets its own. */
  databaseUrl?: string;
  /** Where the server's log lines go (`test/setup/log-capture.ts`); stdout by default. */
  logs?: DestinationStream;
}

/** Every variable that sets a rate limit (README, Configuration). */
export const RATE_LIMIT_VARIABLES = [
  'LOGIN_RATE_LIMIT_PER_MINUTE',
  'LOGIN_ACCOUNT_RATE_LIMIT_PER_MINUTE',
  'REPORT_RATE_LIMIT_PER_MINUTE',
  'REPORT_ACCOUNT_RATE_LIMIT_PER_MINUTE',
  'UPLOAD_RATE_LIMIT_PER_MINUTE',
  'UPLOAD_ACCOUNT_RATE_LIMIT_PER_MINUTE',
  'TRACK_RATE_LIMIT_PER_MINUTE',
];

/** Each rate limit at its maximum, so only the tests about limits ever meet one. */
export const NO_RATE_LIMITS: Record<string, string> = Object.fromEntries(
  RATE_LIMIT_VARIABLES.map((name) => [name, String(RATE_LIMIT_MAX)]),
);

/** The configuration every test app starts from. */
export function testConfig(database: Record<string, string>, env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    H5_DIR: '/nonexistent',
    DEMO_DATA: 'false',
    ADMIN_OPENIDS: TEST_ADMIN_OPENID,
    // 宿州市 (泗县 341324, 萧县 341322…) keeps boot fast; one e2e test loads every division.
    DIVISIONS: '3413',
    // A failure is worth seeing in a test's output; a line per request is not.
    LOG_LEVEL: 'error',
    SLA_SWEEP_INTERVAL_SECONDS: '0',
    NOTIFY_INTERVAL_SECONDS: '0',
    // Every test logs in and files from 127.0.0.1; the rate-limit tests set their own limits.
    ...NO_RATE_LIMITS,
    UPLOAD_SWEEP_INTERVAL_SECONDS: '0',
    ...database,
    ...env,
  });
}

/** The real server on a random port, on a database of its own (MariaDB, or SQLite in memory). */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const created =
    testDriver() === 'mysql' && !options.databaseUrl ? await createTestDatabase() : null;
  const databaseUrl = options.databaseUrl ?? created?.url;
  const database: Record<string, string> = databaseUrl
    ? { DATABASE_URL: databaseUrl }
    : { SQLITE_PATH: ':memory:' };
  const uploads = mkdtempSync(join(tmpdir(), 'shouhu-uploads-'));
  const cleanUp = async () => {
    await created?.drop();
    rmSync(uploads, { recursive: true, force: true });
  };
  let config: AppConfig;
  let app: NestFastifyApplication | undefined;
  try {
    // A test that expects bad config or a failed boot to throw leaves no database behind.
    config = testConfig(database, { UPLOAD_DIR: uploads, ...options.env });
    const logger = createLogger(config.logLevel, options.logs);
    app = await createApp(config, { logger, clock: options.clock });
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await app?.close();
    await cleanUp();
    throw error;
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    config,
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    databaseUrl: databaseUrl ?? null,
    close: async () => {
      await app.close();
      await cleanUp();
    },
  };
}
