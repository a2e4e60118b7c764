import { HttpStatus } from '@nestjs/common';
import type { ApiErrorBody, ErrorCode } from '@shouhu/shared';

/** An error the client is meant to see: a stable code, a status and a message people can act on. */
export class ApiException extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: ErrorCode,
    message: string,
    readonly errors?: Record<string, string>,
  ) {
    super(message);
  }

  toBody(): ApiErrorBody {
    return this.errors
      ? { code: this.code, message: this.message, errors: this.errors }
      : { code: this.code, message: this.message };
  }

  static validation(
    errors: Record<string, string>,
    message = '提交的内容有误，请按提示修改',
  ): ApiException {
    return new ApiException(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message, errors);
  }

  static notFound(message = '没有找到这条记录'): ApiException {
    return new ApiException(HttpStatus.NOT_FOUND, 'NOT_FOUND', message);
  }

  static unauthenticated(message = '请先登录'): ApiException {
    return new ApiException(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', message);
  }

  static accountDisabled(): ApiException {
    return new ApiException(
      HttpStatus.UNAUTHORIZED,
      'ACCOUNT_DISABLED',
      '账号已停用，请联系管理员',
    );
  }

  static forbidden(message = '您没有权限进行这个操作'): ApiException {
    return new ApiException(HttpStatus.FORBIDDEN, 'FORBIDDEN', message);
  }
}
