import { randomUUID } from 'node:crypto';
import type { AuthResponse } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from '../../src/audit/audit-entry.entity';
import { verifyAuditLog } from '../../src/audit/audit-verifier';
import { AuditRepository } from '../../src/audit/audit.repository';
import { AuditService, type AuditEvent } from '../../src/audit/audit.service';
import { TransactionRunner } from '../../src/database/transaction-runner';
import { aReport } from '../factories/report.factory';
import { aReporterSession } from '../factories/session.factory';
import { HOME_COUNTY, aWorld } from '../factories/world.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

/**
 * Issue 17: a transaction's audit rows are appended as its last statements (the chain head is
 * locked only from then to the commit). Every kind of transaction still writes its rows.
 */
describe('audit rows appended before commit', () => {
  let sut: TestApp;
  let reporter: AuthResponse;

  beforeAll(async () => {
    sut = await startTestApp();
    await aWorld(sut.baseUrl);
    reporter = await aReporterSession(sut.baseUrl);
  });
  afterAll(() => sut.close());

  const dataSource = () => sut.app.get(DataSource);
  const audit = () => sut.app.get(AuditService);
  const transactions = () => sut.app.get(TransactionRunner);
  const mariadb = () => dataSource().options.type !== 'better-sqlite3';
  const rowsOf = (targetId: string) =>
    dataSource()
      .getRepository(AuditEntryEntity)
      .find({ where: { targetId }, order: { seq: 'ASC' } });
  const event = (targetId: string, action = 'test.change'): AuditEvent => ({
    action,
    targetType: 'test',
    targetId,
    divisionCode: null,
  });

  it("writes every row of a runner's transaction, in the order recorded, after its work", async () => {
    const target = randomUUID();
    let headFreeDuringWork: boolean | null = null;

    await transactions().run(async (manager) => {
      await audit().record(manager, null, event(target, 'test.first'));
      await audit().record(manager, null, event(target, 'test.second'));
      if (mariadb()) headFreeDuringWork = await headIsFree(dataSource());
    });

    const rows = await rowsOf(target);
    expect(rows.map((r) => r.action)).toEqual(['test.first', 'test.second']);
    expect(rows[1].seq).toBe(rows[0].seq + 1);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    if (mariadb()) expect(headFreeDuringWork).toBe(true);
  });

  it('writes nothing for a transaction that rolls back', async () => {
    const target = randomUUID();

    await expect(
      transactions().run(async (manager) => {
        await audit().record(manager, null, event(target));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    expect(await rowsOf(target)).toEqual([]);
  });

  it('writes at once in a transaction the runner does not run', async () => {
    const target = randomUUID();

    await dataSource().transaction(async (manager) => {
      await audit().record(manager, null, event(target));
      expect(await manager.getRepository(AuditEntryEntity).countBy({ targetId: target })).toBe(1);
    });

    expect(await rowsOf(target)).toHaveLength(1);
  });

  it('writes a read in its own transaction', async () => {
    const target = randomUUID();
    const actor = { user: { id: reporter.user.id }, roles: ['reporter'], unit: null, ip: null };

    await audit().recordRead(actor as never, event(target, 'test.read'));

    expect((await rowsOf(target)).map((r) => r.action)).toEqual(['test.read']);
  });

  it('records an intake and keeps one verifiable chain under concurrent intakes', async () => {
    const reports = await Promise.all(
      Array.from({ length: 24 }, () =>
        http<{ id: string }>(sut.baseUrl, 'POST', '/reports', {
          token: reporter.token,
          body: aReport({ location: { divisionCode: `${HOME_COUNTY}100` } }),
          headers: { 'idempotency-key': randomUUID() },
        }),
      ),
    );

    for (const report of reports) {
      expect(report.status).toBe(201);
      expect((await rowsOf(report.body.id)).map((r) => r.action)).toEqual(['report.submit']);
    }
    expect(await verifyAuditLog(sut.app.get(AuditRepository))).toMatchObject({ intact: true });
  });
});

/** Whether another connection could lock the chain head right now (MariaDB's NOWAIT). */
async function headIsFree(dataSource: DataSource): Promise<boolean> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query('SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE NOWAIT');
    return true;
  } catch {
    return false;
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}
