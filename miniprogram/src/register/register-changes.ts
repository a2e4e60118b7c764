import type { Institution } from '@shouhu/shared';

/**
 * What the register's two pages hand each other without a request: the institution tapped for
 * editing (the API has no route for one institution, and the list holds it), and whether a save
 * changed the register, so the list loads again only then.
 */
let handedOver: Institution | null = null;
let changed = false;

export function handOverInstitution(institution: Institution): void {
  handedOver = institution;
}

export function institutionHandedOver(id: string): Institution | null {
  return handedOver?.id === id ? handedOver : null;
}

export function noteRegisterChanged(): void {
  changed = true;
}

/** True once after a save: the list reloads and forgets it. */
export function takeRegisterChanged(): boolean {
  const was = changed;
  changed = false;
  return was;
}
