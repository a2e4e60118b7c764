import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdempotencyService, type StoredResponse } from './idempotency.service';

/**
 * The `Idempotency-Key` of a route that takes one when sent (the order actions): absent, the
 * request runs as it always did; present, it must be a valid key (400 `VALIDATION_FAILED` on
 * `Idempotency-Key` otherwise, as where a key is required), and a retry with it gets the first
 * answer. The API document tells this route from one that requires the key by this function.
 */
export function readOptionalIdempotencyKey(
  _: unknown,
  context: ExecutionContext,
): string | undefined {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  return IdempotencyService.assertKey(typeof value === 'string' ? value : undefined);
}

export const OptionalIdempotencyKey = createParamDecorator(readOptionalIdempotencyKey);

/**
 * The body of an answer, with `Idempotent-Replayed: true|false` when the request carried an
 * Idempotency-Key; a request without one gets the answer as before, without the header.
 */
export function replayedOrNot<T>(
  reply: FastifyReply,
  key: string | undefined,
  stored: StoredResponse<T>,
): T {
  if (key !== undefined) void reply.header('Idempotent-Replayed', String(stored.replayed));
  return stored.body;
}
