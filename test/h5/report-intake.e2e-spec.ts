import type { ReporterReportView } from '@shouhu/shared';
import { formatTrackingCode, isTrackingCode } from '@shouhu/shared';
import { openPhonePage, screenshot } from '../support/browser';
import { fillDropoutReport, storedToken } from '../support/report-form';
import { useH5Suite } from '../support/h5-suite';

describe('H5 app: a neighbour files a report', () => {
  const suite = useH5Suite('intake');

  it('fills the form, submits, sees the tracking code, and the report is stored', async () => {
    const page = await openPhonePage(suite.browser);
    await page.goto(`${suite.server.origin}/`);
    await page.locator('.big-button', { hasText: '我要举报/求助' }).click();
    await page.getByText('孩子现在有危险吗？').waitFor();
    await screenshot(page, 'intake-1-form-empty');

    await fillDropoutReport(page, '邻居家孩子已经两个星期没去上学了，白天一个人在家。');
    // The late click of the tap that chose the town must not open the list again.
    await page.waitForTimeout(800);
    expect(await page.locator('.division-panel').count()).toBe(0);
    await page.locator('.report-address input').fill('某镇某村三组');
    await screenshot(page, 'intake-2-form-filled');

    await page.locator('.report-submit').click();
    const code = page.locator('.receipt-code');
    await code.waitFor();
    await screenshot(page, 'intake-3-receipt');

    const shown = (await code.textContent()) ?? '';
    expect(isTrackingCode(shown)).toBe(true);

    const reportId = new URL(page.url().replace('/#/', '/')).searchParams.get('id');
    const response = await fetch(`${suite.server.apiBase}/reports/${reportId}`, {
      headers: { authorization: `Bearer ${await storedToken(page)}` },
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as ReporterReportView;
    expect(formatTrackingCode(report.trackingCode)).toBe(shown);
    expect(report).toMatchObject({ status: 'submitted', priority: 'P3' });
  });

  it('refuses to send an incomplete form and says what is missing', async () => {
    const page = await openPhonePage(suite.browser);
    await page.goto(`${suite.server.origin}/#/pages/report/index?channel=mandatory`);
    await page.getByText('您还没有绑定所在单位').waitFor();

    await page.locator('.report-submit').click();

    await page.getByText('请先回答：孩子现在有危险吗？').waitFor();
    await page.getByText('请至少选择一种您看到的情况').waitFor();
    await screenshot(page, 'intake-4-form-problems');
  });
});
