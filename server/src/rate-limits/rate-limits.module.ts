import { Module, type ExecutionContext } from '@nestjs/common';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { RequestWithActor } from '../access/current-actor';
import type { AppConfig, RateLimitKind } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { rateLimitKindOf as kindOf } from './rate-limit-kind';

const MINUTE_MS = 60_000;

/**
 * The body field that names the account of a request no one is logged in for, by kind: the
 * openid the development login names. The API docs say per route whether an account is counted.
 */
export const ACCOUNT_BODY_FIELDS: Partial<Record<RateLimitKind, string>> = { login: 'openid' };

/**
 * The account a request acts for: the logged-in user, or the one its body names
 * (`ACCOUNT_BODY_FIELDS`). null before anyone is known (WeChat login, tracking): those are
 * limited per address only.
 */
function accountOf(context: ExecutionContext): string | null {
  const request = context.switchToHttp().getRequest<RequestWithActor & { body?: unknown }>();
  if (request.actor) return `user:${request.actor.user.id}`;
  const field = ACCOUNT_BODY_FIELDS[kindOf(context)];
  if (!field) return null;
  const named = (request.body as Record<string, unknown> | undefined)?.[field];
  return typeof named === 'string' ? `${field}:${named}` : null;
}

/**
 * Two fixed one-minute windows per request kind, one per client address (`request.ip`, so only as
 * trustworthy as `TRUST_PROXY`; IPv6 counted per /64) and one per account. Counts are kept in this
 * process's memory: with several server processes each allows the limit.
 */
export function rateLimitOptions(config: AppConfig): ThrottlerModuleOptions {
  const limits = config.rateLimits;
  return {
    setHeaders: false,
    generateKey: (context, tracker, name) => `${kindOf(context)}:${name}:${tracker}`,
    throttlers: [
      {
        name: 'address',
        ttl: MINUTE_MS,
        limit: (context) => limits[kindOf(context)].perAddress,
      },
      {
        name: 'account',
        ttl: MINUTE_MS,
        limit: (context) => limits[kindOf(context)].perAccount ?? Number.MAX_SAFE_INTEGER,
        skipIf: (context) => limits[kindOf(context)].perAccount === null || !accountOf(context),
        getTracker: (_request, context) => accountOf(context) ?? '',
      },
    ],
  };
}

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => rateLimitOptions(config),
    }),
  ],
})
export class RateLimitsModule {}
