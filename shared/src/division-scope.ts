/** A division code lies within a prefix when the prefix starts it (`341324` holds `341324100201`). */
export function withinPrefixes(divisionCode: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => divisionCode.startsWith(prefix));
}

/** Every prefix of `inner` lies within one of `outer`: a unit of the coordinator's county. */
export function prefixesWithin(inner: readonly string[], outer: readonly string[]): boolean {
  return inner.length > 0 && inner.every((prefix) => withinPrefixes(prefix, outer));
}
