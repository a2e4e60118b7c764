import { beijingInstant } from '@shouhu/shared';

/** A span of instants, `[start, end)`. */
export interface InstantRange {
  start: Date;
  end: Date;
}

/**
 * A period split for the kept clock counts (`clock_counts`, by Beijing month of the due time):
 * `months`, the whole Beijing months inside `[start, end)` that ended by `now` (`YYYY-MM`, first
 * and last, both included; null when none), whose clocks are all due by `now` and counted in the
 * kept rows; `live`, the rest of the period, at most one range before them and one after, read
 * from the clocks themselves.
 */
export interface KeptMonthsSplit {
  months: { first: string; last: string } | null;
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

export function splitByKeptMonths(period: InstantRange, now: Date): KeptMonthsSplit {
  const { start, end } = period;
  let first = monthIndexOf(start);
  if (monthStart(first).getTime() < start.getTime()) first++;
  const until = Math.min(end.getTime(), now.getTime());
  let last = first - 1;
  while (monthStart(last + 2).getTime() <= until) last++;
  if (last < first) return { months: null, live: start < end ? [{ start, end }] : [] };
  const keptStart = monthStart(first);
  const keptEnd = monthStart(last + 1);
  return {
    months: { first: monthName(first), last: monthName(last) },
    live: [
      { start, end: keptStart },
      { start: keptEnd, end },
    ].filter((range) => range.start < range.end),
  };
}
