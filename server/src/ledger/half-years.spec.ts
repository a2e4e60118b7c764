import { statsPeriod } from '../stats/stats-period';
import { halfYearsOf } from './half-years';

describe('halfYearsOf', () => {
  const halves = (from: string, to: string) =>
    halfYearsOf(statsPeriod(from, to)).map(({ label, from, to }) => [label, from, to]);

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
