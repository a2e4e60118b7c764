import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
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

  /** The ids of every file in the directory, attached to a report or not. */
  async ids(): Promise<string[]> {
    const names = await readdir(this.config.uploads.directory).catch(() => []);
    return names.filter((name) => name.endsWith('.bin')).map((name) => name.slice(0, -4));
  }

  /**
   * Re-seals one file under the current key unless it already is; true when it was rewritten.
   * The new bytes go to a temporary name first and replace the file by rename, so a reader sees
   * the old file or the new one, never half of either.
   */
  async reseal(id: string): Promise<boolean> {
    const sealed = await readFile(this.path(id));
    if (this.sealer.keyIdOfBytes(sealed) === this.sealer.currentKeyId) return false;
    const temporary = `${this.path(id)}.${process.pid}.reseal`;
    await writeFile(temporary, this.sealer.sealBytes(this.sealer.openBytes(sealed)), {
      mode: 0o600,
    });
    await rename(temporary, this.path(id));
    return true;
  }

  /** Removes a file; one already gone is not an error (a purge may be run again). */
  async remove(id: string): Promise<void> {
    await rm(this.path(id), { force: true });
  }
}
