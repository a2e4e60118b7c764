import { randomUUID } from 'node:crypto';
import type { AuthResponse } from '@shouhu/shared';

/** Plain HTTP calls to the server under test, for setting up and checking what the browser did. */
export function apiClient(apiBase: () => string) {
  async function call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const response = await fetch(`${apiBase()}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
        // Every write may carry one; POST /reports requires it.
        ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    }
    return (await response.json()) as T;
  }

  const login = async (openid: string) =>
    (await call<AuthResponse>('POST', '/auth/dev', undefined, { openid })).token;

  return { call, login };
}
