import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuthResponse, Page, ReportCreatedResponse } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from '../../src/audit/audit-entry.entity';
import { verifyAuditLog } from '../../src/audit/audit-verifier';
import { AuditRepository } from '../../src/audit/audit.repository';
import { aReport } from '../factories/report.factory';
import { aReporterSession, aSessionWith, anAdminSession } from '../factories/session.factory';
import { HOME_COUNTY, OTHER_COUNTY, aWorld, type World } from '../factories/world.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('audit log', () => {
  let sut: TestApp;
  let world: World;
  let reporter: AuthResponse;

  beforeAll(async () => {
    sut = await startTestApp();
    world = await aWorld(sut.baseUrl);
    reporter = await aReporterSession(sut.baseUrl);
  });
  afterAll(() => sut.close());

  const entries = () => sut.app.get(DataSource).getRepository(AuditEntryEntity);
  const verify = () => verifyAuditLog(sut.app.get(AuditRepository));

  async function submit(divisionCode: string): Promise<ReportCreatedResponse> {
    const response = await http<ReportCreatedResponse>(sut.baseUrl, 'POST', '/reports', {
      token: reporter.token,
      body: aReport({ location: { divisionCode } }),
      headers: { 'idempotency-key': randomUUID() },
    });
    return response.body;
  }

  it('records a submission and every read with who, role, what, when and from where', async () => {
    const report = await submit(`${HOME_COUNTY}100`);
    await http(sut.baseUrl, 'GET', `/reports/${report.id}`, { token: reporter.token });

    const rows = await entries().find({ where: { targetId: report.id }, order: { seq: 'ASC' } });

    expect(rows.map((r) => r.action)).toEqual(['report.submit', 'report.read']);
    expect(rows[0]).toMatchObject({
      actorUserId: reporter.user.id,
      actorRoles: ['reporter'],
      targetType: 'report',
      divisionCode: `${HOME_COUNTY}100`,
      ip: '127.0.0.1',
    });
    expect(rows[1].seq).toBeGreaterThan(rows[0].seq);
  });

  it('shows a coordinator the rows of their county only', async () => {
    const home = await submit(`${HOME_COUNTY}100`);
    const other = await submit(`${OTHER_COUNTY}100`);
    const coordinator = await aSessionWith(sut.baseUrl, {
      role: 'coordinator',
      unitId: world.units.homeCoordinator.id,
    });

    const page = await http<Page<AuditEntry>>(sut.baseUrl, 'GET', '/audit?pageSize=200', {
      token: coordinator.token,
    });

    const targets = page.body.items.map((e) => e.targetId);
    expect(targets).toContain(home.id);
    expect(targets).not.toContain(other.id);
    expect(page.body.items.every((e) => e.divisionCode?.startsWith(HOME_COUNTY))).toBe(true);
  });

  it('shows an admin every row, newest first', async () => {
    const report = await submit(`${OTHER_COUNTY}100`);
    const admin = await anAdminSession(sut.baseUrl);

    const page = await http<Page<AuditEntry>>(sut.baseUrl, 'GET', '/audit?pageSize=5', {
      token: admin.token,
    });

    expect(page.body.items.map((e) => e.targetId)).toContain(report.id);
    const seqs = page.body.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(seqs).toHaveLength(5);
    expect(seqs[0]).toBe(await entries().maximum('seq'));
    expect(page.body.total).toBe(await entries().count());
  });

  it('keeps one unbroken chain under concurrent writes', async () => {
    await Promise.all(Array.from({ length: 20 }, () => submit(`${HOME_COUNTY}100`)));

    expect(await verify()).toMatchObject({ intact: true });
  });

  it('detects a row edited in the database and names it', async () => {
    const report = await submit(`${HOME_COUNTY}100`);
    const row = await entries().findOneByOrFail({ targetId: report.id, action: 'report.submit' });
    const table = entries().metadata.tableName;
    const dataSource = sut.app.get(DataSource);
    const edit = (action: string) =>
      dataSource
        .createQueryBuilder()
        .update(table)
        .set({ action })
        .where('seq = :seq', { seq: row.seq })
        .execute();

    await edit('report.withdrawn');
    try {
      expect(await verify()).toMatchObject({ intact: false, brokenSeq: row.seq });
    } finally {
      await edit(row.action);
    }
    expect(await verify()).toMatchObject({ intact: true });
  });
});
