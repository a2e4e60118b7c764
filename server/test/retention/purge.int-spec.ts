import { readdirSync } from 'node:fs';
import {
  PURGED_NOTICE,
  shanghaiDate,
  type OrderDetail,
  type ReporterReportView,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { verifyAuditLog } from '../../src/audit/audit-verifier';
import { childIdentities } from '../../src/children/child-identity';
import { AuditRepository } from '../../src/audit/audit.repository';
import { CLOCK, type Clock } from '../../src/common/clock';
import { Sealer } from '../../src/crypto/sealer';
import { retentionPurger } from '../../src/retention/retention-purger';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aSessionWith } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { aPhoto } from '../factories/media.factory';

const DAY = 24 * 3600_000;
const T0 = new Date('2026-01-05T02:00:00Z');

interface Filed {
  id: string;
  canary: string;
  uploadId: string;
  owner: string;
}

/**
 * Retention (issue 12): with RETENTION_DAYS=30, of reports closed 40 days ago, closed 5 days ago and
 * still open, only the first lose every personal value — found by scanning every text column of
 * every table (opening sealed values too) and the upload directory for each report's canary.
 */
describe('retention purge', () => {
  let sut: TestApp;
  let county: County;
  let operator: string;
  /** The simulated clock's time. */
  let now: Date;

  async function setClock(at: Date): Promise<void> {
    now = at;
    await county.setClock(at);
  }

  beforeAll(async () => {
    sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true', RETENTION_DAYS: '30' } });
    county = await aCounty(sut.baseUrl);
    operator = (await aSessionWith(sut.baseUrl, { role: 'hotline_operator' })).token;
  });
  afterAll(() => sut.close());

  async function upload(token: string, bytes: Buffer): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([bytes]), 'photo.png');
    const response = await http<{ uploadId: string }>(sut.baseUrl, 'POST', '/uploads', {
      token,
      form,
    });
    return response.body.uploadId;
  }

  /** The child of the report carrying `canary`. */
  const childOf = (canary: string, phone: string) => ({
    name: canary,
    ageYears: 10,
    school: `${canary}小学`,
    guardianName: canary,
    guardianPhone: phone,
  });

  /** A report whose every free text and personal value carries `canary` (a name of 汉字 and a phone). */
  async function file(canary: string, phone: string, hotline = false): Promise<Filed> {
    const owner = hotline ? operator : county.sessions.reporter.token;
    const uploadId = await upload(owner, await aPhoto({ format: 'png' }));
    const report = await submitReport(sut.baseUrl, owner, {
      channel: hotline ? 'hotline' : 'public',
      situations: ['dropout'],
      description: `${canary}两周没有来上学。`,
      discoveredAt: new Date(now.getTime() - 3600_000).toISOString(),
      location: { divisionCode: TOWN, address: `${canary}家住三组` },
      child: childOf(canary, phone),
      reporter: {
        name: canary,
        phone,
        relation: `${canary}的老师`,
        ...(hotline ? { smsConsent: true } : {}),
      },
      attachments: [uploadId],
    });
    return { id: report.id, canary, uploadId, owner };
  }

  /** Both orders signed, contacted with a note, noted and resolved: the report closes. */
  async function close(report: Filed): Promise<void> {
    for (const department of ['township', 'education'] as const) {
      const { token } = county.sessions[department];
      const order = await orderOf(sut.baseUrl, token, report.id, department);
      await act(sut.baseUrl, token, order.id, 'sign');
      await act(sut.baseUrl, token, order.id, 'contact', { note: `见到${report.canary}` });
      await act(sut.baseUrl, token, order.id, 'notes', {
        text: `${report.canary}的情况`,
        reporterVisible: true,
      });
      await act(sut.baseUrl, token, order.id, 'resolve', {
        outcome: department === 'township' ? 'returned_to_school' : 'answered',
        reporterSummary: `${report.canary}已返校`,
        detail: `${report.canary}办结详情`,
      });
    }
  }

  it('clears only reports closed beyond the period, keeps statistics, audits each one, and is done once', async () => {
    await setClock(T0);
    const old = await file('甲金丝雀', '13700000001');
    const oldHotline = await file('乙金丝雀', '13700000002', true);
    const notCalledBack = await file('戊金丝雀', '13700000005', true);
    await close(old);
    await close(oldHotline);
    await close(notCalledBack);
    await http(sut.baseUrl, 'POST', `/reports/${old.id}/rating`, {
      token: old.owner,
      body: { score: 4, comment: `谢谢，${old.canary}好多了` },
    });
    await http(sut.baseUrl, 'POST', `/reports/${oldHotline.id}/callback`, {
      token: operator,
      body: { reached: true, score: 5, comment: `${oldHotline.canary}满意` },
    });
    await setClock(new Date(T0.getTime() + 35 * DAY));
    const recent = await file('丙金丝雀', '13700000003');
    await close(recent);
    const open = await file('丁金丝雀', '13700000004');
    await setClock(new Date(T0.getTime() + 40 * DAY));
    const boardBefore = await board();
    const dataSource = sut.app.get(DataSource);
    const purger = retentionPurger(dataSource, sut.config, sut.app.get<Clock>(CLOCK));
    const log: string[] = [];

    const callbacksBefore = await callbackReports();
    const dry = await purger.run({ dryRun: true, log: (line) => log.push(line) });
    const afterDry = await canariesFound([old, oldHotline, notCalledBack]);
    const first = await purger.run({ dryRun: false, log: (line) => log.push(line) });
    const second = await purger.run({ dryRun: false, log: () => undefined });

    expect(dry.reports).toBe(3);
    // The operator reads Beijing times the Chinese way, as every person does (shared chineseDateTime).
    expect(log.filter((line) => line.startsWith('将清除'))).toHaveLength(3);
    for (const line of log) expect(line).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(log.join('\n')).toMatch(/办结于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）/);
    expect(afterDry).toEqual(['甲金丝雀', '乙金丝雀', '戊金丝雀']);
    // Each purged child's file loses every key its report gave it (each child is its own file).
    const childKeys = [old, oldHotline, notCalledBack].flatMap(({ canary }) =>
      childIdentities(childOf(canary, phoneOf(canary)), TOWN, T0),
    );
    expect(first).toMatchObject({ reports: 3, files: 3, childKeys: childKeys.length });
    expect(second.reports).toBe(0);
    expect(await canariesFound([old, oldHotline, notCalledBack, recent, open])).toEqual([
      '丙金丝雀',
      '丁金丝雀',
    ]);
    // The call-back list no longer offers a caller whose phone is gone.
    expect(callbacksBefore).toContain(notCalledBack.id);
    expect(await callbackReports()).not.toContain(notCalledBack.id);
    expect(await board()).toEqual(boardBefore);
    const audit: { action: string; target_id: string | null }[] = await dataSource.query(
      `SELECT action, target_id FROM audit_log WHERE action IN ('report.purge', 'retention.purge') ORDER BY seq`,
    );
    expect(audit.map((row) => row.action)).toEqual([
      'report.purge',
      'report.purge',
      'report.purge',
      'retention.purge',
      'retention.purge',
    ]);
    expect(
      audit
        .slice(0, 3)
        .map((row) => row.target_id)
        .sort(),
    ).toEqual([old.id, oldHotline.id, notCalledBack.id].sort());
    expect((await verifyAuditLog(new AuditRepository(dataSource))).intact).toBe(true);

    // The reporter's and the staff's views say so plainly instead of breaking.
    const mine = await http<ReporterReportView>(sut.baseUrl, 'GET', `/reports/${old.id}`, {
      token: old.owner,
    });
    expect(mine.status).toBe(200);
    const purgedAt = now.toISOString();
    expect(mine.body.purgedAt).toBe(purgedAt);
    expect(mine.body.reported).toBeUndefined();
    expect(mine.body.timeline.every((entry) => entry.text === PURGED_NOTICE)).toBe(true);
    expect(mine.body.rating).toEqual({ score: 4 });
    const { token } = county.sessions.township;
    const order = await orderOf(sut.baseUrl, token, old.id, 'township');
    const staff = await http<OrderDetail>(sut.baseUrl, 'GET', `/orders/${order.id}`, { token });
    expect(staff.status).toBe(200);
    expect(staff.body.report).toMatchObject({
      purgedAt,
      child: null,
      description: '',
      attachments: [],
      situations: ['dropout'],
    });
    expect(staff.body.order.outcome).toMatchObject({ code: 'returned_to_school', summary: '' });
  }, 300_000);

  async function callbackReports(): Promise<string[]> {
    const response = await http<{ reportId: string }[]>(sut.baseUrl, 'GET', '/hotline/callbacks', {
      token: operator,
    });
    expect(response.status).toBe(200);
    return response.body.map((item) => item.reportId);
  }

  /** The county's figures over the year around the suite's clock: a purge changes none of them. */
  async function board(): Promise<unknown> {
    const year = shanghaiDate(now).slice(0, 4);
    const response = await http(
      sut.baseUrl,
      'GET',
      `/stats/overview?from=${year}-01-01&to=${year}-12-31`,
      { token: county.sessions.coordinator.token },
    );
    expect(response.status).toBe(200);
    return response.body;
  }

  /** The canaries still found anywhere: a text column of any table, opened sealed values, a file. */
  async function canariesFound(reports: Filed[]): Promise<string[]> {
    const dataSource = sut.app.get(DataSource);
    const sealer = new Sealer(sut.config);
    const texts: string[] = [];
    for (const { table, column } of await textColumns(dataSource)) {
      const rows: { value: string | null }[] = await dataSource.query(
        `SELECT ${dataSource.driver.escape(column)} AS value FROM ${dataSource.driver.escape(table)}`,
      );
      for (const { value } of rows) {
        if (!value) continue;
        texts.push(value);
        if (/^v[12]:/.test(value)) texts.push(JSON.stringify(sealer.open(value)));
      }
    }
    const files = readdirSync(sut.config.uploads.directory);
    return reports
      .filter(
        ({ canary, uploadId }) =>
          texts.some((text) => text.includes(canary) || text.includes(phoneOf(canary))) ||
          files.includes(`${uploadId}.bin`),
      )
      .map((r) => r.canary);
  }
});

const PHONES: Record<string, string> = {
  甲金丝雀: '13700000001',
  乙金丝雀: '13700000002',
  丙金丝雀: '13700000003',
  丁金丝雀: '13700000004',
  戊金丝雀: '13700000005',
};
const phoneOf = (canary: string) => PHONES[canary];

/** Every text-like column of every table, on MariaDB or SQLite. */
async function textColumns(dataSource: DataSource): Promise<{ table: string; column: string }[]> {
  if (dataSource.options.type === 'better-sqlite3') {
    const tables: { name: string }[] = await dataSource.query(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
    );
    const columns: { table: string; column: string }[] = [];
    for (const { name } of tables) {
      const info: { name: string; type: string }[] = await dataSource.query(
        `PRAGMA table_info(${dataSource.driver.escape(name)})`,
      );
      for (const c of info) {
        if (/char|text|clob/i.test(c.type)) columns.push({ table: name, column: c.name });
      }
    }
    return columns;
  }
  return dataSource.query(
    `SELECT table_name AS \`table\`, column_name AS \`column\` FROM information_schema.columns
     WHERE table_schema = DATABASE() AND data_type IN ('varchar', 'char', 'text', 'mediumtext', 'longtext')`,
  );
}
