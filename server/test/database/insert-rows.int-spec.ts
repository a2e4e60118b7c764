import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { AuditEntryEntity } from '../../src/audit/audit-entry.entity';
import { ChildIdentityKeyEntity } from '../../src/children/child-file.entity';
import { isUniqueViolation } from '../../src/database/database-errors';
import { insertRows } from '../../src/database/insert-rows';
import { OrderEventEntity } from '../../src/orders/order.entity';
import { ReportEntity } from '../../src/reports/report.entity';
import { SmsMessageEntity } from '../../src/sms/sms-message.entity';
import { anAwkwardReport, AT_MS, AWKWARD_TEXT } from './awkward-rows';
import { startTestApp, type TestApp } from '../setup/test-app';

/**
 * Issue 17: the hot inserts bypass TypeORM's query builder. Each kind of column (JSON and list
 * transformers, booleans, dates to the millisecond, nulls, numbers, text with quotes and
 * backslashes) must read back exactly as a builder insert of the same row reads back.
 */
describe('insertRows', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  const dataSource = () => sut.app.get(DataSource);

  /** The row stored by the builder and by `insertRows` (under another id), read back. */
  async function bothWays<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    row: T,
    idOf: (row: T) => Partial<T>,
    withId: (row: T) => T,
  ): Promise<{ builder: T; plain: T }> {
    const repository = dataSource().getRepository(target);
    const other = withId(row);
    await dataSource().createQueryBuilder().insert().into(target).values(row).execute();
    await insertRows(dataSource().manager, target, [other]);
    const builder = await repository.findOneByOrFail(idOf(row) as never);
    const plain = await repository.findOneByOrFail(idOf(other) as never);
    return { builder, plain };
  }

  const at = AT_MS;
  const awkward = AWKWARD_TEXT;

  it('stores a report as the query builder does: sealed text, lists, booleans, dates, nulls', async () => {
    const row = anAwkwardReport();
    const { builder, plain } = await bothWays(
      ReportEntity,
      row,
      (r) => ({ id: r.id }),
      (r) => ({ ...r, id: randomUUID(), trackingCode: randomUUID().slice(0, 10) }),
    );
    expect({ ...plain, id: builder.id, trackingCode: builder.trackingCode }).toEqual(builder);
    expect(plain.discoveredAt.toISOString()).toBe(at.toISOString());
    expect(plain.situations).toEqual(['violence_abuse', 'dropout']);
    expect(plain.immediateDanger).toBe(true);
    expect(plain.description).toBe(awkward);
  });

  it('stores an audit row (a list of roles, a JSON detail) and an order event (a JSON detail) as the builder does', async () => {
    const audit: AuditEntryEntity = {
      seq: 900_000_001,
      at,
      actorUserId: randomUUID(),
      actorRoles: ['coordinator', 'admin'],
      actorUnitId: null,
      action: 'test.insert',
      targetType: 'test',
      targetId: randomUUID(),
      divisionCode: '341324',
      ip: null,
      detail: { text: awkward, n: 3, nested: { ok: true } },
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    };
    const audits = await bothWays(
      AuditEntryEntity,
      audit,
      (r) => ({ seq: r.seq }),
      (r) => ({ ...r, seq: r.seq + 1 }),
    );
    expect({ ...audits.plain, seq: audits.builder.seq }).toEqual(audits.builder);
    expect(audits.plain.detail).toEqual(audit.detail);

    const event: OrderEventEntity = {
      id: randomUUID(),
      orderId: randomUUID(),
      kind: 'dispatched',
      actorUserId: null,
      actorRole: null,
      text: awkward,
      reporterVisible: false,
      detail: { from: 'P3', to: 'P1' },
      at,
    };
    const events = await bothWays(
      OrderEventEntity,
      event,
      (r) => ({ id: r.id }),
      (r) => ({ ...r, id: randomUUID() }),
    );
    expect({ ...events.plain, id: events.builder.id }).toEqual(events.builder);
  });

  it("skips taken keys with 'ignore' and refuses them by default, changing nothing", async () => {
    const sms = (id: string, dedupKey: string): SmsMessageEntity => ({
      id,
      kind: 'duty_order',
      phoneSealed: null,
      unitId: randomUUID(),
      dedupKey,
      reportId: randomUUID(),
      orderId: null,
      params: ['P1'],
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      lastError: null,
      providerSerial: null,
      createdAt: at,
      sentAt: null,
    });
    const dedupKey = `test:${randomUUID()}`;
    const first = sms(randomUUID(), dedupKey);
    await insertRows(dataSource().manager, SmsMessageEntity, [first], 'ignore');
    await insertRows(
      dataSource().manager,
      SmsMessageEntity,
      [sms(randomUUID(), dedupKey)],
      'ignore',
    );
    const stored = await dataSource().getRepository(SmsMessageEntity).findBy({ dedupKey });
    expect(stored.map((m) => m.id)).toEqual([first.id]);

    const refused = await insertRows(dataSource().manager, SmsMessageEntity, [
      sms(randomUUID(), dedupKey),
    ]).catch((error: unknown) => error);
    expect(isUniqueViolation(refused)).toBe(true);
    expect(await dataSource().getRepository(SmsMessageEntity).countBy({ dedupKey })).toBe(1);
  });

  it("'lock' keeps a taken key's row, locks it, and says how many keys were taken", async () => {
    const mariadb = dataSource().options.type !== 'better-sqlite3';
    const [owner, claimant] = [randomUUID(), randomUUID()];
    const [taken, fresh] = [randomUUID(), randomUUID()];
    await insertRows(dataSource().manager, ChildIdentityKeyEntity, [
      { keyHash: taken, childFileId: owner },
    ]);
    const claim = (keyHashes: string[], manager = dataSource().manager) =>
      insertRows(
        manager,
        ChildIdentityKeyEntity,
        keyHashes.map((keyHash) => ({ keyHash, childFileId: claimant })),
        'lock',
      );

    expect(await claim([taken, fresh])).toBe(mariadb ? 1 : null);
    expect(await claim([randomUUID(), randomUUID()])).toBe(mariadb ? 0 : null);
    expect(await claim([taken])).toBeNull();
    const stored = await dataSource()
      .getRepository(ChildIdentityKeyEntity)
      .findBy({ keyHash: In([taken, fresh]) });
    expect(Object.fromEntries(stored.map((k) => [k.keyHash, k.childFileId]))).toEqual({
      [taken]: owner,
      [fresh]: claimant,
    });

    if (!mariadb) return;
    const holder = dataSource().createQueryRunner();
    const waiter = dataSource().createQueryRunner();
    try {
      await holder.startTransaction();
      await claim([taken, randomUUID()], holder.manager);
      await waiter.query('SET SESSION innodb_lock_wait_timeout = 1');
      await waiter.startTransaction();
      await expect(claim([taken, randomUUID()], waiter.manager)).rejects.toThrow(
        /Lock wait timeout/,
      );
    } finally {
      await waiter.rollbackTransaction().catch(() => undefined);
      await holder.rollbackTransaction();
      await Promise.all([holder.release(), waiter.release()]);
    }
  });

  it('splits rows past the placeholder limit into statements and stores every one', async () => {
    const file = randomUUID();
    const rows = Array.from({ length: 16_001 }, () => ({
      keyHash: randomUUID(),
      childFileId: file,
    }));
    await insertRows(dataSource().manager, ChildIdentityKeyEntity, rows);
    expect(
      await dataSource().getRepository(ChildIdentityKeyEntity).countBy({ childFileId: file }),
    ).toBe(rows.length);
  });

  it('refuses rows that set different columns (a caller mistake) before writing any', async () => {
    const file = randomUUID();
    const rows = [
      { keyHash: randomUUID(), childFileId: file },
      { keyHash: randomUUID() } as ChildIdentityKeyEntity,
    ];
    await expect(insertRows(dataSource().manager, ChildIdentityKeyEntity, rows)).rejects.toThrow(
      /childFileId/,
    );
    expect(
      await dataSource().getRepository(ChildIdentityKeyEntity).countBy({ childFileId: file }),
    ).toBe(0);
  });
});
