/**
 * Working days in Asia/Shanghai, on the Chinese calendar. Beijing dates themselves live in
 * `beijing-time.ts`.
 */
import { endOfShanghaiDay, shanghaiDate } from './beijing-time';

const DAY_MS = 24 * 3600_000;

export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * The working-day calendar: statutory holidays off, 调休 weekend workdays on. Answers undefined for
 * a year it does not cover.
 */
export interface WorkCalendar {
  isWorkingDay(date: string): boolean | undefined;
}

/** Builds a calendar from the covered years and their exceptions to Mon–Fri. */
export function calendarFrom(
  coveredYears: Iterable<number>,
  exceptions: Iterable<{ date: string; working: boolean }>,
): WorkCalendar {
  const years = new Set(coveredYears);
  const byDate = new Map<string, boolean>();
  for (const e of exceptions) byDate.set(e.date, e.working);
  return {
    isWorkingDay(date) {
      if (!years.has(Number(date.slice(0, 4)))) return undefined;
      return byDate.get(date) ?? !isWeekend(date);
    },
  };
}

export interface WorkingDayResult {
  /** End (23:59:59.999 Shanghai) of the Nth working day after the start day. */
  due: Date;
  /** Years the calendar did not cover, counted Mon–Fri instead. */
  uncoveredYears: number[];
}

/**
 * N working days after an instant end at the close of the Nth working day after its day; the start
 * day never counts (as 刑诉法 第一百零五条 counts days).
 */
export function addWorkingDays(
  start: Date,
  days: number,
  calendar: WorkCalendar,
): WorkingDayResult {
  const uncovered = new Set<number>();
  let date = shanghaiDate(start);
  let counted = 0;
  while (counted < days) {
    date = nextDate(date);
    const working = calendar.isWorkingDay(date);
    if (working === undefined) uncovered.add(Number(date.slice(0, 4)));
    if (working ?? !isWeekend(date)) counted++;
  }
  return { due: endOfShanghaiDay(date), uncoveredYears: [...uncovered].sort() };
}
