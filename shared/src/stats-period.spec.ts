import { statsPeriodProblems, statsSpanDays } from './stats-period';

describe('statsSpanDays', () => {
  it.each([
    ['2026-11-01', '2026-11-01', 1],
    ['2026-11-01', '2026-11-30', 30],
    ['2024-01-01', '2024-12-31', 366],
  ])('%s – %s is %d days', (from, to, days) => {
    expect(statsSpanDays(from, to)).toBe(days);
  });
});

describe('statsPeriodProblems', () => {
  it.each([
    ['2026-10-01', '2026-12-31', {}],
    ['2024-01-01', '2024-12-31', {}],
    ['2026-02-30', '2026-03-01', { from: '开始日期不正确' }],
    ['2026-03-01', '2026/03/31', { to: '结束日期不正确' }],
    ['2026-12-01', '2026-11-30', { to: '结束日期不能早于开始日期' }],
    ['2025-01-01', '2026-01-02', { to: '一次最多查询366天' }],
  ])('%s – %s: %j', (from, to, problems) => {
    expect(statsPeriodProblems(from, to)).toEqual(problems);
  });
});
