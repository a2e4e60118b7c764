import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * TypeORM reads MariaDB's schema differently from MySQL's (e.g. `DEFAULT NULL`), and only knows
 * which one it talks to from the `type` option, so ask the server.
 */
async function mysqlFlavor(url: string): Promise<'mysql' | 'mariadb'> {
  const connection = await createConnection({ uri: url });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const [{ version }] = rows as { version: string }[];
    return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

/**
 * MariaDB/MySQL in production, an embedded SQLite file when no DATABASE_URL is given. Both get the
 * schema from the same migrations; `synchronize` is never used.
 */
export async function dataSourceOptions(database: DatabaseConfig): Promise<DataSourceOptions> {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    synchronize: false,
    // Failed queries are logged where they matter (the exception filter); expected unique
    // violations (idempotent retries) are not errors.
    logging: ['warn', 'migration'] as ('warn' | 'migration')[],
  };
  if (database.driver === 'mysql') {
    return {
      ...common,
      type: await mysqlFlavor(database.url),
      url: database.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      poolSize: database.poolSize,
      // Several statements per query: a transaction's held writes go in one round trip
      // (`WriteBehind`). Every statement's values are bound as parameters, never spliced in.
      multipleStatements: true,
      extra: {
        queueLimit: database.queueLimit,
        waitForConnections: true,
        // mysql2 would capture a stack trace on every query to name its caller should it fail
        // (about 5 % of an intake's CPU, issue 17); a failed query's error still says what failed.
        trace: false,
      },
    };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    enableWAL: database.path !== ':memory:',
  };
}
