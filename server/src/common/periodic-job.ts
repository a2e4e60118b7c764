import type { Logger } from '@nestjs/common';

/**
 * A background job on a timer, one run at a time per server: a call while a run is under way gets
 * that run's answer instead of starting a second one. The timer does not keep the process alive.
 */
export class PeriodicJob<T> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<T> | null = null;

  constructor(
    private readonly name: string,
    private readonly job: () => Promise<T>,
    private readonly logger: Pick<Logger, 'error'>,
  ) {}

  run(): Promise<T> {
    this.running ??= this.job().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Every `seconds`; 0 leaves the timer off. */
  start(seconds: number): void {
    if (seconds === 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.run().catch((error: unknown) =>
        this.logger.error(`${this.name} failed: ${String(error)}`),
      );
    }, seconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
