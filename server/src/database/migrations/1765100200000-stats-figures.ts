import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id, uuidRef } from './columns';

const at = (name: string, isNullable = false) => ({
  name,
  type: 'datetime',
  precision: 6,
  isNullable,
});

/**
 * The accountability figures (issue 16): clocks counted honestly and every figure read through an
 * index over the period rather than a scan of every row.
 *
 * - `order_clocks.interrupted`: a clock a return (退回) stopped; it is neither kept nor missed.
 * - `retired_clocks`: the clocks an order had before a 改派 or 转办 gave it fresh ones (and the
 *   办结 clock a 重新办理 replaced), with the unit that held them, which the replacement would
 *   otherwise delete. Nothing existed to back-fill: until now they were deleted.
 * - Indexes, each named for the query it serves (server/src/stats/): clocks and visits by due
 *   time, reports by submission and by rating time.
 */
export class StatsFigures1765100200000 implements MigrationInterface {
  name = 'StatsFigures1765100200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'order_clocks',
      new TableColumn({ name: 'interrupted', type: 'boolean', default: 0 }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'retired_clocks',
        columns: [
          id(),
          uuidRef('order_id'),
          { name: 'clock', type: 'varchar', length: '16' },
          uuidRef('unit_id', true),
          { name: 'division_code', type: 'varchar', length: '12' },
          at('started_at'),
          at('due_at'),
          { name: 'stage', type: 'varchar', length: '16' },
          at('stopped_at'),
          { name: 'interrupted', type: 'boolean' },
        ],
        indices: [
          { name: 'IDX_retired_clocks_due', columnNames: ['due_at'] },
          { name: 'IDX_retired_clocks_order', columnNames: ['order_id'] },
        ],
      }),
    );
    const indexes: [string, string, string[]][] = [
      ['order_clocks', 'IDX_order_clocks_due', ['due_at']],
      ['visit_dues', 'IDX_visit_dues_due', ['due_at']],
      ['reports', 'IDX_reports_created_division', ['created_at', 'division_code']],
      ['reports', 'IDX_reports_rated', ['rated_at']],
    ];
    for (const [table, name, columnNames] of indexes) {
      await queryRunner.createIndex(table, new TableIndex({ name, columnNames }));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('reports', 'IDX_reports_rated');
    await queryRunner.dropIndex('reports', 'IDX_reports_created_division');
    await queryRunner.dropIndex('visit_dues', 'IDX_visit_dues_due');
    await queryRunner.dropIndex('order_clocks', 'IDX_order_clocks_due');
    await queryRunner.dropTable('retired_clocks');
    await queryRunner.dropColumn('order_clocks', 'interrupted');
  }
}
