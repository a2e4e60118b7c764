import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` while holding a server-wide named lock, so that two servers booting together do not
 * both seed the same data. MariaDB's GET_LOCK; SQLite has a single writer anyway.
 */
export async function withNamedLock<T>(
  dataSource: DataSource,
  name: string,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const mysql = dataSource.options.type !== 'better-sqlite3';
  try {
    if (mysql) await runner.query('SELECT GET_LOCK(?, 600)', [name]);
    return await work(runner.manager);
  } finally {
    if (mysql) await runner.query('SELECT RELEASE_LOCK(?)', [name]);
    await runner.release();
  }
}
