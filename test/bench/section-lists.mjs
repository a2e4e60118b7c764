// Section 3 of the bench (issue 17): the lists staff open and the statistics page, timed at the
// size of the loaded history, with the demo county's accounts.
import { ORDER_QUEUE_LABELS, ORDER_QUEUES, shanghaiDate } from '@shouhu/shared';
import { count, goal, latencies, ms } from './figures.mjs';
import { call, devLogin } from './harness.mjs';

/** 泗城镇, the demo township with a supervisor account (demo-township) and two village units. */
const TOWNSHIP = '341324100';
const LIST_P99_MS = 50;
const STATS_P99_MS = 500;

/** The statistics page as it opens: this month so far, Beijing dates (the app's 本月). */
function thisMonth(now) {
  const today = shanghaiDate(now);
  return `from=${today.slice(0, 8)}01&to=${today}`;
}

/**
 * The last 30 Beijing dates to today: a whole month's figures whatever the day (early in a month
 * "this month" is a day or two, which flatters the page).
 */
function lastThirtyDays(now) {
  const today = shanghaiDate(now);
  const from = shanghaiDate(new Date(now.getTime() - 29 * 86_400_000));
  return `from=${from}&to=${today}`;
}

/** The statistics page over the last whole year of Beijing dates, to today (the longest it answers). */
function lastYear(now) {
  const today = shanghaiDate(now);
  const from = shanghaiDate(new Date(now.getTime() - 365 * 86_400_000));
  return `from=${from}&to=${today}`;
}

/**
 * Every list the issue names: a handler's orders, each coordinator queue, a township's files, the
 * figures, and the orders behind one bar of them (the county police's unit, `policeUnitId`).
 */
function pages(now, policeUnitId) {
  return [
    { figure: "a township supervisor's GET /orders", openid: 'demo-township', path: '/orders' },
    { figure: "the county police's GET /orders", openid: 'demo-police', path: '/orders' },
    {
      figure: "the coordinator's GET /orders (whole county)",
      openid: 'demo-coordinator',
      path: '/orders',
    },
    ...ORDER_QUEUES.map((queue) => ({
      figure: `the coordinator's queue ${queue} (${ORDER_QUEUE_LABELS[queue]})`,
      openid: 'demo-coordinator',
      path: `/orders?queue=${queue}`,
    })),
    {
      figure: "a township supervisor's GET /children as the list opens",
      openid: 'demo-township',
      path: '/children?status=active&page=1&pageSize=20',
    },
    {
      figure: 'GET /children filtered to the township',
      openid: 'demo-township',
      path: `/children?division=${TOWNSHIP}`,
    },
    {
      figure: 'GET /stats/overview, the county, this month',
      openid: 'demo-coordinator',
      path: `/stats/overview?${thisMonth(now)}`,
      stats: true,
    },
    {
      figure: 'GET /stats/overview, a township, this month',
      openid: 'demo-township',
      path: `/stats/overview?${thisMonth(now)}&division=${TOWNSHIP}`,
      stats: true,
    },
    {
      figure: 'GET /stats/overview, the county, the last 30 days',
      openid: 'demo-coordinator',
      path: `/stats/overview?${lastThirtyDays(now)}`,
      stats: true,
    },
    {
      figure: 'GET /stats/overview, the county, a whole year',
      openid: 'demo-coordinator',
      path: `/stats/overview?${lastYear(now)}`,
      stats: true,
    },
    {
      figure: 'GET /stats/overview, a township, a whole year',
      openid: 'demo-township',
      path: `/stats/overview?${lastYear(now)}&division=${TOWNSHIP}`,
      stats: true,
    },
    {
      figure: "GET /stats/clock-orders, the county police's late resolve clocks, a whole year",
      openid: 'demo-coordinator',
      path: `/stats/clock-orders?${lastYear(now)}&unitId=${policeUnitId}&clock=resolve&result=late`,
      stats: true,
    },
  ];
}

/**
 * Each page once to warm up, then again up to `requests` times or until `budgetMs` has passed
 * (at least 3 times): p50 and p99 of the answers, and how many were not 200.
 * @param {{ requests: number, budgetMs: number }} sampling
 */
export async function benchLists(base, sampling, log) {
  const tokens = {};
  const rows = [];
  const police = await call(base, 'POST', '/auth/dev', { body: { openid: 'demo-police' } });
  for (const page of pages(new Date(), police.body.user.unitId)) {
    tokens[page.openid] ??= await devLogin(base, page.openid);
    const token = tokens[page.openid];
    let first;
    try {
      first = await call(base, 'GET', page.path, { token });
    } catch (error) {
      // A page that does not answer within the call's timeout is a figure too (the year's overview did not).
      log(`lists ${page.figure}: ${error.message}`);
      rows.push({
        figure: page.figure,
        value: `no answer: ${error.message}`,
        goal: { text: `p99 < ${page.stats ? STATS_P99_MS : LIST_P99_MS} ms`, met: false },
      });
      continue;
    }
    const samples = [];
    let errors = first.status === 200 ? 0 : 1;
    const until = performance.now() + sampling.budgetMs;
    while (
      samples.length < sampling.requests &&
      (samples.length < 3 || performance.now() < until)
    ) {
      const answer = await call(base, 'GET', page.path, { token });
      if (answer.status === 200) samples.push(answer.ms);
      else errors++;
    }
    const { p50, p99, n } = latencies(samples);
    const total =
      typeof first.body?.total === 'number' ? ` · ${count(first.body.total)} in the list` : '';
    log(`lists ${page.figure}: p50 ${ms(p50)}, p99 ${ms(p99)}`);
    rows.push({
      figure: page.figure,
      value: `p50 ${ms(p50)} · p99 ${ms(p99)} (${n} requests after one to warm up${errors ? `, ${errors} not 200` : ''})${total}`,
      goal: page.stats
        ? goal(p99, 'at most', STATS_P99_MS, `p99 < ${STATS_P99_MS} ms`)
        : goal(p99, 'at most', LIST_P99_MS, `p99 < ${LIST_P99_MS} ms`),
    });
  }
  return rows;
}
