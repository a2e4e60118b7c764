import type { Logger } from '../logging/logger';
import { inLogMs } from '../logging/request-log';

/**
 * A background job on a timer, one run at a time per server: a call while a run is under way gets
 * that run's answer instead of starting a second one. The timer does not keep the process alive.
 * Each run is one log line named by `job` (README, Logs): `info` when it did something (a count in
 * its result above 0), `debug` when it found nothing to do, `error` when it failed.
 */
export class PeriodicJob<T extends object> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<T> | null = null;
  private readonly logger: Logger;

  constructor(
    name: string,
    private readonly job: () => Promise<T>,
    logger: Logger,
  ) {
    this.logger = logger.child({ job: name });
  }

  run(): Promise<T> {
    this.running ??= this.logged().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Every `seconds`; 0 leaves the timer off. */
  start(seconds: number): void {
    if (seconds === 0 || this.timer) return;
    this.timer = setInterval(() => {
      // The run's own line says it failed; the timer tries again next time.
      this.run().catch(() => undefined);
    }, seconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async logged(): Promise<T> {
    const started = performance.now();
    const durationMs = () => inLogMs(performance.now() - started);
    try {
      const result = await this.job();
      const busy = Object.values(result).some((value) => typeof value === 'number' && value > 0);
      this.logger[busy ? 'info' : 'debug']({ durationMs: durationMs(), result }, 'job');
      return result;
    } catch (error) {
      this.logger.error({ durationMs: durationMs(), err: error }, 'job');
      throw error;
    }
  }
}
