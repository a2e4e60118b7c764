import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../setup/test-app';

interface PoolConnection {
  promise(): { query(sql: string, params: unknown[]): Promise<[unknown[], unknown]> };
  release(): void;
}

/** Issue 17: a pool connection makes its promise wrapper once, not once per statement (MariaDB). */
describe('mysql2 promise wrappers', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  it('gives each pool connection one wrapper, which still runs statements', async () => {
    const pool = (
      sut.app.get(DataSource).driver as unknown as {
        pool: { getConnection(callback: (error: Error | null, c: PoolConnection) => void): void };
      }
    ).pool;
    const connection = await new Promise<PoolConnection>((resolve, reject) =>
      pool.getConnection((error, got) => (error ? reject(error) : resolve(got))),
    );
    try {
      const first = connection.promise();
      expect(connection.promise()).toBe(first);
      const [rows] = await first.query('SELECT ? AS n', [7]);
      expect(rows).toEqual([{ n: 7 }]);
      expect(await sut.app.get(DataSource).query('SELECT ? AS n', [8])).toEqual([{ n: 8 }]);
    } finally {
      connection.release();
    }
  });
});
