import type { OrderDetail, OrderSummary, Page } from '@shouhu/shared';
import { TOWN, type County } from '../factories/county.factory';
import { act, orderOf, submitReport } from '../factories/order.factory';
import { http } from '../setup/http';
import { aTwoTownshipCountyApp } from '../factories/two-townships.factory';
import { type TestApp } from '../setup/test-app';

/**
 * A pending extension asks for more time for the work in hand. Every action that ends that work
 * for this unit — 办结, 退单, 转办, 改派 — withdraws it, on the timeline, so it never lingers on a
 * closed order or in the coordinator's 延期待审批 queue where nobody can clear it.
 */
describe('a pending extension is withdrawn when the order leaves the unit’s hands', () => {
  let sut: TestApp;
  let county: County;
  let otherTownship: string;

  beforeAll(async () => {
    ({ sut, county, otherTownship } = await aTwoTownshipCountyApp());
  });
  afterAll(() => sut.close());

  const token = (who: keyof County['sessions']) => county.sessions[who].token;

  const endings: [string, keyof County['sessions'], string, () => object][] = [
    [
      '办结',
      'township',
      'resolve',
      () => ({ outcome: 'answered', reporterSummary: '已电话答复报告人。', detail: '已答复。' }),
    ],
    ['退单', 'township', 'return', () => ({ reason: '不属于本镇' })],
    ['转办', 'township', 'transfer', () => ({ unitId: otherTownship, reason: '孩子住在草沟镇' })],
    [
      '改派',
      'coordinator',
      'reassign',
      () => ({ unitId: otherTownship, reason: '孩子住在草沟镇' }),
    ],
  ];

  it.each(endings)('withdraws it on %s', async (_, who, action, body) => {
    const report = await submitReport(sut.baseUrl, token('reporter'), {
      situations: ['consultation'],
      location: { divisionCode: TOWN },
      child: {},
    });
    const order = await orderOf(sut.baseUrl, token('township'), report.id, 'township');
    await act(sut.baseUrl, token('township'), order.id, 'sign');
    await act(sut.baseUrl, token('township'), order.id, 'extension', {
      workingDays: 3,
      reason: '需要联系学校',
    });

    const after = await act(sut.baseUrl, token(who), order.id, action, body());
    const queue = await http<Page<OrderSummary>>(
      sut.baseUrl,
      'GET',
      '/orders?queue=extension&pageSize=100',
      { token: token('coordinator') },
    );
    const detail = await http<OrderDetail>(sut.baseUrl, 'GET', `/orders/${order.id}`, {
      token: token('coordinator'),
    });

    expect(after.extensionPendingDays).toBeNull();
    expect(queue.body.items.map((o) => o.id)).not.toContain(order.id);
    expect(detail.body.timeline.map((e) => e.kind)).toContain('extension_withdrawn');
  });
});
