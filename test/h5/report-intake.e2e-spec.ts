import type { Page } from 'playwright-core';
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

/** The element is inside the viewport as it stands, with no scrolling. */
async function expectOnScreen(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  const viewport = page.viewportSize();
  expect(box && viewport && box.y >= 0 && box.y + box.height <= viewport.height).toBe(true);
}

/** `lower` starts where `upper` ends or further down: they do not overlap. */
async function expectBelow(page: Page, lower: string, upper: string): Promise<void> {
  const [top, bottom] = await Promise.all([
    page.locator(upper).boundingBox(),
    page.locator(lower).boundingBox(),
  ]);
  expect(top && bottom && bottom.y >= top.y + top.height).toBe(true);
}

describe('H5 app: a neighbour files a report', () => {
  const suite = useH5Suite('intake');

  it('fills the form, submits, sees the tracking code, and the report is stored', async () => {
    const page = await openPhonePage(suite.browser);
    await page.goto(`${suite.server.origin}/`);
    await page.locator('.big-button', { hasText: '我要举报/求助' }).click();
    await screenshot(page, 'intake-step-0-empty');

    await page.locator('.report-step-current', { hasText: '危险' }).waitFor();
    await answerNoDanger(page, { screenshots: 'intake' });
    // 18 situations and more: 下一步 stays on screen without scrolling, and the step is marked.
    await page.locator('.report-step-current', { hasText: '情况' }).waitFor();
    await expectOnScreen(page, '.report-next');
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
    await page.locator('.report-counter', { hasText: '还需至少10字' }).waitFor();
    await describeWhatHappened(page, '孩子没上学');
    await page.locator('.report-counter', { hasText: '还需至少5字' }).waitFor();
    await expectBelow(page, '.report-counter', '.report-description');
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

  it('keeps an unknown tracking code on the page, with the box again and 返回首页', async () => {
    const page = await openPhonePage(suite.browser);
    await page.goto(`${suite.server.origin}/#/pages/track/index`);
    await page.locator('.track-code input').fill('ACDE-FGHJ-KM');
    await page.locator('.track-submit').click();
    await page.getByText('没有找到这个查询码的报告').waitFor();
    await page.locator('.track-code input').waitFor();
    await screenshot(page, 'intake-track-unknown');
    expect(page.url()).toBe(`${suite.server.origin}/#/pages/track/index`);
    await page.locator('.back-home').click();
    await page.locator('.home-track').waitFor();
    expect(page.url()).toMatch(/#\/pages\/index\/index$/);
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
