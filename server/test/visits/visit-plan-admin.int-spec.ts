import { randomUUID } from 'node:crypto';
import {
  DEFAULT_VISIT_POLICY,
  VISIT_POLICY_BOUNDS,
  type AuthResponse,
  type SchoolHoliday,
  type VisitPolicy,
} from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { anAdminSession } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

type ErrorBody = { code: string; message: string; errors?: Record<string, string> };

/** Beijing 2027-01-10 09:00: "today" of every request here. */
const NOW = new Date('2027-01-10T09:00:00+08:00');

describe('the visit plan’s admin routes: school holidays and the policy', () => {
  let sut: TestApp;
  let db: DataSource;
  let admin: AuthResponse;

  beforeAll(async () => {
    sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true' } });
    db = sut.app.get(DataSource);
    admin = await anAdminSession(sut.baseUrl);
    await http(sut.baseUrl, 'PUT', '/admin/clock', {
      token: admin.token,
      body: { now: NOW.toISOString() },
    });
    admin = await anAdminSession(sut.baseUrl);
  });

  afterAll(() => sut.close());

  const post = (body: unknown) =>
    http<SchoolHoliday & ErrorBody>(sut.baseUrl, 'POST', '/admin/school-holidays', {
      token: admin.token,
      body,
    });
  const remove = (id: string, body?: unknown) =>
    http<SchoolHoliday & ErrorBody>(sut.baseUrl, 'DELETE', `/admin/school-holidays/${id}`, {
      token: admin.token,
      body,
    });
  const list = async () =>
    (
      await http<SchoolHoliday[]>(sut.baseUrl, 'GET', '/admin/school-holidays', {
        token: admin.token,
      })
    ).body;

  let year = 2040;
  /** A valid holiday no other test enters: a year of its own. */
  const aHolidayBody = () => ({
    countyCode: '341324',
    kind: 'summer',
    startsOn: `${year++}-07-03`,
  });

  async function auditRows(action: string, targetId: string | null) {
    const rows: { detail: string }[] = await db.query(
      `SELECT detail FROM audit_log WHERE action = ? AND ${targetId ? 'target_id = ?' : 'target_id IS NULL'} ORDER BY seq`,
      targetId ? [action, targetId] : [action],
    );
    return rows.map((row) => JSON.parse(row.detail) as unknown);
  }

  describe('POST /admin/school-holidays', () => {
    it('keeps a county’s holiday with the county’s name, lists it, and audits it', async () => {
      const body = { countyCode: '341324', kind: 'winter', startsOn: '2027-01-25' };

      const created = await post(body);

      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        ...body,
        countyName: '泗县',
        duesCreatedAt: null,
      });
      expect(await list()).toContainEqual(created.body);
      expect(await auditRows('school_holiday.create', created.body.id)).toEqual([body]);
    });

    it('takes a holiday starting today (Beijing), refuses one that started yesterday', async () => {
      const today = await post({ countyCode: '341322', kind: 'winter', startsOn: '2027-01-10' });
      const yesterday = await post({
        countyCode: '341323',
        kind: 'winter',
        startsOn: '2027-01-09',
      });

      expect(today.status).toBe(201);
      expect(yesterday.status).toBe(400);
      expect(yesterday.body.errors).toEqual({
        startsOn: '假期开始日期不能早于今天：请录入还没有开始的假期',
      });
    });

    it.each([
      ['countyCode', undefined, '县级区划代码应为6位数字'],
      ['countyCode', '34132', '县级区划代码应为6位数字'],
      ['countyCode', '3413241', '县级区划代码应为6位数字'],
      ['countyCode', '３４１３２４', '县级区划代码应为6位数字'],
      ['countyCode', '349999', '没有这个县级区划代码，请从区划列表中选择县（区）'],
      ['kind', undefined, '假期只能是寒假（winter）或暑假（summer）'],
      ['kind', 'spring', '假期只能是寒假（winter）或暑假（summer）'],
      ['startsOn', undefined, '假期开始日期应为真实的日期，格式 YYYY-MM-DD（1900到2100年）'],
      ['startsOn', '2041-02-30', '假期开始日期应为真实的日期，格式 YYYY-MM-DD（1900到2100年）'],
      ['startsOn', '2041/07/03', '假期开始日期应为真实的日期，格式 YYYY-MM-DD（1900到2100年）'],
      ['startsOn', '2041-12-25', '暑假只能在6月、7月、8月开始：请核对假期和开始日期'],
      [
        'startsOn',
        '2041-07-03T00:00:00+08:00',
        '假期开始日期应为真实的日期，格式 YYYY-MM-DD（1900到2100年）',
      ],
    ])('refuses %s = %j with 400 naming it, and keeps nothing', async (field, value, reason) => {
      const before = (await list()).length;

      const refused = await post({ ...aHolidayBody(), [field]: value });

      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
      expect(refused.body.errors?.[field]).toBe(reason);
      expect(await list()).toHaveLength(before);
    });

    it('refuses a field it does not know', async () => {
      const refused = await post({ ...aHolidayBody(), endsOn: '2041-08-31' });

      expect(refused.status).toBe(400);
      expect(refused.body.errors).toHaveProperty('endsOn');
    });

    it('answers 409 to the same county starting the same day, or the same kind of holiday in the same year', async () => {
      const first = await post({ countyCode: '341324', kind: 'summer', startsOn: '2030-07-03' });
      expect(first.status).toBe(201);

      const sameDay = await post({ countyCode: '341324', kind: 'summer', startsOn: '2030-07-03' });
      const sameYear = await post({ countyCode: '341324', kind: 'summer', startsOn: '2030-07-10' });
      const otherKind = await post({
        countyCode: '341324',
        kind: 'winter',
        startsOn: '2030-01-20',
      });
      const otherCounty = await post({
        countyCode: '341322',
        kind: 'summer',
        startsOn: '2030-07-03',
      });

      for (const repeat of [sameDay, sameYear]) {
        expect(repeat.status).toBe(409);
        expect(repeat.body).toMatchObject({
          code: 'SCHOOL_HOLIDAY_EXISTS',
          message: '泗县已录入2030年的暑假（2030年7月3日开始）；要改日期，请先删除它再录入',
        });
      }
      expect([otherKind.status, otherCounty.status]).toEqual([201, 201]);
    });

    it('keeps one of two identical holidays sent at the same moment', async () => {
      const body = aHolidayBody();

      const answers = await Promise.all([post(body), post(body), post(body)]);

      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
      expect((await list()).filter((h) => h.startsOn === body.startsOn)).toHaveLength(1);
    });

    it('keeps one of a year’s 暑假 sent at the same moment with different first days', async () => {
      const body = aHolidayBody();
      const year = body.startsOn.slice(0, 4);
      const days = ['07-01', '07-03', '07-05', '07-08'];

      const answers = await Promise.all(
        days.map((day) => post({ ...body, startsOn: `${year}-${day}` })),
      );

      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
      for (const refused of answers.filter((a) => a.status === 409)) {
        expect(refused.body).toMatchObject({ code: 'SCHOOL_HOLIDAY_EXISTS' });
      }
      const kept = (await list()).filter(
        (h) =>
          h.countyCode === body.countyCode && h.kind === 'summer' && h.startsOn.startsWith(year),
      );
      expect(kept).toHaveLength(1);
    });
  });

  describe('DELETE /admin/school-holidays/:id', () => {
    it('deletes a holiday before it starts, and audits it', async () => {
      const created = await post(aHolidayBody());

      const removed = await remove(created.body.id);

      expect(removed.status).toBe(200);
      expect(removed.body).toEqual(created.body);
      expect((await list()).map((h) => h.id)).not.toContain(created.body.id);
      expect(await auditRows('school_holiday.delete', created.body.id)).toHaveLength(1);
    });

    it('refuses with 409 once the holiday has started (Beijing day)', async () => {
      const today = await post({ countyCode: '341321', kind: 'winter', startsOn: '2027-01-10' });

      const refused = await remove(today.body.id);

      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'SCHOOL_HOLIDAY_STARTED',
        message: '假期已经开始，假期走访已经安排，不能删除',
      });
      expect((await list()).map((h) => h.id)).toContain(today.body.id);
    });

    it('answers 404 to an unknown id or one that is not an id, and 400 to a body with fields', async () => {
      const created = await post(aHolidayBody());

      expect((await remove(randomUUID())).status).toBe(404);
      expect((await remove('no-such-holiday')).status).toBe(404);
      const withBody = await remove(created.body.id, { force: true });
      expect(withBody.status).toBe(400);
      expect(withBody.body.errors).toHaveProperty('force');
    });
  });

  describe('GET and PUT /admin/visit-policy', () => {
    const put = (body: unknown) =>
      http<VisitPolicy & ErrorBody>(sut.baseUrl, 'PUT', '/admin/visit-policy', {
        token: admin.token,
        body,
      });

    afterEach(() => put(DEFAULT_VISIT_POLICY));

    it('answers the defaults of domain.md until changed, then the new numbers, audited', async () => {
      const before = await http<VisitPolicy>(sut.baseUrl, 'GET', '/admin/visit-policy', {
        token: admin.token,
      });
      expect(before.body).toEqual(DEFAULT_VISIT_POLICY);

      const policy: VisitPolicy = {
        quarterlyDays: 60,
        followUpDays: 14,
        holidayDays: 10,
        dropoutCheckDays: 20,
        dropoutCheckWindowDays: 5,
      };
      const changed = await put(policy);

      expect(changed.status).toBe(200);
      expect(changed.body).toEqual(policy);
      const after = await http<VisitPolicy>(sut.baseUrl, 'GET', '/admin/visit-policy', {
        token: admin.token,
      });
      expect(after.body).toEqual(policy);
      expect(await auditRows('visit_policy.update', null)).toContainEqual(policy);
    });

    it('takes every field at each of its bounds', async () => {
      for (const end of ['min', 'max'] as const) {
        const policy = Object.fromEntries(
          Object.entries(VISIT_POLICY_BOUNDS).map(([field, bounds]) => [field, bounds[end]]),
        );
        const changed = await put(policy);
        expect([end, changed.status, changed.body]).toEqual([end, 200, policy]);
      }
    });

    /** Each field out of range, of the wrong type, and missing, with the words it gets. */
    const walks = Object.entries(VISIT_POLICY_BOUNDS).flatMap(([field, { min, max }]) =>
      (
        [
          [min - 1, /须在\d+到\d+天之间$/],
          [max + 1, /须在\d+到\d+天之间$/],
          [min + 0.5, /应为整数（天数）$/],
          [String(min), /应为整数（天数）$/],
          [null, /^请填写.+（\d+到\d+天）$/],
          [undefined, /^请填写.+（\d+到\d+天）$/],
        ] as const
      ).map(([value, reason]) => [field, value, reason] as const),
    );
    it.each(walks)(
      'refuses %s = %j with 400 naming it, and keeps the policy',
      async (field, value, reason) => {
        const refused = await put({ ...DEFAULT_VISIT_POLICY, [field]: value });

        expect(refused.status).toBe(400);
        expect(Object.keys(refused.body.errors ?? {})).toEqual([field]);
        expect(refused.body.errors?.[field]).toMatch(reason);
        const kept = await http<VisitPolicy>(sut.baseUrl, 'GET', '/admin/visit-policy', {
          token: admin.token,
        });
        expect(kept.body).toEqual(DEFAULT_VISIT_POLICY);
      },
    );
  });
});
