import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock';
import { PeriodicJob } from '../common/periodic-job';
import { LOGGER, type Logger } from '../logging/logger';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { UploadStore } from './upload-store';
import { UploadsRepository } from './uploads.repository';

export interface UploadSweepResult {
  expired: number;
  temps: number;
}

const BATCH = 100;
/**
 * A temporary file untouched for this long past the idle timeout belongs to no live upload: one in
 * progress writes at least once per idle timeout, and its check takes seconds.
 */
const TEMP_GRACE_MS = 10 * 60 * 1000;

/**
 * Deletes, rows and files, uploads no report took within `UPLOAD_UNATTACHED_TTL_HOURS`, and
 * temporary files that a dead server left behind (also once at boot). Safe with several servers
 * on one database and one upload directory: a conditional delete of the row decides which server
 * deletes an upload's files, and attaching (a conditional update) and expiring cannot both win.
 */
@Injectable()
export class UploadSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job = new PeriodicJob('upload-sweep', () => this.sweepAll(), this.logger);

  constructor(
    private readonly uploads: UploadsRepository,
    private readonly store: UploadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.removeStaleTemps();
    this.job.start(this.config.uploads.sweepIntervalSeconds);
  }

  onApplicationShutdown(): void {
    this.job.stop();
  }

  sweep(): Promise<UploadSweepResult> {
    return this.job.run();
  }

  private async sweepAll(): Promise<UploadSweepResult> {
    const before = new Date(
      this.clock.now().getTime() - this.config.uploads.unattachedTtlSeconds * 1000,
    );
    let expired = 0;
    for (;;) {
      const ids = await this.uploads.unattachedBefore(before, BATCH);
      for (const id of ids) {
        if (await this.uploads.deleteUnattached(id, before)) {
          await this.store.remove(id);
          expired++;
        }
      }
      if (ids.length < BATCH) break;
    }
    return { expired, temps: await this.removeStaleTemps() };
  }

  /** File times are the machine's, not the (possibly simulated) clock's. */
  private removeStaleTemps(): Promise<number> {
    const idleMs = this.config.uploads.idleTimeoutSeconds * 1000;
    return this.store.removeTempsBefore(new Date(Date.now() - idleMs - TEMP_GRACE_MS));
  }
}
