import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiErrorBody, OrderDetail, ReportDetails } from '@shouhu/shared';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { orderOf, submitReport } from '../factories/order.factory';
import { aReporterSession } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('一张伤痕照片的字节'),
]);

describe('evidence uploads', () => {
  let sut: TestApp;
  let county: County;

  beforeAll(async () => {
    sut = await startTestApp({ env: { UPLOAD_MAX_BYTES: '4096' } });
    county = await aCounty(sut.baseUrl);
  });
  afterAll(() => sut.close());

  async function upload(token: string, bytes: Buffer, name = 'photo.png') {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    const response = await fetch(`${sut.baseUrl}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return {
      status: response.status,
      body: (await response.json()) as { uploadId: string } & ApiErrorBody,
    };
  }

  it('stores a photo encrypted, attaches it to the report, and shows it to the report’s handlers only', async () => {
    const reporter = county.sessions.reporter.token;
    const uploaded = await upload(reporter, PNG);
    const report = await submitReport(sut.baseUrl, reporter, {
      situations: ['violence_abuse'],
      location: { divisionCode: TOWN },
      child: {},
      attachments: [uploaded.body.uploadId],
    });
    const order = await orderOf(sut.baseUrl, county.sessions.township.token, report.id, 'township');
    const detail = await http<OrderDetail<ReportDetails>>(
      sut.baseUrl,
      'GET',
      `/orders/${order.id}`,
      {
        token: county.sessions.township.token,
      },
    );
    const path = `${sut.baseUrl}/orders/${order.id}/attachments/${uploaded.body.uploadId}`;
    const shown = await fetch(path, {
      headers: { authorization: `Bearer ${county.sessions.township.token}` },
    });
    const asReporter = await fetch(path, { headers: { authorization: `Bearer ${reporter}` } });

    expect(uploaded.status).toBe(201);
    expect(detail.body.report.attachments).toEqual([
      { id: uploaded.body.uploadId, kind: 'image', mime: 'image/png', size: PNG.length },
    ]);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(shown.headers.get('cache-control')).toContain('no-store');
    expect(Buffer.from(await shown.arrayBuffer()).equals(PNG)).toBe(true);
    expect(asReporter.status).toBe(403);
    const stored = readFileSync(
      join(sut.config.uploads.directory, `${uploaded.body.uploadId}.bin`),
    );
    expect(stored.includes(Buffer.from('一张伤痕照片'))).toBe(false);
  });

  it('refuses anything that is not a photo or video, whatever its name says', async () => {
    const response = await upload(
      county.sessions.reporter.token,
      Buffer.from('<html>这不是图片</html>'),
      'x.jpg',
    );

    expect(response.status).toBe(415);
    expect(response.body.errors).toHaveProperty(['file']);
  });

  it('refuses a file over the size limit with 413 and keeps nothing', async () => {
    const before = readdirSync(sut.config.uploads.directory).length;

    const response = await upload(
      county.sessions.reporter.token,
      Buffer.concat([PNG, Buffer.alloc(8192)]),
    );

    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(readdirSync(sut.config.uploads.directory).length).toBe(before);
  });

  it('refuses to attach someone else’s upload, or one upload to two reports', async () => {
    const mine = await upload(county.sessions.reporter.token, PNG);
    const stranger = await aReporterSession(sut.baseUrl);
    const submit = (token: string) =>
      http<ApiErrorBody>(sut.baseUrl, 'POST', '/reports', {
        token,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: {
          channel: 'public',
          situations: ['dropout'],
          immediateDanger: false,
          description: '孩子两周没来上学，附上照片。',
          discoveredAt: new Date(Date.now() - 3600_000).toISOString(),
          location: { divisionCode: TOWN },
          child: {},
          reporter: { anonymous: true },
          attachments: [mine.body.uploadId],
        },
      });

    const byStranger = await submit(stranger.token);
    const first = await submit(county.sessions.reporter.token);
    const second = await submit(county.sessions.reporter.token);

    expect(byStranger.status).toBe(400);
    expect(first.status).toBe(201);
    expect(second.status).toBe(400);
    expect(second.body.errors).toHaveProperty(['attachments']);
  });

  it('requires a login and a file', async () => {
    const anonymous = await fetch(`${sut.baseUrl}/uploads`, {
      method: 'POST',
      body: new FormData(),
    });
    const empty = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/uploads', {
      token: county.sessions.reporter.token,
      form: new FormData(),
    });

    expect(anonymous.status).toBe(401);
    expect(empty.status).toBe(400);
    expect(empty.body.errors?.file).toBe('请选择要上传的照片或视频');
  });
});
