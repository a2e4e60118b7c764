import { randomInt } from 'node:crypto';
import { TRACKING_CODE_ALPHABET, TRACKING_CODE_LENGTH } from '@shouhu/shared';

/** Cryptographically random, so that a code cannot be guessed from another one. */
export function generateTrackingCode(): string {
  let code = '';
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++) {
    code += TRACKING_CODE_ALPHABET[randomInt(TRACKING_CODE_ALPHABET.length)];
  }
  return code;
}
