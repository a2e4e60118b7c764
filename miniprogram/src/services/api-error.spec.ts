import { ERROR_CODES } from '@shouhu/shared';
import { ApiError, failureLines } from './api-error';

describe('what a person reads about a failed call', () => {
  it.each(ERROR_CODES)(
    'never shows the code %s, even when the server sends only the code: says what to do instead',
    (code) => {
      const error = ApiError.fromResponse(409, { code, message: code, errors: { field: code } });

      expect(error.code).toBe(code);
      expect(failureLines(error, '提交失败')).toEqual([
        '操作没有成功：情况已有变化，请返回刷新后再试',
      ]);
    },
  );

  it('keeps the server’s words and field notes when they are meant for people', () => {
    const error = ApiError.fromResponse(400, {
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误，请按提示修改',
      errors: { 'child.birthDate': '出生日期不能晚于今天' },
    });

    expect(failureLines(error, '提交失败')).toEqual([
      '提交的内容有误，请按提示修改',
      '出生日期不能晚于今天',
    ]);
  });

  it('falls back to the caller’s words for anything that is not an API error', () => {
    expect(failureLines(new TypeError('x is undefined'), '提交失败，请稍后再试')).toEqual([
      '提交失败，请稍后再试',
    ]);
  });
});

describe('which failures are worth sending again under the same key', () => {
  it.each<[string, ApiError, boolean]>([
    ['no network', ApiError.network('write'), true],
    ['a Wi-Fi login page', ApiError.badAnswer(200, '<html></html>'), true],
    ['500', ApiError.fromResponse(500, { code: 'INTERNAL', message: '服务器出错了' }), true],
    ['503', ApiError.fromResponse(503, { code: 'SERVICE_UNAVAILABLE', message: '服务繁忙' }), true],
    ['408, a body that came too slowly', ApiError.fromResponse(408, undefined), true],
    ['429', ApiError.fromResponse(429, { code: 'RATE_LIMITED', message: '请稍后再试' }), true],
    ['400', ApiError.fromResponse(400, { code: 'VALIDATION_FAILED', message: '内容有误' }), false],
    ['403', ApiError.fromResponse(403, { code: 'FORBIDDEN', message: '没有权限' }), false],
    ['404', ApiError.fromResponse(404, { code: 'NOT_FOUND', message: '没有找到' }), false],
    ['409', ApiError.fromResponse(409, { code: 'CONFLICT', message: '工单已签收' }), false],
  ])('%s → %s', (_what, error, retryable) => {
    expect(error.retryable).toBe(retryable);
  });
});
