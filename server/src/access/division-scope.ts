// The scope rules live in shared, where the app's order page asks them too; re-exported so the
// server's modules keep importing every division rule from here.
export { prefixesWithin, withinPrefixes } from '@shouhu/shared';

/** The levels of a division code a unit can be attached to: province, city, county, township, village. */
export function divisionAncestors(divisionCode: string): string[] {
  return [2, 4, 6, 9, 12]
    .filter((n) => n <= divisionCode.length)
    .map((n) => divisionCode.slice(0, n));
}
