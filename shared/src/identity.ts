import { isRealDate } from './beijing-time';

/**
 * A child's identity as people type it on Chinese phones, normalised once so that every comparison
 * (repeat reports, validation in the app and on the server) agrees (domain.md, Routing rule 4).
 * Full-width forms, spaces and separators differ between input methods, not between children.
 */

/**
 * Characters that never tell two names apart: white space (incl. U+3000 and no-break spaces), the
 * invisible characters pasted text carries, and the separators people type between the parts of a
 * minority name (阿卜杜·热合曼): 间隔号 U+00B7 and its look-alikes (• ・ ‧ ∙ ⋅ ⸱ ᛫), full stops
 * (. 。 after NFKC turned ． ﹒ ｡ into them) and hyphens or dashes.
 */
const NAME_IGNORED = /[\s\u200B-\u200D\u2060\uFEFF·•・‧∙⋅⸱᛫.。\u002D\u2010-\u2015\u2212]/gu;

/** A name as compared: NFKC (full-width → half-width), without {@link NAME_IGNORED}, lower case. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(NAME_IGNORED, '').toLowerCase();
}

/** What people put between the groups of a number they read off a card (after NFKC). */
const ID_SEPARATORS = /[\s\u200B-\u200D\u2060\uFEFF\-\u2010-\u2015\u2212]/gu;

/**
 * A 身份证号 as compared: NFKC (full-width digits and Ｘ/ｘ → half-width), separators dropped,
 * the check character upper case. Returns the input so normalised even when it is not valid.
 */
export function normalizeIdNumber(value: string): string {
  return value.normalize('NFKC').replace(ID_SEPARATORS, '').toUpperCase();
}

const ID_NUMBER_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_NUMBER_CHECK = '10X98765432';

/**
 * Province codes of GB/T 2260 that start a resident ID number (incl. 71 台湾, 81 香港, 82 澳门,
 * which the mainland issues to residents from there).
 */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

/** The ISO 7064 MOD 11-2 check character of the first 17 digits of an ID number (GB 11643). */
export function idNumberCheckCharacter(first17: string): string {
  const sum = ID_NUMBER_WEIGHTS.reduce(
    (total, weight, i) => total + weight * Number(first17[i]),
    0,
  );
  return ID_NUMBER_CHECK[sum % 11];
}

/** The birth date (`YYYY-MM-DD`) an ID number carries in positions 7–14, or null if it is not valid. */
export function idNumberBirthDate(value: string): string | null {
  const id = normalizeIdNumber(value);
  if (!isValidIdNumber(id)) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/**
 * GB 11643-1999 citizen identity number, as typed (normalised first): 18 characters, a province
 * code GB/T 2260 knows, a real birth date from 1900 on in positions 7–14, and the ISO 7064
 * MOD 11-2 check character. Whether the birth date fits the child is not this function's business.
 */
export function isValidIdNumber(value: string): boolean {
  const id = normalizeIdNumber(value);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (!PROVINCE_CODES.has(Number(id.slice(0, 2)))) return false;
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birthDate < '1900-01-01' || !isRealDate(birthDate)) return false;
  return idNumberCheckCharacter(id.slice(0, 17)) === id[17];
}

const MOBILE = /^1[3-9]\d{9}$/;
/** Area code (3–4 digits with the trunk 0) and a 7–8 digit subscriber number. */
const LANDLINE = /^0\d{2,3}\d{7,8}$/;
/** Digits, a leading +, and what people put between groups; anything else is not a phone number. */
const PHONE_CHARACTERS = /^\+?[\d\s\-\u2010-\u2015\u2212.()]+$/u;

/**
 * A Chinese phone number as compared: NFKC (full-width digits), digits only, the country code
 * (+86, 0086, or 86 before a mobile) dropped. A landline written internationally (+86 551 …) gets
 * its trunk 0 back, so it equals the same number dialled at home (0551 …).
 */
export function normalizePhone(value: string): string {
  const typed = value.normalize('NFKC');
  const digits = typed.replace(/\D/g, '');
  let national: string;
  if (/^\s*\+/.test(typed)) {
    // Another country's number keeps its + so it never equals a Chinese one.
    if (!digits.startsWith('86')) return `+${digits}`;
    national = digits.slice(2);
  } else if (digits.startsWith('0086')) {
    national = digits.slice(4);
  } else {
    const mobileWith86 =
      digits.length === 13 && digits.startsWith('86') && MOBILE.test(digits.slice(2));
    return mobileWith86 ? digits.slice(2) : digits;
  }
  return /^[01]/.test(national) ? national : `0${national}`;
}

/**
 * The most characters a phone number takes as typed: `+86 (0551) 6512-3456` is 20, and a few more
 * spaces are still a number. Phone inputs of the app take this many, so they never cut a number
 * the server accepts.
 */
export const PHONE_MAX_LENGTH = 24;

/**
 * A mobile (11 digits, 13x–19x) or a landline with its area code, as people type it: spaces,
 * dashes, dots, parentheses, full-width digits and a +86 / 0086 / 86 prefix are all accepted, up
 * to {@link PHONE_MAX_LENGTH} characters.
 */
export function isValidPhone(value: string): boolean {
  if (value.length > PHONE_MAX_LENGTH) return false;
  if (!PHONE_CHARACTERS.test(value.normalize('NFKC').trim())) return false;
  const phone = normalizePhone(value);
  return MOBILE.test(phone) || LANDLINE.test(phone);
}

/** A mobile number (as typed, any of the forms `isValidPhone` takes): only a mobile receives an SMS. */
export function isMobilePhone(value: string): boolean {
  return isValidPhone(value) && MOBILE.test(normalizePhone(value));
}
