import { beijingInstant, shanghaiDate } from './beijing-time';
import {
  SCHOOL_HOLIDAY_KIND_LABELS,
  type SchoolHoliday,
  type SchoolHolidayKind,
  type SchoolHolidayRequest,
} from './visits';

/**
 * School holidays (寒假、暑假) the administrator keeps per county: at a holiday's start, every 在册
 * priority child (重点关注) of the county gets a 假期走访 on the plan (domain.md, "The child, not
 * the ticket": "priority children get a visit at the start of each school holiday").
 */

/** Refusals of the school-holiday routes that no field's shape tells (409). */
export const SCHOOL_HOLIDAY_REFUSAL_CODES = [
  'SCHOOL_HOLIDAY_EXISTS',
  'SCHOOL_HOLIDAY_STARTED',
] as const;
export type SchoolHolidayRefusalCode = (typeof SCHOOL_HOLIDAY_REFUSAL_CODES)[number];

/** The instant a holiday starts: 00:00 Beijing time of its first day; its visits count from it. */
export function schoolHolidayStart(startsOn: string): Date {
  return beijingInstant(startsOn, '00:00');
}

/** Whether the holiday has started by `now` (Beijing's day is its first day or later). */
export function schoolHolidayStarted(startsOn: string, now: Date): boolean {
  return shanghaiDate(now) >= startsOn;
}

/** The months a holiday may start in: 寒假 around the Spring Festival, 暑假 in summer. */
export const SCHOOL_HOLIDAY_START_MONTHS: Record<SchoolHolidayKind, readonly number[]> = {
  winter: [12, 1, 2],
  summer: [6, 7, 8],
};

/**
 * Rules of `POST /admin/school-holidays` once each field has its shape, field → reason (400): a
 * holiday is entered before it starts (today at the latest), since its visits are planned at its
 * start and a start already past would put them on the plan late, some already overdue; and it
 * starts in its season (`SCHOOL_HOLIDAY_START_MONTHS`: a 暑假 on 25 December is a typing slip).
 */
export function schoolHolidayRequestErrors(
  body: Pick<SchoolHolidayRequest, 'kind' | 'startsOn'>,
  today: string,
): Record<string, string> {
  if (body.startsOn < today) {
    return { startsOn: '假期开始日期不能早于今天：请录入还没有开始的假期' };
  }
  const months = SCHOOL_HOLIDAY_START_MONTHS[body.kind];
  if (!months.includes(Number(body.startsOn.slice(5, 7)))) {
    const label = SCHOOL_HOLIDAY_KIND_LABELS[body.kind];
    return {
      startsOn: `${label}只能在${months.map((m) => `${m}月`).join('、')}开始：请核对假期和开始日期`,
    };
  }
  return {};
}

/**
 * The holiday already kept that a new one would repeat, or null: the same county starting the
 * same day, or the same kind of holiday of the same county in the same year (one 寒假 and one
 * 暑假 a year; to change a date, delete the holiday before it starts and enter it again).
 */
export function schoolHolidayClash<H extends SchoolHolidayRequest>(
  request: SchoolHolidayRequest,
  kept: readonly H[],
): H | null {
  const year = (startsOn: string) => startsOn.slice(0, 4);
  return (
    kept.find(
      (holiday) =>
        holiday.countyCode === request.countyCode &&
        (holiday.startsOn === request.startsOn ||
          (holiday.kind === request.kind && year(holiday.startsOn) === year(request.startsOn))),
    ) ?? null
  );
}

/** Why a kept holiday may not be deleted at `now`, or null: once it started, its visits are planned. */
export function schoolHolidayDeletionProblem(holiday: SchoolHoliday, now: Date): string | null {
  if (holiday.duesCreatedAt !== null || schoolHolidayStarted(holiday.startsOn, now)) {
    return '假期已经开始，假期走访已经安排，不能删除';
  }
  return null;
}
