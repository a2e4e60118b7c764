import { beijingInstant, STATS_MAX_SPAN_DAYS } from '@shouhu/shared';
import { ApiException } from '../common/api-exception';

const DAY_MS = 86_400_000;

/** A period of Beijing days, `from` and `to` both included; `end` is the midnight after `to`. */
export interface LedgerPeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/** A half-year (1–6月 or 7–12月) as far as the period covers it. */
export interface HalfYear extends LedgerPeriod {
  /** `2026年上半年（1–6月）`. */
  label: string;
}

/**
 * The period of `from`–`to` (real `YYYY-MM-DD` dates, checked by the query's DTO). 400 naming `to`
 * when it comes before `from` or the span exceeds `STATS_MAX_SPAN_DAYS` (both days counted).
 */
export function ledgerPeriod(from: string, to: string): LedgerPeriod {
  const start = beijingInstant(from, '00:00');
  const end = new Date(beijingInstant(to, '00:00').getTime() + DAY_MS);
  if (end <= start) throw ApiException.validation({ to: '结束日期不能早于开始日期' });
  if ((end.getTime() - start.getTime()) / DAY_MS > STATS_MAX_SPAN_DAYS) {
    throw ApiException.validation({ to: `统计区间最长${STATS_MAX_SPAN_DAYS}天` });
  }
  return { from, to, start, end };
}

/** Each half-year the period touches, cut to the period (云溪区: 每半年…报). */
export function halfYearsOf(period: LedgerPeriod): HalfYear[] {
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
      ...ledgerPeriod(from, to),
      label: `${year}年${second ? '下半年（7–12月）' : '上半年（1–6月）'}`,
    });
    if (second) year += 1;
    second = !second;
  }
}
