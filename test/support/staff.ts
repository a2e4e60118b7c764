import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { openPhonePage } from './browser';

/** A phone logged in as `openid`: the H5 app logs in with its stored device id. */
export async function phoneOf(
  browser: Browser,
  openid: string,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const page = await openPhonePage(browser, options);
  await page.addInitScript((id) => {
    window.localStorage.setItem('shouhu.deviceId', JSON.stringify({ data: id }));
  }, openid);
  return page;
}

/** A dialog that was closed can stay in the page, hidden: tap the one on screen. */
async function confirm(page: Page): Promise<void> {
  await page
    .locator('.nut-dialog-footer-ok', { hasText: '确认' })
    .filter({ visible: true })
    .click();
}

/**
 * On the staff order page: taps an action and fills its sheet, if it has fields; confirms in the
 * dialog when the act asks (`asks`: no fields, or it cannot be taken back, or the reporter will
 * read it); waits for the toast that says it is done.
 */
export async function act(
  page: Page,
  action: string,
  { fill, asks, toast }: { fill?: () => Promise<void>; asks: boolean; toast: string },
): Promise<void> {
  await page.locator(`.action-${action}`).click();
  if (fill) {
    await page.locator(`.action-panel-${action}`).waitFor();
    await fill();
    await page.locator('.action-submit').click();
  }
  if (asks) await confirm(page);
  await page.locator('.action-panel').waitFor({ state: 'detached' });
  await page.locator('.taro__toast p', { hasText: toast }).waitFor();
}
