import type { AuthResponse, AuthUser } from '@shouhu/shared';
import { isAuthResponse } from './answers';
import { authorizedRequest, replaceSession } from './session';

/** Takes the role an invitation carries; the new token and roles replace the old ones at once. */
export async function redeemInvitation(code: string): Promise<AuthUser> {
  const session: AuthResponse = await authorizedRequest(
    { method: 'POST', path: '/auth/redeem', data: { code: code.trim() } },
    isAuthResponse,
  );
  replaceSession(session);
  return session.user;
}
