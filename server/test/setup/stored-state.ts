import { readdirSync } from 'node:fs';
import type { DataSource } from 'typeorm';

/** What the server has stored, per table: `rows` on SQLite, `rows:checksum` on MariaDB. */
export type StoredState = Record<string, string>;

/** The key of the evidence files kept on disk, next to the tables. */
export const UPLOAD_FILES = 'files in UPLOAD_DIR';

/**
 * Reads what the server stores, so a test can see whether a request stored anything: the row
 * count of every table the database lists (read from its catalogue, so a new table is watched
 * unaided), on MariaDB with `CHECKSUM TABLE` so an UPDATE shows too, and the number of files in
 * the upload directory.
 */
export async function storedStateReader(
  db: DataSource,
  uploadDirectory: string,
): Promise<() => Promise<StoredState>> {
  const mariadb = db.options.type !== 'better-sqlite3';
  const tables = (
    (await db.query(
      mariadb
        ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'"
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )) as { name: string }[]
  )
    .map((row) => row.name)
    .sort();
  const quote = (table: string) => (mariadb ? `\`${table}\`` : `"${table}"`);
  const counting = tables
    .map((table) => `SELECT '${table}' AS name, COUNT(*) AS n FROM ${quote(table)}`)
    .join(' UNION ALL ');
  const checksumming = `CHECKSUM TABLE ${tables.map(quote).join(', ')}`;

  return async () => {
    const state: StoredState = {};
    for (const row of (await db.query(counting)) as { name: string; n: number | string }[]) {
      state[row.name] = String(row.n);
    }
    if (mariadb) {
      for (const row of (await db.query(checksumming)) as { Table: string; Checksum: string }[]) {
        const table = row.Table.slice(row.Table.indexOf('.') + 1);
        state[table] += `:${row.Checksum}`;
      }
    }
    state[UPLOAD_FILES] = String(readdirSync(uploadDirectory, { recursive: true }).length);
    return state;
  };
}

/** The tables (and the upload directory) whose state differs between two readings. */
export function changedTables(before: StoredState, after: StoredState): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}
