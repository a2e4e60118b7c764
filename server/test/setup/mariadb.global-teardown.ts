import { createConnection } from 'mysql2/promise';
import { TEST_DATABASE_ENV } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const url = process.env[TEST_DATABASE_ENV];
  if (!url) return;
  const name = new URL(url).pathname.slice(1);
  const admin = await createConnection({ uri: url });
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await admin.end();
  }
}
