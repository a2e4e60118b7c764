import type { Refusal } from '../services/api-error';

/**
 * Field → why it is refused, the field named as the server's 400 `errors` name it
 * (`child.birthDate`, `reason`), so the app's own checks and the server's refusals show alike.
 */
export type FieldProblems = Record<string, string>;

/** A form's problems as it shows them: at the fields it draws, and a list for the rest. */
export interface PlacedProblems {
  /** Drawn at their fields: the box red, the reason under it. */
  fields: FieldProblems;
  /** Shown in the form's list: what no field of the form shows. */
  lines: string[];
}

/**
 * Where each problem of a refused form shows: the form's own (`own`, which wins a field both
 * name) and the server's (`refusal`). A problem of a field the form draws (`drawn`) goes to that
 * field; one of a field it does not draw goes to the list, never dropped. The refusal's message
 * joins the list only when no field shows why (a 409, a 403, or a 400 naming only fields the
 * form does not draw).
 */
export function placeProblems(
  own: FieldProblems,
  refusal: Refusal | null,
  drawn: readonly string[],
): PlacedProblems {
  const fields: FieldProblems = {};
  const elsewhere: string[] = [];
  const all: FieldProblems = { ...refusal?.fields, ...own };
  for (const [field, reason] of Object.entries(all)) {
    if (drawn.includes(field)) fields[field] = reason;
    else elsewhere.push(reason);
  }
  const refusalDrawn = Object.keys(refusal?.fields ?? {}).some((field) => drawn.includes(field));
  const message = refusal && !refusalDrawn ? [refusal.message] : [];
  return { fields, lines: [...new Set([...message, ...elsewhere])] };
}

/** Every line of a refusal, for a place that draws no field: its message, then each reason. */
export const refusalLines = (refusal: Refusal): string[] => placeProblems({}, refusal, []).lines;
