import Taro from '@tarojs/taro';
import type { AuthResponse, AuthUser } from '@shouhu/shared';
import type { Shape } from './answer-shape';
import { isAuthResponse } from './answers';
import { ApiError } from './api-error';
import { httpRequest, type HttpRequest } from './http';
import { createId } from './ids';

const TOKEN_KEY = 'shouhu.token';
const USER_KEY = 'shouhu.user';
const DEVICE_ID_KEY = 'shouhu.deviceId';

/** In WeChat: the real login (`Taro.login` → code → server). In H5: the development login. */
async function requestSession(): Promise<AuthResponse> {
  if (process.env.TARO_ENV === 'weapp') {
    const { code } = await Taro.login();
    return httpRequest({ method: 'POST', path: '/auth/wechat', data: { code } }, isAuthResponse);
  }
  let deviceId = Taro.getStorageSync<string>(DEVICE_ID_KEY);
  if (!deviceId) {
    deviceId = `h5-${createId()}`;
    Taro.setStorageSync(DEVICE_ID_KEY, deviceId);
  }
  return httpRequest(
    { method: 'POST', path: '/auth/dev', data: { openid: deviceId } },
    isAuthResponse,
  );
}

let pending: Promise<string> | null = null;

/** Logs in once at a time; concurrent callers share the same attempt. */
function login(): Promise<string> {
  pending ??= requestSession()
    .then((session) => {
      replaceSession(session);
      return session.token;
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}

async function token(): Promise<string> {
  return Taro.getStorageSync<string>(TOKEN_KEY) || login();
}

/** Called at launch so the first tap does not wait for a login. */
export function ensureSession(): Promise<void> {
  return token().then(
    () => undefined,
    () => undefined,
  );
}

/** The logged-in user as of the last login, or null before the first. */
export function currentUser(): AuthUser | null {
  return Taro.getStorageSync<AuthUser>(USER_KEY) || null;
}

/**
 * A village unit (儿童主任) receives no orders (domain.md, "The child, not the ticket"): its
 * worker's work is the children's files, which they land on in place of the order inbox.
 */
export function landsOnChildFiles(user: AuthUser | null): boolean {
  return !!user?.roles.includes('handler') && user.unitDepartment === 'village';
}

/**
 * Who opens the page of figures (`GET /stats/...`): the county's coordinator, a township's
 * 儿童督导员 and a village's 儿童主任, each for their own place; other departments' handlers see
 * their own orders, not the county's figures.
 */
export function seesFigures(user: AuthUser | null): boolean {
  if (!user) return false;
  return (
    user.roles.includes('coordinator') ||
    (user.roles.includes('handler') &&
      (user.unitDepartment === 'township' || user.unitDepartment === 'village'))
  );
}

/** The register of institutions is the county coordinator's to keep. */
export function keepsRegister(user: AuthUser | null): boolean {
  return !!user?.roles.includes('coordinator');
}

/** Runs a call with the user's token, logging in again once if the token has expired. */
export async function withSession<T>(call: (token: string) => Promise<T>): Promise<T> {
  try {
    return await call(await token());
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'UNAUTHENTICATED') throw error;
    Taro.removeStorageSync(TOKEN_KEY);
    return call(await login());
  }
}

/** Remembers who the user is after the server changed it (an invitation was redeemed). */
export function replaceSession(session: AuthResponse): void {
  Taro.setStorageSync(TOKEN_KEY, session.token);
  Taro.setStorageSync(USER_KEY, session.user);
}

export function authorizedRequest<T>(
  request: Omit<HttpRequest, 'token'>,
  shape: Shape<T>,
): Promise<T> {
  return withSession((accessToken) => httpRequest({ ...request, token: accessToken }, shape));
}
