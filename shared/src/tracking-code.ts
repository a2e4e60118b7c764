/**
 * Letters and digits that cannot be mistaken for each other when read aloud over the phone
 * or copied by hand: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V.
 */
export const TRACKING_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';
export const TRACKING_CODE_LENGTH = 10;
/** Invitation codes are secrets that bind staff to units, so they are longer. */
export const INVITE_CODE_LENGTH = 12;

const TRACKING_CODE_PATTERN = new RegExp(`^[${TRACKING_CODE_ALPHABET}]{${TRACKING_CODE_LENGTH}}$`);

/** Accepts what people type: lower case, spaces and dashes. Works for every code of this alphabet. */
export function normalizeTrackingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function isTrackingCode(input: string): boolean {
  return TRACKING_CODE_PATTERN.test(normalizeTrackingCode(input));
}

/** Groups the code for reading out: `ACD4-7FGH-JK`. */
export function formatTrackingCode(code: string): string {
  return normalizeTrackingCode(code).replace(/(.{4})(?=.)/g, '$1-');
}
