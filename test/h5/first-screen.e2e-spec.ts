import type { Page, Response } from 'playwright-core';
import { openPhonePage, screenshot } from '../support/browser';
import { useH5Suite } from '../support/h5-suite';

/**
 * The first screen on a village network: Chrome's own throttling (CDP
 * `Network.emulateNetworkConditions`) at 750 kbps and on a weak link. The shell in index.html must
 * show 拨打110 long before the app's scripts arrive; the numbers are printed for README.
 */
const LINKS = [
  { name: '750 kbps', kbps: 750, latencyMs: 150, budget110Ms: 2000 },
  { name: 'weak link (250 kbps, 400 ms)', kbps: 250, latencyMs: 400, budget110Ms: 4000 },
];

async function throttle(page: Page, kbps: number, latencyMs: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: latencyMs,
    downloadThroughput: (kbps * 1000) / 8,
    uploadThroughput: (kbps * 1000) / 8,
  });
}

describe('H5 app: the first screen on a slow link', () => {
  const suite = useH5Suite('first-screen');

  it.each(LINKS)(
    'on $name shows 拨打110 within its budget, then the home page',
    async ({ name, kbps, latencyMs, budget110Ms }) => {
      const page = await openPhonePage(suite.browser);
      const assets: Response[] = [];
      page.on('response', (response) => {
        if (/\.(js|css)$/.test(new URL(response.url()).pathname)) assets.push(response);
      });
      await throttle(page, kbps, latencyMs);

      const start = Date.now();
      await page.goto(`${suite.server.origin}/`, { waitUntil: 'commit' });
      await page.locator('#boot-shell a[href="tel:110"]', { hasText: '拨打110' }).waitFor();
      const call110Ms = Date.now() - start;
      await expect(page.locator('#boot-shell a[href="tel:12355"]').isVisible()).resolves.toBe(true);
      await page.locator('.home-mine', { hasText: '我的报告' }).waitFor({ timeout: 60_000 });
      await page.locator('#boot-shell').waitFor({ state: 'detached' });
      const homeMs = Date.now() - start;
      console.log(
        `first screen on ${name}: 拨打110 after ${call110Ms} ms, home page after ${homeMs} ms`,
      );
      await screenshot(page, `first-screen-${kbps}kbps`);

      expect(call110Ms).toBeLessThan(budget110Ms);
      expect(assets.length).toBeGreaterThan(0);
      for (const asset of assets) {
        const headers = await asset.allHeaders();
        // The build leaves files under 1 KB uncompressed (miniprogram/scripts/precompress.mjs).
        const compressed =
          headers['content-encoding'] === 'br' || Number(headers['content-length']) < 1024;
        expect([asset.url(), compressed]).toEqual([asset.url(), true]);
        expect([asset.url(), headers['cache-control']]).toEqual([
          asset.url(),
          'public, max-age=31536000, immutable',
        ]);
      }
      await page.context().close();
    },
  );

  it('sends index.html compressed and never kept unchecked, so a release reaches phones', async () => {
    const response = await fetch(`${suite.server.origin}/`, {
      headers: { 'accept-encoding': 'br' },
    });

    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('tel:110');
  });

  it('loads the home page with every request answered, the favicon too, and no console error', async () => {
    const page = await openPhonePage(suite.browser);
    const failed: string[] = [];
    const consoleErrors: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => failed.push(`failed ${request.url()}`));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });

    await page.goto(`${suite.server.origin}/`);
    await page.locator('.home-mine', { hasText: '我的报告' }).waitFor({ timeout: 30_000 });
    const icon = await page.evaluate(async () => {
      const response = await fetch('/favicon.ico');
      return { status: response.status, type: response.headers.get('content-type') };
    });

    expect(icon).toEqual({ status: 200, type: expect.stringMatching(/icon$/) });
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('offers the way home on an address the app does not know, instead of loading for ever', async () => {
    const page = await openPhonePage(suite.browser);
    await page.goto(`${suite.server.origin}/#/pages/no-such-page/index`);

    const home = page.locator('#boot-shell .boot-home', { hasText: '返回首页' });
    await home.waitFor({ timeout: 20_000 });
    await screenshot(page, 'first-screen-unknown-address');
    await home.click();

    await page.locator('.home-mine', { hasText: '我的报告' }).waitFor({ timeout: 30_000 });
    expect(page.url()).toBe(`${suite.server.origin}/#/pages/index/index`);
    await page.context().close();
  });
});
