import type { Page } from 'playwright-core';
import type { ReporterReportView } from '@shouhu/shared';
import { openPhonePage, screenshot } from '../support/browser';
import {
  answerNoDanger,
  chooseDropout,
  chooseSichengTown,
  describeWhatHappened,
  fillDropoutReport,
  nextStep,
  storedToken,
  submitReport,
} from '../support/report-form';
import { useH5Suite } from '../support/h5-suite';

describe('H5 app: nothing typed is lost, nothing sent is filed twice', () => {
  const suite = useH5Suite('drafts');

  async function myReports(page: Page): Promise<ReporterReportView[]> {
    const response = await fetch(`${suite.server.apiBase}/reports/mine`, {
      headers: { authorization: `Bearer ${await storedToken(page)}` },
    });
    return (await response.json()) as ReporterReportView[];
  }

  const formUrl = () => `${suite.server.origin}/#/pages/report/index?channel=public`;

  it('resumes a draft after the page is reloaded', async () => {
    const page = await openPhonePage(suite.browser);
    await page.goto(formUrl());
    await answerNoDanger(page);
    await chooseDropout(page);
    await chooseSichengTown(page);
    await nextStep(page, '孩子的情况');
    await nextStep(page, '发生了什么');
    await describeWhatHappened(page, '草稿：孩子这周一直没来上学。');

    await page.reload();

    await page.getByText('第5步，共7步', { exact: false }).waitFor();
    await expectText(page, '.report-description textarea', '草稿：孩子这周一直没来上学。');
    await screenshot(page, 'drafts-1-resumed');
    await page.locator('.report-back').click();
    await page.locator('.report-back').click();
    await page.locator('.division-field').getByText('安徽省 宿州市 泗县 泗城镇').waitFor();
    await page.locator('.report-back').click();
    await page.locator('.choice-selected', { hasText: '不上学了' }).waitFor();
  });

  it('files exactly one report when the answer is lost and the app retries', async () => {
    const page = await openPhonePage(suite.browser);
    await page.goto(formUrl());
    await fillDropoutReport(page, '网络不好：孩子两周没上学，奶奶说他去打工了。');
    // The request reaches the server and is filed, but the phone never hears back.
    await page.route('**/api/v1/reports', async (route) => {
      await route.fetch();
      await route.abort('failed');
    });

    await submitReport(page);
    await page.locator('.report-unsent').waitFor();
    await screenshot(page, 'drafts-2-unsent');
    await page.unroute('**/api/v1/reports');
    await page.locator('.report-retry').click();

    await page.locator('.receipt-code').waitFor();
    const reports = await myReports(page);
    expect(reports).toHaveLength(1);
    expect(reports[0].trackingCode).toBe(
      new URL(page.url().replace('/#/', '/')).searchParams.get('code'),
    );
  });

  it('sends an unsent report from the home page after a restart, once, and says it waited', async () => {
    const page = await openPhonePage(suite.browser);
    await page.goto(formUrl());
    await fillDropoutReport(page, '没有信号：孩子一个人在家，已经三天没人管。');
    await page.route('**/api/v1/reports', (route) => route.abort('internetdisconnected'));

    await submitReport(page);
    await page.locator('.report-unsent').waitFor();
    await page.goto(`${suite.server.origin}/#/pages/index/index`);
    await page.reload();

    await page.getByText('1 份报告等待发送，联网后自动发送').waitFor();
    await screenshot(page, 'drafts-3-waiting-on-home');
    expect(await myReports(page)).toHaveLength(0);
    await page.unroute('**/api/v1/reports');

    // Nobody taps anything: the outbox tries again on its own.
    await page.getByText('等待发送的报告已发送').waitFor({ timeout: 20_000 });
    await screenshot(page, 'drafts-3-sent-on-home');
    expect(await myReports(page)).toHaveLength(1);
    await page.locator('.home-mine').click();
    const listed = page.locator('.my-report', { hasText: '没有信号：孩子一个人在家' });
    await listed.waitFor();
    await screenshot(page, 'drafts-3-mine');
    await listed.locator('.my-report-receipt').click();
    await page.locator('.receipt-code').waitFor();
  });
});

async function expectText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([sel, expected]) =>
      (document.querySelector(sel) as HTMLTextAreaElement | null)?.value === expected,
    [selector, text] as const,
  );
}
