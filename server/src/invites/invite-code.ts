import { createHash, randomInt } from 'node:crypto';
import {
  INVITE_CODE_LENGTH,
  TRACKING_CODE_ALPHABET,
  formatTrackingCode,
  normalizeTrackingCode,
} from '@shouhu/shared';

/** A new code, grouped for reading out (`ACDE-FGHJ-KMNP`). */
export function generateInviteCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) {
    code += TRACKING_CODE_ALPHABET[randomInt(TRACKING_CODE_ALPHABET.length)];
  }
  return formatTrackingCode(code);
}

/** The stored form: people may type the code in lower case, with or without dashes. */
export function hashInviteCode(code: string): string {
  return createHash('sha256').update(normalizeTrackingCode(code)).digest('hex');
}
