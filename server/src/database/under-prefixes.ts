import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';

/**
 * Restricts a query to rows whose division code starts with one of the prefixes; none when there
 * are none, so an empty scope reads nothing rather than everything.
 */
export function underPrefixes<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  column: string,
  prefixes: readonly string[],
): SelectQueryBuilder<T> {
  return query.andWhere(
    new Brackets((where) => {
      where.where('1 = 0');
      prefixes.forEach((prefix, i) =>
        where.orWhere(`${column} LIKE :under${i}`, { [`under${i}`]: `${prefix}%` }),
      );
    }),
  );
}
