import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` while holding a named lock of the database, so that two servers booting together on
 * it do not both seed the same data. MariaDB's GET_LOCK; SQLite has a single writer anyway.
 *
 * GET_LOCK names are shared by every database of the MariaDB server, so the name carries the
 * database's (hashed: a lock name may be 64 characters): servers seeding other databases on the
 * same MariaDB (tests, staging next to production) neither wait for each other nor stall behind
 * one that hangs while holding it.
 */
export async function withNamedLock<T>(
  dataSource: DataSource,
  name: string,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const mysql = dataSource.options.type !== 'better-sqlite3';
  const lock = "CONCAT(?, '@', SHA1(DATABASE()))";
  try {
    if (mysql) await runner.query(`SELECT GET_LOCK(${lock}, 600)`, [name]);
    return await work(runner.manager);
  } finally {
    if (mysql) await runner.query(`SELECT RELEASE_LOCK(${lock})`, [name]);
    await runner.release();
  }
}
