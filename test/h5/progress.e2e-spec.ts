import type { OrderSummary, Page as ApiPage, ReporterReportView } from '@shouhu/shared';
import { formatTrackingCode } from '@shouhu/shared';
import { openPhonePage, screenshot } from '../support/browser';
import { fillDropoutReport, storedToken, submitReport } from '../support/report-form';
import { apiClient } from '../support/api-client';
import { useH5Suite } from '../support/h5-suite';

describe('H5 app: the reporter follows the report to its outcome', () => {
  // The demo county gives 泗城镇 a supervisor and 泗县 an education bureau to work the orders.
  const suite = useH5Suite('progress', { DEMO_DATA: 'true' });

  const { call: api, login } = apiClient(() => suite.server.apiBase);

  /** The demo handlers sign and resolve every order of the report. */
  async function workOrders(reportId: string): Promise<void> {
    for (const openid of ['demo-township', 'demo-education']) {
      const token = await login(openid);
      const orders = await api<ApiPage<OrderSummary>>('GET', '/orders?pageSize=100', token);
      for (const order of orders.items.filter((o) => o.reportId === reportId)) {
        await api('POST', `/orders/${order.id}/sign`, token);
        await api('POST', `/orders/${order.id}/resolve`, token, {
          outcome: 'returned_to_school',
          reporterSummary: '孩子已经回到学校上课，老师会继续关注。',
          detail: '家访两次，与家长签订复学承诺书。',
        });
      }
    }
  }

  it('lists my report, tracks it by code, shows the outcome and takes my rating', async () => {
    const page = await openPhonePage(suite.browser);
    await page.goto(`${suite.server.origin}/#/pages/report/index?channel=public`);
    await fillDropoutReport(page, '孩子已经两周没来上学，听说在家带弟弟。');
    await submitReport(page);
    await page.locator('.receipt-code').waitFor();
    const params = new URL(page.url().replace('/#/', '/')).searchParams;
    const reportId = params.get('id') ?? '';
    const code = params.get('code') ?? '';

    await page.goto(`${suite.server.origin}/#/pages/mine/index`);
    await page.locator('.my-report', { hasText: formatTrackingCode(code) }).waitFor();
    await screenshot(page, 'progress-1-mine');

    await page.goto(`${suite.server.origin}/#/pages/track/index`);
    await page.locator('.track-code input').fill(formatTrackingCode(code).toLowerCase());
    await page.locator('.track-submit').click();
    await page.getByText(`报告已提交，查询码 ${formatTrackingCode(code)}。`).waitFor();

    await workOrders(reportId);
    await page.goto(`${suite.server.origin}/#/pages/progress/index?id=${reportId}`);
    await page.locator('.progress-outcome', { hasText: '已劝返复学' }).waitFor();
    await page.locator('.progress-status', { hasText: '已办结' }).waitFor();
    await screenshot(page, 'progress-2-closed');
    await page.locator('.progress-rating .score', { hasText: '5分' }).click();
    await page.locator('.progress-rate').click();

    await page.getByText('您的评价：5分').waitFor();
    await screenshot(page, 'progress-3-rated');
    const stored = await api<ReporterReportView>(
      'GET',
      `/reports/${reportId}`,
      await storedToken(page),
    );
    expect(stored).toMatchObject({ status: 'closed', rating: { score: 5 } });
  });
});
