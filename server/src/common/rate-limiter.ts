import { HttpStatus } from '@nestjs/common';
import { ApiException } from './api-exception';

/**
 * A fixed one-minute window per key (e.g. the caller's address), kept in memory: enough to stop
 * someone from walking the tracking-code space from one address.
 */
export class RateLimiter {
  private window = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  check(key: string): void {
    const window = Math.floor(this.now() / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count > this.perMinute) {
      throw new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        'RATE_LIMITED',
        '查询太频繁，请一分钟后再试',
      );
    }
  }
}
