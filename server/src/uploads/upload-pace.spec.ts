import { EventEmitter } from 'node:events';
import { watchPace, type PaceFailure } from './upload-pace';

const LIMITS = { idleTimeoutSeconds: 5, rateWindowSeconds: 10, minBytesPerSecond: 1000 };

describe(watchPace.name, () => {
  let body: EventEmitter;
  let failures: PaceFailure[];
  let stop: () => void;

  beforeEach(() => {
    jest.useFakeTimers();
    body = new EventEmitter();
    failures = [];
    stop = watchPace(body, LIMITS, (failure) => failures.push(failure));
  });
  afterEach(() => {
    stop();
    jest.useRealTimers();
  });

  /** `bytes` every second for `seconds` seconds. */
  function send(bytes: number, seconds: number) {
    for (let i = 0; i < seconds; i++) {
      body.emit('data', Buffer.alloc(bytes));
      jest.advanceTimersByTime(1000);
    }
  }

  it('lets a steady body at the minimum rate run as long as it needs', () => {
    send(1000, 120);

    expect(failures).toEqual([]);
  });

  it('cuts off a body that sends nothing for the idle timeout, once', () => {
    send(5000, 3);
    jest.advanceTimersByTime(5000);
    jest.advanceTimersByTime(60_000);

    expect(failures).toEqual(['idle']);
  });

  it('cuts off a body that trickles below the minimum over a window, even after a fast start', () => {
    send(100_000, 1);
    send(10, 30);

    expect(failures).toEqual(['slow']);
  });

  it('does not judge the rate before a whole window has passed', () => {
    send(10, 9);

    expect(failures).toEqual([]);
  });

  it('stops watching when told', () => {
    stop();
    jest.advanceTimersByTime(60_000);

    expect(failures).toEqual([]);
    expect(body.listenerCount('data')).toBe(0);
  });
});
