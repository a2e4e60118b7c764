import type { Page } from 'playwright-core';
import type { OrderSummary, Page as ApiPage } from '@shouhu/shared';
import { apiClient } from '../support/api-client';
import { screenshot } from '../support/browser';
import { useH5Suite } from '../support/h5-suite';
import { phoneOf } from '../support/staff';

/** The colours the board draws its bars in (board/index.tsx). */
const REPORTS_BLUE = [0x16, 0x64, 0xff];
const CLOCKS_GREEN = [0x2b, 0xa4, 0x71];

/** Where each bar of a chart stands: the bands laid over its canvas, in CSS pixels. */
async function bands(page: Page, chart: string) {
  return page.locator(`${chart} .bar-hit`).evaluateAll((hits) =>
    hits.map((hit) => {
      const { left, top, width, height } = (hit as HTMLElement).style;
      return {
        left: parseFloat(left),
        top: parseFloat(top),
        width: parseFloat(width),
        height: parseFloat(height),
      };
    }),
  );
}

/**
 * Whether the chart's canvas holds `colour` anywhere in the rectangle (CSS pixels): a bar drawn
 * there, or not.
 */
async function drawnIn(
  page: Page,
  canvasId: string,
  colour: number[],
  box: { left: number; top: number; width: number; height: number },
): Promise<boolean> {
  return page.evaluate(
    ({ canvasId, colour, box }) => {
      const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
      const scale = canvas.width / canvas.clientWidth;
      const pixels = canvas
        .getContext('2d')!
        .getImageData(
          Math.round(box.left * scale),
          Math.round(box.top * scale),
          Math.max(1, Math.round(box.width * scale)),
          Math.max(1, Math.round(box.height * scale)),
        ).data;
      for (let i = 0; i < pixels.length; i += 4) {
        if (colour.every((value, c) => Math.abs(pixels[i + c] - value) <= 2)) return true;
      }
      return false;
    },
    { canvasId, colour, box },
  );
}

/**
 * Taps a period and follows the trend frame by frame: from the frame its table first shows the new
 * period, how many frames pass before its canvas shows the same (a bar rising from the foot of each
 * step's band exactly where the table counts a report), and what the canvas showed then.
 */
async function framesToRedraw(page: Page, period: string) {
  const before = await page.evaluate(
    () => document.querySelector('.stats-reports .bar-table')?.textContent,
  );
  await page.locator(`.period-${period}`).click();
  return page.evaluate(
    async ({ before, blue }) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const table = () => document.querySelector('.stats-reports .bar-table')?.textContent;
      const canvas = document.getElementById('stats-trend') as HTMLCanvasElement;
      const rows = () =>
        Array.from(document.querySelectorAll('.stats-reports .bar-row'), (row) => [
          row.querySelector('.bar-label')?.textContent ?? '',
          Number(row.querySelector('.bar-value')?.textContent) > 0,
        ]);
      const drawn = () => {
        const scale = canvas.width / canvas.clientWidth;
        const context = canvas.getContext('2d')!;
        return Array.from(document.querySelectorAll('.stats-reports .bar-hit'), (hit, i) => {
          const { left, top, width, height } = (hit as HTMLElement).style;
          const x = (parseFloat(left) + parseFloat(width) / 2) * scale;
          const y = (parseFloat(top) + parseFloat(height) - 2) * scale;
          const pixel = context.getImageData(Math.round(x), Math.round(y), 1, 1).data;
          const label =
            document.querySelectorAll('.stats-reports .bar-label')[i]?.textContent ?? '';
          return [label, blue.every((value, c) => Math.abs(pixel[c] - value) <= 2)];
        });
      };
      let waited = 0;
      while (table() === before || document.querySelector('.stats-loading')) {
        if (++waited > 600) return { frames: Infinity, rows: [], drawn: [] };
        await frame();
      }
      const wanted = JSON.stringify(rows());
      for (let frames = 0; frames < 120; frames++) {
        if (JSON.stringify(drawn()) === wanted) return { frames, rows: rows(), drawn: drawn() };
        await frame();
      }
      return { frames: Infinity, rows: rows(), drawn: drawn() };
    },
    { before, blue: REPORTS_BLUE },
  );
}

describe('H5 app: the coordinator’s page of numbers', () => {
  const suite = useH5Suite('board', { DEMO_DATA: 'true', SIMULATED_CLOCK: 'true' });
  const api = apiClient(() => suite.server.apiBase);

  beforeAll(async () => {
    // Reports in three villages of 泗城镇, one placed only in the township, two in 墩集镇.
    const neighbour = await api.login('board-neighbour');
    for (const divisionCode of [
      '341324100203',
      '341324100203',
      '341324100207',
      '341324100',
      '341324101200',
      '341324101200',
    ]) {
      await api.call('POST', '/reports', neighbour, {
        channel: 'public',
        situations: ['guardianship_absent'],
        immediateDanger: false,
        description: '孩子的父母都在外地，家里只有他一个人住。',
        discoveredAt: new Date().toISOString(),
        location: { divisionCode },
        child: {},
        reporter: { anonymous: true },
      });
    }
    // 泗城镇's supervisor signs every order at once; nobody else does before the clock runs out.
    const township = await api.login('demo-township');
    const waiting = await api.call<ApiPage<OrderSummary>>(
      'GET',
      '/orders?status=dispatched&pageSize=100',
      township,
    );
    for (const order of waiting.items) {
      await api.call('POST', `/orders/${order.id}/sign`, township);
    }
    // Past every P2 sign clock (2 hours).
    const admin = await api.login('demo-admin');
    await api.call('PUT', '/admin/clock', admin, {
      now: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    });
    await api.call('POST', '/admin/sla/sweep', admin);
  });

  async function board(openid: string): Promise<Page> {
    const page = await phoneOf(suite.browser, openid);
    await page.goto(`${suite.server.origin}/`);
    await page.locator('.home-board').click();
    await page.locator('.stats-reports .bar-row').first().waitFor();
    // This year's figures: the three hours may cross midnight into a new month.
    await page.locator('.period-this_year').click();
    await page.locator('.period-this_year.tab-active').waitFor();
    await page.locator('.stats-loading').waitFor({ state: 'detached' });
    await page.locator('.stats-reports .section-title', { hasText: /收到报告 [1-9]/ }).waitFor();
    return page;
  }

  it('names the county in its place filter, and breaks a chosen township into its villages', async () => {
    const page = await board('demo-coordinator');

    await page.locator('.stats-place .scope-field', { hasText: '全县（全部乡镇）' }).waitFor();
    await page.locator('.stats-places .section-title', { hasText: '各乡镇报告数' }).waitFor();
    await page.locator('.scope-field').click();
    await page.locator('.scope-option', { hasText: '泗城镇' }).click();
    await page.locator('.scope-done', { hasText: '就选泗城镇' }).click();

    await page.locator('.stats-places .section-title', { hasText: '各村（社区）报告数' }).waitFor();
    const places = await page.locator('.stats-places .bar-label').allTextContents();
    expect(places).toEqual(
      expect.arrayContaining(['泗城镇（未写到村）', '关庙村委会', '胡陈村委会']),
    );
    expect(places.join()).not.toContain('墩集');
  });

  it('draws a unit at 0 % as a bar marked 0 %, and opens its orders from the bar', async () => {
    const page = await board('demo-coordinator');
    const units = await page
      .locator('.stats-clocks .bar-row')
      .evaluateAll((rows) =>
        rows.map((row) => [
          row.querySelector('.bar-label')?.textContent,
          row.querySelector('.bar-value')?.textContent,
        ]),
      );
    const police = units.findIndex(([name]) => name === '泗县公安局');
    expect(units[police]).toEqual(['泗县公安局', '0% ›']);
    expect(units).toContainEqual(['泗城镇儿童督导站', '100% ›']);
    await screenshot(page, 'board-1-county');

    const rows = await bands(page, '.stats-clocks');
    expect(rows).toHaveLength(units.length);
    // The row's middle third, clear of its neighbours: a sliver of green where 0 % is.
    const row = rows[police];
    const middle = { ...row, top: row.top + row.height / 3, height: row.height / 3 };
    expect(await drawnIn(page, 'stats-clock-units', CLOCKS_GREEN, middle)).toBe(true);

    await page.locator('.stats-clocks .bar-hit-link').nth(police).tap();

    await page.locator('.tab-active.result-escalated, .tab-active.result-overdue').waitFor();
    expect(decodeURIComponent(page.url())).toContain('unitName=泗县公安局&clock=sign');
    await page.locator('.order-card').first().waitFor();
  });

  it('redraws the trend with each period’s numbers as soon as the table shows them', async () => {
    const page = await board('demo-coordinator');

    for (const period of ['this_month', 'last_month', 'this_quarter', 'this_year']) {
      const { frames, rows, drawn } = await framesToRedraw(page, period);
      expect(drawn).toEqual(rows);
      // Drawn within a few frames of the table (a new F2 canvas for each period took 8 or more).
      expect(frames).toBeLessThanOrEqual(5);
    }
  });
});
