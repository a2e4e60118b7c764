import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { createTestDatabase, type TestDatabase } from './database';
import { startServer, type RunningServer } from './server';

export interface H5Suite {
  server: RunningServer;
  browser: Browser;
}

/**
 * The built server on a fresh MariaDB database and a headless Chromium, for one describe block:
 * started before its tests, stopped and dropped after them.
 */
export function useH5Suite(label: string, env: Record<string, string> = {}): H5Suite {
  const suite = {} as H5Suite;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(label);
    suite.server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'false', ...env });
    suite.browser = await launchBrowser();
  });

  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
    await database?.drop();
  });

  return suite;
}
