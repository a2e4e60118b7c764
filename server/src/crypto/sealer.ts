import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  type CipherGCM,
  type DecipherGCM,
} from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';
/** Where a sealed file's tag sits, and where its ciphertext starts. */
export const SEALED_TAG_OFFSET = IV_BYTES;
export const SEALED_HEADER_BYTES = IV_BYTES + TAG_BYTES;

/**
 * Encrypts the personal details domain.md requires encrypted at rest (child identity, address,
 * reporter name and phone) with AES-256-GCM, so a copy of the database alone reveals nothing.
 */
@Injectable()
export class Sealer {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  seal(value: unknown): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.config.dataEncryptionKey, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** Encrypts a file's bytes: IV, tag, then ciphertext. */
  sealBytes(plain: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.config.dataEncryptionKey, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /**
   * The same layout as `sealBytes` for a file written as it arrives, never whole in memory: write
   * `header` (IV, then a tag slot of zeros), then the cipher's output; once it has ended, write
   * `cipher.getAuthTag()` over the slot at `SEALED_TAG_OFFSET`.
   */
  sealingStream(): { header: Buffer; cipher: CipherGCM } {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.config.dataEncryptionKey, iv);
    return { header: Buffer.concat([iv, Buffer.alloc(TAG_BYTES)]), cipher };
  }

  /** Decrypts the bytes after a sealed file's `SEALED_HEADER_BYTES`; fails at the end if altered. */
  openingStream(header: Buffer): DecipherGCM {
    const decipher = createDecipheriv(
      ALGORITHM,
      this.config.dataEncryptionKey,
      header.subarray(0, IV_BYTES),
    );
    decipher.setAuthTag(header.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return decipher;
  }

  openBytes(sealed: Buffer): Buffer {
    const decipher = createDecipheriv(
      ALGORITHM,
      this.config.dataEncryptionKey,
      sealed.subarray(0, IV_BYTES),
    );
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  }

  open<T>(sealed: string): T {
    const [version, payload] = sealed.split(':');
    if (version !== VERSION || !payload) throw new Error('unsupported sealed value');
    const raw = Buffer.from(payload, 'base64');
    const decipher = createDecipheriv(
      ALGORITHM,
      this.config.dataEncryptionKey,
      raw.subarray(0, IV_BYTES),
    );
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const body = Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
    return JSON.parse(body.toString('utf8')) as T;
  }
}
