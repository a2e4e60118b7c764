import type { ApiException } from '../common/api-exception';
import { statsPeriod } from './stats-period';

function refusal(from: string, to: string): Record<string, string> | undefined {
  try {
    statsPeriod(from, to);
  } catch (error) {
    return (error as ApiException).errors;
  }
  return undefined;
}

describe('statsPeriod', () => {
  it('runs from Beijing midnight of `from` to the midnight after `to`', () => {
    const period = statsPeriod('2026-01-01', '2026-03-31');
    expect(period.start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(period.end.toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });

  it('takes one day and 366 days, and refuses 367 or `to` before `from`, naming `to`', () => {
    expect(refusal('2026-05-01', '2026-05-01')).toBeUndefined();
    expect(refusal('2026-01-01', '2027-01-01')).toBeUndefined();
    expect(refusal('2026-01-01', '2027-01-02')).toEqual({ to: '统计区间最长366天' });
    expect(refusal('2026-05-02', '2026-05-01')).toEqual({ to: '结束日期不能早于开始日期' });
  });
});
