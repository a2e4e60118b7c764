import { createConnection } from 'mysql2/promise';
import { startTestApp } from './test-app';
import type * as testDatabase from './test-database';
import { createTestDatabase, type TestDatabase } from './test-database';

jest.mock('./test-database', () => {
  const actual = jest.requireActual<typeof testDatabase>('./test-database');
  return { ...actual, createTestDatabase: jest.fn(actual.createTestDatabase) };
});

/** Whether MariaDB holds the database that `url` names. */
async function databaseExists(url: string): Promise<boolean> {
  const name = new URL(url).pathname.slice(1);
  const connection = await createConnection({ uri: url.replace(/\/[^/]*$/, '/') });
  try {
    const [rows] = await connection.query('SHOW DATABASES LIKE ?', [name]);
    return (rows as unknown[]).length > 0;
  } finally {
    await connection.end();
  }
}

describe(startTestApp.name, () => {
  it('drops the database it made when the app does not boot', async () => {
    await expect(startTestApp({ env: { INTAKE_MAX_AT_WORK: '0' } })).rejects.toThrow(
      /INTAKE_MAX_AT_WORK/,
    );

    const made = jest.mocked(createTestDatabase).mock.results;
    expect(made).toHaveLength(1);
    const database = (await made[0].value) as TestDatabase;
    expect(await databaseExists(database.url)).toBe(false);
  });
});
