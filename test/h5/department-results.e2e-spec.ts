import type { BrowserContext } from 'playwright-core';
import {
  DEPARTMENTS,
  DEPARTMENT_KINDS,
  OUTCOMES_BY_DEPARTMENT,
  OUTCOME_LABELS,
  formatTrackingCode,
  type OrderSummary,
  type Page as ApiPage,
  type ReceivingDepartment,
} from '@shouhu/shared';
import { apiClient } from '../support/api-client';
import { openPhonePage, screenshot } from '../support/browser';
import {
  ADMIN_OPENID,
  SICHENG,
  SIXIAN,
  countyUnit,
  setUpCounty,
  type County,
} from '../support/county';
import { useH5Suite } from '../support/h5-suite';
import { chooseTown, fillReport, submitReport } from '../support/report-form';
import { act, phoneOf } from '../support/staff';

/** Who works each department's orders in this county. */
const STAFF: Record<ReceivingDepartment, string> = {
  police: 'e2e-police',
  civil_affairs: 'e2e-civil',
  township: 'e2e-township',
  education: 'e2e-education',
};
const COORDINATOR = 'e2e-coordinator';

/** What a department tells the reporter: its first outcome, and a summary naming it. */
const resultOf = (department: ReceivingDepartment) => {
  const code = OUTCOMES_BY_DEPARTMENT[department][0];
  return {
    code,
    label: OUTCOME_LABELS[code],
    summary: `${DEPARTMENT_KINDS[department]}已经见到孩子，会继续跟进。`,
  };
};

describe('H5 app: each department’s result reaches the reporter as it is given', () => {
  const suite = useH5Suite('results', { ADMIN_OPENIDS: ADMIN_OPENID, DIVISIONS: SIXIAN.code });
  const api = apiClient(() => suite.server.apiBase);
  let county: County;

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
        countyUnit('police', '泗县公安局', { staff: STAFF.police }),
        countyUnit('civil_affairs', '泗县民政局', { staff: STAFF.civil_affairs }),
        countyUnit('education', '泗县教育局', { staff: STAFF.education }),
        {
          name: '泗城镇儿童督导站',
          department: 'township',
          divisionPrefixes: [SICHENG.code],
          staff: STAFF.township,
        },
      ],
    );
  });

  /**
   * The reporter opens 我的报告 and taps the report, in a fresh tab of their own phone, and
   * checks every department's line on the progress page (Taro keeps 我的报告 hidden beneath it).
   */
  async function expectReporterSees(
    reporter: BrowserContext,
    code: string,
    orders: OrderSummary[],
    resolved: ReceivingDepartment[],
    shot: string,
  ): Promise<void> {
    const page = await reporter.newPage();
    await page.goto(`${suite.server.origin}/#/pages/mine/index`);
    await page.locator('.my-report', { hasText: formatTrackingCode(code) }).click();
    await page.locator('.progress-departments').waitFor();

    for (const order of orders) {
      const kind = DEPARTMENT_KINDS[order.department];
      const line = page.locator('.progress-departments .report-department', {
        has: page.locator('.report-department-name', {
          hasText: `${kind}${order.role === 'lead' ? '（牵头）' : '（协助）'}`,
        }),
      });
      const result = resultOf(order.department);
      if (resolved.includes(order.department)) {
        await line.locator('.report-department-name', { hasText: '已办结' }).waitFor();
        expect(await line.locator('.report-department-result').textContent()).toBe(
          `办理结果：${result.label}。${result.summary}`,
        );
        await page
          .locator('.progress-text', { hasText: `${kind}：${result.label}。${result.summary}` })
          .waitFor();
      } else {
        await line.waitFor();
        expect(await line.locator('.report-department-result').count()).toBe(0);
        expect(await page.locator('.progress-text', { hasText: `${kind}：` }).count()).toBe(0);
      }
    }

    // 办结 only once every department has resolved; then the lead's result is the report's.
    const closed = resolved.length === orders.length;
    await page.locator('.progress-status', { hasText: closed ? '已办结' : /^已提交$/ }).waitFor();
    const lead = orders.find((o) => o.role === 'lead');
    if (!lead) throw new Error('the report has no lead order');
    if (closed) {
      await page
        .locator('.progress-outcome', { hasText: `办理结果：${resultOf(lead.department).label}` })
        .waitFor();
    } else {
      expect(await page.locator('.progress-outcome').count()).toBe(0);
    }
    // By kind of department only: never a unit's name.
    const text = await page.locator('body').innerText();
    for (const unit of county.units) expect(text).not.toContain(unit.name);
    await screenshot(page, shot);
    await page.close();
  }

  it('shows each department’s result as it resolves, assists before the lead has signed, and 办结 only after all', async () => {
    const reporter = await openPhonePage(suite.browser);
    await reporter.goto(`${suite.server.origin}/#/pages/report/index?channel=public`);
    await fillReport(reporter, {
      situation: 'violence_abuse',
      place: (page) => chooseTown(page, SICHENG.name),
      description: '邻居家孩子身上经常有淤青，晚上常听到打骂声和哭声。',
    });
    await submitReport(reporter);
    await reporter.locator('.receipt-code').waitFor();
    const params = new URL(reporter.url().replace('/#/', '/')).searchParams;
    const reportId = params.get('id') ?? '';
    const code = params.get('code') ?? '';

    // The departments the report went to, from the coordinator's list; assists resolve first.
    const resolvingOrder = (o: OrderSummary) =>
      `${o.role === 'lead' ? 1 : 0}-${DEPARTMENTS.indexOf(o.department)}`;
    const all = await api.call<ApiPage<OrderSummary>>(
      'GET',
      '/orders?pageSize=100',
      await api.login(COORDINATOR),
    );
    const orders = all.items
      .filter((o) => o.reportId === reportId)
      .sort((a, b) => resolvingOrder(a).localeCompare(resolvingOrder(b)));
    expect(orders.map((o) => o.department).sort()).toEqual(
      ['civil_affairs', 'police', 'township'].sort(),
    );
    await expectReporterSees(reporter.context(), code, orders, [], 'results-0-none');

    const resolved: ReceivingDepartment[] = [];
    for (const order of orders) {
      // Each department's handler signs and resolves on the staff order page.
      const handler = await phoneOf(suite.browser, STAFF[order.department]);
      await handler.goto(`${suite.server.origin}/#/staff/order/index?id=${order.id}`);
      await act(handler, 'sign', { asks: true, toast: '已签收' });
      const result = resultOf(order.department);
      await act(handler, 'resolve', {
        asks: true,
        toast: '已办结',
        fill: async () => {
          await handler.locator('.action-panel .choice', { hasText: result.label }).click();
          const texts = handler.locator('.action-text textarea');
          await texts.nth(0).fill(result.summary);
          await texts.nth(1).fill(`${DEPARTMENT_KINDS[order.department]}内部办理记录。`);
        },
      });
      await handler.locator('.order-detail-status', { hasText: '已办结' }).waitFor();
      await screenshot(handler, `results-${resolved.length + 1}a-${order.department}-resolved`);
      await handler.context().close();

      resolved.push(order.department);
      await expectReporterSees(
        reporter.context(),
        code,
        orders,
        resolved,
        `results-${resolved.length}b-reporter-after-${order.department}`,
      );
    }
  });
});
