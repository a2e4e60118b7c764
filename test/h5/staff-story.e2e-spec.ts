import type { Browser } from 'playwright-core';
import type { OrderSummary, Page as ApiPage, ReportCreatedResponse, Unit } from '@shouhu/shared';
import { apiClient } from '../support/api-client';
import { openPhonePage, screenshot } from '../support/browser';
import { act, phoneOf as phoneWith } from '../support/staff';
import { useH5Suite } from '../support/h5-suite';
import {
  answerWhereaboutsKnown,
  chooseSichengTown,
  describeWhatHappened,
  submitReport,
} from '../support/report-form';

/** Handlers carry phones that can tell where they are (接触儿童 records the position). */
const phoneOf = (browser: Browser, openid: string) =>
  phoneWith(browser, openid, {
    geolocation: { latitude: 33.4781, longitude: 117.8839 },
    permissions: ['geolocation'],
  });

describe('H5 app: handlers and coordinators work the day’s cases', () => {
  const suite = useH5Suite('staff-story', { DEMO_DATA: 'true', SIMULATED_CLOCK: 'true' });
  const api = apiClient(() => suite.server.apiBase);

  it('a hotline report reaches the township, which resolves it, and the caller’s code shows the outcome', async () => {
    const operator = await phoneOf(suite.browser, 'demo-hotline');
    await operator.goto(`${suite.server.origin}/`);
    await operator.locator('.home-hotline').click();
    // One page made for typing while listening: no steps, every field in the order a call goes.
    expect(await operator.locator('.report-next').count()).toBe(0);
    await operator.locator('.choice', { hasText: /^没有$/ }).click();
    await operator.locator('.quick-key', { hasText: '辍学' }).click();
    await answerWhereaboutsKnown(operator);
    await describeWhatHappened(operator, '来电人反映：邻居家孩子已经三周没去上学，在家带弟弟。');
    await chooseSichengTown(operator);
    await operator.locator('.report-reporter-name input').fill('王女士');
    await operator.locator('.report-reporter-phone input').fill('13800001234');
    await screenshot(operator, 'staff-1-hotline-one-page');
    await submitReport(operator);
    await operator.locator('.receipt-hotline').waitFor();
    await screenshot(operator, 'staff-2-hotline-read-back');
    const reportId = new URL(operator.url().replace('/#/', '/')).searchParams.get('id') ?? '';
    const code = new URL(operator.url().replace('/#/', '/')).searchParams.get('code') ?? '';

    const handler = await phoneOf(suite.browser, 'demo-township');
    await handler.goto(`${suite.server.origin}/`);
    await handler.locator('.home-inbox').click();
    const card = handler.locator('.order-card', { hasText: '不上学了' }).first();
    await card.waitFor();
    await handler.locator('.order-countdown', { hasText: '签收剩余' }).first().waitFor();
    await screenshot(handler, 'staff-3-inbox');
    const token = await api.login('demo-township');
    const mine = await api.call<ApiPage<OrderSummary>>('GET', '/orders?pageSize=100', token);
    const order = mine.items.find((o) => o.reportId === reportId);
    if (!order) throw new Error('the township did not receive the hotline report');
    await handler.goto(`${suite.server.origin}/#/staff/order/index?id=${order.id}`);
    // The caller asked for confidentiality: only police and the coordinator see who called.
    await handler.locator('.order-report', { hasText: '报告人要求保密' }).waitFor();
    expect(await handler.getByText('王女士').count()).toBe(0);
    await screenshot(handler, 'staff-4-order');

    // 签收: the button, then one confirmation; no sheet.
    await act(handler, 'sign', { asks: true, toast: '已签收' });
    await handler.locator('.order-detail-status', { hasText: '办理中' }).waitFor();
    await act(handler, 'contact', {
      asks: false,
      toast: '已记录接触',
      fill: async () => {
        await handler.locator('.action-text textarea').fill('已到家中见到孩子，身体无恙。');
        await handler.locator('.action-locate').click();
        await handler.locator('.privacy-agree').click();
        await handler.locator('.action-located').waitFor();
      },
    });
    await act(handler, 'note', {
      asks: true,
      toast: '已保存记录',
      fill: async () => {
        await handler.locator('.action-text textarea').fill('已与家长谈话，下周一送孩子返校。');
        await handler.locator('.action-panel .choice', { hasText: '对报告人可见' }).click();
        await handler
          .locator('.action-warning', {
            hasText: '报告人会看到这条记录，请不要写孩子和其他人的隐私',
          })
          .waitFor();
        await screenshot(handler, 'staff-4b-note-reporter-visible');
      },
    });
    await act(handler, 'resolve', {
      asks: true,
      toast: '已办结',
      fill: async () => {
        await handler.locator('.action-panel .choice', { hasText: '已劝返复学' }).click();
        const texts = handler.locator('.action-text textarea');
        await texts.nth(0).fill('孩子已经回到学校上课，老师会继续关注。');
        await texts.nth(1).fill('家访两次，与家长签订复学承诺书。');
      },
    });
    await handler.locator('.order-detail-status', { hasText: '已办结' }).waitFor();
    await handler.locator('.order-timeline', { hasText: '接触儿童：已到家中见到孩子' }).waitFor();
    await screenshot(handler, 'staff-5-resolved');

    const education = await api.login('demo-education');
    const theirs = await api.call<ApiPage<OrderSummary>>('GET', '/orders?pageSize=100', education);
    for (const assist of theirs.items.filter((o) => o.reportId === reportId)) {
      await api.call('POST', `/orders/${assist.id}/sign`, education);
      await api.call('POST', `/orders/${assist.id}/resolve`, education, {
        outcome: 'returned_to_school',
        reporterSummary: '学校已安排老师跟进孩子的学习。',
        detail: '班主任每周家访一次。',
      });
    }

    const reporter = await openPhonePage(suite.browser);
    await reporter.goto(`${suite.server.origin}/#/pages/track/index`);
    await reporter.locator('.track-code input').fill(code);
    await reporter.locator('.track-submit').click();
    await reporter.locator('.progress-outcome', { hasText: '已劝返复学' }).waitFor();
    await reporter.getByText('已与家长谈话，下周一送孩子返校。', { exact: false }).waitFor();
  });

  it('an unsigned P1 escalates after 31 minutes, the coordinator reassigns it, another township cannot open it', async () => {
    const reporterToken = await api.login('p1-neighbour');
    const created = await api.call<ReportCreatedResponse>('POST', '/reports', reporterToken, {
      channel: 'public',
      situations: ['abandoned_unattended'],
      immediateDanger: false,
      description: '孩子被扔在村口两天了，一直没人来接。',
      discoveredAt: new Date().toISOString(),
      location: { divisionCode: '341324100' },
      child: {},
      reporter: { anonymous: true },
    });
    const admin = await api.login('demo-admin');
    // Staged like a drill: the clock jumps past the 30-minute sign deadline and the sweep runs.
    await api.call('PUT', '/admin/clock', admin, {
      now: new Date(Date.now() + 31 * 60_000).toISOString(),
    });
    await api.call('POST', '/admin/sla/sweep', admin);

    const coordinator = await phoneOf(suite.browser, 'demo-coordinator');
    await coordinator.goto(`${suite.server.origin}/`);
    await coordinator.locator('.home-queues').click();
    // The tabs say how many orders each queue holds.
    await coordinator
      .locator('.list-tab-escalated', { hasText: /已督办\/超时 [1-9]\d*/ })
      .waitFor();
    await coordinator.locator('.list-tab-escalated').click();
    const escalated = coordinator.locator('.order-card', { hasText: '被遗弃' }).first();
    await escalated.locator('.order-escalation', { hasText: '已督办' }).waitFor();
    await coordinator.locator('.order-overdue', { hasText: '签收已超时' }).first().waitFor();
    await screenshot(coordinator, 'staff-6-escalated-queue');

    const coordinatorToken = await api.login('demo-coordinator');
    const queue = await api.call<ApiPage<OrderSummary>>(
      'GET',
      '/orders?queue=escalated&pageSize=100',
      coordinatorToken,
    );
    const order = queue.items.find((o) => o.reportId === created.id && o.role === 'lead');
    if (!order) throw new Error('the P1 order is not in the escalated queue');
    // Past 100 % of the 30-minute clock, short of 200 %: 督办, not yet the red list.
    expect(order.escalationLevel).toBe(1);
    await coordinator.goto(`${suite.server.origin}/#/staff/order/index?id=${order.id}`);
    // 改派 stays within the department: the police lead order goes to another police unit.
    await act(coordinator, 'reassign', {
      asks: true,
      toast: '已改派',
      fill: async () => {
        await coordinator
          .locator('.action-field-unitId .choice', { hasText: '泗县公安局墩集派出所' })
          .click();
        await coordinator
          .locator('.action-text textarea')
          .fill('县局值班民警出警未归，改由墩集派出所先行处置。');
      },
    });
    await coordinator.locator('.order-detail-status', { hasText: '待签收' }).waitFor();
    await screenshot(coordinator, 'staff-7-reassigned');
    const moved = await api.call<{ order: OrderSummary }>(
      'GET',
      `/orders/${order.id}`,
      coordinatorToken,
    );
    expect(moved.order).toMatchObject({ department: 'police', unitName: '泗县公安局墩集派出所' });

    await coordinator.goto(`${suite.server.origin}/`);
    await coordinator.locator('.home-board').click();
    // This year's figures (the story's half hour may cross midnight into a new month): the trend
    // counts today's report, each chart with its table.
    await coordinator.locator('.stats-reports .bar-row').first().waitFor();
    await coordinator.locator('.period-this_year').click();
    await coordinator
      .locator('.stats-reports .section-title', { hasText: /收到报告 [1-9]/ })
      .waitFor();
    // F2 has drawn the bars: the trend's canvas is no longer blank.
    await coordinator.waitForFunction(() => {
      const canvas = document.getElementById('stats-trend') as HTMLCanvasElement | null;
      const pixels = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height);
      return pixels?.data.some((value, i) => i % 4 === 3 && value > 0) ?? false;
    });
    // Shares read as whole percentages, and a unit with nothing measured says “—”, never 100 %.
    for (const value of await coordinator.locator('.stats-clocks .bar-value').allTextContents()) {
      expect(value).toMatch(/^(—|\d{1,3}%)( ›)?$/);
    }
    await screenshot(coordinator, 'staff-9-board');
    // A tap on a unit's row opens the orders behind its clock (the 改派 stopped the police's).
    const unit = coordinator.locator('.stats-clocks .bar-row.bar-row-link').first();
    await unit.click();
    await coordinator.locator('.tab-active[class*="result-"]').waitFor();
    await coordinator.locator('.order-card').first().waitFor();
    await screenshot(coordinator, 'staff-9b-unit-overdue');

    // A supervisor of another township is invited, binds, and tries the order's address.
    const units = await api.call<Unit[]>('GET', '/admin/units', admin);
    const otherTown = units.find(
      (u) => u.department === 'township' && !u.divisionPrefixes.includes('341324100'),
    );
    if (!otherTown) throw new Error('the demo county has no second township');
    const { code } = await api.call<{ code: string }>('POST', '/admin/invites', admin, {
      role: 'handler',
      unitId: otherTown.id,
    });
    await api.call('POST', '/auth/redeem', await api.login('other-town-handler'), { code });
    const stranger = await phoneOf(suite.browser, 'other-town-handler');
    await stranger.goto(`${suite.server.origin}/#/staff/order/index?id=${order.id}`);
    await stranger.locator('.order-error', { hasText: '没有找到' }).waitFor();
    await screenshot(stranger, 'staff-8-other-township-refused');
  });
});
