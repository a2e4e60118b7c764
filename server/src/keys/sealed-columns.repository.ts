import type { DataSource } from 'typeorm';

/** A text column holding values sealed by `Sealer.seal`, in a table keyed by `id`. */
export interface SealedColumn {
  table: string;
  column: string;
}

/**
 * Every sealed column of every table. `test/keys/reseal.int-spec.ts` scans every text column of the
 * migrated schema for sealed values, so a new sealed column missing here fails it.
 */
export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'reports', column: 'location_sealed' },
  { table: 'reports', column: 'child_sealed' },
  { table: 'reports', column: 'reporter_sealed' },
  { table: 'sms_messages', column: 'phone_sealed' },
  { table: 'child_files', column: 'child_sealed' },
  { table: 'child_files', column: 'guardian_sealed' },
  { table: 'child_files', column: 'carer_sealed' },
  { table: 'child_files', column: 'help_sealed' },
  { table: 'guardianship_handovers', column: 'details_sealed' },
  { table: 'visits', column: 'details_sealed' },
  { table: 'child_file_events', column: 'note_sealed' },
];

export interface SealedRow {
  id: string;
  value: string;
}

/** Reads and swaps sealed values with plain SQL: the walk is over columns, not entities. */
export class SealedColumnsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The next rows after `afterId` (in id order) whose value is not sealed under `currentKeyId`.
   * Empty values (a report purged at the end of its retention period) have nothing to re-seal.
   */
  async notUnder(
    { table, column }: SealedColumn,
    currentKeyId: string,
    afterId: string,
    limit: number,
  ): Promise<SealedRow[]> {
    const [t, c] = [this.name(table), this.name(column)];
    const rows: { id: string; value: string }[] = await this.dataSource.query(
      `SELECT id, ${c} AS value FROM ${t}
       WHERE id > ? AND ${c} IS NOT NULL AND ${c} <> '' AND ${c} NOT LIKE ?
       ORDER BY id LIMIT ${Number(limit)}`,
      [afterId, `v2:${currentKeyId}:%`],
    );
    return rows;
  }

  /**
   * Replaces one value only if it is still the one that was read (compare-and-swap), so a value
   * the server changed in the meantime is never overwritten with an older one. True if swapped.
   */
  async swap({ table, column }: SealedColumn, row: SealedRow, resealed: string): Promise<boolean> {
    const [t, c] = [this.name(table), this.name(column)];
    const runner = this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(
        `UPDATE ${t} SET ${c} = ? WHERE id = ? AND ${c} = ?`,
        [resealed, row.id, row.value],
        true,
      );
      return result.affected === 1;
    } finally {
      await runner.release();
    }
  }

  private name(identifier: string): string {
    return this.dataSource.driver.escape(identifier);
  }
}
