import { ageOn, isRealDate } from './beijing-time';

/** 未成年人保护法 第二条: a minor is under 18. */
export const ADULT_AGE_YEARS = 18;

/** Phones' clocks drift; a few minutes ahead of the server is still "now". */
export const ALLOWED_CLOCK_SKEW_MS = 10 * 60 * 1000;

/**
 * What is wrong with a child's birth date (`YYYY-MM-DD`) on Beijing's `today` (see
 * `shanghaiDate`), or null. A child born today is fine (an abandoned newborn); the form and the
 * server both ask this, so they agree at every hour of the day.
 */
export function birthDateProblem(birthDate: string, today: string): string | null {
  if (!isRealDate(birthDate)) return '出生日期不是有效日期';
  if (birthDate > today) return '出生日期不能晚于今天';
  if (ageOn(birthDate, today) >= ADULT_AGE_YEARS) return '本平台受理未满18周岁的未成年人的情况';
  return null;
}

/** What is wrong with when the reporter found out, given the server's `now`, or null. */
export function discoveredAtProblem(discoveredAt: Date, now: Date): string | null {
  return discoveredAt.getTime() > now.getTime() + ALLOWED_CLOCK_SKEW_MS
    ? '发现时间不能晚于现在'
    : null;
}
