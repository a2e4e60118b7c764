import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import type { RateLimitKind } from '../config/app-config';
import { RATE_LIMIT_KIND } from './rate-limit-kind';
import { RateLimitGuard } from './rate-limit.guard';

/**
 * Limits a route per client address and per account, with the limits of its kind
 * (`AppConfig.rateLimits`). Routes of one kind share their counts: the three logins are one budget.
 * A route-level guard, so it runs after the access guard has found the caller's account.
 */
export const RateLimited = (kind: RateLimitKind) =>
  applyDecorators(SetMetadata(RATE_LIMIT_KIND, kind), UseGuards(RateLimitGuard));
