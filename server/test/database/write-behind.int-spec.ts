import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';
import { isUniqueViolation } from '../../src/database/database-errors';
import { insertRowsLater } from '../../src/database/insert-rows';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { OrderEventEntity } from '../../src/orders/order.entity';
import { startTestApp, type TestApp } from '../setup/test-app';
import { testDriver } from '../setup/test-database';

/**
 * Issue 17: a transaction's writes that nothing reads the answer of are held and sent together
 * (`WriteBehind`). Holding them must change nothing a transaction can see: each statement sees
 * every write made before it, a rollback stores none, a failing one fails the transaction.
 */
describe('writes held to the commit (WriteBehind)', () => {
  let sut: TestApp;
  let runner: TransactionRunner;
  let db: DataSource;

  beforeAll(async () => {
    sut = await startTestApp();
    runner = sut.app.get(TransactionRunner);
    db = sut.app.get(DataSource);
  });
  afterAll(() => sut.close());

  const anEvent = (text: string): OrderEventEntity => ({
    id: randomUUID(),
    orderId: randomUUID(),
    kind: 'dispatched',
    actorUserId: null,
    actorRole: null,
    text,
    reporterVisible: false,
    detail: null,
    at: new Date('2026-11-20T02:00:00.000Z'),
  });
  const stored = async (events: OrderEventEntity[]) =>
    (await db.getRepository(OrderEventEntity).findBy({ id: In(events.map((e) => e.id)) }))
      .map((e) => e.text)
      .sort();
  const read = (manager: EntityManager, event: OrderEventEntity) =>
    manager.getRepository(OrderEventEntity).findOneBy({ id: event.id });

  it('lets every later statement of the transaction see the writes held before it', async () => {
    const first = anEvent('held first');
    const second = anEvent('held second');
    const seen = await runner.run(async (manager) => {
      await insertRowsLater(manager, OrderEventEntity, [first]);
      const firstSeen = await read(manager, first);
      await insertRowsLater(manager, OrderEventEntity, [second]);
      return [firstSeen?.text, (await read(manager, second))?.text];
    });

    expect(seen).toEqual(['held first', 'held second']);
    expect(await stored([first, second])).toEqual(['held first', 'held second']);
  });

  it('stores the writes still held when the work returns, before the commit', async () => {
    const events = [anEvent('a'), anEvent('b'), anEvent('c')];
    await runner.run(async (manager) => {
      for (const event of events) await insertRowsLater(manager, OrderEventEntity, [event]);
    });

    expect(await stored(events)).toEqual(['a', 'b', 'c']);
  });

  it('stores none of them when the work fails, and sends none', async () => {
    const query = jest.spyOn(MysqlQueryRunner.prototype, 'query');
    try {
      const events = [anEvent('dropped 1'), anEvent('dropped 2')];
      const failed = runner.run(async (manager) => {
        await insertRowsLater(manager, OrderEventEntity, events);
        throw new Error('the work failed');
      });

      await expect(failed).rejects.toThrow('the work failed');
      expect(await stored(events)).toEqual([]);
      const sent = query.mock.calls.map(([sql]) => sql);
      expect(sent.filter((sql) => sql.includes('INSERT INTO `order_events`'))).toEqual([]);
    } finally {
      query.mockRestore();
    }
  });

  it('fails the transaction when a held write fails, storing nothing of it', async () => {
    const existing = anEvent('there before');
    await db.getRepository(OrderEventEntity).insert(existing);
    const before = anEvent('held before the clash');
    const after = anEvent('held after the clash');
    const failed = runner.run(async (manager) => {
      await insertRowsLater(manager, OrderEventEntity, [before]);
      await insertRowsLater(manager, OrderEventEntity, [{ ...existing, text: 'a clash' }]);
      await insertRowsLater(manager, OrderEventEntity, [after]);
    });

    expect(isUniqueViolation(await failed.catch((error: unknown) => error))).toBe(true);
    expect(await stored([existing, before, after])).toEqual(['there before']);
  });

  (testDriver() === 'mysql' ? it : it.skip)(
    "sends a transaction's start, and its isolation level, with its first statement",
    async () => {
      const query = jest.spyOn(MysqlQueryRunner.prototype, 'query');
      try {
        const event = anEvent('first statement');
        const seen = await runner.run(async (manager) => read(manager, event), 'READ COMMITTED');
        await runner.run(async (manager) => {
          await insertRowsLater(manager, OrderEventEntity, [event]);
        });
        await runner
          .run(async (manager) => {
            await read(manager, event);
            throw new Error('rolled back');
          })
          .catch(() => undefined);

        expect(seen).toBeNull();
        expect(query.mock.calls.map(([sql]) => sql)).toEqual([
          expect.stringMatching(
            /^SET TRANSACTION ISOLATION LEVEL READ COMMITTED;\nSTART TRANSACTION;\nSELECT .*`order_events`/s,
          ),
          'COMMIT',
          expect.stringMatching(/^START TRANSACTION;\nINSERT INTO `order_events`[^;]*;\nCOMMIT$/),
          expect.stringMatching(/^START TRANSACTION;\nSELECT .*`order_events`/s),
          'ROLLBACK',
        ]);
        expect(await stored([event])).toEqual(['first statement']);
      } finally {
        query.mockRestore();
      }
    },
  );

  (testDriver() === 'mysql' ? it : it.skip)(
    'fails every later statement and the commit when work catches the held write that failed',
    async () => {
      const existing = anEvent('there first');
      await db.getRepository(OrderEventEntity).insert(existing);
      const before = anEvent('held before the caught clash');
      const later = anEvent('written after the caught clash');
      const failures: unknown[] = [];
      const failed = runner.run(async (manager) => {
        await insertRowsLater(manager, OrderEventEntity, [before]);
        await insertRowsLater(manager, OrderEventEntity, [{ ...existing, text: 'a clash' }]);
        await read(manager, before).catch((error: unknown) => failures.push(error));
        await manager
          .getRepository(OrderEventEntity)
          .insert(later)
          .catch((error: unknown) => failures.push(error));
      });

      expect(isUniqueViolation(await failed.catch((error: unknown) => error))).toBe(true);
      expect(failures.map(isUniqueViolation)).toEqual([true, true]);
      expect(await stored([existing, before, later])).toEqual(['there first']);
    },
  );

  it('writes at once outside a transaction of the runner', async () => {
    const event = anEvent('at once');
    await insertRowsLater(db.manager, OrderEventEntity, [event]);

    expect(await stored([event])).toEqual(['at once']);
  });

  it('answers a statement sent with held writes as it answers it alone', async () => {
    const event = anEvent('to change');
    const answers = await runner.run(async (manager) => {
      await insertRowsLater(manager, OrderEventEntity, [event]);
      const changed = await manager
        .getRepository(OrderEventEntity)
        .update({ id: event.id }, { text: 'changed' });
      await insertRowsLater(manager, OrderEventEntity, [anEvent('another')]);
      const rows = await manager.query<{ text: string }[]>(
        'SELECT text FROM order_events WHERE id = ?',
        [event.id],
      );
      return { affected: changed.affected, rows };
    });

    expect(answers).toEqual({ affected: 1, rows: [{ text: 'changed' }] });
  });

  (testDriver() === 'mysql' ? it : it.skip)(
    'sends held writes with the next statement, and the last ones with the commit',
    async () => {
      const query = jest.spyOn(MysqlQueryRunner.prototype, 'query');
      try {
        const early = [anEvent('one'), anEvent('two'), anEvent('three')];
        const late = [anEvent('four'), anEvent('five')];
        await runner.run(async (manager) => {
          for (const event of early) await insertRowsLater(manager, OrderEventEntity, [event]);
          await read(manager, early[0]);
          for (const event of late) await insertRowsLater(manager, OrderEventEntity, [event]);
        });
        const carrying = query.mock.calls
          .map(([sql]) => sql)
          .filter((sql) => sql.includes('INSERT INTO `order_events`'));
        expect(carrying).toEqual([
          expect.stringMatching(
            /^START TRANSACTION;\n(INSERT INTO `order_events`[^;]*;\n){3}SELECT .*`order_events`/s,
          ),
          expect.stringMatching(/^(INSERT INTO `order_events`[^;]*;\n){2}COMMIT$/),
        ]);
        expect(await stored([...early, ...late])).toEqual(['five', 'four', 'one', 'three', 'two']);
      } finally {
        query.mockRestore();
      }
    },
  );
});
