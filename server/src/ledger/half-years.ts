import { statsPeriod, type StatsPeriod } from '../stats/stats-period';

/** A half-year (1–6月 or 7–12月) as far as the period covers it. */
export interface HalfYear extends StatsPeriod {
  /** `2026年上半年（1–6月）`. */
  label: string;
}

/** Each half-year the period touches, cut to the period (云溪区: 每半年…报). */
export function halfYearsOf(period: StatsPeriod): HalfYear[] {
  const halves: HalfYear[] = [];
  let year = Number(period.from.slice(0, 4));
  let second = Number(period.from.slice(5, 7)) > 6;
  for (;;) {
    const halfFrom = `${year}-${second ? '07' : '01'}-01`;
    const halfTo = `${year}-${second ? '12-31' : '06-30'}`;
    if (halfFrom > period.to) return halves;
    const from = halfFrom < period.from ? period.from : halfFrom;
    const to = halfTo > period.to ? period.to : halfTo;
    halves.push({
      ...statsPeriod(from, to),
      label: `${year}年${second ? '下半年（7–12月）' : '上半年（1–6月）'}`,
    });
    if (second) year += 1;
    second = !second;
  }
}
