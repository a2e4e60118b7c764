import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiErrorBody, OrderDetail, ReportDetails } from '@shouhu/shared';
import sharp from 'sharp';
import { NOT_PHOTO_OR_VIDEO } from '../../src/uploads/upload-refusal';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { aMovie, aPhoto, hostileFiles, upload } from '../factories/media.factory';
import { orderOf, submitReport } from '../factories/order.factory';
import { aReporterSession } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

const MARKER = '一张伤痕照片的说明';

describe('evidence uploads', () => {
  let sut: TestApp;
  let county: County;
  const files = () => readdirSync(sut.config.uploads.directory).sort();

  beforeAll(async () => {
    sut = await startTestApp({ env: { UPLOAD_MAX_BYTES: '65536' } });
    county = await aCounty(sut.baseUrl);
  });
  afterAll(() => sut.close());

  /** Files the report's township handler can open, as they would see them. */
  async function shownToHandler(uploadId: string) {
    const reporter = county.sessions.reporter.token;
    const report = await submitReport(sut.baseUrl, reporter, {
      situations: ['violence_abuse'],
      location: { divisionCode: TOWN },
      child: {},
      attachments: [uploadId],
    });
    const order = await orderOf(sut.baseUrl, county.sessions.township.token, report.id, 'township');
    const path = `${sut.baseUrl}/orders/${order.id}/attachments/${uploadId}`;
    const shown = await fetch(path, {
      headers: { authorization: `Bearer ${county.sessions.township.token}` },
    });
    return { order, path, shown, bytes: Buffer.from(await shown.arrayBuffer()) };
  }

  it('stores a photo encrypted, and shows the report’s handlers only a re-encoded copy without its metadata', async () => {
    const photo = await aPhoto({ format: 'png', width: 120, height: 90, description: MARKER });
    const uploaded = await upload(sut.baseUrl, county.sessions.reporter.token, photo, 'x.png');
    const { order, path, shown, bytes } = await shownToHandler(uploaded.body.uploadId);
    const detail = await http<OrderDetail<ReportDetails>>(
      sut.baseUrl,
      'GET',
      `/orders/${order.id}`,
      {
        token: county.sessions.township.token,
      },
    );
    const asReporter = await fetch(path, {
      headers: { authorization: `Bearer ${county.sessions.reporter.token}` },
    });

    expect(uploaded.status).toBe(201);
    expect(detail.body.report.attachments).toEqual([
      { id: uploaded.body.uploadId, kind: 'image', mime: 'image/jpeg', size: photo.length },
    ]);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/jpeg');
    expect(shown.headers.get('cache-control')).toContain('no-store');
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'jpeg', width: 120, height: 90 });
    expect(bytes.equals(photo)).toBe(false);
    expect(bytes.includes(Buffer.from(MARKER))).toBe(false);
    expect(asReporter.status).toBe(403);
    const kept = files().filter((name) => name.startsWith(uploaded.body.uploadId));
    expect(kept).toEqual([
      `${uploaded.body.uploadId}.bin`,
      `${uploaded.body.uploadId}.original.bin`,
    ]);
    for (const name of kept) {
      const stored = readFileSync(join(sut.config.uploads.directory, name));
      expect(stored.includes(Buffer.from(MARKER))).toBe(false);
      expect(stored.includes(photo.subarray(0, 16))).toBe(false);
    }
  });

  it('accepts a real MP4 and shows it as it was sent', async () => {
    const movie = aMovie({ sampleBytes: 4000 });
    const uploaded = await upload(sut.baseUrl, county.sessions.reporter.token, movie, 'v.mp4');
    const { shown, bytes } = await shownToHandler(uploaded.body.uploadId);

    expect(uploaded.status).toBe(201);
    expect(shown.headers.get('content-type')).toBe('video/mp4');
    expect(bytes.equals(movie)).toBe(true);
  });

  it('refuses every hostile or broken file with 415 and keeps nothing of it', async () => {
    const reporter = await aReporterSession(sut.baseUrl);
    const before = files();
    const hostile = await hostileFiles();
    const answers: Record<string, [number, string | undefined]> = {};
    for (const [name, bytes] of Object.entries(hostile)) {
      const response = await upload(sut.baseUrl, reporter.token, bytes, 'evidence.jpg');
      answers[name] = [response.status, response.body.errors?.file];
    }

    expect(Object.keys(answers)).toContain('an ELF with ftyp at byte 4');
    expect(answers).toEqual(
      Object.fromEntries(Object.keys(hostile).map((name) => [name, [415, NOT_PHOTO_OR_VIDEO]])),
    );
    expect(files()).toEqual(before);
  });

  it('refuses HEIC, which the server cannot decode, saying how to send the photo instead', async () => {
    const heic = Buffer.concat([
      Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'latin1'),
      Buffer.alloc(64),
    ]);

    const response = await upload(sut.baseUrl, county.sessions.reporter.token, heic, 'IMG.HEIC');

    expect(response.status).toBe(415);
    expect(response.body.message).toContain('兼容性最佳');
  });

  it('refuses a file over the size limit with 413 and keeps nothing', async () => {
    const before = files();

    const response = await upload(
      sut.baseUrl,
      county.sessions.reporter.token,
      Buffer.concat([await aPhoto(), Buffer.alloc(70_000)]),
    );

    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(files()).toEqual(before);
  });

  it('refuses to attach someone else’s upload, or one upload to two reports', async () => {
    const mine = await upload(sut.baseUrl, county.sessions.reporter.token, await aPhoto());
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
    expect(byStranger.body.errors).toHaveProperty(['attachments']);
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
