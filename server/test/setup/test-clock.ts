import type { Clock } from '../../src/common/clock';

/** A clock that stands still until the test moves it. */
export class TestClock implements Clock {
  constructor(private current = new Date()) {}

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
