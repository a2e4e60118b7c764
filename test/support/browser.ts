import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { REPO_ROOT } from './server';

/** Debian's chromium; nothing is downloaded. Flags keep it off the (closed) network. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS_DIR = resolve(REPO_ROOT, 'test', 'artifacts');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

/** A phone-sized page; `options` add what a test needs, such as a position. */
export async function openPhonePage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    ...options,
  });
  return context.newPage();
}

/**
 * Saves the whole current screen under test/artifacts/ so anyone can look at the screens. Taro's H5
 * pages scroll inside their own container and slide in, so wait for the slide to end and grow the
 * viewport to the page's height for the shot.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth);
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('page has no viewport');
  const contentHeight = await page.evaluate(() =>
    Math.max(0, ...Array.from(document.querySelectorAll('.page'), (el) => el.scrollHeight)),
  );
  await page.setViewportSize({
    width: viewport.width,
    height: Math.max(viewport.height, contentHeight),
  });
  await page.screenshot({ path: resolve(ARTIFACTS_DIR, `${name}.png`) });
  await page.setViewportSize(viewport);
}
