import { isRealDate } from './beijing-time';
import { STATS_MAX_SPAN_DAYS } from './stats';

const DAY_MS = 86_400_000;

/** Days from `from` to `to`, both counted: 2026-11-01 – 2026-11-30 is 30. */
export function statsSpanDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/**
 * What is wrong with a figures' period (`from`, `to` of `GET /stats/...`), as field → reason in
 * Chinese; empty when it may be asked for. Both are Beijing dates (`YYYY-MM-DD`), `from` on or
 * before `to`, at most `STATS_MAX_SPAN_DAYS` days together.
 */
export function statsPeriodProblems(
  from: string,
  to: string,
): Partial<Record<'from' | 'to', string>> {
  const problems: Partial<Record<'from' | 'to', string>> = {};
  if (!isRealDate(from)) problems.from = '开始日期不正确';
  if (!isRealDate(to)) problems.to = '结束日期不正确';
  if (problems.from || problems.to) return problems;
  if (from > to) return { to: '结束日期不能早于开始日期' };
  if (statsSpanDays(from, to) > STATS_MAX_SPAN_DAYS) {
    return { to: `一次最多查询${STATS_MAX_SPAN_DAYS}天` };
  }
  return problems;
}
