import type { OrderDetail, ReporterReportView } from '@shouhu/shared';
import { TOWN, aCounty, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

/** An ISO timestamp, or WeChat's `time` field format: neither is how a person reads a time. */
const MACHINE_TIME = /\d{4}-\d{2}-\d{2}(T|\s\d{2}:\d{2})/;

/**
 * A P3 order's whole story, from filing through the sweep's reminder, 督办 and red list, signing,
 * contact, a note, an extension, resolving and reopening; then every text a person reads about it.
 * Times near midnight and before 08:00 Beijing, where the UTC day is another one.
 */
describe('every time a person reads is Beijing time, written the Chinese way', () => {
  let sut: TestApp;
  let county: County;
  const texts: { where: string; text: string }[] = [];

  beforeAll(async () => {
    sut = await startTestApp({ env: { SIMULATED_CLOCK: 'true', AUTH_TOKEN_TTL_HOURS: '2000' } });
    county = await aCounty(sut.baseUrl);
    const token = (who: keyof County['sessions']) => county.sessions[who].token;

    await county.setClock('2026-12-01T09:00:00+08:00');
    const report = await submitReport(sut.baseUrl, token('reporter'), {
      situations: ['disability_illness'],
      location: { divisionCode: TOWN },
      discoveredAt: '2026-12-01T08:00:00+08:00',
      child: {},
    });
    const { id } = await orderOf(sut.baseUrl, token('township'), report.id, 'township');
    for (const now of ['2026-12-02T17:00:00+08:00', '2026-12-03T00:30:00+08:00']) {
      await county.setClock(now);
      await county.sweep();
    }
    await county.setClock('2026-12-04T15:30:00+08:00');
    await county.sweep();
    await county.setClock('2026-12-04T16:00:00+08:00');
    await act(sut.baseUrl, token('township'), id, 'sign');
    await act(sut.baseUrl, token('township'), id, 'contact', {
      at: '2026-12-04T06:30:00+08:00',
      note: '在家中见到孩子',
    });
    await act(sut.baseUrl, token('township'), id, 'notes', {
      text: '已联系县残联办理康复救助',
      reporterVisible: true,
    });
    await act(sut.baseUrl, token('township'), id, 'extension', {
      workingDays: 2,
      reason: '等待康复机构评估',
    });
    await act(sut.baseUrl, token('coordinator'), id, 'extension/decision', { approve: true });
    await act(sut.baseUrl, token('township'), id, 'resolve', {
      outcome: 'referred_to_service',
      reporterSummary: '已转介康复机构。',
      detail: '县残联已受理康复救助申请。',
    });
    await act(sut.baseUrl, token('coordinator'), id, 'reopen', { reason: '评估结果需要复核' });

    const order = await http<OrderDetail>(sut.baseUrl, 'GET', `/orders/${id}`, {
      token: token('township'),
    });
    const mine = await http<ReporterReportView>(sut.baseUrl, 'GET', `/reports/${report.id}`, {
      token: token('reporter'),
    });
    const tracked = await http<ReporterReportView>(
      sut.baseUrl,
      'GET',
      `/track/${report.trackingCode}`,
    );
    const alerts = await http<{ message: string }[]>(sut.baseUrl, 'GET', '/admin/alerts', {
      token: token('admin'),
    });
    texts.push(
      ...order.body.timeline.map((e) => ({ where: `order ${e.kind}`, text: e.text })),
      ...mine.body.timeline.map((e) => ({ where: `report ${e.kind}`, text: e.text })),
      ...tracked.body.timeline.map((e) => ({ where: `track ${e.kind}`, text: e.text })),
      ...alerts.body.map((a) => ({ where: 'admin alert', text: a.message })),
    );
  });
  afterAll(() => sut.close());

  const textOf = (where: string) => texts.find((t) => t.where === where)?.text;

  it('writes no ISO or machine timestamp into any text', () => {
    expect(texts.map((t) => t.where)).toEqual(
      expect.arrayContaining([
        'order reminder',
        'order overdue',
        'order red_list',
        'order contacted',
        'order extension_decided',
        'order reopened',
        'report progress',
      ]),
    );
    expect(texts.filter((t) => MACHINE_TIME.test(t.text))).toEqual([]);
  });

  it.each([
    ['order reminder', '请在2026年12月2日 23:59前办理', 'the sign deadline, 15:59 UTC'],
    ['order contacted', '已于2026年12月4日 06:30接触儿童', 'the contact, Dec 3 on the UTC day'],
    ['order extension_decided', '办结期限延至2026年12月10日 23:59', '5 + 2 working days'],
  ])('%s says %s (%s)', (where, expected) => {
    expect(textOf(where)).toContain(expected);
  });
});
