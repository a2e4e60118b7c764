import { randomUUID } from 'node:crypto';
import type { ApiErrorBody, AuthResponse, AuthUser } from '@shouhu/shared';
import { DataSource } from 'typeorm';
import { UserEntity } from '../../src/users/user.entity';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';
import { STAND_IN_APPID, startWechatStandIn, type WechatStandIn } from '../setup/wechat-stand-in';

describe('POST /auth/wechat', () => {
  let wechat: WechatStandIn;
  let sut: TestApp;

  beforeAll(async () => {
    wechat = await startWechatStandIn();
    sut = await startTestApp({ env: wechat.env });
  });
  afterAll(async () => {
    await sut.close();
    await wechat.close();
  });

  const login = (code: string) =>
    http<AuthResponse & ApiErrorBody>(sut.baseUrl, 'POST', '/auth/wechat', { body: { code } });

  it('exchanges the code with WeChat and logs the user in by openid, keeping the unionid', async () => {
    const openid = `o-${randomUUID()}`;

    const first = await login(`ok:${openid}:u-${openid}`);
    const again = await login(`ok:${openid}`);

    expect(first.status).toBe(200);
    expect(first.body.user.roles).toEqual(['reporter']);
    expect(again.body.user.id).toBe(first.body.user.id);
    const call = wechat.calls.find((c) => c.get('js_code') === `ok:${openid}:u-${openid}`);
    expect(call?.get('appid')).toBe(STAND_IN_APPID);
    expect(call?.get('grant_type')).toBe('authorization_code');
    const stored = await sut.app
      .get(DataSource)
      .getRepository(UserEntity)
      .findOneByOrFail({ openid });
    expect(stored.unionid).toBe(`u-${openid}`);

    const me = await http<AuthUser>(sut.baseUrl, 'GET', '/auth/me', { token: first.body.token });
    expect(me.body.id).toBe(first.body.user.id);
  });

  it.each([
    ['invalid', 400, 'WECHAT_CODE_INVALID', '登录凭证无效或已使用，请重新打开小程序'],
    // The name of an Object method is one more invalid code (the hostile-input test sends them).
    ['toString', 400, 'WECHAT_CODE_INVALID', '登录凭证无效或已使用，请重新打开小程序'],
    ['busy', 429, 'RATE_LIMITED', '登录太频繁，请一分钟后再试'],
    [
      'risky',
      403,
      'WECHAT_RISKY_USER',
      '微信判定当前账号存在风险，暂时无法登录；如情况紧急请直接拨打110',
    ],
    ['system', 503, 'SERVICE_UNAVAILABLE', '微信登录暂时不可用，请稍后再试'],
  ])(
    'turns the WeChat answer "%s" into %i %s, saying what to do',
    async (code, status, errorCode, message) => {
      const response = await login(code);

      expect(response.status).toBe(status);
      expect(response.body).toEqual({ code: errorCode, message, requestId: expect.any(String) });
    },
  );

  it('refuses a missing code without calling WeChat', async () => {
    const before = wechat.calls.length;

    const response = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/auth/wechat', { body: {} });

    expect(response.status).toBe(400);
    expect(response.body.errors).toHaveProperty(['code']);
    expect(wechat.calls.length).toBe(before);
  });
});

describe('POST /auth/wechat when WeChat cannot be reached', () => {
  it('answers 503 when the WeChat API does not answer', async () => {
    const closed = await startWechatStandIn();
    await closed.close();
    const sut = await startTestApp({ env: closed.env });
    try {
      const response = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/auth/wechat', {
        body: { code: 'ok:someone' },
      });

      expect(response.status).toBe(503);
      expect(response.body).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        message: '暂时连不上微信服务器，请稍后再试',
        requestId: expect.any(String),
      });
    } finally {
      await sut.close();
    }
  });

  it('answers 503 when no mini-program is configured', async () => {
    const sut = await startTestApp();
    try {
      const response = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/auth/wechat', {
        body: { code: 'ok:someone' },
      });

      expect(response.status).toBe(503);
      expect(response.body).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        message: '服务器未配置微信小程序，暂时无法用微信登录',
        requestId: expect.any(String),
      });
    } finally {
      await sut.close();
    }
  });
});
