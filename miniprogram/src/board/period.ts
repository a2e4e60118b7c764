import { isoWeekEnd, isoWeekStart, type StatsGrain } from '@shouhu/shared';

export const PERIOD_PRESETS = ['this_month', 'last_month', 'this_quarter', 'this_year'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PERIOD_PRESET_LABELS: Record<PeriodPreset, string> = {
  this_month: '本月',
  last_month: '上月',
  this_quarter: '本季度',
  this_year: '本年',
};

export interface Period {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * A preset period on Beijing's calendar, given Beijing's `today` (`YYYY-MM-DD`): the current
 * month, quarter or year runs to today (nothing after it has happened), 上月 is the whole of last
 * month.
 */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  const [year, month] = today.split('-').map(Number);
  switch (preset) {
    case 'this_month':
      return { from: `${year}-${pad(month)}-01`, to: today };
    case 'last_month': {
      const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
      return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
    }
    case 'this_quarter':
      return { from: `${year}-${pad(month - ((month - 1) % 3))}-01`, to: today };
    case 'this_year':
      return { from: `${year}-01-01`, to: today };
  }
}

/** `11/2` for `2026-11-02`. */
const shortDate = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;

/**
 * A trend step as people read it: 11月, 11/2–11/8 (a week by its days: an ISO week number means
 * nothing to a coordinator), 11月3日.
 */
export function trendLabel(period: string, by: StatsGrain): string {
  if (by === 'month') return `${Number(period.slice(5, 7))}月`;
  if (by === 'week') return `${shortDate(isoWeekStart(period))}–${shortDate(isoWeekEnd(period))}`;
  return `${Number(period.slice(5, 7))}月${Number(period.slice(8, 10))}日`;
}

/** A trend step under its bar, where a phone has room for a few characters: 11月, 11/2 (a week by its Monday), 11/3. */
export function trendAxisLabel(period: string, by: StatsGrain): string {
  if (by === 'month') return `${Number(period.slice(5, 7))}月`;
  if (by === 'week') return `${shortDate(isoWeekStart(period))}起`;
  return shortDate(period);
}
