import { randomUUID } from 'node:crypto';
import type { ApiErrorBody, AuthResponse } from '@shouhu/shared';
import { http } from '../setup/http';
import { startTestApp, type TestApp } from '../setup/test-app';

describe('POST /auth/dev', () => {
  describe('when AUTH_DEV_LOGIN is on', () => {
    let sut: TestApp;
    beforeAll(async () => {
      sut = await startTestApp({ env: { AUTH_DEV_LOGIN: 'true' } });
    });
    afterAll(() => sut.close());

    it('logs a new openid in as a reporter and the same openid in as the same user', async () => {
      const openid = `dev-${randomUUID()}`;

      const first = await http<AuthResponse>(sut.baseUrl, 'POST', '/auth/dev', {
        body: { openid },
      });
      const again = await http<AuthResponse>(sut.baseUrl, 'POST', '/auth/dev', {
        body: { openid },
      });

      expect(first.status).toBe(200);
      expect(first.body.user.roles).toEqual(['reporter']);
      expect(first.body.token).toMatch(/^v1\./);
      expect(again.body.user.id).toBe(first.body.user.id);
    });

    it('refuses an openid with characters WeChat never uses', async () => {
      const response = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/auth/dev', {
        body: { openid: 'drop table users;' },
      });

      expect(response.status).toBe(400);
      expect(response.body.errors).toHaveProperty(['openid']);
    });
  });

  describe('when AUTH_DEV_LOGIN is off', () => {
    let sut: TestApp;
    beforeAll(async () => {
      sut = await startTestApp({ env: { AUTH_DEV_LOGIN: 'false' } });
    });
    afterAll(() => sut.close());

    it('does not exist', async () => {
      const response = await http<ApiErrorBody>(sut.baseUrl, 'POST', '/auth/dev', {
        body: { openid: 'someone' },
      });

      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    });
  });
});
