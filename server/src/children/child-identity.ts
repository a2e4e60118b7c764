import { createHmac } from 'node:crypto';
import type { ReportChild } from '@shouhu/shared';

/** Full-width to half-width, no spaces or punctuation, lower case: 小 明 and 小明 are the same name. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s·•．.。,，、'"“”‘’()（）-]/g, '')
    .toLowerCase();
}

export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.startsWith('86') && digits.length === 13 ? digits.slice(2) : digits;
}

/**
 * The identities a report gives for its child, as plain strings to be hashed: name with birth date
 * or age within a township, or the guardian's phone. A report with too little gives none.
 */
export function childIdentities(child: ReportChild, divisionCode: string): string[] {
  const identities: string[] = [];
  const township = divisionCode.slice(0, 9);
  const name = child.name ? normalizeName(child.name) : '';
  if (name && township.length === 9) {
    if (child.birthDate) identities.push(`name-birth|${township}|${name}|${child.birthDate}`);
    if (child.ageYears !== undefined)
      identities.push(`name-age|${township}|${name}|${child.ageYears}`);
  }
  if (child.guardianPhone) {
    const phone = normalizePhone(child.guardianPhone);
    if (phone.length >= 7) identities.push(`guardian-phone|${phone}`);
  }
  return identities;
}

export function blindIndex(key: Buffer, identity: string): string {
  return createHmac('sha256', key).update(`v1|${identity}`).digest('hex');
}
