import {
  formatTrackingCode,
  ratingRefusalMessage,
  type ApiErrorBody,
  type ReporterReportView,
} from '@shouhu/shared';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aReporterSession } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('the reporter’s side: my reports, tracking, rating', () => {
  let sut: TestApp;
  let county: County;

  beforeAll(async () => {
    sut = await startTestApp({
      env: {
        SIMULATED_CLOCK: 'true',
        AUTH_TOKEN_TTL_HOURS: '2000',
        TRACK_RATE_LIMIT_PER_MINUTE: '5',
      },
    });
    county = await aCounty(sut.baseUrl);
  });
  afterAll(() => sut.close());

  /** A report only the township handles, filed and then resolved. */
  async function aClosedReport(reporterToken: string) {
    const report = await submitReport(sut.baseUrl, reporterToken, {
      situations: ['consultation'],
      location: { divisionCode: TOWN },
      child: {},
    });
    const order = await orderOf(sut.baseUrl, county.sessions.township.token, report.id, 'township');
    await act(sut.baseUrl, county.sessions.township.token, order.id, 'sign');
    await act(sut.baseUrl, county.sessions.township.token, order.id, 'resolve', {
      outcome: 'home_visit_done',
      reporterSummary: '已上门了解情况并落实帮扶。',
      detail: '申请临时救助一次。',
    });
    return report;
  }

  const rate = (token: string, id: string, body: unknown) =>
    http<ReporterReportView & ApiErrorBody>(sut.baseUrl, 'POST', `/reports/${id}/rating`, {
      token,
      body,
    });

  it('lists my reports, newest first, and nobody else’s', async () => {
    const me = await aReporterSession(sut.baseUrl);
    const other = await aReporterSession(sut.baseUrl);
    const first = await submitReport(sut.baseUrl, me.token, { child: {} });
    const second = await submitReport(sut.baseUrl, me.token, { child: {} });
    await submitReport(sut.baseUrl, other.token, { child: {} });

    const mine = await http<ReporterReportView[]>(sut.baseUrl, 'GET', '/reports/mine', {
      token: me.token,
    });

    expect(mine.body.map((r) => r.id)).toEqual([second.id, first.id]);
  });

  it('lists all of a busy reporter’s reports at once without overflowing the database pool', async () => {
    const me = await aReporterSession(sut.baseUrl);
    for (let i = 0; i < 45; i += 1) await submitReport(sut.baseUrl, me.token, { child: {} });

    const mine = await http<ReporterReportView[]>(sut.baseUrl, 'GET', '/reports/mine', {
      token: me.token,
    });

    expect(mine.status).toBe(200);
    expect(mine.body).toHaveLength(45);
  }, 120_000);

  it('shows progress to anyone with the tracking code, however it is typed', async () => {
    const report = await aClosedReport(county.sessions.reporter.token);

    const tracked = await http<ReporterReportView>(
      sut.baseUrl,
      'GET',
      `/track/${formatTrackingCode(report.trackingCode).toLowerCase()}`,
    );

    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({
      id: report.id,
      status: 'closed',
      outcome: {
        code: 'home_visit_done',
        label: '已家访并落实帮扶',
        summary: '已上门了解情况并落实帮扶。',
      },
    });
    expect(JSON.stringify(tracked.body)).not.toContain('申请临时救助');
  });

  it('answers 404 for an unknown code and 429 after too many lookups from one address', async () => {
    const answers: { status: number; code: string }[] = [];
    for (let i = 0; i < 7; i++) {
      const answer = await http<ApiErrorBody>(sut.baseUrl, 'GET', '/track/ACDEFGHJKM');
      answers.push({ status: answer.status, code: answer.body.code });
    }
    // Five lookups a minute from this address, the earlier test's included: 404s, then only 429s.
    const refusedFrom = answers.findIndex((a) => a.status === 429);

    expect(refusedFrom).toBeGreaterThanOrEqual(2);
    expect(refusedFrom).toBeLessThanOrEqual(5);
    expect(answers).toEqual([
      ...Array(refusedFrom).fill({ status: 404, code: 'NOT_FOUND' }),
      ...Array(answers.length - refusedFrom).fill({ status: 429, code: 'RATE_LIMITED' }),
    ]);
  });

  it('takes one rating of a closed report and shows it', async () => {
    const me = await aReporterSession(sut.baseUrl);
    const report = await aClosedReport(me.token);

    const rated = await rate(me.token, report.id, { score: 2, comment: '孩子还是经常没饭吃' });
    const again = await rate(me.token, report.id, { score: 5 });

    expect(rated.status).toBe(200);
    expect(rated.body.rating).toEqual({ score: 2, comment: '孩子还是经常没饭吃' });
    expect(rated.body.timeline.at(-1)).toMatchObject({ kind: 'rated' });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      code: 'ALREADY_RATED',
      message: ratingRefusalMessage('ALREADY_RATED'),
      requestId: expect.any(String),
    });
  });

  it('refuses a rating before closing, after 30 days, out of range, or of someone else’s report', async () => {
    const me = await aReporterSession(sut.baseUrl);
    const open = await submitReport(sut.baseUrl, me.token, { child: {} });
    const closed = await aClosedReport(me.token);
    const stranger = await aReporterSession(sut.baseUrl);

    const early = await rate(me.token, open.id, { score: 4 });
    expect([early.status, early.body.code, early.body.message]).toEqual([
      409,
      'REPORT_NOT_CLOSED',
      ratingRefusalMessage('REPORT_NOT_CLOSED'),
    ]);
    const outOfRange = await rate(me.token, closed.id, { score: 6 });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.errors).toHaveProperty(['score']);
    expect((await rate(stranger.token, closed.id, { score: 4 })).status).toBe(404);
    await county.setClock(new Date(Date.now() + 31 * 24 * 3600_000));
    try {
      const late = await rate((await aReporterSession(sut.baseUrl)).token, closed.id, { score: 4 });
      expect(late.status).toBe(404);
      const lateOwn = await rate(me.token, closed.id, { score: 4 });
      expect(lateOwn.status).toBe(409);
      expect(lateOwn.body).toEqual({
        code: 'RATING_WINDOW_CLOSED',
        message: ratingRefusalMessage('RATING_WINDOW_CLOSED'),
        requestId: expect.any(String),
      });
    } finally {
      await county.setClock(new Date());
    }
  });
});
