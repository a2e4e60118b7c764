import { isRealDate } from './beijing-time';
import { STATS_MAX_SPAN_DAYS, type StatsGrain } from './stats';

/**
 * The period of the accountability figures (`GET /stats/...`, issue 16): Beijing dates, both
 * included, and the trend's steps over it. The app checks a period with the same rule before
 * asking, and the server answers 400 with the field this names.
 */

const DAY_MS = 86_400_000;

/** Days from `from` to `to`, both counted (1 for one day). Both must be real dates. */
export function statsSpanDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/**
 * What is wrong with a period, keyed by the field to fix (`from`, `to`), in Chinese; `{}` when it
 * is good: real dates, `from` not after `to`, at most `STATS_MAX_SPAN_DAYS` days.
 */
export function statsPeriodProblems(
  from: string,
  to: string,
): Partial<Record<'from' | 'to', string>> {
  if (!isRealDate(from) || !isRealDate(to)) return {};
  if (from > to) return { to: '结束日期不能早于开始日期' };
  if (statsSpanDays(from, to) > STATS_MAX_SPAN_DAYS) {
    return { to: `统计区间最长${STATS_MAX_SPAN_DAYS}天` };
  }
  return {};
}

/**
 * The trend's step when none is asked for, so a phone's chart has a handful of bars to read:
 * days up to two weeks, weeks up to 62 days (a month is 4–5 weeks), months beyond.
 */
export function defaultStatsGrain(from: string, to: string): StatsGrain {
  const days = statsSpanDays(from, to);
  if (days > 62) return 'month';
  return days > 14 ? 'week' : 'day';
}

/** `2026-W45`: the ISO week (Monday first; week 1 holds the year's first Thursday) of a date. */
export function isoWeekOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7;
  const thursday = new Date(day.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday (`YYYY-MM-DD`) an ISO week `2026-W45` starts on: the inverse of `isoWeekOf`. */
export function isoWeekStart(week: string): string {
  const year = Number(week.slice(0, 4));
  const jan4 = Date.UTC(year, 0, 4);
  const week1Monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const monday = week1Monday + (Number(week.slice(6)) - 1) * 7 * DAY_MS;
  return new Date(monday).toISOString().slice(0, 10);
}

/** The Sunday (`YYYY-MM-DD`) an ISO week `2026-W45` ends on. */
export function isoWeekEnd(week: string): string {
  return new Date(Date.parse(`${isoWeekStart(week)}T00:00:00Z`) + 6 * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** The step a Beijing date falls in: `2026-11-03`, `2026-W45` or `2026-11`. */
export function statsStepOf(date: string, by: StatsGrain): string {
  if (by === 'day') return date;
  if (by === 'week') return isoWeekOf(date);
  return date.slice(0, 7);
}

/** Every step of the period in order, each once (a week or month cut by the period included). */
export function statsSteps(from: string, to: string, by: StatsGrain): string[] {
  const steps: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    const step = statsStepOf(new Date(t).toISOString().slice(0, 10), by);
    if (steps[steps.length - 1] !== step) steps.push(step);
  }
  return steps;
}
