import Taro from '@tarojs/taro';
import type { AuthResponse } from '@shouhu/shared';
import { ApiError } from './api-error';
import { httpRequest, type HttpRequest } from './http';
import { createId } from './ids';

const TOKEN_KEY = 'shouhu.token';
const DEVICE_ID_KEY = 'shouhu.deviceId';

/**
 * Until WeChat login lands, every device logs in with the development login under an id it keeps,
 * so it finds its own reports again after a restart.
 */
async function login(): Promise<string> {
  let deviceId = Taro.getStorageSync<string>(DEVICE_ID_KEY);
  if (!deviceId) {
    deviceId = `device-${createId()}`;
    Taro.setStorageSync(DEVICE_ID_KEY, deviceId);
  }
  const session = await httpRequest<AuthResponse>({
    method: 'POST',
    path: '/auth/dev',
    data: { openid: deviceId },
  });
  Taro.setStorageSync(TOKEN_KEY, session.token);
  return session.token;
}

async function token(): Promise<string> {
  return Taro.getStorageSync<string>(TOKEN_KEY) || login();
}

/** Calls the API as the logged-in user, logging in again once if the token has expired. */
export async function authorizedRequest<T>(request: Omit<HttpRequest, 'token'>): Promise<T> {
  try {
    return await httpRequest<T>({ ...request, token: await token() });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    Taro.removeStorageSync(TOKEN_KEY);
    return httpRequest<T>({ ...request, token: await login() });
  }
}
