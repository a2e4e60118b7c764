import { VILLAGE_CODE_LENGTH } from '@shouhu/shared';
import type { UnitRecord } from '../units/unit';

type Keeper = Pick<UnitRecord, 'department' | 'divisionPrefixes'>;

/** The unit of `department` with the longest prefix of at least `length` digits covering the place. */
function longestCovering<T extends Keeper>(
  divisionCode: string,
  units: readonly T[],
  department: string,
  length: number,
): T | null {
  let best: T | null = null;
  let bestLength = 0;
  for (const unit of units.filter((u) => u.department === department)) {
    for (const prefix of unit.divisionPrefixes) {
      if (
        prefix.length >= length &&
        prefix.length > bestLength &&
        divisionCode.startsWith(prefix)
      ) {
        best = unit;
        bestLength = prefix.length;
      }
    }
  }
  return best;
}

/**
 * The unit that keeps a child's file (domain.md, "The child, not the ticket"): the village unit
 * whose village covers the place, else the township unit covering it, else none (the county's
 * coordinator still sees the file). A village unit keeps its 12-digit villages only; a township
 * unit (a county-wide one too) is matched by its longest prefix, as routing matches units.
 */
export function keepingUnit<T extends Keeper>(divisionCode: string, units: readonly T[]): T | null {
  return (
    longestCovering(divisionCode, units, 'village', VILLAGE_CODE_LENGTH) ??
    longestCovering(divisionCode, units, 'township', 0)
  );
}
