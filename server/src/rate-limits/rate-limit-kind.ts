import type { ExecutionContext } from '@nestjs/common';
import type { RateLimitKind } from '../config/app-config';

export const RATE_LIMIT_KIND = 'shouhu:rate-limit-kind';

/** The kind `@RateLimited` gave the route being served. */
export function rateLimitKindOf(context: ExecutionContext): RateLimitKind {
  const kind = Reflect.getMetadata(RATE_LIMIT_KIND, context.getHandler()) as
    RateLimitKind | undefined;
  if (!kind) throw new Error(`${context.getHandler().name} is rate-limited without a kind`);
  return kind;
}
