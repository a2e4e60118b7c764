import type { Browser, Page } from 'playwright-core';
import type { ReporterReportView } from '@shouhu/shared';
import { formatTrackingCode, isTrackingCode } from '@shouhu/shared';
import { launchBrowser, openPhonePage, screenshot } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startServer, type RunningServer } from '../support/server';

/** Taro's H5 storage wraps every value as `{"data": …}` in localStorage. */
async function storedToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => window.localStorage.getItem('shouhu.token'));
  if (!raw) throw new Error('the app stored no token');
  return (JSON.parse(raw) as { data: string }).data;
}

describe('H5 app: a neighbour files a report', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase('h5');
    server = await startServer({ DATABASE_URL: database.url, DEMO_DATA: 'false' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('fills the form, submits, sees the tracking code, and the report is stored', async () => {
    const page = await openPhonePage(browser);
    await page.goto(`${server.origin}/`);
    await page.locator('.big-button', { hasText: '我要举报/求助' }).click();
    await page.getByText('孩子现在有危险吗？').waitFor();
    await screenshot(page, 'intake-1-form-empty');

    await page.locator('.choice', { hasText: /^没有$/ }).click();
    await page.locator('.choice', { hasText: '不上学了，或无故旷课一周以上、劝不回来' }).click();
    await page
      .locator('.report-description textarea')
      .fill('邻居家孩子已经两个星期没去上学了，白天一个人在家。');
    await page.locator('.division-field').getByText('安徽省 宿州市 泗县').waitFor();
    await page.locator('.division-field').click();
    await page.locator('.division-option', { hasText: '泗城镇' }).click();
    await page.locator('.big-button', { hasText: '就选泗城镇' }).click();
    await page.locator('.division-field').getByText('安徽省 宿州市 泗县 泗城镇').waitFor();
    await page.locator('.report-address input').fill('某镇某村三组');
    await screenshot(page, 'intake-2-form-filled');

    await page.locator('.report-submit').click();
    const code = page.locator('.receipt-code');
    await code.waitFor();
    await screenshot(page, 'intake-3-receipt');

    const shown = (await code.textContent()) ?? '';
    expect(isTrackingCode(shown)).toBe(true);

    const reportId = new URL(page.url().replace('/#/', '/')).searchParams.get('id');
    const response = await fetch(`${server.apiBase}/reports/${reportId}`, {
      headers: { authorization: `Bearer ${await storedToken(page)}` },
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as ReporterReportView;
    expect(formatTrackingCode(report.trackingCode)).toBe(shown);
    expect(report).toMatchObject({ status: 'submitted', priority: 'P3' });
  });

  it('refuses to send an incomplete form and says what is missing', async () => {
    const page = await openPhonePage(browser);
    await page.goto(`${server.origin}/#/pages/report/index?channel=mandatory`);
    await page.getByText('您还没有绑定所在单位').waitFor();

    await page.locator('.report-submit').click();

    await page.getByText('请先回答：孩子现在有危险吗？').waitFor();
    await page.getByText('请至少选择一种您看到的情况').waitFor();
    await screenshot(page, 'intake-4-form-problems');
  });
});
