import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Sealer } from '../crypto/sealer';

/**
 * Evidence bytes on disk, encrypted with the data key, one file per upload named by its id. The
 * directory is private to the server: nothing is served from it directly, nothing leaves for
 * third-party content checks.
 */
@Injectable()
export class UploadStore {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sealer: Sealer,
  ) {}

  private path(id: string): string {
    return join(this.config.uploads.directory, `${id}.bin`);
  }

  async write(id: string, bytes: Buffer): Promise<void> {
    await mkdir(this.config.uploads.directory, { recursive: true, mode: 0o700 });
    await writeFile(this.path(id), this.sealer.sealBytes(bytes), { mode: 0o600 });
  }

  async read(id: string): Promise<Buffer> {
    return this.sealer.openBytes(await readFile(this.path(id)));
  }
}
