import { HttpStatus, Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { ApiException } from '../common/api-exception';
import { rateLimitKindOf } from './rate-limit-kind';
import { tryAgainMessage } from './try-again';

/**
 * `@nestjs/throttler`'s guard with our answer: 429 `RATE_LIMITED`, a Chinese message saying when to
 * try again, and `Retry-After` in seconds. A report flagged as immediate danger is never limited:
 * a child in danger outweighs a flood (README, The edge of the server, says what that costs).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (rateLimitKindOf(context) !== 'reports') return false;
    const body = context.switchToHttp().getRequest<{ body?: unknown }>().body;
    return (
      typeof body === 'object' &&
      body !== null &&
      (body as { immediateDanger?: unknown }).immediateDanger === true
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
