import { HttpStatus, Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { ApiException } from '../common/api-exception';
import type { RateLimitKind } from '../config/app-config';
import { rateLimitKindOf } from './rate-limit-kind';
import { tryAgainMessage } from './try-again';

/**
 * Requests a kind never limits nor counts, by a field of their body: a report flagged as immediate
 * danger, since a child in danger outweighs a flood (README, The edge of the server, says what
 * that costs). The API docs say it on the route.
 */
export const UNCOUNTED_BODIES: Partial<Record<RateLimitKind, { field: string; value: unknown }>> = {
  reports: { field: 'immediateDanger', value: true },
};

/**
 * `@nestjs/throttler`'s guard with our answer: 429 `RATE_LIMITED`, a Chinese message saying when to
 * try again, and `Retry-After` in seconds; `UNCOUNTED_BODIES` pass uncounted.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const uncounted = UNCOUNTED_BODIES[rateLimitKindOf(context)];
    if (!uncounted) return false;
    const body = context.switchToHttp().getRequest<{ body?: unknown }>().body;
    return (
      typeof body === 'object' &&
      body !== null &&
      (body as Record<string, unknown>)[uncounted.field] === uncounted.value
    );
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(seconds));
    throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'RATE_LIMITED', tryAgainMessage(seconds));
  }
}
