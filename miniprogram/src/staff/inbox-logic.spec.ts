import {
  COORDINATOR_QUEUES,
  countdown,
  INBOX_TABS,
  ordersPath,
  roughDuration,
} from './inbox-logic';

const NOW = new Date('2026-11-22T08:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

describe('countdown', () => {
  it('counts down the minutes left to sign', () => {
    expect(countdown('sign', at(12.5), NOW)).toEqual({ text: '签收剩余 12 分钟', overdue: false });
  });

  it('turns red with the time past the deadline', () => {
    expect(countdown('resolve', at(-125), NOW)).toEqual({
      text: '办结已超时 2 小时',
      overdue: true,
    });
  });

  it('treats the deadline itself as not yet overdue', () => {
    expect(countdown('sign', at(0), NOW)).toEqual({ text: '签收剩余 不到1分钟', overdue: false });
  });
});

describe('roughDuration', () => {
  it.each([
    [30_000, '不到1分钟'],
    [59 * 60_000, '59 分钟'],
    [60 * 60_000, '1 小时'],
    [47 * 3600_000, '47 小时'],
    [49 * 3600_000, '2 天'],
  ])('reads %i ms as %s', (ms, text) => {
    expect(roughDuration(ms)).toBe(text);
  });
});

describe('ordersPath', () => {
  it('asks the server for the tab’s orders, a page at a time', () => {
    expect(ordersPath(INBOX_TABS[0], 1, 20)).toBe('/orders?status=dispatched&page=1&pageSize=20');
    expect(ordersPath(INBOX_TABS[3], 2, 20)).toBe('/orders?overdue=true&page=2&pageSize=20');
    expect(ordersPath(COORDINATOR_QUEUES[4], 1, 20)).toBe(
      '/orders?queue=low_rating&page=1&pageSize=20',
    );
  });
});
