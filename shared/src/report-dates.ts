import { ageOn, isRealDate } from './beijing-time';
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
