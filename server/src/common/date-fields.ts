import { ValidateBy, type ValidationOptions } from 'class-validator';
import { SANE_YEARS, isRealDate, parseApiInstant } from '@shouhu/shared';

/** class-validator names of the two checks, so tests can find every date and time field. */
export const API_INSTANT = 'isApiInstant';
export const API_DATE = 'isApiDate';

/**
 * A time the API receives: ISO 8601 with its offset (`Z` or `+08:00`), a real day and time in
 * 1900–2100 (shared `parseApiInstant`; api.md: all times ISO 8601 with offset; domain.md: a time
 * without an offset is refused). `label` is the field's Chinese name in the 400's message.
 */
export function IsApiInstant(label: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: API_INSTANT,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseApiInstant(value) !== null,
        defaultMessage: () =>
          `${label}需要带时区（如 +08:00），且应为${SANE_YEARS.min}到${SANE_YEARS.max}年间真实的日期和时间`,
      },
    },
    options,
  );
}

/** A calendar date `YYYY-MM-DD` that exists (no month 13 or Feb 30) in 1900–2100 (shared `isRealDate`). */
export function IsApiDate(label: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: API_DATE,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isRealDate(value),
        defaultMessage: () =>
          `${label}应为真实的日期，格式 YYYY-MM-DD（${SANE_YEARS.min}到${SANE_YEARS.max}年）`,
      },
    },
    options,
  );
}
