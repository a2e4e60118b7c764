import { ConcurrencyLimit } from './concurrency-limit';

describe(ConcurrencyLimit.name, () => {
  it('runs at most `limit` tasks at once, the rest in arrival order, and passes on results and errors', async () => {
    const limit = new ConcurrencyLimit(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (n: number) => async () => {
      started.push(n);
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running--;
      if (n === 3) throw new Error('three');
      return n * 10;
    };

    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => limit.run(task(n))));

    expect(most).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason.message))).toEqual([
      10,
      20,
      'three',
      40,
      50,
    ]);
    expect(await limit.run(async () => 'after')).toBe('after');
  });
});
