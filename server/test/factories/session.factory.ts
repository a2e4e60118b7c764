import { randomUUID } from 'node:crypto';
import type { AuthResponse, CreateInviteRequest, Invite } from '@shouhu/shared';
import { http } from '../setup/http';
import { TEST_ADMIN_OPENID } from '../setup/test-app';

export async function devLogin(baseUrl: string, openid: string): Promise<AuthResponse> {
  const response = await http<AuthResponse>(baseUrl, 'POST', '/auth/dev', { body: { openid } });
  if (response.status !== 200) throw new Error(`dev login failed: ${response.status}`);
  return response.body;
}

/** A freshly logged-in reporter with an openid no other test uses. */
export function aReporterSession(baseUrl: string): Promise<AuthResponse> {
  return devLogin(baseUrl, `test-${randomUUID()}`);
}

export function anAdminSession(baseUrl: string): Promise<AuthResponse> {
  return devLogin(baseUrl, TEST_ADMIN_OPENID);
}

export async function anInvite(
  baseUrl: string,
  token: string,
  request: CreateInviteRequest,
): Promise<Invite> {
  const response = await http<Invite>(baseUrl, 'POST', '/admin/invites', { token, body: request });
  if (response.status !== 201) {
    throw new Error(`invite failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** A new user who redeemed an invitation issued by the admin. */
export async function aSessionWith(
  baseUrl: string,
  request: CreateInviteRequest,
): Promise<AuthResponse> {
  const admin = await anAdminSession(baseUrl);
  const invite = await anInvite(baseUrl, admin.token, request);
  const user = await aReporterSession(baseUrl);
  const redeemed = await http<AuthResponse>(baseUrl, 'POST', '/auth/redeem', {
    token: user.token,
    body: { code: invite.code },
  });
  if (redeemed.status !== 200) throw new Error(`redeem failed: ${redeemed.status}`);
  return redeemed.body;
}
