import {
  CLOCK_LABELS,
  ORDER_QUEUE_LABELS,
  ORDER_STATUS_LABELS,
  type ClockName,
  type OrderQueue,
  type OrderStatus,
  type Priority,
} from '@shouhu/shared';

export interface Countdown {
  text: string;
  overdue: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `12 分钟`, `2 小时`, `3 天`: the largest unit that reads naturally, rounded down. */
export function roughDuration(ms: number): string {
  if (ms < MINUTE) return '不到1分钟';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} 分钟`;
  if (ms < 2 * DAY) return `${Math.floor(ms / HOUR)} 小时`;
  return `${Math.floor(ms / DAY)} 天`;
}

/** “签收剩余 12 分钟”, or “签收已超时 2 小时” once the deadline has passed. */
export function countdown(clock: ClockName, dueAt: string, now: Date): Countdown {
  const left = Date.parse(dueAt) - now.getTime();
  const label = CLOCK_LABELS[clock];
  return left >= 0
    ? { text: `${label}剩余 ${roughDuration(left)}`, overdue: false }
    : { text: `${label}已超时 ${roughDuration(-left)}`, overdue: true };
}

/** A list of orders as the server filters it (`GET /orders` query parameters). */
export interface OrderListTab {
  key: string;
  label: string;
  query: { status?: OrderStatus; overdue?: 'true'; queue?: OrderQueue; unitId?: string };
}

/** One unit's overdue orders: where the board's bar of that unit leads. */
export function unitOverdueTab(unitId: string, unitName: string): OrderListTab {
  return { key: 'unit-overdue', label: `${unitName} 超时`, query: { overdue: 'true', unitId } };
}

/** “已督办/超时 3”: a tab with the number of orders it holds, once known. */
export function tabLabel(tab: Pick<OrderListTab, 'label'>, count: number | undefined): string {
  return count === undefined ? tab.label : `${tab.label} ${count}`;
}

export const INBOX_TABS = [
  { key: 'dispatched', label: ORDER_STATUS_LABELS.dispatched, query: { status: 'dispatched' } },
  { key: 'in_progress', label: ORDER_STATUS_LABELS.in_progress, query: { status: 'in_progress' } },
  { key: 'resolved', label: ORDER_STATUS_LABELS.resolved, query: { status: 'resolved' } },
  { key: 'overdue', label: '已超时', query: { overdue: 'true' } },
] as const satisfies readonly OrderListTab[];

/** The coordinator's work: what the units could not or did not do. */
export const COORDINATOR_QUEUES = [
  { key: 'returned', label: '退单待改派', query: { status: 'returned' } },
  { key: 'unrouted', label: ORDER_QUEUE_LABELS.unrouted, query: { queue: 'unrouted' } },
  { key: 'escalated', label: ORDER_QUEUE_LABELS.escalated, query: { queue: 'escalated' } },
  { key: 'extension', label: ORDER_QUEUE_LABELS.extension, query: { queue: 'extension' } },
  { key: 'low_rating', label: ORDER_QUEUE_LABELS.low_rating, query: { queue: 'low_rating' } },
] as const satisfies readonly OrderListTab[];

/** Built by hand: the mini-program runtime has no URLSearchParams. */
export function ordersPath(tab: OrderListTab, page: number, pageSize: number): string {
  const params: Record<string, string> = {
    ...tab.query,
    page: String(page),
    pageSize: String(pageSize),
  };
  const pairs = Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return `/orders?${pairs.join('&')}`;
}

/** P1 red, P2 orange, P3 blue: the colour of the card's edge and badge. */
export const PRIORITY_CLASS: Record<Priority, string> = {
  P1: 'priority-p1',
  P2: 'priority-p2',
  P3: 'priority-p3',
};
