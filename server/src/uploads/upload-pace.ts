import type { EventEmitter } from 'node:events';

export type PaceFailure = 'idle' | 'slow';

export interface PaceLimits {
  idleTimeoutSeconds: number;
  rateWindowSeconds: number;
  /** 0: only the idle timeout applies. */
  minBytesPerSecond: number;
}

const TICK_MS = 1000;

/**
 * Watches a request body's `data` events (without consuming them) and calls `onFailure` once when
 * nothing has arrived for `idleTimeoutSeconds`, or when the bytes of the last `rateWindowSeconds`
 * average below `minBytesPerSecond` (checked once a whole window has passed, so a slow start is
 * not punished). A sliding window, not an average since the start: a body cannot bank a fast
 * first second and then trickle. Returns the function that stops watching.
 */
export function watchPace(
  body: EventEmitter,
  limits: PaceLimits,
  onFailure: (failure: PaceFailure) => void,
  now: () => number = Date.now,
): () => void {
  const started = now();
  let lastData = started;
  /** Bytes per elapsed second, for the last window only. */
  const perSecond = new Map<number, number>();
  const onData = (chunk: Buffer) => {
    lastData = now();
    const second = Math.floor((lastData - started) / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + chunk.length);
  };
  const check = () => {
    const at = now();
    if (at - lastData >= limits.idleTimeoutSeconds * 1000) return fail('idle');
    const elapsed = (at - started) / 1000;
    if (limits.minBytesPerSecond === 0 || elapsed < limits.rateWindowSeconds) return;
    const from = Math.floor(elapsed) - limits.rateWindowSeconds;
    let bytes = 0;
    for (const [second, count] of perSecond) {
      if (second < from) perSecond.delete(second);
      else bytes += count;
    }
    if (bytes < limits.minBytesPerSecond * limits.rateWindowSeconds) fail('slow');
  };
  const timer = setInterval(check, TICK_MS);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    body.off('data', onData);
  };
  const fail = (failure: PaceFailure) => {
    stop();
    onFailure(failure);
  };
  body.on('data', onData);
  return stop;
}
