/**
 * Checks of an answer's shape at the app's boundary. A public Wi-Fi login page or a broken proxy
 * can answer any request with `200` and something else (`{"ok":true}`, an HTML page); a page that
 * trusted it would crash on `undefined`. Each check covers what the app reads, no more, so a
 * server that adds a field never trips it.
 */
export type Shape<T> = (value: unknown) => value is T;

export const isString: Shape<string> = (value): value is string => typeof value === 'string';

export const isNumber: Shape<number> = (value): value is number =>
  typeof value === 'number' && Number.isFinite(value);

export const isBoolean: Shape<boolean> = (value): value is boolean => typeof value === 'boolean';

export function nullable<T>(shape: Shape<T>): Shape<T | null> {
  return (value): value is T | null => value === null || shape(value);
}

/** A field the server leaves out when it has nothing to say (`outcome`, `rating`). */
export function optional<T>(shape: Shape<T>): Shape<T | undefined> {
  return (value): value is T | undefined => value === undefined || shape(value);
}

export function arrayOf<T>(shape: Shape<T>): Shape<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.every(shape);
}

/** An answer whose form depends on who asks (`OrderDetail.report`: full or for routing). */
export function either<A, B>(a: Shape<A>, b: Shape<B>): Shape<A | B> {
  return (value): value is A | B => a(value) || b(value);
}

export function exactly<T extends string>(expected: T): Shape<T> {
  return (value): value is T => value === expected;
}

/** The fields of T the app reads, each with its check. */
type Fields<T> = { [K in keyof T]?: Shape<unknown> };

/** A JSON object (not an array) whose named fields each pass their check. */
export function objectWith<T>(fields: Fields<T>): Shape<T> {
  return (value): value is T => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    return Object.entries(fields).every(([key, shape]) => (shape as Shape<unknown>)(record[key]));
  };
}
