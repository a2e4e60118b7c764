import 'reflect-metadata';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { DEFAULT_MARIADB_URL, TEST_DATABASE_ENV } from './test-database';

const STALE_AFTER_MS = 6 * 3600_000;

/**
 * Creates this run's own database on the server in DATABASE_URL (default: the local MariaDB),
 * migrates it once, and drops databases that crashed runs left behind.
 */
export default async function globalSetup(): Promise<void> {
  const base = new URL(process.env.DATABASE_URL ?? DEFAULT_MARIADB_URL);
  const prefix = `${base.pathname.slice(1) || 'test'}_shouhu_`;
  const name = `${prefix}${Date.now()}_${process.pid}`;

  const admin = await createConnection({ uri: base.toString() });
  try {
    const [rows] = await admin.query('SHOW DATABASES');
    for (const { Database } of rows as { Database: string }[]) {
      const createdAt = Number(Database.slice(prefix.length).split('_')[0]);
      if (Database.startsWith(prefix) && Date.now() - createdAt > STALE_AFTER_MS) {
        await admin.query(`DROP DATABASE \`${Database}\``);
      }
    }
    await admin.query(
      `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await admin.end();
  }

  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  process.env[TEST_DATABASE_ENV] = url.toString();

  const dataSource = new DataSource(
    await dataSourceOptions({ driver: 'mysql', url: url.toString(), poolSize: 2, queueLimit: 10 }),
  );
  await dataSource.initialize();
  await dataSource.destroy();
}
