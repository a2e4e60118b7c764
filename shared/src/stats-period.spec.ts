import {
  defaultStatsGrain,
  isoWeekOf,
  isoWeekEnd,
  isoWeekStart,
  statsPeriodProblems,
  statsSpanDays,
  statsSteps,
} from './stats-period';

describe('the period of the accountability figures', () => {
  it('counts both ends of the span', () => {
    expect(statsSpanDays('2026-10-01', '2026-10-01')).toBe(1);
    expect(statsSpanDays('2026-10-01', '2026-12-31')).toBe(92);
  });

  it('names the field to fix', () => {
    expect(statsPeriodProblems('2026-10-01', '2026-12-31')).toEqual({});
    expect(statsPeriodProblems('2026-10-02', '2026-10-01')).toEqual({
      to: '结束日期不能早于开始日期',
    });
    expect(statsPeriodProblems('2025-01-01', '2026-01-01')).toEqual({});
    expect(statsPeriodProblems('2025-01-01', '2026-01-02')).toEqual({ to: '统计区间最长366天' });
  });

  it('steps by day up to two weeks, by week up to 62 days, by month beyond', () => {
    expect(defaultStatsGrain('2026-11-01', '2026-11-14')).toBe('day');
    expect(defaultStatsGrain('2026-11-01', '2026-11-15')).toBe('week');
    expect(defaultStatsGrain('2026-10-01', '2026-12-01')).toBe('week');
    expect(defaultStatsGrain('2026-10-01', '2026-12-02')).toBe('month');
  });

  it('numbers ISO weeks across the new year', () => {
    expect(isoWeekOf('2026-11-03')).toBe('2026-W45');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });

  it('lists every step once, in order', () => {
    expect(statsSteps('2026-10-30', '2026-11-02', 'day')).toEqual([
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
    ]);
    expect(statsSteps('2026-10-30', '2026-11-10', 'week')).toEqual([
      '2026-W44',
      '2026-W45',
      '2026-W46',
    ]);
    expect(statsSteps('2026-10-01', '2026-12-31', 'month')).toEqual([
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
  });
});

describe(isoWeekStart.name, () => {
  it.each([
    ['2026-W45', '2026-11-02'],
    ['2026-W01', '2025-12-29'],
    ['2026-W53', '2026-12-28'],
    ['2021-W01', '2021-01-04'],
  ])('starts %s on Monday %s', (week, monday) => {
    expect(isoWeekStart(week)).toBe(monday);
    expect(isoWeekOf(monday)).toBe(week);
    expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it.each([
    ['2026-W45', '2026-11-08'],
    ['2026-W53', '2027-01-03'],
  ])('ends %s on Sunday %s', (week, sunday) => {
    expect(isoWeekEnd(week)).toBe(sunday);
    expect(isoWeekOf(sunday)).toBe(week);
  });
});
