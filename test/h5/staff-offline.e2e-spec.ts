import type {
  OrderDetail,
  OrderSummary,
  Page as ApiPage,
  ReportCreatedResponse,
} from '@shouhu/shared';
import { apiClient } from '../support/api-client';
import { screenshot } from '../support/browser';
import { phoneOf } from '../support/staff';
import { useH5Suite } from '../support/h5-suite';

describe('H5 app: a handler with no signal', () => {
  const suite = useH5Suite('staff-offline', { DEMO_DATA: 'true', DIVISIONS: '341324' });
  const api = apiClient(() => suite.server.apiBase);

  it('signs an order with the network cut, and the sign arrives once when the network returns', async () => {
    const teacher = await api.login('demo-reporter');
    const report = await api.call<ReportCreatedResponse>('POST', '/reports', teacher, {
      channel: 'public',
      situations: ['dropout'],
      immediateDanger: false,
      description: '没有信号的村里：孩子已经两周没有来上学了。',
      discoveredAt: new Date().toISOString(),
      location: { divisionCode: '341324100' },
      child: { whereaboutsUnknown: false },
      reporter: { anonymous: true },
    });
    const township = await api.login('demo-township');
    const mine = await api.call<ApiPage<OrderSummary>>('GET', '/orders?pageSize=100', township);
    const order = mine.items.find((o) => o.reportId === report.id);
    if (!order) throw new Error('the township did not receive the report');

    const handler = await phoneOf(suite.browser, 'demo-township');
    await handler.goto(`${suite.server.origin}/#/staff/order/index?id=${order.id}`);
    await handler.locator('.order-detail-status', { hasText: '待签收' }).waitFor();

    await handler.context().setOffline(true);
    await handler.locator('.action-sign').click();
    await handler
      .locator('.nut-dialog-footer-ok', { hasText: '确认' })
      .filter({ visible: true })
      .click();
    await handler.locator('.order-waiting', { hasText: '签收工单已保存在手机上' }).waitFor();
    await handler.locator('.staff-outbox', { hasText: '1 项等待网络，恢复后自动发送' }).waitFor();
    // What comes after 签收 may be done with no signal too; 签收 itself is not offered again.
    await handler.locator('.action-contact').waitFor();
    expect(await handler.locator('.action-sign').count()).toBe(0);
    expect(await handler.getByText('请检查网络').count()).toBe(0);
    await screenshot(handler, 'staff-offline-1-signed-on-the-phone');

    await handler.context().setOffline(false);
    // Sent by itself (network back, or the 10-second retry); the page then shows the server's order.
    await handler
      .locator('.order-detail-status', { hasText: '办理中' })
      .waitFor({ timeout: 30_000 });
    await handler.locator('.staff-outbox').waitFor({ state: 'detached' });
    await screenshot(handler, 'staff-offline-2-arrived');

    const detail = await api.call<OrderDetail>('GET', `/orders/${order.id}`, township);
    expect(detail.order.status).toBe('in_progress');
    expect(detail.timeline.filter((event) => event.kind === 'signed')).toHaveLength(1);
  });
});
