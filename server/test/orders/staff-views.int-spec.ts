import type { OrderSummary, Page, UnitChoice } from '@shouhu/shared';
import { COUNTY, TOWN, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aUnit } from '../factories/unit.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { TestClock } from '../setup/test-clock';

/** Wednesday 2026-11-18, 10:00 in Beijing: a working day in the middle of the month. */
const MORNING = '2026-11-18T02:00:00Z';
const HOUR = 3600_000;

describe('what handlers and coordinators need to work their lists', () => {
  let sut: TestApp;
  let county: County;
  const clock = new TestClock(new Date(MORNING));

  beforeAll(async () => {
    sut = await startTestApp({ clock, env: { AUTH_TOKEN_TTL_HOURS: '2000' } });
    county = await aCounty(sut.baseUrl);
  });
  afterAll(() => sut.close());
  beforeEach(() => clock.set(MORNING));

  const get = async <T>(path: string, token: string): Promise<T> => {
    const response = await http<T>(sut.baseUrl, 'GET', path, { token });
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return response.body;
  };

  const dropout = () =>
    submitReport(sut.baseUrl, county.sessions.reporter.token, {
      situations: ['dropout'],
      location: { divisionCode: TOWN },
      child: {},
      discoveredAt: clock.now().toISOString(),
    });

  it('tells the list which clock runs next, where the child is, and what has been done', async () => {
    const report = await dropout();
    const fresh = await orderOf(sut.baseUrl, county.sessions.township.token, report.id, 'township');

    expect(fresh.nextClock).toEqual({ clock: 'sign', dueAt: fresh.signDueAt });
    expect(fresh.placeName).toBe('泗城镇');
    expect(fresh).toMatchObject({ contactedAt: null, extensionsGranted: 0 });

    const token = county.sessions.township.token;
    await act(sut.baseUrl, token, fresh.id, 'sign');
    clock.advance(HOUR);
    const contacted = await act(sut.baseUrl, token, fresh.id, 'contact', { note: '已见到孩子' });

    expect(contacted.contactedAt).toBe(new Date(clock.now()).toISOString());
    // Signed and contacted: the first feedback to the reporter (72 h) is due before the resolution.
    expect(contacted.nextClock).toEqual({ clock: 'feedback', dueAt: contacted.feedbackDueAt });
  });

  it('offers a unit the same department’s units of the county, and the coordinator the same department’s units of the county', async () => {
    const otherTown = await aUnit(sut.baseUrl, {
      name: '墩集镇儿童督导站',
      department: 'township',
      divisionPrefixes: [`${COUNTY}101`],
    });
    const elsewhere = await aUnit(sut.baseUrl, {
      name: '灵璧县某镇儿童督导站',
      department: 'township',
      divisionPrefixes: ['341323100'],
    });
    const report = await dropout();
    const order = await orderOf(sut.baseUrl, county.sessions.township.token, report.id, 'township');

    const forUnit = await get<UnitChoice[]>(
      `/orders/${order.id}/units`,
      county.sessions.township.token,
    );
    const forCoordinator = await get<UnitChoice[]>(
      `/orders/${order.id}/units`,
      county.sessions.coordinator.token,
    );

    expect(forUnit.map((u) => u.id)).toEqual([otherTown.id]);
    expect(forCoordinator.map((u) => u.id)).toEqual([otherTown.id]);
    expect(forCoordinator.map((u) => u.id)).not.toContain(elsewhere.id);
    const stranger = await http(sut.baseUrl, 'GET', `/orders/${order.id}/units`, {
      token: county.sessions.police.token,
    });
    expect(stranger.status).toBe(404);
  });

  it('puts the lead order of a closed report rated 1–2 on the coordinator’s review list', async () => {
    const rate = async (score: number) => {
      const report = await dropout();
      for (const [who, department] of [
        ['township', 'township'],
        ['education', 'education'],
      ] as const) {
        const token = county.sessions[who].token;
        const order = await orderOf(sut.baseUrl, token, report.id, department);
        await act(sut.baseUrl, token, order.id, 'sign');
        await act(sut.baseUrl, token, order.id, 'resolve', {
          outcome: 'returned_to_school',
          reporterSummary: '孩子已经回到学校上课。',
          detail: '家访两次。',
        });
      }
      const rated = await http(sut.baseUrl, 'POST', `/reports/${report.id}/rating`, {
        token: county.sessions.reporter.token,
        body: { score },
      });
      expect(rated.status).toBe(200);
      return report.id;
    };
    const poor = await rate(2);
    const good = await rate(4);

    const queue = await get<Page<OrderSummary>>(
      '/orders?queue=low_rating&pageSize=100',
      county.sessions.coordinator.token,
    );

    const reports = queue.items.map((o) => o.reportId);
    expect(reports).toContain(poor);
    expect(reports).not.toContain(good);
    expect(queue.items.filter((o) => o.reportId === poor).map((o) => o.role)).toEqual(['lead']);
  });

  it('never widens a handler’s list to another unit by naming it', async () => {
    const list = await get<Page<OrderSummary>>(
      `/orders?unitId=${county.units.police.id}&pageSize=100`,
      county.sessions.township.token,
    );
    expect(list).toEqual({ items: [], total: 0 });
  });
});
