import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { selectableColumns } from './entity-columns';
import { writeLater } from './write-behind';

/**
 * Which rows: every named property equals its value, or is one of a list's values
 * (`{ id: 'a' }` → `id = ?`, `{ keyHash: ['x', 'y'] }` → `key_hash IN (?, ?)`). An empty list
 * matches nothing. `null` is not a value here (SQL's `= NULL` matches nothing): callers with a
 * nullable condition write their own statement.
 */
export type Match<T> = { [K in keyof T]?: T[K] | readonly T[K][] };

export interface SelectOptions<T> {
  /** Only these properties are read (the rest are left unset); default every selectable column. */
  columns?: readonly (keyof T & string)[];
  /**
   * `write`: the rows are locked until the transaction ends and read as last committed
   * (`FOR UPDATE`); MariaDB/MySQL only, since SQLite runs one transaction at a time.
   */
  lock?: 'write';
}

/**
 * Reads whole entities (or `columns` of them) matching `match`, with one plain `?` statement
 * whose text comes from TypeORM's metadata, each value converted by the driver as TypeORM's own
 * reads convert it (transformers, booleans, dates, JSON). Rows come in no particular order.
 *
 * Why not the repository's `find`: on the hot path (the session lookup of every request, an
 * intake's reads) its query builder cost more CPU than the statement itself (measured: TypeORM
 * was a fifth of the server's CPU under intake load, issue 17). Entities with relations or
 * embedded columns are not supported (none has them); it throws `Error` for an unknown property.
 */
export async function selectRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  match: Match<T>,
  options: SelectOptions<T> = {},
): Promise<T[]> {
  const metadata = manager.connection.getMetadata(target);
  const { driver } = manager.connection;
  const where = whereClause(manager, metadata, match);
  if (!where) return [];
  const columns = options.columns
    ? options.columns.map((property) => columnOf(metadata, property))
    : selectableColumns(metadata);
  const lock =
    options.lock === 'write' && manager.connection.options.type !== 'better-sqlite3'
      ? ' FOR UPDATE'
      : '';
  const sql = `SELECT ${columns.map((column) => driver.escape(column.databaseName)).join(', ')} FROM ${driver.escape(metadata.tableName)} WHERE ${where.sql}${lock}`;
  const raw: ObjectLiteral[] = await manager.query(sql, where.values);
  return raw.map((row) => hydrate(manager, metadata, columns, row));
}

/**
 * The entity in a raw row of a statement the caller wrote, whose keys are the entity's column
 * names (as `SELECT t.*` gives them); other keys are ignored. Converted as `selectRows` converts.
 */
export function entityOfRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: ObjectLiteral,
): T {
  const metadata = manager.connection.getMetadata(target);
  return hydrate(manager, metadata, selectableColumns(metadata), row);
}

function hydrate<T extends ObjectLiteral>(
  manager: EntityManager,
  metadata: EntityMetadata,
  columns: readonly ColumnMetadata[],
  row: ObjectLiteral,
): T {
  const { driver } = manager.connection;
  const entity = metadata.create() as T;
  for (const column of columns) {
    column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
  }
  return entity;
}

/**
 * Sets `values` (`null` included; `undefined` leaves a column alone) on the rows matching `match`
 * with one plain `?` statement, each value converted by the driver as TypeORM's own update
 * converts it. It writes exactly the given properties (no entity has an update-date or version
 * column that TypeORM's update would also move).
 */
export async function updateRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  values: Partial<T>,
  match: Match<T>,
): Promise<void> {
  const statement = updateStatement(manager, target, values, match);
  if (statement) await manager.query(statement.sql, statement.values);
}

/**
 * `updateRows` whose outcome nothing waits on: held to go with the transaction's other writes
 * (`writeLater`).
 */
export async function updateRowsLater<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  values: Partial<T>,
  match: Match<T>,
): Promise<void> {
  const statement = updateStatement(manager, target, values, match);
  if (statement) await writeLater(manager, statement.sql, statement.values);
}

/** The statement of `updateRows`; null when it would change nothing. */
function updateStatement<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  values: Partial<T>,
  match: Match<T>,
): { sql: string; values: unknown[] } | null {
  const metadata = manager.connection.getMetadata(target);
  const { driver } = manager.connection;
  const where = whereClause(manager, metadata, match);
  if (!where) return null;
  const set = Object.entries(values).filter(([, value]) => value !== undefined);
  if (set.length === 0) return null;
  const assignments = set.map(([property, value]) => {
    const column = columnOf(metadata, property);
    return {
      sql: `${driver.escape(column.databaseName)} = ?`,
      value: driver.preparePersistentValue(value, column),
    };
  });
  return {
    sql: `UPDATE ${driver.escape(metadata.tableName)} SET ${assignments.map((a) => a.sql).join(', ')} WHERE ${where.sql}`,
    values: [...assignments.map((a) => a.value), ...where.values],
  };
}

/** `match` as SQL and its values; `null` when it can match no row (an empty list). */
function whereClause<T extends ObjectLiteral>(
  manager: EntityManager,
  metadata: EntityMetadata,
  match: Match<T>,
): { sql: string; values: unknown[] } | null {
  const { driver } = manager.connection;
  const terms: string[] = [];
  const values: unknown[] = [];
  for (const [property, wanted] of Object.entries(match)) {
    if (wanted === undefined) continue;
    const column = columnOf(metadata, property);
    const name = driver.escape(column.databaseName);
    if (Array.isArray(wanted)) {
      if (wanted.length === 0) return null;
      terms.push(`${name} IN (${wanted.map(() => '?').join(', ')})`);
      values.push(...wanted.map((value: unknown) => persistent(manager, column, value)));
    } else {
      terms.push(`${name} = ?`);
      values.push(persistent(manager, column, wanted));
    }
  }
  if (terms.length === 0) throw new Error('selectRows/updateRows: a statement without a condition');
  return { sql: terms.join(' AND '), values };
}

function persistent(manager: EntityManager, column: ColumnMetadata, value: unknown): unknown {
  if (value === null) throw new Error(`selectRows/updateRows: ${column.propertyPath} = NULL`);
  return manager.connection.driver.preparePersistentValue(value, column);
}

function columnOf(metadata: EntityMetadata, property: string): ColumnMetadata {
  const column = metadata.findColumnWithPropertyPath(property);
  if (!column || column.isVirtual) {
    throw new Error(`selectRows/updateRows: ${metadata.tableName} has no column ${property}`);
  }
  return column;
}
