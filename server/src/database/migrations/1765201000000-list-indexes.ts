import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Staff lists at a county's size (issue 17: 1 M orders, 200 k files), each page read in the order
 * of an index instead of sorting its whole scope:
 * - a unit's orders by deadline, then by age (`IDX_orders_unit_list`, which `IDX_orders_unit_due`
 *   was a prefix of), also counted from it; its unresolved orders, and their reports, by status
 *   (`IDX_orders_unit_status`: the files a unit holds through them, a status tab's count);
 * - a coordinator's divisions the same way (`IDX_orders_due_list`: the id in the key, so ties
 *   come in order too, and the division and unit beside it, so the scope is checked and counted
 *   without reading the rows);
 * - the coordinator's queues from their own flag (`IDX_orders_unrouted`, `IDX_orders_escalated`,
 *   `IDX_orders_extension`), and the low-rated reports of `low_rating` (`IDX_reports_low_*`, the
 *   database merges the two);
 * - a place's files by next visit, then latest change (`IDX_child_files_list`), sorted from the
 *   index alone.
 */
export class ListIndexes1765201000000 implements MigrationInterface {
  name = 'ListIndexes1765201000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, index] of INDEXES) await queryRunner.createIndex(table, index);
    await queryRunner.dropIndex('orders', 'IDX_orders_unit_due');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'orders',
      new TableIndex({ name: 'IDX_orders_unit_due', columnNames: ['unit_id', 'due_at'] }),
    );
    for (const [table, index] of [...INDEXES].reverse()) await queryRunner.dropIndex(table, index);
  }
}

const INDEXES: [string, TableIndex][] = [
  [
    'orders',
    new TableIndex({
      name: 'IDX_orders_unit_list',
      columnNames: ['unit_id', 'due_at', 'created_at'],
    }),
  ],
  [
    'orders',
    new TableIndex({
      name: 'IDX_orders_unit_status',
      columnNames: ['unit_id', 'status', 'report_id'],
    }),
  ],
  [
    'orders',
    new TableIndex({
      name: 'IDX_orders_due_list',
      columnNames: ['due_at', 'created_at', 'id', 'division_code', 'unit_id'],
    }),
  ],
  ['orders', new TableIndex({ name: 'IDX_orders_unrouted', columnNames: ['unrouted', 'due_at'] })],
  [
    'orders',
    new TableIndex({
      name: 'IDX_orders_escalated',
      columnNames: ['escalation_level', 'due_at', 'created_at', 'division_code', 'unit_id'],
    }),
  ],
  [
    'orders',
    new TableIndex({ name: 'IDX_orders_extension', columnNames: ['extension_pending_days'] }),
  ],
  [
    'reports',
    new TableIndex({ name: 'IDX_reports_low_rating', columnNames: ['rating_score', 'status'] }),
  ],
  [
    'reports',
    new TableIndex({ name: 'IDX_reports_low_callback', columnNames: ['callback_score', 'status'] }),
  ],
  [
    'child_files',
    new TableIndex({
      name: 'IDX_child_files_list',
      columnNames: ['status', 'division_code', 'next_visit_due_at', 'updated_at'],
    }),
  ],
];
