/**
 * Letters and digits that cannot be mistaken for each other when read aloud over the phone
 * or copied by hand: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V.
 */
export const TRACKING_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';
export const TRACKING_CODE_LENGTH = 10;
/** Invitation codes are secrets that bind staff to units, so they are longer. */
export const INVITE_CODE_LENGTH = 12;

const TRACKING_CODE_PATTERN = new RegExp(`^[${TRACKING_CODE_ALPHABET}]{${TRACKING_CODE_LENGTH}}$`);

/**
 * The most characters a tracking code takes as typed: its 10 with a space or a dash between any
 * two. The app's box takes this many, so it never cuts a code the server finds.
 */
export const TRACKING_CODE_MAX_TYPED_LENGTH = 2 * TRACKING_CODE_LENGTH - 1;

/** Accepts what people type: lower case, spaces and dashes. Works for every code of this alphabet. */
export function normalizeTrackingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** A code as typed (see {@link normalizeTrackingCode}), up to {@link TRACKING_CODE_MAX_TYPED_LENGTH} characters once trimmed. */
export function isTrackingCode(input: string): boolean {
  const typed = input.trim();
  return (
    typed.length <= TRACKING_CODE_MAX_TYPED_LENGTH &&
    TRACKING_CODE_PATTERN.test(normalizeTrackingCode(typed))
  );
}

const EXAMPLE_CODE = Array.from(TRACKING_CODE_ALPHABET)
  .filter((c) => /[A-Z]/.test(c))
  .slice(0, TRACKING_CODE_LENGTH)
  .join('');
const DIGITS_LEFT_OUT = Array.from('0123456789').filter((d) => !TRACKING_CODE_ALPHABET.includes(d));

/** What a tracking code looks like, in words for someone who typed something else. */
export const TRACKING_CODE_DESCRIPTION = `${TRACKING_CODE_LENGTH}位字母和数字（如 ${formatTrackingCode(EXAMPLE_CODE)}，不含${DIGITS_LEFT_OUT.join('、')}和容易看错的字母）`;

/** Groups the code for reading out: `ACD4-7FGH-JK`. */
export function formatTrackingCode(code: string): string {
  return normalizeTrackingCode(code).replace(/(.{4})(?=.)/g, '$1-');
}
