import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiErrorBody, ErrorCode } from '@shouhu/shared';
import type { FastifyRequest } from 'fastify';
import { noteFailure } from '../logging/request-log';
import { ApiException } from './api-exception';

export interface ErrorResponse {
  status: number;
  body: ApiErrorBody;
}

/**
 * api.md's error shape plus the request's id, which is also the `X-Request-Id` header and the
 * `requestId` of its log line: quoted in a complaint, it finds the line (README, Logs).
 */
export type ErrorAnswerBody = ApiErrorBody & { requestId: string };

const CODE_BY_STATUS: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'VALIDATION_FAILED', message: '请求格式不正确' },
  401: { code: 'UNAUTHENTICATED', message: '请先登录' },
  403: { code: 'FORBIDDEN', message: '没有权限进行这个操作' },
  404: { code: 'NOT_FOUND', message: '没有找到这个地址或记录' },
  405: { code: 'NOT_FOUND', message: '没有找到这个地址或记录' },
  409: { code: 'CONFLICT', message: '操作与当前状态冲突，请刷新后再试' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容太大，请删减后再试' },
  415: { code: 'VALIDATION_FAILED', message: '请以 JSON 格式提交' },
  429: { code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' },
  503: { code: 'SERVICE_UNAVAILABLE', message: '系统繁忙，请稍后重试' },
};

/**
 * Errors Fastify raises itself, before any route runs (the router, the body parsers), by their
 * `code`: each gets a message saying what to change, never the URL or the parser's text.
 */
const FRAMEWORK_ERRORS: Record<string, ErrorResponse> = {
  FST_ERR_BAD_URL: {
    status: 400,
    body: { code: 'VALIDATION_FAILED', message: '网址格式不正确，请检查后再试' },
  },
  // No id, code or year of ours is anywhere near Fastify's 100-character limit on a path segment.
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 404,
    body: { code: 'NOT_FOUND', message: '没有找到这个地址或记录' },
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    body: { code: 'VALIDATION_FAILED', message: '提交的内容不是有效的 JSON' },
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    body: { code: 'VALIDATION_FAILED', message: '请求的长度与内容不符' },
  },
};

const INTERNAL: ApiErrorBody = { code: 'INTERNAL', message: '服务器出错了，请稍后再试' };

/** mysql2 / pool errors that mean "the database is unreachable or saturated", not a bug. */
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'POOL_CLOSED',
]);

function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  const driverError = (error as { driverError?: { code?: unknown } }).driverError;
  return (
    (typeof code === 'string' && UNAVAILABLE_ERRNO.has(code)) ||
    (typeof driverError?.code === 'string' && UNAVAILABLE_ERRNO.has(driverError.code)) ||
    /Queue limit reached/.test(error.message)
  );
}

function fromStatus(status: number): ErrorResponse {
  const known = CODE_BY_STATUS[status];
  if (known) return { status, body: { ...known } };
  return status >= 500
    ? { status: HttpStatus.INTERNAL_SERVER_ERROR, body: INTERNAL }
    : { status, body: { code: 'VALIDATION_FAILED', message: '请求无法处理' } };
}

/**
 * Turns anything thrown while serving a request into the error shape of api.md. Only
 * ApiException messages reach the client verbatim; everything else gets a generic message so no
 * internals leak.
 */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof ApiException) return { status: error.status, body: error.toBody() };
  if (error instanceof HttpException) return fromStatus(error.getStatus());
  if (isDatabaseUnavailable(error)) return fromStatus(HttpStatus.SERVICE_UNAVAILABLE);
  const fastifyCode = (error as { code?: unknown } | null)?.code;
  if (typeof fastifyCode === 'string' && Object.hasOwn(FRAMEWORK_ERRORS, fastifyCode)) {
    const known = FRAMEWORK_ERRORS[fastifyCode];
    return { status: known.status, body: { ...known.body } };
  }
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return fromStatus(status);
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: INTERNAL };
}

/**
 * The answer to `request` that failed with `error`, carrying the request's id; its log line is
 * told the code, and for a 5xx the error itself.
 */
export function errorAnswer(
  error: unknown,
  request: FastifyRequest,
): { status: number; body: ErrorAnswerBody } {
  const { status, body } = toErrorResponse(error);
  noteFailure(request, body.code, error);
  return { status, body: { ...body, requestId: request.id } };
}
