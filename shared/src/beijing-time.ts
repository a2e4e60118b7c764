/**
 * Beijing time (Asia/Shanghai), the one home of every "today", day count and time a person reads
 * (domain.md, Priorities and clocks). China has one time zone and no daylight saving, so the
 * offset is a constant and plain arithmetic is exact; no Intl or time-zone data is needed.
 */
const BEIJING_OFFSET_MS = 8 * 3600_000;

/** Years a date or time the API accepts may fall in; anything outside is a typo or an attack. */
export const SANE_YEARS = { min: 1900, max: 2100 } as const;

/** The instant shifted so that its UTC fields read as Beijing's wall clock. */
function wallClock(instant: Date): Date {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS);
}

/** `YYYY-MM-DD`: the Beijing calendar day an instant falls in (Beijing's "today" when `now`). */
export function shanghaiDate(instant: Date): string {
  return wallClock(instant).toISOString().slice(0, 10);
}

/** The last millisecond (23:59:59.999) of a Beijing calendar day `YYYY-MM-DD`. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(Date.parse(`${date}T23:59:59.999Z`) - BEIJING_OFFSET_MS);
}

/**
 * `YYYY-MM-DD HH:mm` in Beijing time: the format of WeChat's subscribe-message `time` fields (see
 * README, Subscribe messages). Text a person reads uses {@link chineseDateTime} instead.
 */
export function shanghaiDateTime(instant: Date): string {
  const iso = wallClock(instant).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** `HH:mm`, the Beijing wall-clock time of an instant (time pickers). */
export function beijingTimeOfDay(instant: Date): string {
  return wallClock(instant).toISOString().slice(11, 16);
}

/** The instant a Beijing wall clock shows `time` (`HH:mm`) on the day `date` (`YYYY-MM-DD`). */
export function beijingInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/**
 * `2026年12月3日 14:30`: a time as people read it, in timelines, messages and receipts. Takes an
 * instant or the API's ISO string of one.
 */
export function chineseDateTime(instant: Date | string): string {
  const wall = wallClock(new Date(instant));
  return `${wall.getUTCFullYear()}年${chineseShortDateTime(instant)}`;
}

/** `12月3日 14:30`: the same without the year, where the year is plain from the context. */
export function chineseShortDateTime(instant: Date | string): string {
  return `${chineseShortDay(instant)} ${beijingTimeOfDay(new Date(instant))}`;
}

/** `12月3日`: the Beijing day an instant falls in, without the year (a window of a few days). */
export function chineseShortDay(instant: Date | string): string {
  const wall = wallClock(new Date(instant));
  return `${wall.getUTCMonth() + 1}月${wall.getUTCDate()}日`;
}

/** `2026年12月3日` for a calendar date `YYYY-MM-DD` (a birth date, a holiday). */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** `2026年12月3日`: the Beijing day an instant (or the API's ISO string of one) falls in. */
export function chineseDay(instant: Date | string): string {
  return chineseDate(shanghaiDate(new Date(instant)));
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isRealDay(year: number, month: number, day: number): boolean {
  return (
    year >= SANE_YEARS.min &&
    year <= SANE_YEARS.max &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * Whether `value` is a calendar date `YYYY-MM-DD` that exists (no month 13, no Feb 30, Feb 29
 * only in leap years) in a year of {@link SANE_YEARS}.
 */
export function isRealDate(value: string): boolean {
  const match = DATE.exec(value);
  return match !== null && isRealDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Whether a year (a calendar's, say) is one of {@link SANE_YEARS}. */
export function isSaneYear(year: number): boolean {
  return Number.isInteger(year) && year >= SANE_YEARS.min && year <= SANE_YEARS.max;
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses a time the API receives: ISO 8601 with its offset (`Z` or `±hh:mm`), a real day and a
 * real wall-clock time (hours 00–23, minutes and seconds 00–59) in a year of {@link SANE_YEARS}.
 * Returns null for anything else, notably a time without an offset, which would be read 8 hours
 * off depending on who reads it (api.md: all times ISO 8601 with offset).
 */
export function parseApiInstant(value: string): Date | null {
  const match = INSTANT.exec(value);
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds = '00', zone, , offsetHours, offsetMinutes] =
    match;
  if (!isRealDay(Number(year), Number(month), Number(day))) return null;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return null;
  if (zone !== 'Z' && (Number(offsetHours) > 14 || Number(offsetMinutes) > 59)) return null;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** Whole years of age on `today` (both `YYYY-MM-DD`); the birthday itself counts as reached. */
export function ageOn(birthDate: string, today: string): number {
  const [birthYear] = birthDate.split('-').map(Number);
  const [todayYear] = today.split('-').map(Number);
  return todayYear - birthYear - (today.slice(5) < birthDate.slice(5) ? 1 : 0);
}
