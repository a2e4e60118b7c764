import { CALLBACK_REFUSAL_CODES, type CallbackRefusalCode } from './callbacks';
import { CHILD_FILE_REFUSAL_CODES, type ChildFileRefusalCode } from './child-files';
import { DROPOUT_REFUSAL_CODES, type DropoutRefusalCode } from './dropouts';
import { HANDOFF_REFUSAL_CODES, type HandoffRefusalCode } from './handoffs';
import { INSTITUTION_REFUSAL_CODES, type InstitutionRefusalCode } from './institutions';
import { REFUSAL_CODES, type RefusalCode } from './order-states';
import { RATING_REFUSAL_CODES, type RatingRefusalCode } from './ratings';
import { SCHOOL_HOLIDAY_REFUSAL_CODES, type SchoolHolidayRefusalCode } from './school-holidays';

/**
 * Stable error codes of the HTTP contract; clients match on these, never on messages, and never
 * show them to people. A refused action carries its own code (a 409 whose `code` says why).
 */
const GENERAL_ERROR_CODES = [
  'VALIDATION_FAILED',
  'IDEMPOTENCY_CONFLICT',
  'UNAUTHENTICATED',
  'ACCOUNT_DISABLED',
  'WECHAT_CODE_INVALID',
  'WECHAT_RISKY_USER',
  'INVITE_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'UPLOAD_QUOTA_EXCEEDED',
  'UPLOAD_TOO_SLOW',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode =
  | (typeof GENERAL_ERROR_CODES)[number]
  | RefusalCode
  | RatingRefusalCode
  | CallbackRefusalCode
  | ChildFileRefusalCode
  | HandoffRefusalCode
  | SchoolHolidayRefusalCode
  | DropoutRefusalCode
  | InstitutionRefusalCode;

export const ERROR_CODES: readonly ErrorCode[] = [
  ...GENERAL_ERROR_CODES,
  ...REFUSAL_CODES,
  ...RATING_REFUSAL_CODES,
  ...CALLBACK_REFUSAL_CODES,
  ...CHILD_FILE_REFUSAL_CODES,
  ...HANDOFF_REFUSAL_CODES,
  ...SCHOOL_HOLIDAY_REFUSAL_CODES,
  ...DROPOUT_REFUSAL_CODES,
  ...INSTITUTION_REFUSAL_CODES,
];

export interface ApiErrorBody {
  code: ErrorCode;
  /** What happened and what to do, in Chinese, for people; clients decide on `code`. */
  message: string;
  /** Per field (`child.idNumber`, `Idempotency-Key`): why its value was refused (400). */
  errors?: Record<string, string>;
  /** The id under which the server logged this request, to quote when reporting a fault. */
  requestId?: string;
}
