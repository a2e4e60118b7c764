import type {
  ClockOrdersQuery,
  OrderSummary,
  Page,
  StatsOverview,
  StatsQuery,
} from '@shouhu/shared';
import { isOrderPage, isStatsOverview } from './answers';
import { authorizedRequest } from './session';
import { openWorkbook } from './workbooks';

/** Built by hand: the mini-program runtime has no URLSearchParams. Empty values are left out. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const pairs = Object.entries(params)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

const statsParams = (query: StatsQuery) => ({
  from: query.from,
  to: query.to,
  division: query.division,
  by: query.by,
});

/** `GET /stats/overview`: the figures of the caller's county, township or village. */
export function fetchStatsOverview(query: StatsQuery): Promise<StatsOverview> {
  return authorizedRequest(
    { method: 'GET', path: `/stats/overview${queryString(statsParams(query))}` },
    isStatsOverview,
  );
}

/** `GET /stats/clock-orders`: the orders behind one unit's one clock, a page at a time. */
export function fetchClockOrders(query: ClockOrdersQuery): Promise<Page<OrderSummary>> {
  const params = {
    ...statsParams(query),
    by: undefined,
    unitId: query.unitId,
    clock: query.clock,
    result: query.result,
    page: query.page,
    pageSize: query.pageSize,
  };
  return authorizedRequest(
    { method: 'GET', path: `/stats/clock-orders${queryString(params)}` },
    isOrderPage,
  );
}

/** `GET /stats/ledger.xlsx`: the 台账 of the period, opened or saved on the phone. */
export function openLedger(query: StatsQuery): Promise<void> {
  const { from, to, division } = query;
  return openWorkbook(
    `/stats/ledger.xlsx${queryString({ from, to, division })}`,
    `台账 ${from} 至 ${to}.xlsx`,
  );
}
