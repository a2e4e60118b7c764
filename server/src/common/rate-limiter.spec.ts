import { RateLimiter } from './rate-limiter';

describe(RateLimiter.name, () => {
  it('allows the limit per key and minute, refuses one more, and starts over next minute', () => {
    let now = Date.parse('2026-11-22T10:00:10Z');
    const sut = new RateLimiter(2, () => now);

    sut.check('a');
    sut.check('a');
    sut.check('b');
    expect(() => sut.check('a')).toThrow('查询太频繁');
    now = Date.parse('2026-11-22T10:01:00Z');
    expect(() => sut.check('a')).not.toThrow();
  });
});
