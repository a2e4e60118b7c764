import { randomUUID } from 'node:crypto';
import { idNumberCheckCharacter, type ApiErrorBody, type ReportChild } from '@shouhu/shared';
import type { AccessRule } from '../../src/access/access.decorator';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { aReport } from '../factories/report.factory';
import { aReporterSession } from '../factories/session.factory';
import { bodyWith, dateInputs, errorKey, type DateInput } from '../setup/date-inputs';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

/** Values no date or time field may take, each with what makes it wrong. */
const IMPOSSIBLE: Record<'instant' | 'date' | 'year', [string, string][]> = {
  instant: [
    ['no offset', '2026-12-03T10:00:00'],
    ['month 13', '2026-13-03T10:00:00+08:00'],
    ['Feb 30', '2026-02-30T10:00:00+08:00'],
    ['a 20-digit year', '12345678901234567890-12-03T10:00:00+08:00'],
  ],
  date: [
    ['month 13', '2026-13-01'],
    ['Feb 30', '2026-02-30'],
    ['a 20-digit year', '12345678901234567890-01-01'],
    ['a time for a date', '2026-12-03T10:00:00'],
  ],
  year: [
    ['a 20-digit year', '12345678901234567890'],
    ['a five-digit year', '20260'],
    ['a year before 1900', '1800'],
  ],
};

/** A value each kind accepts: the same field must then carry no error. */
const REAL = { instant: '2026-12-03T10:00:00+08:00', date: '2026-12-03', year: '2031' };

/** The fields the walk must at least find, so an empty walk cannot pass. */
const KNOWN = [
  'POST /orders/:id/contact at',
  'POST /reports child.birthDate',
  'POST /reports discoveredAt',
  'PUT /admin/calendar/:year days[].date',
  'PUT /admin/calendar/:year year',
  'GET /admin/calendar/:year year',
  'PUT /admin/clock now',
];

describe('dates and times: Beijing days, offsets required, impossible dates refused', () => {
  let sut: TestApp;
  let county: County;
  let inputs: DateInput[];

  beforeAll(async () => {
    sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' } });
    county = await aCounty(sut.baseUrl);
    inputs = dateInputs(sut.app);
  });
  afterAll(() => sut.close());

  /** Someone the route lets in; scope is checked after validation, so any such caller will do. */
  function callerFor(access: AccessRule[]): string | undefined {
    if (access.includes('public')) return undefined;
    if (access.includes('authenticated') || access.includes('reporter')) {
      return county.sessions.reporter.token;
    }
    if (access.includes('admin')) return county.sessions.admin.token;
    if (access.includes('handler')) return county.sessions.township.token;
    return county.sessions.coordinator.token;
  }

  async function send(input: DateInput, value: string) {
    let path = input.path.replace(/:(\w+)/g, (_, param: string) =>
      input.in === 'path' && param === input.field
        ? value
        : param === 'year'
          ? REAL.year
          : randomUUID(),
    );
    if (input.in === 'query') path += `?${new URLSearchParams({ [input.field]: value })}`;
    return http<ApiErrorBody>(sut.baseUrl, input.method, path, {
      token: callerFor(input.access),
      // A write route always gets a JSON object, so what is judged is the date, not a missing body.
      body:
        input.in === 'body'
          ? bodyWith(input.field, value)
          : input.method === 'GET'
            ? undefined
            : {},
      headers: { 'idempotency-key': randomUUID() },
    });
  }

  it('finds every date and time field of every route, and each uses the shared checks', () => {
    const found = inputs.map((i) => `${i.route} ${i.field}`);

    expect(found).toEqual(expect.arrayContaining(KNOWN));
    expect(inputs.filter((i) => i.kind === 'unchecked')).toEqual([]);
  });

  it('answers 400 naming the field for every impossible value of every date and time field', async () => {
    const wrong: string[] = [];
    for (const input of inputs) {
      if (input.kind === 'unchecked') continue;
      const key = input.in === 'path' ? input.field : errorKey(input.field);
      for (const [why, value] of IMPOSSIBLE[input.kind]) {
        const response = await send(input, value);
        if (response.status !== 400 || response.body.code !== 'VALIDATION_FAILED') {
          wrong.push(`${input.route} ${input.field} = ${value} (${why}): ${response.status}`);
        } else if (!response.body.errors?.[key]) {
          wrong.push(`${input.route} ${input.field} (${why}): 400 without naming ${key}`);
        }
      }
      const real = await send(input, REAL[input.kind]);
      if (real.body?.errors?.[key]) {
        wrong.push(
          `${input.route} ${input.field} refuses ${REAL[input.kind]}: ${real.body.errors[key]}`,
        );
      }
    }

    expect(wrong).toEqual([]);
  });

  async function fileAt(now: string, child: ReportChild) {
    await county.setClock(now);
    const reporter = await aReporterSession(sut.baseUrl);
    return http<ApiErrorBody>(sut.baseUrl, 'POST', '/reports', {
      token: reporter.token,
      body: aReport({
        situations: ['abandoned_unattended'],
        location: { divisionCode: TOWN },
        discoveredAt: '2026-12-04T06:30:00+08:00',
        child,
      }),
      headers: { 'idempotency-key': randomUUID() },
    });
  }

  it.each([
    ['07:00', '2026-12-04T07:00:00+08:00'],
    ['09:00', '2026-12-04T09:00:00+08:00'],
  ])('accepts an abandoned newborn born today at %s Beijing time', async (_, now) => {
    const response = await fileAt(now, { birthDate: '2026-12-04' });

    expect(response.status).toBe(201);
  });

  it.each([
    ['2026-12-05', '出生日期不能晚于今天', 'born tomorrow in Beijing'],
    [
      '2008-12-04',
      '本平台受理未满18周岁的未成年人的情况',
      '18 today in Beijing, 17 on the UTC day',
    ],
  ])('at 07:00 Beijing refuses the birth date %s: %s (%s)', async (birthDate, message) => {
    const response = await fileAt('2026-12-04T07:00:00+08:00', { birthDate });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual({ 'child.birthDate': message });
  });

  /** A valid 身份证号 of 泗县 for a child born on `birthDate`. */
  const anIdNumber = (birthDate: string) => {
    const first17 = `341324${birthDate.split('-').join('')}012`;
    return first17 + idNumberCheckCharacter(first17);
  };

  it.each([
    ['an ID number born tomorrow', { idNumber: anIdNumber('2026-12-05') }, 'child.idNumber'],
    ['an adult’s ID number', { idNumber: anIdNumber('1990-01-01') }, 'child.idNumber'],
    [
      'an ID number that contradicts the birth date',
      { birthDate: '2015-03-02', idNumber: anIdNumber('2015-03-01') },
      'child.idNumber',
    ],
    [
      'an age that contradicts the ID number',
      { idNumber: anIdNumber('2015-03-01'), ageYears: 15 },
      'child.ageYears',
    ],
    [
      'an age that contradicts the birth date',
      { birthDate: '2015-03-01', ageYears: 3 },
      'child.ageYears',
    ],
  ])('at 07:00 Beijing refuses %s, naming the field', async (_, child, field) => {
    const response = await fileAt('2026-12-04T07:00:00+08:00', child);

    expect(response.status).toBe(400);
    expect(Object.keys(response.body.errors ?? {})).toEqual([field]);
  });

  it('accepts a newborn found this morning by the ID number and the nominal age', async () => {
    const response = await fileAt('2026-12-04T07:00:00+08:00', {
      idNumber: anIdNumber('2026-12-04'),
      birthDate: '2026-12-04',
      ageYears: 1,
    });

    expect(response.status).toBe(201);
  });

  it('refuses a discovery in the future', async () => {
    await county.setClock('2026-12-04T07:00:00+08:00');
    const response = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/reports', {
      token: (await aReporterSession(sut.baseUrl)).token,
      body: aReport({ discoveredAt: '2026-12-04T09:00:00+08:00', child: {} }),
      headers: { 'idempotency-key': randomUUID() },
    });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual({ discoveredAt: '发现时间不能晚于现在' });
  });

  it('refuses a calendar body that lists one date twice, and keeps the year as it was', async () => {
    const admin = county.sessions.admin.token;
    const put = await http<ApiErrorBody>(sut.baseUrl, 'PUT', '/admin/calendar/2026', {
      token: admin,
      body: {
        days: [
          { date: '2026-10-01', working: false, name: '国庆节' },
          { date: '2026-10-01', working: true },
        ],
      },
    });
    const year = await http<{ source: string }>(sut.baseUrl, 'GET', '/admin/calendar/2026', {
      token: admin,
    });

    expect(put.status).toBe(400);
    expect(put.body.errors?.days).toContain('2026-10-01');
    expect(year.body.source).toBe('chinese-days');
  });
});
