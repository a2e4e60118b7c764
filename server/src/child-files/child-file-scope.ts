import { childFileCapacity } from '@shouhu/shared';
import type { Actor } from '../access/actor';

/** The files a caller's list covers: those under these prefixes, and those held by this unit. */
export interface ChildFileListScope {
  divisionPrefixes: string[];
  /** The unit whose unresolved orders bring their children's files in; null: none does. */
  holdingUnitId: string | null;
}

/**
 * The list's side of the one rule of who sees a file (shared `childFileCapacity`), asked of the
 * caller's own divisions (a file there: do they keep or coordinate it?) and of a file elsewhere
 * about which their unit holds an order (do they see it as its holder?).
 */
export function childFileListScope(actor: Actor): ChildFileListScope {
  const unit = actor.unit;
  if (!unit) return { divisionPrefixes: [], holdingUnitId: null };
  return {
    divisionPrefixes: unit.divisionPrefixes.filter(
      (prefix) => childFileCapacity(actor, { divisionCode: prefix }, false) !== null,
    ),
    holdingUnitId: childFileCapacity(actor, { divisionCode: '' }, true) ? unit.id : null,
  };
}
