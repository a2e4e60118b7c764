import type { ApiErrorBody, ErrorCode } from '@shouhu/shared';

/** A failed call, with what the person in front of the phone should read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }

  static fromResponse(status: number, body: unknown): ApiError {
    const error = body as Partial<ApiErrorBody> | undefined;
    if (error && typeof error.code === 'string' && typeof error.message === 'string') {
      return new ApiError(status, error.code, error.message, error.errors ?? {});
    }
    return new ApiError(status, 'INTERNAL', `服务暂时不可用（${status}），请稍后再试`);
  }

  static network(): ApiError {
    return new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试；内容已保留');
  }

  /** Worth sending again unchanged: no answer, or the server could not handle it just now. */
  get retryable(): boolean {
    return this.code === 'NETWORK' || this.status >= 500 || this.status === 429;
  }

  /** Lines to show: the message, then one line per field. */
  lines(): string[] {
    return [this.message, ...Object.values(this.fieldErrors)];
  }
}
