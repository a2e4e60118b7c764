import Taro from '@tarojs/taro';
import type { AuthUser, DemoOpenid } from '@shouhu/shared';
import { isAuthResponse } from './answers';
import { httpRequest } from './http';
import { replaceSession } from './session';

const CHOSEN_KEY = 'shouhu.demoAccount';

/**
 * Signs in as one of the demo data's accounts with the development login (`POST /auth/dev`,
 * refused by a production server) and makes it this phone's session. H5 only: in WeChat the
 * account is the user's own.
 */
export async function switchToDemoAccount(openid: DemoOpenid): Promise<AuthUser> {
  const session = await httpRequest(
    { method: 'POST', path: '/auth/dev', data: { openid } },
    isAuthResponse,
  );
  replaceSession(session);
  Taro.setStorageSync(CHOSEN_KEY, openid);
  return session.user;
}

/** The demo account this browser switched to last, or null while it is its own visitor. */
export function chosenDemoAccount(): DemoOpenid | null {
  return Taro.getStorageSync<DemoOpenid>(CHOSEN_KEY) || null;
}
