import { byStatus, closedLoop, openLoop } from './drive.mjs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('closed loop', () => {
  it('runs every task once with no more than `concurrency` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    const run = await closedLoop({
      total: 20,
      concurrency: 4,
      task: async (i: number) => {
        inFlight++;
        most = Math.max(most, inFlight);
        seen.push(i);
        await sleep(5);
        inFlight--;
        return i % 5 === 0 ? 503 : 201;
      },
    });
    expect(most).toBe(4);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(byStatus(run.outcomes)).toEqual({ 201: 16, 503: 4 });
    expect(run.outcomes.every((o) => o.ms >= 4)).toBe(true);
  });

  it('counts a thrown error and a timeout as outcomes, not as the end of the run', async () => {
    const run = await closedLoop({
      total: 3,
      concurrency: 1,
      task: async (i: number) => {
        if (i === 0) throw new Error('connection reset');
        if (i === 1) throw Object.assign(new Error('slow'), { name: 'TimeoutError' });
        return 'ok';
      },
    });
    expect(byStatus(run.outcomes)).toEqual({ error: 1, timeout: 1, ok: 1 });
  });
});

describe('open loop', () => {
  it('starts tasks at the rate whatever the answers, and times them from their scheduled arrival', async () => {
    const starts: number[] = [];
    const began = performance.now();
    const run = await openLoop({
      rate: 100,
      durationMs: 200,
      task: async () => {
        starts.push(performance.now() - began);
        await sleep(50);
        return 201;
      },
    });
    expect(run.outcomes).toHaveLength(20);
    // Slow answers do not hold back the next arrival: the 20th starts near 190 ms, not 20 × 50.
    expect(starts[19]).toBeLessThan(400);
    expect(run.elapsedMs).toBeLessThan(600);
    expect(Math.min(...run.outcomes.map((o) => o.ms))).toBeGreaterThanOrEqual(45);
  });

  it('counts the time a task waited behind a busy client in its latency', async () => {
    const run = await openLoop({
      rate: 1000,
      durationMs: 10,
      task: async (i: number) => {
        // The first arrival blocks the client for 30 ms, so the rest start late.
        if (i === 0) {
          const until = performance.now() + 30;
          while (performance.now() < until);
        }
        return 201;
      },
    });
    const last = run.outcomes.find((o) => o.i === run.outcomes.length - 1);
    expect(last?.ms).toBeGreaterThanOrEqual(20);
  });
});
