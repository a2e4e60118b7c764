import { randomUUID } from 'node:crypto';
import type { ApiErrorBody, ReportCreatedResponse, ReporterReportView } from '@shouhu/shared';
import { formatTrackingCode, isTrackingCode } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { Sealer } from '../../src/crypto/sealer';
import { ReportEntity } from '../../src/reports/report.entity';
import { aReport } from '../factories/report.factory';
import { aReporterSession } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('report intake', () => {
  let sut: TestApp;
  let token: string;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());
  beforeEach(async () => {
    token = (await aReporterSession(sut.baseUrl)).token;
  });

  const submit = (body: unknown, key: string | null = randomUUID(), as = token) =>
    http<ReportCreatedResponse & ApiErrorBody>(sut.baseUrl, 'POST', '/reports', {
      token: as,
      body,
      headers: key === null ? {} : { 'idempotency-key': key },
    });

  const reports = () => sut.app.get(DataSource).getRepository(ReportEntity);

  async function countReportsWith(description: string): Promise<number> {
    return reports().countBy({ description });
  }

  it('stores a report and answers with a tracking code', async () => {
    const response = await submit(aReport({ situations: ['living_alone', 'dropout'] }));

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'submitted',
      priority: 'P2',
      advice: { call110: false },
    });
    expect(response.body.orders.map((o) => [o.department, o.role])).toEqual([
      ['police', 'assist'],
      ['civil_affairs', 'lead'],
      ['township', 'assist'],
      ['education', 'assist'],
    ]);
    expect(isTrackingCode(response.body.trackingCode)).toBe(true);
    const stored = await reports().findOneByOrFail({ id: response.body.id });
    expect(stored.situations).toEqual(['living_alone', 'dropout']);
    expect(stored.divisionCode).toBe('341324');
  });

  it('marks a child in danger P1 and advises calling 110', async () => {
    const response = await submit(aReport({ immediateDanger: true, situations: ['dropout'] }));

    expect(response.status).toBe(201);
    expect(response.body.priority).toBe('P1');
    expect(response.body.advice.call110).toBe(true);
  });

  it('lets the reporter read the report back with its timeline', async () => {
    const created = await submit(aReport());

    const view = await http<ReporterReportView>(sut.baseUrl, 'GET', `/reports/${created.body.id}`, {
      token,
    });

    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      id: created.body.id,
      trackingCode: created.body.trackingCode,
      status: 'submitted',
      priority: 'P3',
    });
    expect(view.body.timeline).toEqual([
      expect.objectContaining({
        kind: 'submitted',
        text: expect.stringContaining(formatTrackingCode(created.body.trackingCode)),
      }),
    ]);
  });

  it('answers 404 to anyone but the reporter, and for unknown ids', async () => {
    const created = await submit(aReport());
    const stranger = (await aReporterSession(sut.baseUrl)).token;

    const asStranger = await http<ApiErrorBody>(sut.baseUrl, 'GET', `/reports/${created.body.id}`, {
      token: stranger,
    });
    const unknown = await http<ApiErrorBody>(sut.baseUrl, 'GET', `/reports/${randomUUID()}`, {
      token,
    });
    const malformed = await http<ApiErrorBody>(sut.baseUrl, 'GET', '/reports/not-an-id', { token });

    for (const response of [asStranger, unknown, malformed]) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    }
  });

  it('requires a login to submit or read', async () => {
    const post = await submit(aReport(), randomUUID(), '');
    const get = await http<ApiErrorBody>(sut.baseUrl, 'GET', `/reports/${randomUUID()}`);
    const forged = await http<ApiErrorBody>(sut.baseUrl, 'GET', `/reports/${randomUUID()}`, {
      token: `${token.slice(0, -2)}xx`,
    });

    for (const response of [post, get, forged]) {
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    }
  });

  it('keeps emoji and rare characters intact and personal details encrypted at rest', async () => {
    const description = `孩子说“好痛😢”，奶奶叫她𠮷𡈽，已经三天没吃饭了。`;
    const created = await submit(
      aReport({ description, child: { name: '𠮷祥😀', school: '𡈽镇小学' } }),
    );

    expect(created.status).toBe(201);
    const stored = await reports().findOneByOrFail({ id: created.body.id });
    expect(stored.description).toBe(description);
    expect(stored.childSealed).not.toContain('𠮷祥');
    expect(stored.reporterSealed).not.toContain('13800000000');
    expect(sut.app.get(Sealer).open(stored.childSealed)).toEqual({
      name: '𠮷祥😀',
      school: '𡈽镇小学',
    });
  });

  it('stores no reporter identity for an anonymous report', async () => {
    const created = await submit(
      aReport({ reporter: { anonymous: true, name: undefined, phone: undefined } }),
    );

    expect(created.status).toBe(201);
    const stored = await reports().findOneByOrFail({ id: created.body.id });
    expect(stored.reporterAnonymous).toBe(true);
    expect(stored.reporterSealed).toBeNull();
  });

  describe('bad input gets a clear 400 and stores nothing', () => {
    it.each<[string, (description: string) => unknown, string]>([
      [
        'an unknown top-level field',
        (d) => ({ ...aReport({ description: d }), urgent: true }),
        'urgent',
      ],
      [
        'an unknown nested field',
        (d) => {
          const body = aReport({ description: d });
          return { ...body, child: { ...body.child, nickname: '小明' } };
        },
        'child.nickname',
      ],
      [
        'an unknown situation',
        (d) => aReport({ description: d, situations: ['bullying' as never] }),
        'situations',
      ],
      ['no situation', (d) => aReport({ description: d, situations: [] }), 'situations'],
      ['a short description', () => aReport({ description: '太短了' }), 'description'],
      [
        'a bad division code',
        (d) => aReport({ description: d, location: { divisionCode: '泗县' } }),
        'location.divisionCode',
      ],
      [
        'a future discovery time',
        (d) =>
          aReport({ description: d, discoveredAt: new Date(Date.now() + 3600_000).toISOString() }),
        'discoveredAt',
      ],
      [
        'a discovery time without offset',
        (d) => aReport({ description: d, discoveredAt: '2026-01-01T00:00:00' }),
        'discoveredAt',
      ],
      ['an adult', (d) => aReport({ description: d, child: { ageYears: 19 } }), 'child.ageYears'],
      [
        'an anonymous reporter with a phone',
        (d) => aReport({ description: d, reporter: { anonymous: true, name: undefined } }),
        'reporter',
      ],
      [
        'a missing child object',
        (d) => ({ ...aReport({ description: d }), child: undefined }),
        'child',
      ],
      [
        'attachments that were never uploaded',
        (d) => aReport({ description: d, attachments: [randomUUID()] }),
        'attachments',
      ],
    ])('refuses %s', async (_, build, field) => {
      const description = `这是一条不应被保存的报告 ${randomUUID()}`;

      const response = await submit(build(description));

      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors).toHaveProperty([field]);
      expect(await countReportsWith(description)).toBe(0);
    });

    it('refuses a report without an Idempotency-Key', async () => {
      const description = `没有幂等键的报告 ${randomUUID()}`;

      const response = await submit(aReport({ description }), null);

      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors).toHaveProperty(['Idempotency-Key']);
      expect(await countReportsWith(description)).toBe(0);
    });

    it('refuses malformed JSON', async () => {
      const response = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/reports', {
        token,
        rawBody: '{"channel": "public",',
        headers: { 'idempotency-key': randomUUID() },
      });

      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses a body over the size limit with 413', async () => {
      const response = await submit(
        aReport({ description: '很'.repeat(sut.config.bodyLimitBytes) }),
      );

      expect(response.status).toBe(413);
      expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the first answer and stores one report', async () => {
      const key = randomUUID();
      const body = aReport({ description: `重试的报告 ${key}` });

      const first = await submit(body, key);
      const retry = await submit({ ...body }, key);

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await countReportsWith(body.description)).toBe(1);
    });

    it('answers 409 when the same key comes with a different body', async () => {
      const key = randomUUID();
      const body = aReport({ description: `先提交的报告 ${key}` });
      await submit(body, key);

      const conflicting = await submit({ ...body, immediateDanger: true }, key);

      expect(conflicting.status).toBe(409);
      expect(conflicting.body.code).toBe('IDEMPOTENCY_CONFLICT');
      expect(await countReportsWith(body.description)).toBe(1);
    });

    it('keeps keys per user: another user with the same key files their own report, learning nothing', async () => {
      const key = randomUUID();
      const body = aReport({ description: `别人的幂等键 ${key}` });
      const first = await submit(body, key);
      const other = (await aReporterSession(sut.baseUrl)).token;

      const response = await submit(body, key, other);

      expect(response.status).toBe(201);
      expect(response.headers.get('idempotent-replayed')).toBe('false');
      expect(response.body.id).not.toBe(first.body.id);
      expect(await countReportsWith(body.description)).toBe(2);
    });

    it('creates exactly one report from 20 concurrent identical requests', async () => {
      const key = randomUUID();
      const body = aReport({ description: `并发提交的报告 ${key}` });

      const responses = await Promise.all(Array.from({ length: 20 }, () => submit(body, key)));

      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(await countReportsWith(body.description)).toBe(1);
    });
  });
});
