import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OrderDetail, ReportDetails } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { verifyAuditLog } from '../../src/audit/audit-verifier';
import { AuditRepository } from '../../src/audit/audit.repository';
import { SystemClock } from '../../src/common/clock';
import { keyIdOf } from '../../src/crypto/sealer';
import { keyResealer, type ResealTotals } from '../../src/keys/key-resealer';
import { SEALED_COLUMNS } from '../../src/keys/sealed-columns.repository';
import { UploadStore } from '../../src/uploads/upload-store';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { aPhoto } from '../factories/media.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aSessionWith } from '../factories/session.factory';
import { aVisit, postVisit } from '../factories/visit.factory';
import { http } from '../setup/http';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { startTestApp, type TestApp } from '../setup/test-app';

const K1 = randomBytes(32);
const K2 = randomBytes(32);
const base64 = (key: Buffer) => key.toString('base64');

/** How values and files were sealed before keys had ids: `v1:` and a bare iv|tag|body file. */
function legacySeal(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

interface Submitted {
  reportId: string;
  childName: string;
  address: string;
  uploadId: string;
  bytes: Buffer;
}

/**
 * Keys issue 12: everything sealed under K1 (and as v1) is re-sealed under K2 while a client keeps
 * submitting reports, after which a server holding only K2 reads every report and every file.
 * MariaDB only: the data must outlive a restart of the server.
 */
describe('re-sealing under a new DATA_ENCRYPTION_KEY', () => {
  let database: TestDatabase;
  let uploads: string;
  let county: County;
  const submitted: Submitted[] = [];

  const start = (env: Record<string, string>): Promise<TestApp> =>
    startTestApp({ databaseUrl: database.url, env: { UPLOAD_DIR: uploads, ...env } });

  async function upload(app: TestApp, token: string, bytes: Buffer): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([bytes]), 'photo.png');
    const response = await http<{ uploadId: string }>(app.baseUrl, 'POST', '/uploads', {
      token,
      form,
    });
    if (response.status !== 201) throw new Error(`upload: ${response.status}`);
    return response.body.uploadId;
  }

  async function submitWithEvidence(app: TestApp, n: number): Promise<void> {
    const { token } = county.sessions.reporter;
    const uploadId = await upload(app, token, await aPhoto({ format: 'png', width: 16 + n }));
    // What a viewer is served: the re-encoded copy the server keeps beside the original.
    const bytes = await app.app.get(UploadStore).read(uploadId);
    const childName = `孩子${n}`;
    const address = `某村${n}组`;
    const report = await submitReport(app.baseUrl, token, {
      location: { divisionCode: TOWN, address },
      child: { name: childName, ageYears: 9 },
      attachments: [uploadId],
    });
    submitted.push({ reportId: report.id, childName, address, uploadId, bytes });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    uploads = mkdtempSync(join(tmpdir(), 'shouhu-reseal-'));
  });
  afterAll(async () => {
    await database.drop();
    rmSync(uploads, { recursive: true, force: true });
  });

  it('re-seals every value and file while reports keep coming, then K1 is no longer needed', async () => {
    const k1 = await start({ DATA_ENCRYPTION_KEY: base64(K1) });
    county = await aCounty(k1.baseUrl);
    for (let n = 0; n < 12; n++) await submitWithEvidence(k1, n);
    const operator = await aSessionWith(k1.baseUrl, { role: 'hotline_operator' });
    const hotline = await submitReport(k1.baseUrl, operator.token, {
      channel: 'hotline',
      location: { divisionCode: TOWN },
      reporter: { name: '来电人', phone: '13912345678', smsConsent: true },
    });
    // 受理 (the lead signs) queues the caller's text message with the sealed phone.
    const { token: township } = county.sessions.township;
    const lead = await orderOf(k1.baseUrl, township, hotline.id, 'township');
    await act(k1.baseUrl, township, lead.id, 'sign');
    // A file opened in 摸排 fills every sealed column of child_files (reports give no carer or help).
    const surveyed = await http(k1.baseUrl, 'POST', '/children', {
      token: township,
      body: {
        divisionCode: TOWN,
        child: { name: '摸排儿童', ageYears: 8 },
        categories: ['left_behind'],
        guardian: { name: '父亲', phone: '13912340000' },
        carer: { name: '祖母', relation: '祖母' },
        help: [{ kind: 'paired_teacher', since: '2026-01-05', provider: '王老师' }],
      },
    });
    if (surveyed.status !== 201) throw new Error(`file: ${surveyed.status}`);
    // Its supervisor visits the child: what the visit found, and where, is sealed.
    const { id: fileId } = surveyed.body as { id: string };
    const visited = await postVisit(
      k1.baseUrl,
      township,
      fileId,
      aVisit({ at: new Date().toISOString() }),
    );
    expect(visited.status).toBe(201);
    // A 控辍保学 note is sealed on the file's timeline line.
    const dropout = await http(k1.baseUrl, 'POST', `/children/${fileId}/dropout`, {
      token: township,
      body: { state: 'persuading', note: '家长说孩子跟亲戚外出打工。' },
    });
    if (dropout.status !== 200) throw new Error(`dropout: ${dropout.status}`);
    // Civil affairs takes a child into 临时监护: the written handover's people and place are sealed.
    const guardianship = await submitReport(k1.baseUrl, county.sessions.reporter.token, {
      situations: ['living_alone'],
      location: { divisionCode: TOWN },
      discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
    });
    const { token: civil } = county.sessions.civil;
    const civilOrder = await orderOf(k1.baseUrl, civil, guardianship.id, 'civil_affairs');
    await act(k1.baseUrl, civil, civilOrder.id, 'sign');
    const handover = await http(k1.baseUrl, 'POST', `/orders/${civilOrder.id}/handover`, {
      token: civil,
      body: {
        at: new Date(Date.now() - 60_000).toISOString(),
        handedOverBy: '村委会主任',
        receivedBy: '民政局工作人员',
        placedAt: '县未成年人救助保护中心',
      },
    });
    expect(handover.status).toBe(201);
    // One value of each sealed column and one file as they were written before keys had ids.
    const k1Data = k1.app.get(DataSource);
    const legacy = submitted[0];
    for (const { table, column } of SEALED_COLUMNS) {
      const [row] = await k1Data.query(
        `SELECT id FROM ${table} WHERE ${column} IS NOT NULL ORDER BY id = ? DESC, id LIMIT 1`,
        [legacy.reportId],
      );
      const value = `v1:${legacySeal(K1, Buffer.from(JSON.stringify({ legacy: column }))).toString('base64')}`;
      await k1Data.query(`UPDATE ${table} SET ${column} = ? WHERE id = ?`, [value, row.id]);
    }
    writeFileSync(join(uploads, `${legacy.uploadId}.bin`), legacySeal(K1, legacy.bytes));
    await k1.close();

    const rotating = await start({
      DATA_ENCRYPTION_KEY: base64(K2),
      DATA_ENCRYPTION_PREVIOUS_KEYS: base64(K1),
      BLIND_INDEX_KEY: base64(K1),
    });
    let submitting = true;
    const client = (async () => {
      for (let n = 100; submitting; n++) await submitWithEvidence(rotating, n);
    })();
    const log: string[] = [];
    const sut = keyResealer(rotating.app.get(DataSource), rotating.config, new SystemClock());
    let first: ResealTotals;
    try {
      first = await sut.run({ batchSize: 5, log: (line) => log.push(line) });
    } finally {
      submitting = false;
      await client;
    }
    const second = await sut.run({ batchSize: 5, log: () => undefined });
    const rotatingData = rotating.app.get(DataSource);
    const audit = await rotatingData.query(
      `SELECT detail FROM audit_log WHERE action = 'keys.reseal' ORDER BY seq`,
    );
    const verdict = await verifyAuditLog(new AuditRepository(rotatingData));
    const sealed = await sealedValuesInEveryTextColumn(rotatingData);
    await rotating.close();

    expect(first.values['reports.child_sealed']).toBeGreaterThanOrEqual(12);
    expect(first.values['sms_messages.phone_sealed']).toBeGreaterThanOrEqual(1);
    expect(first.values['child_files.help_sealed']).toBeGreaterThanOrEqual(1);
    expect(first.values['guardianship_handovers.details_sealed']).toBeGreaterThanOrEqual(1);
    expect(first.files).toBeGreaterThanOrEqual(12);
    expect(log.some((line) => line.startsWith('完成：'))).toBe(true);
    expect(submitted.length).toBeGreaterThan(12);
    expect(Object.values(second.values).every((n) => n === 0)).toBe(true);
    expect(second.files).toBe(0);
    expect(audit).toHaveLength(2);
    expect(verdict.intact).toBe(true);
    // Every sealed value in the database, wherever it is, carries K2's id.
    expect(sealed.length).toBeGreaterThan(3 * submitted.length);
    expect(new Set(sealed.map((s) => s.column))).toEqual(
      new Set(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`)),
    );
    expect(sealed.filter((s) => !s.value.startsWith(`v2:${keyIdOf(K2)}:`))).toEqual([]);
    const files = readdirSync(uploads).filter((name) => name.endsWith('.bin'));
    // Each photo: the re-encoded copy viewers get and the original as sent, both sealed.
    expect(files).toHaveLength(2 * submitted.length);
    for (const name of files) {
      expect(readFileSync(join(uploads, name)).subarray(0, 12).toString()).toBe(
        `v2:${keyIdOf(K2)}:`,
      );
    }

    // The old key removed: every report's details and every attachment still open.
    const k2 = await start({ DATA_ENCRYPTION_KEY: base64(K2), BLIND_INDEX_KEY: base64(K1) });
    try {
      const { token } = county.sessions.coordinator;
      const orders: { id: string; report_id: string }[] = await k2.app
        .get(DataSource)
        .query(`SELECT id, report_id FROM orders WHERE role = 'lead'`);
      for (const report of submitted) {
        const orderId = orders.find((o) => o.report_id === report.reportId)?.id;
        const detail = await http<OrderDetail<ReportDetails>>(
          k2.baseUrl,
          'GET',
          `/orders/${orderId}`,
          { token },
        );
        const file = await fetch(`${k2.baseUrl}/orders/${orderId}/attachments/${report.uploadId}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(detail.status).toBe(200);
        if (report !== submitted[0]) {
          expect(detail.body.report.child?.name).toBe(report.childName);
          expect(detail.body.report.location.address).toBe(report.address);
        }
        expect(file.status).toBe(200);
        expect(Buffer.from(await file.arrayBuffer()).equals(report.bytes)).toBe(true);
      }
    } finally {
      await k2.close();
    }
  }, 300_000);
});

/** Every value in every text column of every table that looks sealed (`v1:` or `v2:`). */
async function sealedValuesInEveryTextColumn(
  dataSource: DataSource,
): Promise<{ column: string; value: string }[]> {
  const columns: { t: string; c: string }[] = await dataSource.query(
    `SELECT table_name AS t, column_name AS c FROM information_schema.columns
     WHERE table_schema = DATABASE() AND data_type IN ('varchar', 'text', 'mediumtext', 'longtext')`,
  );
  const found: { column: string; value: string }[] = [];
  for (const { t, c } of columns) {
    const rows: { value: string }[] = await dataSource.query(
      `SELECT \`${c}\` AS value FROM \`${t}\` WHERE \`${c}\` LIKE 'v1:%' OR \`${c}\` LIKE 'v2:%'`,
    );
    for (const { value } of rows) found.push({ column: `${t}.${c}`, value });
  }
  return found;
}
