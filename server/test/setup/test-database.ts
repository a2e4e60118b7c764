/**
 * Where integration tests keep their data. The MariaDB run gets a fresh database of its own
 * (created by the global setup); the SQLite run gives every test app its own in-memory database.
 */
export const TEST_DATABASE_ENV = 'SHOUHU_TEST_DATABASE_URL';
export const TEST_DRIVER_ENV = 'SHOUHU_TEST_DRIVER';

export const DEFAULT_MARIADB_URL = 'mysql://root@127.0.0.1:3306/test';

export type TestDriver = 'mysql' | 'better-sqlite3';

export function testDriver(): TestDriver {
  return process.env[TEST_DRIVER_ENV] === 'better-sqlite3' ? 'better-sqlite3' : 'mysql';
}
