import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

/**
 * Where integration tests keep their data: every test app gets a database of its own — a fresh
 * MariaDB database next to the one in DATABASE_URL (default: the local `test`), or an in-memory
 * SQLite database in the sqlite run — so no test sees another's rows.
 */
export const TEST_DRIVER_ENV = 'SHOUHU_TEST_DRIVER';

const DEFAULT_MARIADB_URL = 'mysql://root@127.0.0.1:3306/test';
const STALE_AFTER_MS = 6 * 3600_000;

export type TestDriver = 'mysql' | 'better-sqlite3';

export function testDriver(): TestDriver {
  return process.env[TEST_DRIVER_ENV] === 'better-sqlite3' ? 'better-sqlite3' : 'mysql';
}

function baseUrl(): URL {
  return new URL(process.env.DATABASE_URL ?? DEFAULT_MARIADB_URL);
}

function prefix(base: URL): string {
  return `${base.pathname.slice(1) || 'test'}_shouhu_`;
}

async function admin<T>(work: (run: (sql: string) => Promise<unknown>) => Promise<T>): Promise<T> {
  const connection = await createConnection({ uri: baseUrl().toString() });
  try {
    return await work(async (sql) => (await connection.query(sql))[0]);
  } finally {
    await connection.end();
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = baseUrl();
  const name = `${prefix(base)}${Date.now()}_${randomBytes(4).toString('hex')}`;
  await admin((run) =>
    run(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
  );
  base.pathname = `/${name}`;
  return {
    url: base.toString(),
    drop: () => admin(async (run) => void (await run(`DROP DATABASE IF EXISTS \`${name}\``))),
  };
}

/** Drops databases that crashed runs left behind. */
export async function dropStaleTestDatabases(): Promise<void> {
  const start = prefix(baseUrl());
  await admin(async (run) => {
    const rows = (await run('SHOW DATABASES')) as { Database: string }[];
    for (const { Database } of rows) {
      const createdAt = Number(Database.slice(start.length).split('_')[0]);
      if (Database.startsWith(start) && Date.now() - createdAt > STALE_AFTER_MS) {
        await run(`DROP DATABASE \`${Database}\``);
      }
    }
  });
}
