import { Writable } from 'node:stream';
import { createLogger } from '../logging/logger';
import { PeriodicJob } from './periodic-job';

/** A real logger at `debug`, writing into an array of parsed lines. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('debug', destination), lines };
}

describe(PeriodicJob.name, () => {
  afterEach(() => jest.useRealTimers());

  it('shares one run between calls made while it is under way, and starts a new one after', async () => {
    let release: (value: { done: number }) => void = () => undefined;
    const job = jest.fn(() => new Promise<{ done: number }>((resolve) => (release = resolve)));
    const periodic = new PeriodicJob('job', job, capturedLogger().logger);

    const first = periodic.run();
    const second = periodic.run();
    release({ done: 7 });

    await expect(Promise.all([first, second])).resolves.toEqual([{ done: 7 }, { done: 7 }]);
    expect(job).toHaveBeenCalledTimes(1);
    const third = periodic.run();
    release({ done: 8 });
    await expect(third).resolves.toEqual({ done: 8 });
    expect(job).toHaveBeenCalledTimes(2);
  });

  it('writes one line per run named by the job: info when it did something, debug when not', async () => {
    const { logger, lines } = capturedLogger();
    let runs = 0;
    const sweep = async () => (runs++ === 0 ? { orders: 2, events: 5 } : { orders: 0, events: 0 });
    const periodic = new PeriodicJob('sla-sweep', sweep, logger);

    await periodic.run();
    await periodic.run();

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        job: 'sla-sweep',
        msg: 'job',
        result: { orders: 2, events: 5 },
        durationMs: expect.any(Number),
      }),
      expect.objectContaining({
        level: 'debug',
        job: 'sla-sweep',
        result: { orders: 0, events: 0 },
      }),
    ]);
    expect(lines.filter((line) => 'route' in line)).toEqual([]);
  });

  it('runs on its timer, logs a failed run and keeps going, and stops when told', async () => {
    jest.useFakeTimers();
    const { logger, lines } = capturedLogger();
    const job = jest
      .fn<Promise<{ sent: number }>, []>()
      .mockRejectedValueOnce(new Error('database away'))
      .mockResolvedValue({ sent: 1 });
    const periodic = new PeriodicJob('sms', job, logger);

    periodic.start(10);
    await jest.advanceTimersByTimeAsync(10_000);
    await jest.advanceTimersByTimeAsync(10_000);
    periodic.stop();
    await jest.advanceTimersByTimeAsync(30_000);

    expect(job).toHaveBeenCalledTimes(2);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        job: 'sms',
        err: expect.objectContaining({ type: 'Error', message: 'database away' }),
      }),
      expect.objectContaining({ level: 'info', job: 'sms', result: { sent: 1 } }),
    ]);
  });

  it('leaves the timer off at 0 seconds', async () => {
    jest.useFakeTimers();
    const job = jest.fn(async () => ({ swept: 1 }));
    new PeriodicJob('off', job, capturedLogger().logger).start(0);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(job).not.toHaveBeenCalled();
  });
});
