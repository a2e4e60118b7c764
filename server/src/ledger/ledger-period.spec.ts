import type { ApiException } from '../common/api-exception';
import { halfYearsOf, ledgerPeriod } from './ledger-period';

function refusal(from: string, to: string): Record<string, string> | undefined {
  try {
    ledgerPeriod(from, to);
  } catch (error) {
    return (error as ApiException).errors;
  }
  return undefined;
}

describe('ledgerPeriod', () => {
  it('runs from Beijing midnight of `from` to the midnight after `to`', () => {
    const period = ledgerPeriod('2026-01-01', '2026-03-31');
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

describe('halfYearsOf', () => {
  const halves = (from: string, to: string) =>
    halfYearsOf(ledgerPeriod(from, to)).map(({ label, from, to }) => [label, from, to]);

  it('cuts the half-years the period touches to the period', () => {
    expect(halves('2026-05-10', '2027-01-31')).toEqual([
      ['2026年上半年（1–6月）', '2026-05-10', '2026-06-30'],
      ['2026年下半年（7–12月）', '2026-07-01', '2026-12-31'],
      ['2027年上半年（1–6月）', '2027-01-01', '2027-01-31'],
    ]);
  });

  it('gives one half-year for a period inside it', () => {
    expect(halves('2026-10-01', '2026-12-31')).toEqual([
      ['2026年下半年（7–12月）', '2026-10-01', '2026-12-31'],
    ]);
  });
});
