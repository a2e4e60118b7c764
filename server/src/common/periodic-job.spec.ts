import { PeriodicJob } from './periodic-job';

describe('PeriodicJob', () => {
  afterEach(() => jest.useRealTimers());

  it('shares one run between calls made while it is under way, and starts a new one after', async () => {
    let release: (value: number) => void = () => undefined;
    const job = jest.fn(() => new Promise<number>((resolve) => (release = resolve)));
    const periodic = new PeriodicJob('job', job, { error: jest.fn() });

    const first = periodic.run();
    const second = periodic.run();
    release(7);

    await expect(Promise.all([first, second])).resolves.toEqual([7, 7]);
    expect(job).toHaveBeenCalledTimes(1);
    const third = periodic.run();
    release(8);
    await expect(third).resolves.toBe(8);
    expect(job).toHaveBeenCalledTimes(2);
  });

  it('runs on its timer, logs a failed run and keeps going, and stops when told', async () => {
    jest.useFakeTimers();
    const error = jest.fn();
    const job = jest
      .fn<Promise<number>, []>()
      .mockRejectedValueOnce(new Error('database away'))
      .mockResolvedValue(1);
    const periodic = new PeriodicJob('sweep', job, { error });

    periodic.start(10);
    await jest.advanceTimersByTimeAsync(10_000);
    await jest.advanceTimersByTimeAsync(10_000);
    periodic.stop();
    await jest.advanceTimersByTimeAsync(30_000);

    expect(job).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledWith('sweep failed: Error: database away');
  });

  it('leaves the timer off at 0 seconds', async () => {
    jest.useFakeTimers();
    const job = jest.fn(async () => 1);
    new PeriodicJob('off', job, { error: jest.fn() }).start(0);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(job).not.toHaveBeenCalled();
  });
});
