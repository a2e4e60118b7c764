import { ageOn, chineseDate, isRealDate, shanghaiDate } from './beijing-time';
import { idNumberBirthDate } from './identity';

/** 未成年人保护法 第二条: a minor is under 18. */
export const ADULT_AGE_YEARS = 18;

/** The ages in full years a report or a child file may give: a minor is under {@link ADULT_AGE_YEARS}. */
export const CHILD_AGE_YEARS = { min: 0, max: ADULT_AGE_YEARS - 1 } as const;

/**
 * What is wrong with a child's age in full years, or null: a whole number of {@link CHILD_AGE_YEARS}
 * (未成年人保护法 第二条). The server's DTO and the app's form both ask this.
 */
export function childAgeProblem(ageYears: number): string | null {
  return Number.isInteger(ageYears) &&
    ageYears >= CHILD_AGE_YEARS.min &&
    ageYears <= CHILD_AGE_YEARS.max
    ? null
    : `年龄应为${CHILD_AGE_YEARS.min}到${CHILD_AGE_YEARS.max}之间的整数`;
}

/** Phones' clocks drift; a few minutes ahead of the server is still "now". */
export const ALLOWED_CLOCK_SKEW_MS = 10 * 60 * 1000;

/**
 * True when a time a person gives (a discovery, a visit, a contact, a handover) lies beyond the
 * server's `now` by more than a phone's clock drifts ({@link ALLOWED_CLOCK_SKEW_MS}): only then is
 * it "after now". The form and the server both ask this, so a time the form takes is never refused.
 */
export function isAfterNow(instant: Date, now: Date): boolean {
  return instant.getTime() > now.getTime() + ALLOWED_CLOCK_SKEW_MS;
}

/**
 * A time a worker records for something done (a contact, a handover), as stored: one a fast phone
 * put a few minutes ahead is `now`, so no record says it happened after the server received it.
 */
export function doneAt(instant: Date, now: Date): Date {
  return instant.getTime() > now.getTime() ? now : instant;
}

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

/**
 * The reporting delay (discoveredAt → submitted, domain.md "Accountability") in hours, never
 * below 0: intake takes a discovery up to {@link ALLOWED_CLOCK_SKEW_MS} after the server's
 * receipt (a phone clock running fast), and a report cannot have been filed before anyone knew.
 * The one definition the figures (`GET /stats/overview`: median, share over 24 h, per type and
 * institution) and the 台账's column use.
 */
export function reportingDelayHours(discoveredAt: Date, submittedAt: Date): number {
  return Math.max(0, submittedAt.getTime() - discoveredAt.getTime()) / 3_600_000;
}

/**
 * The first day (`YYYY-MM-DD`) a child who is `ageYears` in full years on `today` can have been
 * born: the day after the same date `ageYears + 1` years earlier (after 28 February when today is
 * 29 February). Given as 虚岁, the child is younger still, so this bound holds for both.
 */
export function earliestBirthDate(ageYears: number, today: string): string {
  const [year, month, day] = today.split('-').map(Number);
  const anchorYear = year - ageYears - 1;
  const anchorDay = Math.min(day, new Date(Date.UTC(anchorYear, month, 0)).getUTCDate());
  return new Date(Date.UTC(anchorYear, month - 1, anchorDay + 1)).toISOString().slice(0, 10);
}

/**
 * The birth a report's child facts set, if they set one, as the discovery rule compares it: the
 * birth date, else the one in the 身份证号, each only when {@link birthDateProblem} finds nothing
 * wrong with it (a wrong one is refused on its own field); else the earliest birth the age allows;
 * else, as every child here is under {@link ADULT_AGE_YEARS}, the earliest birth of a 17-year-old.
 */
function birthBound(
  child: ChildDateFacts,
  today: string,
): { date: string; exact: boolean; ageYears?: number } {
  for (const date of [child.birthDate, child.idNumber && idNumberBirthDate(child.idNumber)]) {
    if (date && !birthDateProblem(date, today)) return { date, exact: true };
  }
  if (child.ageYears !== undefined && !childAgeProblem(child.ageYears)) {
    const { ageYears } = child;
    return { date: earliestBirthDate(ageYears, today), exact: false, ageYears };
  }
  return { date: earliestBirthDate(CHILD_AGE_YEARS.max, today), exact: false };
}

/**
 * What is wrong with when the reporter found out (`discoveredAt`), given the server's `now` and
 * what the report says of the child, or null: not after now (a phone clock up to
 * {@link ALLOWED_CLOCK_SKEW_MS} fast is still now), and not on a Beijing day before the child's
 * birth (the birth date or the one in the 身份证号; failing those, the earliest birth the age, or
 * being a minor at all, allows), which would make the reporting delay longer than the child's life.
 */
export function discoveredAtProblem(
  discoveredAt: Date,
  now: Date,
  child: ChildDateFacts = {},
): string | null {
  if (isAfterNow(discoveredAt, now)) return '发现时间不能晚于现在';
  const birth = birthBound(child, shanghaiDate(now));
  if (shanghaiDate(discoveredAt) >= birth.date) return null;
  const day = chineseDate(birth.date);
  if (birth.exact) return `发现时间不能早于孩子的出生日期（${day}）`;
  if (birth.ageYears !== undefined) {
    return `发现时间早于孩子出生：孩子${birth.ageYears}岁，最早${day}出生，请核对发现时间或年龄`;
  }
  return `发现时间不能早于${day}：本平台受理未满${ADULT_AGE_YEARS}周岁的未成年人，那时孩子还没有出生`;
}

/**
 * People often give a child's nominal age (虚岁), one more than the age in full years; an age
 * that far from the birth date is still the same child.
 */
export const NOMINAL_AGE_ALLOWANCE_YEARS = 1;

/** The child's date facts as a report or a child file carries them. */
export interface ChildDateFacts {
  birthDate?: string;
  ageYears?: number;
  idNumber?: string;
}

/**
 * Every date rule of a child's details on Beijing's `today`, as field → reason (empty when they
 * agree): an age is one of {@link CHILD_AGE_YEARS}; the birth date and the one inside the 身份证号 (GB 11643, positions 7–14) are each not
 * after today and under 18 (未成年人保护法 第二条); the two agree; an age agrees with them within
 * the nominal-age allowance. Fields are named as in the report body (`birthDate`, `idNumber`,
 * `ageYears`); the caller prefixes them (`child.`).
 */
export function childDateProblems(child: ChildDateFacts, today: string): Record<string, string> {
  const problems: Record<string, string> = {};
  const typed = child.birthDate;
  if (typed !== undefined) {
    const problem = birthDateProblem(typed, today);
    if (problem) problems.birthDate = problem;
  }
  const fromId = child.idNumber === undefined ? null : idNumberBirthDate(child.idNumber);
  if (fromId) {
    const problem = birthDateProblem(fromId, today);
    if (problem) problems.idNumber = `身份证号中的出生日期（${fromId}）有误：${problem}`;
    else if (typed !== undefined && isRealDate(typed) && typed !== fromId) {
      problems.idNumber = `身份证号中的出生日期（${fromId}）与填写的出生日期不一致，请核对`;
    }
  }
  const ageProblem = child.ageYears === undefined ? null : childAgeProblem(child.ageYears);
  if (ageProblem) problems.ageYears = ageProblem;
  const birth = typed !== undefined && !problems.birthDate ? typed : fromId;
  if (child.ageYears !== undefined && !ageProblem && birth && isRealDate(birth) && birth <= today) {
    const age = ageOn(birth, today);
    if (child.ageYears < age || child.ageYears > age + NOMINAL_AGE_ALLOWANCE_YEARS) {
      problems.ageYears = `年龄与出生日期不符（按出生日期今年${age}周岁），请核对或只填一项`;
    }
  }
  return problems;
}
