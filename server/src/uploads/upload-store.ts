import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { SEALED_HEADER_BYTES, SEALED_TAG_OFFSET, Sealer } from '../crypto/sealer';

/** A file being received: encrypted on disk under a random name until it is checked. */
export interface TempUpload {
  path: string;
  /** Plaintext bytes received. */
  size: number;
}

const TEMP_SUFFIX = '.part';

const ignoreMissing = (error: unknown) => {
  if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
};

/**
 * Evidence bytes on disk, encrypted with the data key as they arrive (never in plaintext, not even
 * for a moment), one file per upload named by its id: `<id>.bin` is what a viewer gets (the
 * re-encoded photo, or the checked video), `<id>.original.bin` the photo as the phone sent it,
 * kept for the record and served to no one. The directory is private to the server: nothing is
 * served from it directly, nothing leaves for third-party content checks.
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

  private originalPath(id: string): string {
    return join(this.config.uploads.directory, `${id}.original.bin`);
  }

  /**
   * Streams `source` through the cipher into a temporary file; on any failure of the source (a
   * limit, a timeout, a cut connection) the file is deleted and the error passed on.
   */
  async receive(source: Readable): Promise<TempUpload> {
    await mkdir(this.config.uploads.directory, { recursive: true, mode: 0o700 });
    const temp = {
      path: join(this.config.uploads.directory, `${randomUUID()}${TEMP_SUFFIX}`),
      size: 0,
    };
    const { header, cipher } = this.sealer.sealingStream();
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            temp.size += chunk.length;
            yield chunk;
          }
        },
        cipher,
        async function* (sealed: AsyncIterable<Buffer>) {
          yield header;
          yield* sealed;
        },
        createWriteStream(temp.path, { flags: 'wx', mode: 0o600 }),
      );
      const file = await open(temp.path, 'r+');
      try {
        await file.write(cipher.getAuthTag(), 0, undefined, SEALED_TAG_OFFSET);
      } finally {
        await file.close();
      }
    } catch (error) {
      await this.discard(temp);
      throw error;
    }
    return temp;
  }

  /** The plaintext of a temporary file, chunk by chunk; throws at the end if it was altered. */
  async *chunksOf(temp: TempUpload): AsyncGenerator<Buffer> {
    const file = await open(temp.path, 'r');
    const header = Buffer.alloc(SEALED_HEADER_BYTES);
    try {
      await file.read(header, 0, SEALED_HEADER_BYTES, 0);
    } finally {
      await file.close();
    }
    const decipher = this.sealer.openingStream(header);
    for await (const chunk of createReadStream(temp.path, { start: SEALED_HEADER_BYTES })) {
      yield decipher.update(chunk as Buffer);
    }
    decipher.final();
  }

  async plaintextOf(temp: TempUpload): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.chunksOf(temp)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  /**
   * Keeps a checked file under its upload id: a photo's original beside its re-encoded
   * `viewable` copy, a video (`viewable` null) as it is.
   */
  async commit(id: string, temp: TempUpload, viewable: Buffer | null): Promise<void> {
    if (!viewable) return rename(temp.path, this.path(id));
    await writeFile(this.path(id), this.sealer.sealBytes(viewable), { flag: 'wx', mode: 0o600 });
    await rename(temp.path, this.originalPath(id));
  }

  async discard(temp: TempUpload): Promise<void> {
    await unlink(temp.path).catch(ignoreMissing);
  }

  /** The bytes a viewer gets. */
  async read(id: string): Promise<Buffer> {
    return this.sealer.openBytes(await readFile(this.path(id)));
  }

  /** The names of every sealed file in the directory (both files of an upload), attached or not. */
  async sealedFiles(): Promise<string[]> {
    const names = await readdir(this.config.uploads.directory).catch((error: unknown) => {
      ignoreMissing(error);
      return [];
    });
    return names.filter((name) => name.endsWith('.bin'));
  }

  /**
   * Re-seals one file (a name from `sealedFiles`) under the current key unless it already is; true
   * when it was rewritten. The new bytes go to a temporary name first and replace the file by
   * rename, so a reader sees the old file or the new one, never half of either.
   */
  async reseal(name: string): Promise<boolean> {
    const path = join(this.config.uploads.directory, name);
    // An unattached upload may expire (and its files go) while the re-seal walks the directory.
    const sealed = await readFile(path).catch((error: unknown) => {
      ignoreMissing(error);
      return null;
    });
    if (!sealed) return false;
    if (this.sealer.keyIdOfBytes(sealed) === this.sealer.currentKeyId) return false;
    const temporary = `${path}.${process.pid}.reseal`;
    await writeFile(temporary, this.sealer.sealBytes(this.sealer.openBytes(sealed)), {
      mode: 0o600,
    });
    await rename(temporary, path);
    return true;
  }

  /** Deletes both files of an upload; a file already gone is not an error. */
  async remove(id: string): Promise<void> {
    await unlink(this.path(id)).catch(ignoreMissing);
    await unlink(this.originalPath(id)).catch(ignoreMissing);
  }

  /**
   * Deletes temporary files last written before `before`: left by an upload whose server died
   * mid-way. Another server's upload in progress writes more often than the idle timeout, so a
   * shared directory is safe when `before` is older than that.
   */
  async removeTempsBefore(before: Date): Promise<number> {
    const names = await readdir(this.config.uploads.directory).catch((error: unknown) => {
      ignoreMissing(error);
      return [];
    });
    let removed = 0;
    for (const name of names.filter((n) => n.endsWith(TEMP_SUFFIX))) {
      const path = join(this.config.uploads.directory, name);
      const stats = await stat(path).catch(() => null);
      if (stats && stats.mtime < before) {
        await unlink(path).catch(ignoreMissing);
        removed++;
      }
    }
    return removed;
  }
}
