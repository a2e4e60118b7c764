import type { Clock } from '../common/clock';

/** Real time until an admin sets it; then it stands at that instant until set again. */
export class SimulatedClock implements Clock {
  private frozen: Date | null = null;

  now(): Date {
    return this.frozen ? new Date(this.frozen) : new Date();
  }

  set(instant: Date): void {
    this.frozen = new Date(instant);
  }
}
