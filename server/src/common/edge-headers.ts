import { API_PREFIX } from '@shouhu/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * API answers a cache may keep: the same for everyone and never about a person. Every other answer
 * under `/api/` (errors of these too) may carry personal data and is `no-store`.
 */
const SHAREABLE = [
  { method: 'GET', path: `${API_PREFIX}/divisions` },
  { method: 'GET', path: '/api/docs' },
];

/** Seconds a client should wait after a 429 or 503 that did not say (a rate limit says its own). */
export const DEFAULT_RETRY_AFTER_SECONDS = 30;

/** HSTS for a year once the browser has reached us over TLS (README, The edge of the server). */
export const HSTS = 'max-age=31536000; includeSubDomains';

function isShareable(request: FastifyRequest, status: number): boolean {
  const path = request.url.split('?')[0];
  return (
    status < 400 &&
    SHAREABLE.some(
      (entry) =>
        entry.method === request.method &&
        (path === entry.path || path.startsWith(`${entry.path}/`)),
    )
  );
}

/**
 * The headers every answer gets whatever produced it (a route, the filter, Fastify's router):
 * `no-store` on API answers that may be personal, `Retry-After` on every 429 and 503, and HSTS
 * when the request came over TLS — directly, or per a trusted proxy's `X-Forwarded-Proto`
 * (`request.protocol` honours only the proxies `TRUST_PROXY` names).
 */
export function applyEdgeHeaders(request: FastifyRequest, reply: FastifyReply): void {
  const status = reply.statusCode;
  if (request.url.startsWith('/api/') && !isShareable(request, status)) {
    void reply.header('cache-control', 'no-store');
  }
  if ((status === 429 || status === 503) && !reply.hasHeader('retry-after')) {
    void reply.header('retry-after', String(DEFAULT_RETRY_AFTER_SECONDS));
  }
  if (request.protocol === 'https') void reply.header('strict-transport-security', HSTS);
}

/**
 * What helmet would have added, for the few answers Fastify's router sends before any hook runs
 * (a malformed URL, an over-long segment): their JSON must not be sniffed or framed either.
 */
export function applyRouterErrorHeaders(reply: FastifyReply): void {
  void reply
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer');
}
