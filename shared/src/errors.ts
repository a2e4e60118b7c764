/** Stable error codes of the HTTP contract; clients match on these, never on messages. */
export const ERROR_CODES = [
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
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  errors?: Record<string, string>;
}
