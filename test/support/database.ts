import { createConnection } from 'mysql2/promise';

const DEFAULT_URL = 'mysql://root@127.0.0.1:3306/test';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the server in DATABASE_URL (default: the local MariaDB). */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const base = new URL(process.env.DATABASE_URL ?? DEFAULT_URL);
  const name = `${base.pathname.slice(1) || 'test'}_shouhu_${Date.now()}_${label}`;
  const admin = await createConnection({ uri: base.toString() });
  try {
    await admin.query(
      `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await admin.end();
  }
  base.pathname = `/${name}`;
  const url = base.toString();
  return {
    url,
    async drop() {
      const connection = await createConnection({ uri: url });
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}
