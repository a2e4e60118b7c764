import type { Browser, Locator, Page } from 'playwright-core';
import {
  OUTCOMES_BY_DEPARTMENT,
  type OrderDetail,
  type OrderSummary,
  type Page as ApiPage,
  type ReporterReportView,
} from '@shouhu/shared';
import { apiClient } from '../support/api-client';
import { openPhonePage, screenshot } from '../support/browser';
import { useH5Suite } from '../support/h5-suite';
import { storedToken } from '../support/report-form';

/**
 * Counts what two everyday jobs cost on the H5 build (issue 11's closing note): the taps a person
 * makes (typing into a box is not a tap) and the seconds from the first tap to the result on screen.
 * The walks find their way through whichever screens the build shows — an action's sheet appears
 * only when it has fields to fill — so the same script measures the app before and after a change.
 */
class Stopwatch {
  taps = 0;
  private readonly started = Date.now();

  async tap(target: Locator): Promise<void> {
    this.taps += 1;
    await target.click();
  }

  get seconds(): number {
    return Math.round((Date.now() - this.started) / 100) / 10;
  }
}

async function phoneOf(browser: Browser, openid: string): Promise<Page> {
  const page = await openPhonePage(browser, {
    geolocation: { latitude: 33.4781, longitude: 117.8839 },
    permissions: ['geolocation'],
  });
  await page.addInitScript((id) => {
    window.localStorage.setItem('shouhu.deviceId', JSON.stringify({ data: id }));
  }, openid);
  return page;
}

/** 下一步 until the step titled `title` shows. */
async function next(page: Page, watch: Stopwatch, title: string): Promise<void> {
  await watch.tap(page.locator('.report-next'));
  await page.locator('.section-title', { hasText: title }).first().waitFor();
}

/** Taps the action; fills its sheet when the build shows one; confirms when the build asks. */
async function act(
  page: Page,
  watch: Stopwatch,
  action: string,
  fill: () => Promise<void> = async () => {},
): Promise<void> {
  await watch.tap(page.locator(`.action-${action}`));
  const sheet = page.locator(`.action-panel-${action}`);
  const dialog = page.locator('.nut-dialog-footer-ok', { hasText: '确认' });
  await sheet.or(dialog).first().waitFor();
  if (await sheet.isVisible()) {
    await fill();
    await watch.tap(page.locator('.action-submit'));
    // A reversible act is sent by the sheet's button; an irreversible one asks once more.
    await page.waitForFunction(
      () =>
        !document.querySelector('.action-panel') ||
        Array.from(document.querySelectorAll('.nut-dialog-footer-ok')).some(
          (button) => (button as HTMLElement).offsetParent !== null,
        ),
    );
    if (!(await dialog.isVisible())) return;
  }
  await watch.tap(dialog);
  await page.locator('.action-panel').waitFor({ state: 'detached' });
  await dialog.waitFor({ state: 'detached' });
}

describe('H5 app: taps and seconds of everyday work', () => {
  const suite = useH5Suite('taps', { DEMO_DATA: 'true', SIMULATED_CLOCK: 'true' });
  const api = apiClient(() => suite.server.apiBase);
  const measured: Record<string, { taps: number; seconds: number }> = {};

  afterAll(() => {
    console.log(`taps and seconds: ${JSON.stringify(measured)}`);
  });

  it('a teacher files a 强制报告 about a pupil who stopped coming to school', async () => {
    const page = await phoneOf(suite.browser, 'demo-reporter');
    await page.goto(`${suite.server.origin}/`);
    await page.locator('.home-inbox, .home-track').first().waitFor();
    const watch = new Stopwatch();
    await watch.tap(page.locator('.big-button', { hasText: '我要报告（强制报告）' }));
    await watch.tap(page.locator('.choice', { hasText: /^没有$/ }));
    await next(page, watch, '您看到了什么情况？');
    await watch.tap(page.locator('.choice', { hasText: '不上学了，或无故旷课一周以上、劝不回来' }));
    await watch.tap(page.locator('.whereabouts .choice', { hasText: /^知道$/ }));
    await next(page, watch, '孩子在哪里？');
    await watch.tap(page.locator('.division-field'));
    await watch.tap(page.locator('.division-option', { hasText: '泗城镇' }));
    await watch.tap(page.locator('.big-button', { hasText: '就选泗城镇' }));
    await page.locator('.division-panel').waitFor({ state: 'detached' });
    await next(page, watch, '孩子的情况');
    await page.locator('.report-child-name input').fill('小军');
    await next(page, watch, '发生了什么');
    await page
      .locator('.report-description textarea')
      .fill('学生小军已经两周没来上学，家里电话打不通，家访时家中无人。');
    await next(page, watch, '您的身份');
    await next(page, watch, '请核对后提交');
    await watch.tap(page.locator('.report-submit'));
    await watch.tap(page.locator('.nut-dialog-footer-ok', { hasText: '确认提交' }));
    await page.locator('.receipt-code').waitFor();
    measured.teacherReport = { taps: watch.taps, seconds: watch.seconds };
    await screenshot(page, 'taps-teacher-receipt');
    const id = new URL(page.url().replace('/#/', '/')).searchParams.get('id');
    const filed = await api.call<ReporterReportView>(
      'GET',
      `/reports/${id}`,
      await storedToken(page),
    );
    expect(filed.reported).toEqual({
      description: '学生小军已经两周没来上学，家里电话打不通，家访时家中无人。',
      situations: ['dropout'],
    });
  });

  it('a township supervisor takes an order from 签收 to 办结', async () => {
    const token = await api.login('demo-township');
    const list = await api.call<ApiPage<OrderSummary>>('GET', '/orders?pageSize=100', token);
    const order = list.items.find((o) => o.status === 'dispatched' && o.department === 'township');
    if (!order) throw new Error('the demo township has no order to sign');
    const page = await phoneOf(suite.browser, 'demo-township');
    await page.goto(`${suite.server.origin}/#/staff/order/index?id=${order.id}`);
    await page.locator('.action-sign').waitFor();
    const watch = new Stopwatch();
    await act(page, watch, 'sign');
    await page.locator('.order-detail-status', { hasText: '办理中' }).waitFor();
    await act(page, watch, 'contact', async () => {
      await page.locator('.action-text textarea').fill('已到家中见到孩子，身体无恙。');
    });
    await act(page, watch, 'resolve', async () => {
      await watch.tap(page.locator('.action-panel .choice').first());
      const texts = page.locator('.action-text textarea');
      await texts.nth(0).fill('孩子已经回到学校上课，老师会继续关注。');
      await texts.nth(1).fill('家访两次，与家长签订复学承诺书。');
    });
    await page.locator('.order-detail-status', { hasText: '已办结' }).waitFor();
    measured.signToResolve = { taps: watch.taps, seconds: watch.seconds };
    await screenshot(page, 'taps-supervisor-resolved');
    // Issue 11's count: 签收 and its confirmation, 接触 and its sheet's button, 办结's outcome,
    // button and confirmation after the action itself. A new dialog or step shows here.
    expect(watch.taps).toBe(8);
    const worked = await api.call<OrderDetail>('GET', `/orders/${order.id}`, token);
    expect(worked.order).toMatchObject({
      status: 'resolved',
      outcome: { code: OUTCOMES_BY_DEPARTMENT.township[0] },
    });
    expect(worked.timeline.find((e) => e.kind === 'contacted')?.text).toContain(
      '已到家中见到孩子，身体无恙',
    );
  });
});
