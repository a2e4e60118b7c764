export const CLOCK = Symbol('CLOCK');

/** The one source of "now", so deadlines and sweeps can be tested at chosen instants. */
export interface Clock {
  now(): Date;
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
