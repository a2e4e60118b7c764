import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Carries a request's id both ways: a proxy's or client's own id in, ours out (README, Logs). */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * An id a client or proxy may choose for its request: 8–64 letters, digits, `-` and `_` (a UUID, a
 * trace id). Anything else is replaced, so no one can write markup, line breaks, JSON or someone
 * else's data into our logs through it.
 */
export const SAFE_REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** The id of a request that brought none we accept. */
export function newRequestId(): string {
  return randomUUID();
}

/** Fastify's `genReqId`: the incoming X-Request-Id when it is safe, otherwise a new one. */
export function requestIdOf(request: IncomingMessage): string {
  const offered = request.headers[REQUEST_ID_HEADER];
  return typeof offered === 'string' && SAFE_REQUEST_ID.test(offered) ? offered : newRequestId();
}
