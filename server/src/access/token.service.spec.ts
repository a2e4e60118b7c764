import type { AppConfig } from '../config/app-config';
import { loadConfig } from '../config/load-config';
import { TokenService } from './token.service';

describe(TokenService.name, () => {
  let now: Date;
  const clock = { now: () => now };
  const config: AppConfig = loadConfig({ AUTH_TOKEN_TTL_HOURS: '1' });
  let sut: TokenService;

  beforeEach(() => {
    now = new Date('2026-11-22T00:00:00Z');
    sut = new TokenService(config, clock);
  });

  it('verifies its own token until it expires', () => {
    const token = sut.issue('user-1', 3);

    expect(sut.verify(token)).toEqual({ userId: 'user-1', version: 3 });
    now = new Date('2026-11-22T00:59:59Z');
    expect(sut.verify(token)).toEqual({ userId: 'user-1', version: 3 });
    now = new Date('2026-11-22T01:00:00Z');
    expect(sut.verify(token)).toBeNull();
  });

  it('refuses a token whose claims were changed', () => {
    const [version, , signature] = sut.issue('user-1', 0).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', ver: 0, exp: 9999999999 })).toString(
      'base64url',
    );

    expect(sut.verify(`${version}.${forged}.${signature}`)).toBeNull();
  });

  it('refuses a token signed with another secret', () => {
    const other = new TokenService(loadConfig({ AUTH_TOKEN_SECRET: 'y'.repeat(40) }), clock);

    expect(sut.verify(other.issue('user-1', 0))).toBeNull();
  });

  it.each(['', 'garbage', 'v1..', 'v2.e30.abc'])('refuses %j', (token) => {
    expect(sut.verify(token)).toBeNull();
  });
});
