import type { Locator, Page } from 'playwright-core';
import {
  DEPARTMENT_KINDS,
  REPORTER_ORDER_STATUS_LABELS,
  formatTrackingCode,
  type OrderSummary,
  type Page as ApiPage,
  type SituationCode,
} from '@shouhu/shared';
import { apiClient } from '../support/api-client';
import { openPhonePage, screenshot } from '../support/browser';
import {
  ADMIN_OPENID,
  DUNJI,
  SICHENG,
  SIXIAN,
  countyUnit,
  setUpCounty,
  type County,
} from '../support/county';
import { useH5Suite } from '../support/h5-suite';
import { chooseCountyOnly, chooseTown, fillReport, submitReport } from '../support/report-form';

const COORDINATOR = 'e2e-coordinator';

/**
 * Places 泗县's coordinator covers but no township unit does: the county itself (the reporter
 * knows no town) and a town without a 儿童督导站. Each report names the township, as lead or
 * assist, so its township order waits in the coordinator's unrouted queue.
 */
const PLACES: {
  name: string;
  situation: SituationCode;
  place: (page: Page) => Promise<void>;
  description: string;
}[] = [
  {
    name: 'county',
    situation: 'dropout',
    place: chooseCountyOnly,
    description: '听说县里有个孩子两个多月没去上学了，具体哪个镇不清楚。',
  },
  {
    name: 'town-without-station',
    situation: 'violence_abuse',
    place: (page) => chooseTown(page, DUNJI.name),
    description: '墩集镇集市上看到一个孩子胳膊和腿上都是伤，说是家里人打的。',
  },
];

/** A line on the reporter's pages, worked out from the staff side: who really holds the order. */
interface Truth {
  department: OrderSummary['department'];
  /** 县联席办（待分派到乡镇）（协助）, as the receipt lists it. */
  line: string;
  /** The same with the order's state, as 我的报告 and the progress page list it. */
  lineWithStatus: string;
}

/**
 * The reporter's pages that say where each order is, each with how to open it and its lines.
 * `receipt` is the page the report form lands on.
 */
const REPORTER_PAGES: {
  name: string;
  withStatus: boolean;
  open: (page: Page, origin: string, report: { id: string; code: string }) => Promise<Locator>;
}[] = [
  {
    name: 'receipt',
    withStatus: false,
    open: async (page) => {
      await page.locator('.receipt-code').waitFor();
      return page.locator('.receipt-department');
    },
  },
  {
    name: 'mine',
    withStatus: true,
    open: async (page, origin, { code }) => {
      await page.goto(`${origin}/#/pages/mine/index`);
      const listed = page.locator('.my-report', { hasText: formatTrackingCode(code) });
      await listed.waitFor();
      return listed.locator('.report-department-name');
    },
  },
  {
    name: 'progress',
    withStatus: true,
    open: async (page, _origin, { code }) => {
      // 我的报告 → the report, as a reporter gets there.
      await page.locator('.my-report', { hasText: formatTrackingCode(code) }).click();
      await page.locator('.progress-departments').waitFor();
      return page.locator('.progress-departments .report-department-name');
    },
  },
  {
    name: 'track',
    withStatus: true,
    open: async (page, origin, { code }) => {
      await page.goto(`${origin}/#/pages/track/index`);
      await page.locator('.track-code input').fill(formatTrackingCode(code));
      await page.locator('.track-submit').click();
      await page.locator('.progress-departments').waitFor();
      return page.locator('.progress-departments .report-department-name');
    },
  },
];

describe('H5 app: the receipt of an unrouted report says where each order really is', () => {
  const suite = useH5Suite('unrouted', {
    ADMIN_OPENIDS: ADMIN_OPENID,
    DIVISIONS: SIXIAN.code,
  });
  const api = apiClient(() => suite.server.apiBase);
  let county: County;

  // Police, civil affairs and education cover the whole county; only 泗城镇 has a 儿童督导站.
  beforeAll(async () => {
    county = await setUpCounty(
      api,
      {
        name: '泗县未成年人保护联席会议办公室',
        department: 'coordinator',
        divisionPrefixes: [SIXIAN.code],
        staff: COORDINATOR,
      },
      [
        countyUnit('police', '泗县公安局'),
        countyUnit('civil_affairs', '泗县民政局'),
        countyUnit('education', '泗县教育局'),
        { name: '泗城镇儿童督导站', department: 'township', divisionPrefixes: [SICHENG.code] },
      ],
    );
  });

  /**
   * Where the report's orders are, as the coordinator's lists have them: the unrouted queue is
   * the coordinator's, an order without a unit the administrator's, any other its unit's.
   */
  async function truthOf(reportId: string): Promise<Truth[]> {
    const token = await api.login(COORDINATOR);
    const list = (query: string) =>
      api.call<ApiPage<OrderSummary>>('GET', `/orders?pageSize=100${query}`, token);
    const unrouted = new Set((await list('&queue=unrouted')).items.map((o) => o.id));
    const orders = (await list('')).items.filter((o) => o.reportId === reportId);
    return orders.map((order) => {
      const kind = DEPARTMENT_KINDS[order.department];
      const holder =
        order.unitId === null
          ? `系统管理员（待分派到${kind}）`
          : unrouted.has(order.id) || order.status === 'returned'
            ? `县联席办（待分派到${kind}）`
            : kind;
      const line = `${holder}${order.role === 'lead' ? '（牵头）' : '（协助）'}`;
      return {
        department: order.department,
        line,
        lineWithStatus: `${line}：${REPORTER_ORDER_STATUS_LABELS[order.status]}`,
      };
    });
  }

  it.each(PLACES)(
    'at a place without a township unit ($name), every page names the coordinator for the township order',
    async ({ name, situation, place, description }) => {
      const page = await openPhonePage(suite.browser);
      await page.goto(`${suite.server.origin}/#/pages/report/index?channel=public`);
      await fillReport(page, { situation, place, description });
      await screenshot(page, `unrouted-${name}-0-review`);
      await submitReport(page);
      await page.locator('.receipt-code').waitFor();
      const params = new URL(page.url().replace('/#/', '/')).searchParams;
      const report = { id: params.get('id') ?? '', code: params.get('code') ?? '' };

      const truth = await truthOf(report.id);
      // The place really has no township unit: the township order waits for the coordinator.
      expect(truth.filter((t) => t.department === 'township').map((t) => t.line)).toEqual([
        expect.stringMatching(/^县联席办（待分派到乡镇）/),
      ]);

      for (const [step, reporterPage] of REPORTER_PAGES.entries()) {
        // Taro keeps the pages left behind in the document, hidden: read the one on screen.
        const lines = (await reporterPage.open(page, suite.server.origin, report)).filter({
          visible: true,
        });
        await lines.first().waitFor();
        const shown = (await lines.allTextContents()).map((text) => text.trim());
        const expected = truth.map((t) => (reporterPage.withStatus ? t.lineWithStatus : t.line));
        expect({ page: reporterPage.name, lines: [...shown].sort() }).toEqual({
          page: reporterPage.name,
          lines: [...expected].sort(),
        });
        // Never that a township unit has it, and never a unit's name.
        expect(shown.filter((line) => line.startsWith(DEPARTMENT_KINDS.township))).toEqual([]);
        const text = await page.locator('body').innerText();
        for (const unit of county.units) expect(text).not.toContain(unit.name);
        await screenshot(page, `unrouted-${name}-${step + 1}-${reporterPage.name}`);
      }
    },
  );
});
