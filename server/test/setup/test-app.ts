import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import type { Clock } from '../../src/common/clock';
import type { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { TEST_DATABASE_ENV, testDriver } from './test-database';

/** Logs in as an administrator through the dev login (see ADMIN_OPENIDS below). */
export const TEST_ADMIN_OPENID = 'test-admin';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  baseUrl: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
}

/** The real server on a random port, on this run's MariaDB database or a private SQLite one. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database =
    testDriver() === 'mysql'
      ? { DATABASE_URL: requireTestDatabaseUrl() }
      : { SQLITE_PATH: ':memory:' };
  const config = loadConfig({
    NODE_ENV: 'test',
    H5_DIR: '/nonexistent',
    DEMO_DATA: 'false',
    ADMIN_OPENIDS: TEST_ADMIN_OPENID,
    ...database,
    ...options.env,
  });
  const app = await createApp(config, { logger: ['error'], clock: options.clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    config,
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    close: () => app.close(),
  };
}

function requireTestDatabaseUrl(): string {
  const url = process.env[TEST_DATABASE_ENV];
  if (!url)
    throw new Error(`${TEST_DATABASE_ENV} is not set: run through the mariadb jest project`);
  return url;
}
