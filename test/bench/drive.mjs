// How the bench offers work: closed loop (a number of clients, each sending its next request when
// the last is answered) and open loop (arrivals at a fixed rate, whatever the answers). A task
// is `(i) => Promise<status>`: an HTTP status, or a word such as 'ok' for a script's write; a
// thrown error counts as 'timeout' (an AbortSignal timeout) or 'error'.

async function timed(task, i, from) {
  let status;
  try {
    status = await task(i);
  } catch (error) {
    status = error?.name === 'TimeoutError' ? 'timeout' : 'error';
  }
  return { i, status, ms: performance.now() - from };
}

/**
 * `total` tasks from `concurrency` clients. Returns every outcome `{ i, status, ms }` (in the
 * order they ended) and the wall time of the whole run in ms.
 */
export async function closedLoop({ total, concurrency, task }) {
  const outcomes = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) {
        const i = next++;
        outcomes.push(await timed(task, i, performance.now()));
      }
    }),
  );
  return { outcomes, elapsedMs: performance.now() - started };
}

/**
 * Task `i` starts at `i / rate` seconds, for `durationMs`, however many are still unanswered.
 * Each outcome's `ms` counts from the arrival it was scheduled for, so a client that fell
 * behind its schedule shows in the latencies instead of hiding (coordinated omission).
 */
export async function openLoop({ rate, durationMs, task }) {
  const pending = [];
  const started = performance.now();
  for (let i = 0; ; i++) {
    const due = started + (i * 1000) / rate;
    if (due - started >= durationMs) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(timed(task, i, due));
  }
  const outcomes = await Promise.all(pending);
  return { outcomes, elapsedMs: performance.now() - started };
}

/** Outcomes by status: `{ 201: 980, 503: 20 }`. */
export function byStatus(outcomes) {
  const counts = {};
  for (const { status } of outcomes) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
