import type { ReportCreatedResponse, Unit } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { aUnit } from '../factories/unit.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

/** 2027 is not in the calendar table; five working days from here run into it. */
const LATE_DECEMBER = '2026-12-28T10:00:00+08:00';
const TWO_DAYS_LATER = '2026-12-30T10:00:00+08:00';

/**
 * Every code path that computes a working-day deadline (domain.md: a year the calendar table does
 * not cover is counted Mon–Fri and raises an admin alert), each with the alerts cleared before it.
 */
describe('a working-day deadline in a year the calendar lacks alerts the admin, on every path', () => {
  let sut: TestApp;
  let county: County;
  let otherTownship: Unit;

  beforeAll(async () => {
    sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' } });
    county = await aCounty(sut.baseUrl);
    otherTownship = await aUnit(sut.baseUrl, {
      name: '墩集镇儿童督导站',
      department: 'township',
      divisionPrefixes: ['341324101'],
    });
  });
  afterAll(() => sut.close());

  const token = (who: keyof County['sessions']) => county.sessions[who].token;

  async function clearAlerts(): Promise<void> {
    await sut.app.get(DataSource).query('DELETE FROM admin_alerts');
  }

  async function calendarAlerts(): Promise<string[]> {
    const response = await http<{ kind: string; message: string }[]>(
      sut.baseUrl,
      'GET',
      '/admin/alerts',
      { token: token('admin') },
    );
    return response.body.filter((a) => a.kind === 'calendar_missing').map((a) => a.message);
  }

  /** A P3 township order filed in late December, with the alerts its own clocks raised cleared. */
  async function anOrder(): Promise<{ report: ReportCreatedResponse; id: string }> {
    await county.setClock(LATE_DECEMBER);
    const report = await submitReport(sut.baseUrl, token('reporter'), {
      situations: ['poverty_hardship'],
      location: { divisionCode: TOWN },
      discoveredAt: '2026-12-28T09:00:00+08:00',
      child: {},
    });
    const order = await orderOf(sut.baseUrl, token('township'), report.id, 'township');
    await clearAlerts();
    await county.setClock(TWO_DAYS_LATER);
    return { report, id: order.id };
  }

  it('new orders (sign, contact, resolve and return windows)', async () => {
    await clearAlerts();
    await county.setClock(LATE_DECEMBER);
    await submitReport(sut.baseUrl, token('reporter'), {
      situations: ['poverty_hardship'],
      location: { divisionCode: TOWN },
      discoveredAt: '2026-12-28T09:00:00+08:00',
      child: {},
    });

    expect(await calendarAlerts()).toEqual([expect.stringContaining('2027')]);
  });

  it.each<[string, (id: string) => Promise<unknown>]>([
    [
      'an approved extension',
      async (id) => {
        await act(sut.baseUrl, token('township'), id, 'sign');
        await act(sut.baseUrl, token('township'), id, 'extension', {
          workingDays: 3,
          reason: '需要联系民政核实低保',
        });
        await clearAlerts();
        return act(sut.baseUrl, token('coordinator'), id, 'extension/decision', { approve: true });
      },
    ],
    [
      'a transfer (转办) with fresh clocks',
      (id) =>
        act(sut.baseUrl, token('township'), id, 'transfer', {
          unitId: otherTownship.id,
          reason: '孩子住在墩集镇',
        }),
    ],
    [
      'a reassignment (改派) with fresh clocks',
      (id) =>
        act(sut.baseUrl, token('coordinator'), id, 'reassign', {
          unitId: otherTownship.id,
          reason: '孩子住在墩集镇',
        }),
    ],
    [
      'a priority change that recomputes running clocks',
      (id) =>
        act(sut.baseUrl, token('coordinator'), id, 'priority', {
          priority: 'P2',
          reason: '家中已断粮',
        }),
    ],
    [
      'a reopening with a fresh resolve clock',
      async (id) => {
        await act(sut.baseUrl, token('township'), id, 'sign');
        await act(sut.baseUrl, token('township'), id, 'resolve', {
          outcome: 'home_visit_done',
          reporterSummary: '已上门了解情况并落实帮扶。',
          detail: '入户走访，申请临时救助。',
        });
        await clearAlerts();
        return act(sut.baseUrl, token('coordinator'), id, 'reopen', {
          reason: '报告人反映仍有困难',
        });
      },
    ],
  ])('%s', async (_, path) => {
    const { id } = await anOrder();

    await path(id);

    expect(await calendarAlerts()).toEqual([expect.stringContaining('2027')]);
  });
});
