import type { ApiErrorBody } from '@shouhu/shared';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { submitReport } from '../factories/order.factory';
import { aReporterSession, anAdminSession } from '../factories/session.factory';
import { aReport } from '../factories/report.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

interface CalendarYear {
  year: number;
  source: string;
  days: { date: string; working: boolean; name: string | null }[];
}

describe('the working-day calendar', () => {
  let sut: TestApp;
  let county: County;

  // Each test moves the clock across years, so each gets a server of its own.
  beforeEach(async () => {
    sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true' } });
    county = await aCounty(sut.baseUrl);
  });
  afterEach(() => sut.close());

  const admin = () => county.sessions.admin.token;

  /** Moves the clock, then logs in again: tokens issued before would have expired. */
  async function moveTo(now: string): Promise<{ reporter: string; admin: string }> {
    await county.setClock(now);
    return {
      reporter: (await aReporterSession(sut.baseUrl)).token,
      admin: (await anAdminSession(sut.baseUrl)).token,
    };
  }

  it('is seeded with the official 2026 schedule', async () => {
    const response = await http<CalendarYear>(sut.baseUrl, 'GET', '/admin/calendar/2026', {
      token: admin(),
    });

    expect(response.body.source).toBe('chinese-days');
    const day = (date: string) => response.body.days.find((d) => d.date === date);
    expect(day('2026-10-01')).toEqual({ date: '2026-10-01', working: false, name: '国庆节' });
    expect(day('2026-10-07')?.working).toBe(false);
    expect(day('2026-09-20')?.working).toBe(true);
    expect(day('2026-10-10')?.working).toBe(true);
  });

  it('answers 404 for a year nobody entered', async () => {
    const response = await http<ApiErrorBody>(sut.baseUrl, 'GET', '/admin/calendar/2031', {
      token: admin(),
    });

    expect(response.status).toBe(404);
  });

  it('counts a missing year Mon–Fri and alerts the admin once', async () => {
    const tokens = await moveTo('2027-01-04T10:00:00+08:00');
    for (let i = 0; i < 2; i++) {
      const report = await submitReport(sut.baseUrl, tokens.reporter, {
        situations: ['dropout'],
        location: { divisionCode: TOWN },
        discoveredAt: '2027-01-04T09:00:00+08:00',
        child: {},
      });
      expect(report.orders[0].signDueAt).toBe(
        new Date('2027-01-05T23:59:59.999+08:00').toISOString(),
      );
    }

    const alerts = await http<{ kind: string; message: string }[]>(
      sut.baseUrl,
      'GET',
      '/admin/alerts',
      { token: tokens.admin },
    );
    const missing = alerts.body.filter((a) => a.kind === 'calendar_missing');
    expect(missing).toHaveLength(1);
    expect(missing[0].message).toContain('2027');
  });

  it('uses an admin’s edit of a year at once', async () => {
    const put = await http<CalendarYear>(sut.baseUrl, 'PUT', '/admin/calendar/2028', {
      token: admin(),
      body: { days: [{ date: '2028-03-06', working: false, name: '测试假日' }] },
    });
    const tokens = await moveTo('2028-03-03T10:00:00+08:00');
    const report = await submitReport(sut.baseUrl, tokens.reporter, {
      situations: ['dropout'],
      location: { divisionCode: TOWN },
      discoveredAt: '2028-03-03T09:00:00+08:00',
      child: {},
    });

    expect(put.body).toMatchObject({ year: 2028, source: 'admin' });
    expect(report.orders[0].signDueAt).toBe(
      new Date('2028-03-07T23:59:59.999+08:00').toISOString(),
    );
  });

  it('refuses a day outside the year', async () => {
    const response = await http<ApiErrorBody>(sut.baseUrl, 'PUT', '/admin/calendar/2029', {
      token: admin(),
      body: { days: [{ date: '2030-01-01', working: false }] },
    });

    expect(response.status).toBe(400);
  });
});

describe('GET /divisions', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  it('lists provinces, and the children of a division, without login', async () => {
    const provinces = await http<{ code: string; name: string }[]>(
      sut.baseUrl,
      'GET',
      '/divisions',
    );
    const towns = await http<{ code: string; name: string }[]>(
      sut.baseUrl,
      'GET',
      '/divisions?parent=341324',
    );

    expect(provinces.body).toHaveLength(31);
    expect(provinces.body).toContainEqual({ code: '34', name: '安徽省' });
    expect(towns.body).toContainEqual({ code: '341324100', name: '泗城镇' });
    expect(towns.body.length).toBeGreaterThan(15);
  });

  it.each([
    ['999999', 404],
    ['abc', 400],
  ])('answers %s with %i', async (parent, status) => {
    expect((await http(sut.baseUrl, 'GET', `/divisions?parent=${parent}`)).status).toBe(status);
  });

  it('refuses a report in a division that does not exist', async () => {
    const county = await aCounty(sut.baseUrl);
    const response = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/reports', {
      token: county.sessions.reporter.token,
      body: aReport({ location: { divisionCode: '341324999' } }),
      headers: { 'idempotency-key': 'b7c1d2e3-0000-4000-8000-000000000001' },
    });

    expect(response.status).toBe(400);
    expect(response.body.errors).toHaveProperty(['location.divisionCode']);
  });
});
