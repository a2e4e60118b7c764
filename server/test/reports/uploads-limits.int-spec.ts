import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiErrorBody } from '@shouhu/shared';
import { UploadSweeper } from '../../src/uploads/upload-sweeper';
import { TOWN } from '../factories/county.factory';
import { aPhoto, upload } from '../factories/media.factory';
import { aReporterSession, devLogin } from '../factories/session.factory';
import { http } from '../setup/http';
import { slowUpload } from '../setup/slow-upload';
import { TestClock } from '../setup/test-clock';
import { startTestApp, type TestApp } from '../setup/test-app';

const HOUR = 3600_000;

describe('upload limits: pace, quota, expiry', () => {
  const clock = new TestClock(new Date('2026-11-02T02:00:00Z'));
  const directory = mkdtempSync(join(tmpdir(), 'shouhu-upload-limits-'));
  let sut: TestApp;
  const files = () => readdirSync(directory).sort();

  beforeAll(async () => {
    mkdirSync(directory, { recursive: true });
    // Left by a server that died mid-upload a day ago, and one being written by another server now.
    writeFileSync(join(directory, 'orphan.part'), 'sealed bytes');
    const dayAgo = new Date(Date.now() - 24 * HOUR);
    utimesSync(join(directory, 'orphan.part'), dayAgo, dayAgo);
    writeFileSync(join(directory, 'in-progress.part'), 'sealed bytes');
    sut = await startTestApp({
      clock,
      env: {
        UPLOAD_DIR: directory,
        UPLOAD_IDLE_TIMEOUT_SECONDS: '1',
        UPLOAD_RATE_WINDOW_SECONDS: '2',
        UPLOAD_MIN_BYTES_PER_SECOND: '20000',
        UPLOAD_PENDING_MAX_FILES: '2',
        UPLOAD_PENDING_MAX_BYTES: '1000000',
        UPLOAD_DAILY_MAX_FILES: '3',
        UPLOAD_DAILY_MAX_BYTES: '1000000',
        UPLOAD_UNATTACHED_TTL_HOURS: '24',
      },
    });
  });
  afterAll(() => sut.close());

  const report = (token: string, attachments: string[]) =>
    http<ApiErrorBody>(sut.baseUrl, 'POST', '/reports', {
      token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        channel: 'public',
        situations: ['dropout'],
        immediateDanger: false,
        description: '孩子两周没来上学，附上照片。',
        discoveredAt: new Date(clock.now().getTime() - HOUR).toISOString(),
        location: { divisionCode: TOWN },
        child: {},
        reporter: { anonymous: true },
        attachments,
      },
    });

  it('deletes at boot the temporary files a dead server left, not those still being written', () => {
    expect(files()).not.toContain('orphan.part');
    expect(files()).toContain('in-progress.part');
  });

  it.each([
    ['goes quiet', { burstBytes: 1000, trickleBytes: 0, intervalMs: 0 }, '网络中断'],
    [
      'trickles below the minimum rate',
      { burstBytes: 1000, trickleBytes: 500, intervalMs: 200 },
      '网络太慢',
    ],
  ])(
    'cuts off a body that %s with 408, closes the connection and keeps nothing',
    async (_, pace, words) => {
      const reporter = await aReporterSession(sut.baseUrl);
      const before = files();

      const result = await slowUpload(`${sut.baseUrl}/uploads`, {
        ...pace,
        promisedBytes: 25 * 1024 * 1024,
        giveUpMs: 15_000,
        token: reporter.token,
      });

      expect(result.status).toBe(408);
      expect(JSON.parse(result.body)).toEqual({
        code: 'UPLOAD_TOO_SLOW',
        message: expect.stringContaining(words),
        requestId: expect.any(String),
      });
      expect(result.closedByServer).toBe(true);
      expect(result.elapsedMs).toBeLessThan(6000);
      expect(files()).toEqual(before);
    },
  );

  it('refuses a third unattached upload, in words, until a report takes the first two', async () => {
    const reporter = await aReporterSession(sut.baseUrl);
    const first = await upload(sut.baseUrl, reporter.token, await aPhoto());
    const second = await upload(sut.baseUrl, reporter.token, await aPhoto());
    const third = await upload(sut.baseUrl, reporter.token, await aPhoto());
    const sent = await report(reporter.token, [first.body.uploadId, second.body.uploadId]);
    const afterReport = await upload(sut.baseUrl, reporter.token, await aPhoto());

    expect([first.status, second.status]).toEqual([201, 201]);
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('UPLOAD_QUOTA_EXCEEDED');
    expect(third.body.message).toContain('请先提交报告');
    expect(sent.status).toBe(201);
    expect(afterReport.status).toBe(201);
  });

  it('allows so many uploads in 24 hours, attached or not, and more the next day', async () => {
    const openid = `test-${crypto.randomUUID()}`;
    const reporter = await devLogin(sut.baseUrl, openid);
    const sent: number[] = [];
    for (let i = 0; i < 3; i++) {
      const one = await upload(sut.baseUrl, reporter.token, await aPhoto());
      await report(reporter.token, [one.body.uploadId]);
      sent.push(one.status);
    }
    const fourth = await upload(sut.baseUrl, reporter.token, await aPhoto());
    clock.advance(24 * HOUR + 1000);
    const nextDay = await upload(
      sut.baseUrl,
      (await devLogin(sut.baseUrl, openid)).token,
      await aPhoto(),
    );

    expect(sent).toEqual([201, 201, 201]);
    expect(fourth.status).toBe(429);
    expect(fourth.body.message).toContain('24 小时内');
    expect(nextDay.status).toBe(201);
  });

  it('deletes uploads no report took within 24 hours, rows and files, and keeps attached ones', async () => {
    const openid = `test-${crypto.randomUUID()}`;
    const reporter = await devLogin(sut.baseUrl, openid);
    const forgotten = await upload(sut.baseUrl, reporter.token, await aPhoto());
    const used = await upload(sut.baseUrl, reporter.token, await aPhoto());
    await report(reporter.token, [used.body.uploadId]);
    const sweeper = sut.app.get(UploadSweeper);
    const kept = (id: string) => files().filter((name) => name.startsWith(id));

    clock.advance(23 * HOUR);
    await sweeper.sweep();
    const early = kept(forgotten.body.uploadId);
    clock.advance(2 * HOUR);
    const late = await report((await devLogin(sut.baseUrl, openid)).token, [
      forgotten.body.uploadId,
    ]);
    await sweeper.sweep();

    expect(early).toHaveLength(2);
    expect(late.status).toBe(400);
    expect(late.body.errors?.attachments).toContain('已过期');
    expect(kept(forgotten.body.uploadId)).toEqual([]);
    expect(kept(used.body.uploadId)).toEqual([
      `${used.body.uploadId}.bin`,
      `${used.body.uploadId}.original.bin`,
    ]);
  });
});
