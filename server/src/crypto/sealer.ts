import {
  createCipheriv,
  createDecipheriv,
  createHash,
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
/** Values and files sealed before keys had ids: `v1:<base64>` and bare iv|tag|body. */
const LEGACY = 'v1';
const VERSION = 'v2';
const KEY_ID = /^[0-9a-f]{8}$/;
/** A sealed file starts with `v2:<keyId>:` in ASCII, then iv|tag|body. */
const FILE_HEADER_BYTES = `${VERSION}:00000000:`.length;
/** Where a sealed file's tag sits, and where its ciphertext starts. */
export const SEALED_TAG_OFFSET = FILE_HEADER_BYTES + IV_BYTES;
export const SEALED_HEADER_BYTES = FILE_HEADER_BYTES + IV_BYTES + TAG_BYTES;

/**
 * A short, non-secret name of a key: the first 8 hex digits of SHA-256 over a domain-separated
 * string of it, so the id cannot be mistaken for (or matched against) any other hash of the key.
 */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256')
    .update(`shouhu-data-key-id|${key.toString('base64')}`)
    .digest('hex')
    .slice(0, 8);
}

/** A sealed value or file names a key this server does not hold (README, Keys and re-sealing). */
export class UnknownKeyError extends Error {
  constructor(readonly keyId: string) {
    super(
      `sealed with key ${keyId}, which is neither DATA_ENCRYPTION_KEY nor in DATA_ENCRYPTION_PREVIOUS_KEYS`,
    );
  }
}

/**
 * Encrypts the personal details domain.md requires encrypted at rest (child identity, address,
 * reporter name and phone) and evidence files with AES-256-GCM, so a copy of the database or the
 * upload directory alone reveals nothing. New values are sealed with `DATA_ENCRYPTION_KEY` as
 * `v2:<keyId>:<base64 iv|tag|body>`; values sealed with a previous key (or as `v1`, before keys had
 * ids) still open until `npm run keys:reseal` has rewritten them.
 */
@Injectable()
export class Sealer {
  private readonly current: Buffer;
  private readonly keys: ReadonlyMap<string, Buffer>;
  /** The id new values are sealed under. */
  readonly currentKeyId: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.current = config.dataEncryptionKey;
    this.currentKeyId = keyIdOf(this.current);
    const all = [this.current, ...config.previousDataEncryptionKeys];
    this.keys = new Map(all.map((key) => [keyIdOf(key), key]));
  }

  seal(value: unknown): string {
    const sealed = encrypt(this.current, Buffer.from(JSON.stringify(value), 'utf8'));
    return `${VERSION}:${this.currentKeyId}:${sealed.toString('base64')}`;
  }

  open<T>(sealed: string): T {
    return JSON.parse(this.openRaw(sealed).toString('utf8')) as T;
  }

  /** The id of the key a value was sealed under; null for a `v1` value, which names none. */
  keyIdOfValue(sealed: string): string | null {
    const [version, keyId] = sealed.split(':');
    return version === VERSION ? (keyId ?? null) : null;
  }

  /** The same plain value sealed under the current key (for a value under any other key). */
  reseal(sealed: string): string {
    const plain = this.openRaw(sealed);
    return `${VERSION}:${this.currentKeyId}:${encrypt(this.current, plain).toString('base64')}`;
  }

  /** Encrypts a file's bytes behind a `v2:<keyId>:` header. */
  sealBytes(plain: Buffer): Buffer {
    return Buffer.concat([
      Buffer.from(`${VERSION}:${this.currentKeyId}:`, 'ascii'),
      encrypt(this.current, plain),
    ]);
  }

  /**
   * The same layout as `sealBytes` for a file written as it arrives, never whole in memory: write
   * `header` (key id, IV, then a tag slot of zeros), then the cipher's output; once it has ended,
   * write `cipher.getAuthTag()` over the slot at `SEALED_TAG_OFFSET`.
   */
  sealingStream(): { header: Buffer; cipher: CipherGCM } {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.current, iv);
    const header = Buffer.concat([
      Buffer.from(`${VERSION}:${this.currentKeyId}:`, 'ascii'),
      iv,
      Buffer.alloc(TAG_BYTES),
    ]);
    return { header, cipher };
  }

  /**
   * Decrypts the bytes after a sealed file's first `SEALED_HEADER_BYTES` (`header`, as
   * `sealingStream` wrote it); the decipher's `final()` throws if the file was altered.
   */
  openingStream(header: Buffer): DecipherGCM {
    const keyId = this.keyIdOfBytes(header);
    if (keyId === null) throw new Error('not a sealed file with a key id');
    const decipher = createDecipheriv(
      ALGORITHM,
      this.keyFor(keyId),
      header.subarray(FILE_HEADER_BYTES, SEALED_TAG_OFFSET),
    );
    decipher.setAuthTag(header.subarray(SEALED_TAG_OFFSET, SEALED_HEADER_BYTES));
    return decipher;
  }

  openBytes(sealed: Buffer): Buffer {
    const keyId = this.keyIdOfBytes(sealed);
    if (keyId === null) return this.openLegacy(sealed);
    return decrypt(this.keyFor(keyId), sealed.subarray(FILE_HEADER_BYTES));
  }

  /** The id in a sealed file's header; null for a file sealed before files had headers. */
  keyIdOfBytes(sealed: Buffer): string | null {
    const header = sealed.subarray(0, FILE_HEADER_BYTES).toString('latin1');
    const [version, keyId, rest] = header.split(':');
    return version === VERSION && KEY_ID.test(keyId ?? '') && rest === '' ? keyId : null;
  }

  private openRaw(sealed: string): Buffer {
    const parts = sealed.split(':');
    if (parts[0] === LEGACY && parts.length === 2) {
      return this.openLegacy(Buffer.from(parts[1], 'base64'));
    }
    if (parts[0] !== VERSION || parts.length !== 3 || !KEY_ID.test(parts[1])) {
      throw new Error('unsupported sealed value');
    }
    return decrypt(this.keyFor(parts[1]), Buffer.from(parts[2], 'base64'));
  }

  private keyFor(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new UnknownKeyError(keyId);
    return key;
  }

  /**
   * Legacy values name no key. They were sealed under the one key there was, which after the first
   * rotation is a previous key; GCM's tag tells which key fits, so each is tried, current first.
   */
  private openLegacy(raw: Buffer): Buffer {
    for (const key of this.keys.values()) {
      try {
        return decrypt(key, raw);
      } catch {
        // not this key: its tag did not verify
      }
    }
    throw new Error('sealed value (v1) opens with none of the configured keys');
  }
}

function encrypt(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function decrypt(key: Buffer, raw: Buffer): Buffer {
  const decipher = createDecipheriv(ALGORITHM, key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}
