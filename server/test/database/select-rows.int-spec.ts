import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from '../../src/audit/audit-entry.entity';
import { insertRows } from '../../src/database/insert-rows';
import { selectRows, updateRows } from '../../src/database/select-rows';
import { ReportEntity } from '../../src/reports/report.entity';
import { UserEntity } from '../../src/users/user.entity';
import { aReportEntity } from '../factories/entity.factory';
import { anAwkwardReport, AT_MS, AWKWARD_TEXT } from './awkward-rows';
import { startTestApp, type TestApp } from '../setup/test-app';

/**
 * Issue 17: the hot reads and updates bypass TypeORM's query builder. What they read must equal
 * what the repository's `find` reads, column kind by column kind (JSON and list transformers,
 * booleans, dates to the millisecond, nulls, numbers, awkward text), and what they write must read
 * back as TypeORM's own update writes it.
 */
describe('selectRows and updateRows', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  const dataSource = () => sut.app.get(DataSource);
  const manager = () => dataSource().manager;
  const at = AT_MS;
  const awkward = AWKWARD_TEXT;

  function aUser(overrides: Partial<UserEntity> = {}): UserEntity {
    return {
      id: randomUUID(),
      openid: `openid-${randomUUID()}`,
      unionid: null,
      unitId: null,
      unitRole: null,
      orgName: awkward,
      orgType: null,
      institutionId: null,
      hotlineOperator: true,
      disabled: false,
      tokenVersion: 3,
      createdAt: at,
      ...overrides,
    };
  }

  it('reads a report exactly as find does: sealed text, lists, booleans, dates, nulls', async () => {
    const report = anAwkwardReport();
    await insertRows(manager(), ReportEntity, [report]);
    const [plain] = await selectRows(manager(), ReportEntity, { id: report.id });
    const found = await dataSource().getRepository(ReportEntity).findOneByOrFail({ id: report.id });
    expect(plain).toStrictEqual(found);
    expect(plain.discoveredAt.toISOString()).toBe(at.toISOString());
    expect(plain.situations).toEqual(['violence_abuse', 'dropout']);
  });

  it('reads a user and an audit row (a list of roles, a JSON detail) as find does', async () => {
    const user = aUser();
    await insertRows(manager(), UserEntity, [user]);
    const [plainUser] = await selectRows(manager(), UserEntity, { id: user.id });
    expect(plainUser).toStrictEqual(
      await dataSource().getRepository(UserEntity).findOneByOrFail({ id: user.id }),
    );
    expect(plainUser.hotlineOperator).toBe(true);
    expect(plainUser.disabled).toBe(false);

    const audit: AuditEntryEntity = {
      seq: 800_000_001,
      at,
      actorUserId: user.id,
      actorRoles: ['coordinator', 'admin'],
      actorUnitId: null,
      action: 'test.select',
      targetType: 'test',
      targetId: randomUUID(),
      divisionCode: '341324',
      ip: null,
      detail: { text: awkward, n: 3, nested: { ok: true } },
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    };
    await insertRows(manager(), AuditEntryEntity, [audit]);
    const [plainAudit] = await selectRows(manager(), AuditEntryEntity, { seq: audit.seq });
    expect(plainAudit).toStrictEqual(
      await dataSource().getRepository(AuditEntryEntity).findOneByOrFail({ seq: audit.seq }),
    );
  });

  it('matches every condition, lists as IN, and reads only the columns asked for', async () => {
    const unitId = randomUUID();
    const members = [aUser({ unitId }), aUser({ unitId }), aUser({ unitId, disabled: true })];
    const elsewhere = aUser({ unitId: randomUUID() });
    await insertRows(manager(), UserEntity, [...members, elsewhere]);

    const enabled = await selectRows(
      manager(),
      UserEntity,
      { unitId: [unitId, randomUUID()], disabled: false },
      { columns: ['id', 'unitId'] },
    );
    expect(enabled.map((u) => u.id).sort()).toEqual([members[0].id, members[1].id].sort());
    expect(Object.keys(enabled[0]).sort()).toEqual(['id', 'unitId']);

    const byIds = await selectRows(manager(), UserEntity, {
      id: [members[2].id, elsewhere.id],
    });
    expect(byIds.map((u) => u.id).sort()).toEqual([members[2].id, elsewhere.id].sort());
    expect(await selectRows(manager(), UserEntity, { id: [] })).toEqual([]);
    await expect(selectRows(manager(), UserEntity, {})).rejects.toThrow(/without a condition/);
  });

  it('updates the matching rows as TypeORM does, nulls, booleans and numbers included', async () => {
    const [target, bystander] = [aUser({ orgName: 'old' }), aUser({ orgName: 'old' })];
    await insertRows(manager(), UserEntity, [target, bystander]);
    await updateRows(
      manager(),
      UserEntity,
      { orgName: null, disabled: true, tokenVersion: 9, unitRole: undefined },
      { id: target.id },
    );
    const [stored, untouched] = await Promise.all(
      [target, bystander].map((u) =>
        dataSource().getRepository(UserEntity).findOneByOrFail({ id: u.id }),
      ),
    );
    expect(stored).toStrictEqual(
      Object.assign(new UserEntity(), {
        ...target,
        orgName: null,
        disabled: true,
        tokenVersion: 9,
      }),
    );
    expect(untouched.orgName).toBe('old');
    expect(untouched.disabled).toBe(false);

    const report = aReportEntity({ id: randomUUID(), trackingCode: randomUUID().slice(0, 10) });
    await insertRows(manager(), ReportEntity, [report]);
    await updateRows(
      manager(),
      ReportEntity,
      { situations: ['abandoned_unattended'], closedAt: at, ratingComment: awkward },
      { id: [report.id] },
    );
    const [updated] = await selectRows(manager(), ReportEntity, { id: report.id });
    expect(updated.situations).toEqual(['abandoned_unattended']);
    expect(updated.closedAt?.toISOString()).toBe(at.toISOString());
    expect(updated.ratingComment).toBe(awkward);
  });

  it('locks the rows it reads with lock: write until the transaction ends (MariaDB)', async () => {
    if (dataSource().options.type === 'better-sqlite3') return;
    const user = aUser();
    await insertRows(manager(), UserEntity, [user]);
    const holder = dataSource().createQueryRunner();
    const waiter = dataSource().createQueryRunner();
    try {
      await holder.startTransaction();
      await selectRows(holder.manager, UserEntity, { id: user.id }, { lock: 'write' });
      await waiter.query('SET SESSION innodb_lock_wait_timeout = 1');
      await waiter.startTransaction();
      await expect(
        selectRows(waiter.manager, UserEntity, { id: user.id }, { lock: 'write' }),
      ).rejects.toThrow(/Lock wait timeout/);
    } finally {
      await waiter.rollbackTransaction().catch(() => undefined);
      await holder.rollbackTransaction();
      await Promise.all([holder.release(), waiter.release()]);
    }
  });
});
