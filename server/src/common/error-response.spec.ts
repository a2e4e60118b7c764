import { HttpStatus, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ApiException } from './api-exception';
import { toErrorResponse } from './error-response';

describe(toErrorResponse.name, () => {
  it('passes an ApiException through with its code, message and field errors', () => {
    const error = ApiException.validation({ description: '太短' });

    expect(toErrorResponse(error)).toEqual({
      status: 400,
      body: {
        code: 'VALIDATION_FAILED',
        message: '提交的内容有误，请按提示修改',
        errors: { description: '太短' },
      },
    });
  });

  it('maps framework errors to stable codes', () => {
    expect(toErrorResponse(new NotFoundException()).body.code).toBe('NOT_FOUND');
    expect(toErrorResponse(new PayloadTooLargeException()).body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(toErrorResponse(Object.assign(new Error('bad json'), { statusCode: 400 }))).toEqual({
      status: 400,
      body: { code: 'VALIDATION_FAILED', message: '请求格式不正确' },
    });
  });

  it.each([
    ['FST_ERR_BAD_URL', 400, 'VALIDATION_FAILED', '网址格式不正确，请检查后再试'],
    ['FST_ERR_MAX_PARAM_LENGTH', 404, 'NOT_FOUND', '没有找到这个地址或记录'],
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, 'VALIDATION_FAILED', '提交的内容不是有效的 JSON'],
    ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400, 'VALIDATION_FAILED', '请求的长度与内容不符'],
  ])(
    'answers Fastify’s %s with %d %s, saying what went wrong, without its text',
    (code, status, ours, message) => {
      const error = Object.assign(new Error("'/track/%ZZ' is not a valid url component"), {
        code,
        statusCode: 400,
      });

      expect(toErrorResponse(error)).toEqual({ status, body: { code: ours, message } });
    },
  );

  it('answers 503 when the database is down or saturated', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

    expect(toErrorResponse(refused).status).toBe(HttpStatus.SERVICE_UNAVAILABLE);
    expect(toErrorResponse(new Error('Queue limit reached.')).body.code).toBe(
      'SERVICE_UNAVAILABLE',
    );
  });

  it('hides the internals of anything unexpected', () => {
    const response = toErrorResponse(new Error('SELECT secret FROM users'));

    expect(response).toEqual({
      status: 500,
      body: { code: 'INTERNAL', message: '服务器出错了，请稍后再试' },
    });
    expect(JSON.stringify(response)).not.toContain('secret');
  });
});
