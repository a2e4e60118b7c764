import type { ValueTransformer } from 'typeorm';

/** A short list of codes kept in one varchar column, e.g. `reporter,admin`. */
export function commaSeparated<T extends string>(): ValueTransformer {
  return {
    to: (value: T[]): string => value.join(','),
    from: (value: string | null): T[] => (value ? (value.split(',') as T[]) : []),
  };
}

/** JSON kept in a text column; `simple-json` maps to different types per driver. */
export function json<T>(): ValueTransformer {
  return {
    to: (value: T | null | undefined): string | null =>
      value === null || value === undefined ? null : JSON.stringify(value),
    from: (value: string | null): T | null => (value === null ? null : (JSON.parse(value) as T)),
  };
}
