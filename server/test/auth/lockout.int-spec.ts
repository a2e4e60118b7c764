import type { ApiErrorBody } from '@shouhu/shared';
import { anAdminSession, devLogin } from '../factories/session.factory';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('disabling a user', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  it('locks them out at once: their token stops working and they cannot log in again', async () => {
    const openid = `lockout-${Date.now()}`;
    const user = await devLogin(sut.baseUrl, openid);
    const admin = await anAdminSession(sut.baseUrl);
    expect((await http(sut.baseUrl, 'GET', '/auth/me', { token: user.token })).status).toBe(200);

    const disabled = await http(sut.baseUrl, 'POST', `/admin/users/${user.user.id}/disable`, {
      token: admin.token,
    });
    const withOldToken = await http<ApiErrorBody>(sut.baseUrl, 'GET', '/auth/me', {
      token: user.token,
    });
    const again = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/auth/dev', { body: { openid } });

    expect(disabled.status).toBe(200);
    expect(withOldToken.status).toBe(401);
    expect(withOldToken.body.code).toBe('UNAUTHENTICATED');
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('ACCOUNT_DISABLED');
  });

  it('answers 404 for an unknown user', async () => {
    const admin = await anAdminSession(sut.baseUrl);

    const response = await http(
      sut.baseUrl,
      'POST',
      '/admin/users/3f1f0a56-8a9d-4a43-9a51-0a1d3c1e8f10/disable',
      {
        token: admin.token,
      },
    );

    expect(response.status).toBe(404);
  });

  it('refuses an admin disabling themself', async () => {
    const admin = await anAdminSession(sut.baseUrl);

    const response = await http(sut.baseUrl, 'POST', `/admin/users/${admin.user.id}/disable`, {
      token: admin.token,
    });

    expect(response.status).toBe(403);
  });
});
