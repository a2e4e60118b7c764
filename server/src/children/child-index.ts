import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  isValidIdNumber,
  normalizeIdNumber,
  normalizeName,
  type ReportChild,
} from '@shouhu/shared';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { blindIndex, childIdentities } from './child-identity';

/**
 * The keyed hashes (blind indexes) that find a child without decrypting anything: the identity
 * keys that link reports and files (domain.md, Routing rule 4), and a file's name and ID-number
 * keys, which `GET /children?q=` looks up. One key derivation for all of them.
 */
@Injectable()
export class ChildIndex {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // A key of its own, derived (never the sealing key itself), so hashes cannot be matched
    // against ciphertexts. Its secret outlives rotations of the data key (AppConfig.blindIndexKey).
    this.key = createHmac('sha256', config.blindIndexKey).update('blind-index').digest();
  }

  /** The hashed identities of a child as a report (or a file, its guardian's phone included) gives them. */
  identityKeys(child: ReportChild, divisionCode: string, now: Date): string[] {
    return childIdentities(child, divisionCode, now).map((identity) =>
      blindIndex(this.key, identity),
    );
  }

  /** The key of a name as people type it (NFKC, spaces and name separators dropped); null for none. */
  nameKey(name: string | undefined): string | null {
    const normalized = name ? normalizeName(name) : '';
    return normalized ? blindIndex(this.key, `name|${normalized}`) : null;
  }

  /** The key of a valid 身份证号 (x and X, full-width alike); null for none or an invalid one. */
  idKey(idNumber: string | undefined): string | null {
    return idNumber && isValidIdNumber(idNumber)
      ? blindIndex(this.key, `id|${normalizeIdNumber(idNumber)}`)
      : null;
  }
}
