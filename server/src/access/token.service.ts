import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CLOCK, type Clock } from '../common/clock';

interface TokenClaims {
  sub: string;
  /** The user's token version when issued; raising it revokes the token. */
  ver: number;
  exp: number;
}

export interface VerifiedToken {
  userId: string;
  version: number;
}

const VERSION = 'v1';

/** The token of an `Authorization: Bearer <token>` header; '' without one. */
export function bearerToken(authorization: string | undefined): string {
  return authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length).trim() : '';
}

/** Compact HMAC-signed tokens: `v1.<claims>.<signature>`, all base64url. */
@Injectable()
export class TokenService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  issue(userId: string, version: number): string {
    const exp = Math.floor(this.clock.now().getTime() / 1000) + this.config.auth.tokenTtlSeconds;
    const claims = Buffer.from(
      JSON.stringify({ sub: userId, ver: version, exp } satisfies TokenClaims),
    ).toString('base64url');
    return `${VERSION}.${claims}.${this.sign(claims)}`;
  }

  /** The claims of a valid, unexpired token; null for anything else. */
  verify(token: string): VerifiedToken | null {
    const [version, claims, signature] = token.split('.');
    if (version !== VERSION || !claims || !signature) return null;
    const expected = Buffer.from(this.sign(claims));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let parsed: Partial<TokenClaims>;
    try {
      parsed = JSON.parse(
        Buffer.from(claims, 'base64url').toString('utf8'),
      ) as Partial<TokenClaims>;
    } catch {
      return null;
    }
    const { sub, ver, exp } = parsed;
    if (typeof sub !== 'string' || typeof ver !== 'number' || typeof exp !== 'number') return null;
    if (exp * 1000 <= this.clock.now().getTime()) return null;
    return { userId: sub, version: ver };
  }

  private sign(claims: string): string {
    return createHmac('sha256', this.config.auth.tokenSecret)
      .update(`${VERSION}.${claims}`)
      .digest('base64url');
  }
}
