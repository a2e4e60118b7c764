import type { RateLimit, RateLimitKind } from '../config/app-config';
import { UNCOUNTED_BODIES } from '../rate-limits/rate-limit.guard';
import { ACCOUNT_BODY_FIELDS } from '../rate-limits/rate-limits.module';

/** What the note of one limited route needs to know of it. */
export interface LimitedRoute {
  kind: RateLimitKind;
  /** The route needs a login: its account is the logged-in user. */
  loggedIn: boolean;
  /** The fields of its body, where one may name the account (`ACCOUNT_BODY_FIELDS`). */
  bodyFields: readonly string[];
  idempotencyKey: boolean;
  /** The other routes of its kind (`POST /api/v1/auth/wechat`), which spend the same counts. */
  sharing: readonly string[];
}

/** Who the account of a request is, in words, or null when the route counts no account. */
function accountOf(route: LimitedRoute, limit: RateLimit): string | null {
  if (limit.perAccount === null) return null;
  if (route.loggedIn) return '登录的用户';
  const field = ACCOUNT_BODY_FIELDS[route.kind];
  return field && route.bodyFields.includes(field) ? `请求体的 ${field}` : null;
}

/**
 * What a client must know of a limited route's limits, from the limits the server runs with
 * (`AppConfig.rateLimits`) and the tables the throttler reads: the numbers, who is counted, what
 * is never counted, and that every request the guard lets through counts. The guard runs after
 * the login check and before the body's validation and the service, so a request refused later,
 * and a retry that only replays the first answer, has already spent one.
 */
export function rateLimitNote(route: LimitedRoute, limit: RateLimit): string {
  const account = accountOf(route, limit);
  const uncounted = UNCOUNTED_BODIES[route.kind];
  return [
    `限流：每个地址每分钟 ${limit.perAddress} 次` +
      (account ? `，每个账号（${account}）每分钟 ${limit.perAccount} 次` : '，不按账号计'),
    route.sharing.length > 0 ? `与 ${route.sharing.join('、')} 共用这些次数` : '',
    uncounted
      ? `请求体的 ${uncounted.field} 为 ${JSON.stringify(uncounted.value)} 时不计数、不限流`
      : '',
    '超出答 429 RATE_LIMITED，Retry-After 秒后再试',
    '每个请求都计数，包括随后被拒绝的（如 400、403、404、409）' +
      (route.idempotencyKey ? '和用同一个 Idempotency-Key 的重试（只重放第一次的应答）' : '') +
      '：重试也可能遇到 429' +
      (route.loggedIn ? '；没有登录或登录失效（401）的请求不计数' : ''),
  ]
    .filter(Boolean)
    .join('。');
}
