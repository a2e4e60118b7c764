import type { ApiErrorBody, ErrorCode } from '@shouhu/shared';

/** People read Chinese sentences; a code, an English stack text or an empty string is not one. */
const HUMAN_TEXT = /[\u4e00-\u9fff]/;

const isHumanText = (value: unknown): value is string =>
  typeof value === 'string' && HUMAN_TEXT.test(value);

function statusMessage(status: number): string {
  return status === 409
    ? '操作没有成功：情况已有变化，请返回刷新后再试'
    : `服务暂时不可用（${status}），请稍后再试`;
}

/** A failed call, with what the person in front of the phone should read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK' | 'BAD_ANSWER',
    message: string,
    readonly fieldErrors: Record<string, string> = {},
    /** The file a refused 新建档案 found already (409 `CHILD_FILE_EXISTS` with `errors.fileId`). */
    readonly fileId: string | null = null,
  ) {
    super(message);
  }

  /**
   * The server's answer as the app keeps it: the code for matching, and only text meant for
   * people to read (a message without Chinese words is replaced, a field note without them dropped).
   */
  static fromResponse(status: number, body: unknown): ApiError {
    const error = body as Partial<ApiErrorBody> | undefined;
    if (error && typeof error.code === 'string') {
      const fields = Object.fromEntries(
        Object.entries(error.errors ?? {}).filter(([, text]) => isHumanText(text)),
      );
      const message = isHumanText(error.message) ? error.message : statusMessage(status);
      // `CHILD_FILE_EXISTS` names the existing file in `errors.fileId` (an id, not a reason).
      const fileId = (error.errors as { fileId?: unknown } | undefined)?.fileId;
      return new ApiError(
        status,
        error.code,
        message,
        fields,
        typeof fileId === 'string' ? fileId : null,
      );
    }
    return new ApiError(status, 'INTERNAL', statusMessage(status));
  }

  /**
   * No answer at all. A page that sends something keeps what was typed or chosen, and says so; a
   * page that only reads has nothing to keep, and saying 内容已保留 there puzzles its reader.
   */
  static network(request: 'read' | 'write'): ApiError {
    return new ApiError(
      0,
      'NETWORK',
      request === 'write'
        ? '网络连接失败，请检查网络后重试；内容已保留'
        : '网络连接失败，请检查网络后重试',
    );
  }

  /**
   * A success status with an answer the app cannot read. Text instead of JSON is what a public
   * Wi-Fi asking its user to log in sends back; JSON of another shape, a proxy or server fault.
   */
  static badAnswer(status: number, body: unknown): ApiError {
    // A Wi-Fi login page: text, or in H5 nothing Taro could read as JSON.
    const message =
      typeof body === 'string' || body === null || body === undefined
        ? '网络可能需要登录，请检查Wi-Fi后再试'
        : '服务器返回的内容不正确，请稍后再试';
    return new ApiError(status, 'BAD_ANSWER', message);
  }

  /**
   * Worth sending again unchanged: no answer, the server could not handle it just now (5xx, 429),
   * or the body arrived too slowly (408, a weak signal).
   */
  get retryable(): boolean {
    // A bad answer may hide a request the server applied: resending under the same key is safe.
    return (
      this.code === 'NETWORK' ||
      this.code === 'BAD_ANSWER' ||
      this.status >= 500 ||
      this.status === 408 ||
      this.status === 429
    );
  }

  /**
   * The server itself answered with a reason people can act on (a refusal, a quota, a timeout):
   * its message says what to do, even where sending again later may work.
   */
  get fromServer(): boolean {
    return this.code !== 'NETWORK' && this.code !== 'BAD_ANSWER' && this.status < 500;
  }

  /** Refused because the record changed under the person (409): what is on screen is stale. */
  get stale(): boolean {
    return this.status === 409;
  }

  /** Lines to show: the message, then one line per field. */
  lines(): string[] {
    return [this.message, ...Object.values(this.fieldErrors)];
  }
}

/**
 * A refused call as a form shows it: the server's reasons by field, named as in the request body
 * (`child.ageYears`), and its message.
 */
export interface Refusal {
  message: string;
  fields: Record<string, string>;
}

/**
 * What a form shows for anything a call threw: an API error's message and its reasons by field,
 * or the caller's `fallback` (what failed and what to do) with no field.
 */
export function refusalOf(error: unknown, fallback: string): Refusal {
  return error instanceof ApiError
    ? { message: error.message, fields: error.fieldErrors }
    : { message: fallback, fields: {} };
}

/**
 * What to show a person for anything a call threw: the server's words for an API error, the
 * caller's fallback (what failed and what to do) for anything else. Never a code.
 */
export function failureLines(error: unknown, fallback: string): string[] {
  return error instanceof ApiError ? error.lines() : [fallback];
}

/** `failureLines` as one sentence, for a single line of text. */
export function failureText(error: unknown, fallback: string): string {
  return failureLines(error, fallback).join('；');
}
