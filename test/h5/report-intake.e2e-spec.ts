import type { ReporterReportView } from '@shouhu/shared';
import { formatTrackingCode, isTrackingCode } from '@shouhu/shared';
import { openPhonePage, screenshot } from '../support/browser';
import {
  answerNoDanger,
  chooseDropout,
  chooseSichengTown,
  describeWhatHappened,
  nextStep,
  storedToken,
} from '../support/report-form';
import { useH5Suite } from '../support/h5-suite';

describe('H5 app: a neighbour files a report', () => {
  const suite = useH5Suite('intake');

  it('fills the form, submits, sees the tracking code, and the report is stored', async () => {
    const page = await openPhonePage(suite.browser);
    await page.goto(`${suite.server.origin}/`);
    await page.locator('.big-button', { hasText: '我要举报/求助' }).click();
    await screenshot(page, 'intake-step-0-empty');

    await answerNoDanger(page, { screenshots: 'intake' });
    await chooseDropout(page, { screenshots: 'intake' });
    await chooseSichengTown(page);
    // The late click of the tap that chose the town must not open the list again.
    await page.waitForTimeout(800);
    expect(await page.locator('.division-panel').count()).toBe(0);
    await page.locator('.report-address input').fill('某镇某村三组');
    await screenshot(page, 'intake-step-3-place');
    await nextStep(page, '孩子的情况');
    await page.locator('.report-child-name input').fill('小军');
    await page.locator('.choice', { hasText: /^男$/ }).click();
    await page.locator('.report-child-age input').fill('11');
    await screenshot(page, 'intake-step-4-child');
    await nextStep(page, '发生了什么');
    await describeWhatHappened(page, '邻居家孩子已经两个星期没去上学了，白天一个人在家。');
    await screenshot(page, 'intake-step-5-story');
    await nextStep(page, '您的身份');
    await screenshot(page, 'intake-step-6-reporter');
    await nextStep(page, '请核对后提交');
    await page.locator('.review-value', { hasText: '小军，男，11岁' }).waitFor();
    await screenshot(page, 'intake-step-7-review');

    await page.locator('.report-submit').click();
    await page.getByText('确认提交这份报告？').waitFor();
    await screenshot(page, 'intake-step-8-confirm');
    await page.locator('.nut-dialog-footer-ok', { hasText: '确认提交' }).click();
    const code = page.locator('.receipt-code');
    await code.waitFor();
    await screenshot(page, 'intake-step-9-receipt');
    // The suite's server has no units: the orders wait in the admin queue, and the receipt says so.
    await page
      .locator('.receipt-order', { hasText: '系统管理员（待分派到乡镇）（牵头）' })
      .waitFor();

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

  it('does not move on from a step until it is answered, and says what is missing', async () => {
    const page = await openPhonePage(suite.browser);
    await page.goto(`${suite.server.origin}/#/pages/report/index?channel=mandatory`);
    await page.getByText('您还没有绑定所在单位').waitFor();

    await page.locator('.report-next').click();

    await page.getByText('请先回答：孩子现在有危险吗？').waitFor();
    await screenshot(page, 'intake-problems-step-1');
    await answerNoDanger(page);
    await page.locator('.report-next').click();
    await page.getByText('请至少选择一种您看到的情况').waitFor();
    expect(await page.getByText('孩子在哪里？').count()).toBe(0);
  });
});
