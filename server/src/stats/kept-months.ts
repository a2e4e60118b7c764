import { beijingInstant } from '@shouhu/shared';

/** A span of instants, `[start, end)`. */
export interface InstantRange {
  start: Date;
  end: Date;
}

/**
 * A period's clocks read from the kept clock counts (`clock_counts`, by Beijing month of the due
 * time) where that reads fewer clocks than the clocks themselves:
 * - `months`: the Beijing months `first`–`last` (`YYYY-MM`, both included; null when none) whose
 *   kept rows are read, each of their clocks counted as due by now;
 * - `excluded`: the parts of those months the period leaves out, and the part due after now, whose
 *   clocks are read and taken off the kept rows as the kept rows count them (due by now). They
 *   must be read in the same snapshot as the kept rows;
 * - `live`: the rest of the period (before and after the months, and the part of the months due
 *   after now), read from the clocks and added, with whether each is due by now.
 * The kept rows minus `excluded` plus `live` are the clocks due in the period, each once.
 */
export interface KeptMonthsSplit {
  months: { first: string; last: string } | null;
  excluded: InstantRange[];
  live: InstantRange[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant a Beijing month starts, `monthIndex` counted from year 0 (`year * 12 + month - 1`). */
function monthStart(monthIndex: number): Date {
  const year = Math.floor(monthIndex / 12);
  return beijingInstant(`${year}-${pad((monthIndex % 12) + 1)}-01`, '00:00');
}

/** The month index (`year * 12 + month - 1`) of the Beijing month an instant lies in. */
function monthIndexOf(instant: Date): number {
  const wall = new Date(instant.getTime() + 8 * 3_600_000);
  return wall.getUTCFullYear() * 12 + wall.getUTCMonth();
}

const monthName = (monthIndex: number) =>
  `${Math.floor(monthIndex / 12)}-${pad((monthIndex % 12) + 1)}`;

/** How long `[start, end)` and `[from, to)` overlap, in milliseconds. */
function overlapMs(start: number, end: number, from: number, to: number): number {
  return Math.max(0, Math.min(end, to) - Math.max(start, from));
}

const nonEmpty = (ranges: InstantRange[]) => ranges.filter((range) => range.start < range.end);

/**
 * Splits `period` for the kept counts as of `now`. A month is read from its kept rows when that
 * reads fewer days of clocks (the days it takes off, and the days due after now twice: taken off,
 * then added as not yet due) than reading its days in the period live; the months so read are
 * consecutive (those wholly inside the period and ended cost nothing).
 */
export function splitByKeptMonths(period: InstantRange, now: Date): KeptMonthsSplit {
  const start = period.start.getTime();
  const end = period.end.getTime();
  const at = now.getTime();
  if (start >= end) return { months: null, excluded: [], live: [] };
  const cheaperKept = (month: number): boolean => {
    const from = monthStart(month).getTime();
    const to = monthStart(month + 1).getTime();
    const inPeriod = overlapMs(start, end, from, to);
    const leftOut = to - from - inPeriod;
    const dueLater = overlapMs(start, end, Math.max(from, at), to);
    return leftOut + 2 * dueLater < inPeriod;
  };
  const months: number[] = [];
  for (let month = monthIndexOf(period.start); monthStart(month).getTime() < end; month++) {
    if (cheaperKept(month)) months.push(month);
  }
  if (months.length === 0) return { months: null, excluded: [], live: [period] };
  const first = months[0];
  const last = months[months.length - 1];
  const keptStart = monthStart(first).getTime();
  const keptEnd = monthStart(last + 1).getTime();
  const range = (from: number, to: number): InstantRange => ({
    start: new Date(from),
    end: new Date(to),
  });
  const countedUntil = Math.max(keptStart, start, Math.min(end, at));
  return {
    months: { first: monthName(first), last: monthName(last) },
    excluded: nonEmpty([range(keptStart, start), range(countedUntil, keptEnd)]),
    live: nonEmpty([
      range(start, keptStart),
      range(Math.max(start, keptStart, at), Math.min(end, keptEnd)),
      range(keptEnd, end),
    ]),
  };
}
