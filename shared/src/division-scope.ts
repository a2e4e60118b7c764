import { TOWNSHIP_CODE_LENGTH, VILLAGE_CODE_LENGTH } from './departments';

/** A division code lies within a prefix when the prefix starts it (`341324` holds `341324100201`). */
export function withinPrefixes(divisionCode: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => divisionCode.startsWith(prefix));
}

/** Every prefix of `inner` lies within one of `outer`: a unit of the coordinator's county. */
export function prefixesWithin(inner: readonly string[], outer: readonly string[]): boolean {
  return inner.length > 0 && inner.every((prefix) => withinPrefixes(prefix, outer));
}

/**
 * How far down a division code reaches, by its length (统计用区划代码): 2 digits a province, 4 a
 * city, 6 a county (区、县), 9 a township (乡、镇、街道), 12 a village (村、社区).
 */
export type DivisionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export function divisionLevel(code: string): DivisionLevel {
  if (code.length >= VILLAGE_CODE_LENGTH) return 'village';
  if (code.length >= TOWNSHIP_CODE_LENGTH) return 'township';
  if (code.length >= 6) return 'county';
  return code.length >= 4 ? 'city' : 'province';
}
