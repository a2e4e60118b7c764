import { randomUUID } from 'node:crypto';
import type { AuthResponse } from '@shouhu/shared';
import { http } from '../setup/http';

/** A freshly logged-in reporter with an openid no other test uses. */
export async function aReporterSession(baseUrl: string): Promise<AuthResponse> {
  const response = await http<AuthResponse>(baseUrl, 'POST', '/auth/dev', {
    body: { openid: `test-${randomUUID()}` },
  });
  if (response.status !== 200) throw new Error(`dev login failed: ${response.status}`);
  return response.body;
}
