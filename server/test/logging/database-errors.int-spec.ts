import { DataSource } from 'typeorm';
import { createLogger } from '../../src/logging/logger';
import { LogCapture } from '../setup/log-capture';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';

/** MariaDB's own messages about a value, as a failed request or job would log them. */
describe('database errors in the log', () => {
  let database: TestDatabase;
  let source: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    source = await new DataSource({ type: 'mysql', url: database.url }).initialize();
    await source.query(
      'CREATE TABLE canaries (code VARCHAR(32) NOT NULL UNIQUE, amount INT, ' +
        'name VARCHAR(32) CHARACTER SET latin1) ENGINE=InnoDB',
    );
    await source.query("SET SESSION sql_mode = 'STRICT_ALL_TABLES'");
  });

  afterAll(async () => {
    await source.destroy();
    await database.drop();
  });

  it.each([
    [
      'a duplicate entry',
      'CANARY-TRACK-7Q2',
      "INSERT INTO canaries (code) VALUES ('CANARY-TRACK-7Q2'), ('CANARY-TRACK-7Q2')",
    ],
    [
      'an incorrect integer value',
      'phone-13955500077',
      "INSERT INTO canaries (code, amount) VALUES ('a', 'phone-13955500077')",
    ],
    [
      'an incorrect string value',
      '\\xE5\\x93\\xA8',
      "INSERT INTO canaries (code, name) VALUES ('b', '哨童')",
    ],
  ])('logs %s without the value MariaDB quotes', async (_what, value, statement) => {
    const logs = new LogCapture();
    const error: unknown = await source.query(statement).then(
      () => null,
      (failed: unknown) => failed,
    );

    createLogger('info', logs).error({ err: error }, 'job');

    expect((error as Error).message).toContain(value);
    expect(logs.lines()).toEqual([
      expect.objectContaining({ err: expect.objectContaining({ message: expect.any(String) }) }),
    ]);
    expect(logs.written()).not.toContain(value);
    expect(logs.written()).not.toContain(JSON.stringify(value).slice(1, -1));
  });
});
