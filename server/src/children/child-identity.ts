import { createHmac } from 'node:crypto';
import {
  idNumberBirthDate,
  isValidIdNumber,
  normalizeIdNumber,
  normalizeName,
  normalizePhone,
  shanghaiDate,
  type ReportChild,
} from '@shouhu/shared';

const TOWNSHIP_CODE_LENGTH = 9;

/**
 * The birth years a report allows: the year of the birth date (given, or read from the 身份证号),
 * else both years an age can mean on today's Beijing date (aged 9 on 2026-05-01: born 2016, or
 * 2017 if the birthday is still to come). Keying on the birth year rather than the age keeps the
 * same child recognised when a report a few months later gives an age one higher.
 */
function birthYears(child: ReportChild, now: Date): number[] {
  const birthDate = child.birthDate ?? (child.idNumber ? idNumberBirthDate(child.idNumber) : null);
  if (birthDate) return [Number(birthDate.slice(0, 4))];
  if (child.ageYears === undefined) return [];
  const year = Number(shanghaiDate(now).slice(0, 4)) - child.ageYears;
  return [year - 1, year];
}

/**
 * The identities a report gives for its child (domain.md, Routing rule 4), as plain strings to be
 * hashed, each normalised by the shared rules: the 身份证号; the name within the township with each
 * birth year the report allows (so an age matches a birth date, and ages a year apart match, as
 * the same child's do across its birthday); the guardian's phone. A report with too little gives
 * none: a name without a township, a birth year or an age is not an identity.
 */
export function childIdentities(child: ReportChild, divisionCode: string, now: Date): string[] {
  const identities: string[] = [];
  if (child.idNumber && isValidIdNumber(child.idNumber)) {
    identities.push(`id|${normalizeIdNumber(child.idNumber)}`);
  }
  const name = child.name ? normalizeName(child.name) : '';
  if (name && divisionCode.length >= TOWNSHIP_CODE_LENGTH) {
    const township = divisionCode.slice(0, TOWNSHIP_CODE_LENGTH);
    for (const year of birthYears(child, now)) {
      identities.push(`name-born|${township}|${name}|${year}`);
    }
  }
  if (child.guardianPhone) identities.push(`guardian-phone|${normalizePhone(child.guardianPhone)}`);
  return identities;
}

export function blindIndex(key: Buffer, identity: string): string {
  return createHmac('sha256', key).update(`v1|${identity}`).digest('hex');
}

/**
 * The key of every blind index of a child: derived from `AppConfig.blindIndexKey` (never the
 * sealing key itself, so hashes cannot be matched against ciphertexts), which outlives rotations
 * of the data key.
 */
export function childIndexKey(blindIndexKey: Buffer): Buffer {
  return createHmac('sha256', blindIndexKey).update('blind-index').digest();
}

/**
 * A file's `nameKey` and `idKey`, which `GET /children?q=` looks up: the blind index of
 * `name|<normalizeName>` and of `id|<normalizeIdNumber>`. Written with the file's identity, and
 * computed from `q` both ways (a name never reads as an 身份证号), so only an exact name or number,
 * however it was typed, finds the file.
 */
export function childSearchKeys(
  indexKey: Buffer,
  identity: { name?: string; idNumber?: string },
): { nameKey: string | null; idKey: string | null } {
  const name = identity.name ? normalizeName(identity.name) : '';
  const idNumber = identity.idNumber ? normalizeIdNumber(identity.idNumber) : '';
  return {
    nameKey: name ? blindIndex(indexKey, `name|${name}`) : null,
    idKey: idNumber ? blindIndex(indexKey, `id|${idNumber}`) : null,
  };
}
