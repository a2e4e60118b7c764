import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAt, id, uuidRef } from './columns';

const at = (name: string, isNullable = false) => ({
  name,
  type: 'datetime',
  precision: 6,
  isNullable,
});

/** Divisions, the working-day calendar, child files, work orders with their clocks and timelines. */
export class RoutingOrdersClocks1764100000000 implements MigrationInterface {
  name = 'RoutingOrdersClocks1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'divisions',
        columns: [
          { name: 'code', type: 'varchar', length: '12', isPrimary: true },
          { name: 'parent_code', type: 'varchar', length: '12', isNullable: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'level', type: 'integer' },
        ],
        indices: [new TableIndex({ name: 'IDX_divisions_parent', columnNames: ['parent_code'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'settings',
        columns: [
          { name: 'setting_key', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'varchar', length: '255' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'calendar_years',
        columns: [
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'source', type: 'varchar', length: '16' },
          at('updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'calendar_days',
        columns: [
          { name: 'date', type: 'varchar', length: '10', isPrimary: true },
          { name: 'working', type: 'boolean' },
          { name: 'name', type: 'varchar', length: '50', isNullable: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'admin_alerts',
        columns: [
          id(),
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'dedupe_key', type: 'varchar', length: '100' },
          { name: 'message', type: 'varchar', length: '500' },
          createdAt(),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_admin_alerts_dedupe',
            columnNames: ['dedupe_key'],
            isUnique: true,
          }),
        ],
      }),
    );

    await queryRunner.createTable(new Table({ name: 'child_files', columns: [id(), createdAt()] }));
    await queryRunner.createTable(
      new Table({
        name: 'child_identity_keys',
        columns: [
          { name: 'key_hash', type: 'varchar', length: '64', isPrimary: true },
          uuidRef('child_file_id'),
        ],
      }),
    );
    await queryRunner.addColumns('reports', [
      new TableColumn(uuidRef('child_file_id', true)),
      new TableColumn(at('closed_at', true)),
      new TableColumn({ name: 'initial_priority', type: 'varchar', length: '2', isNullable: true }),
      new TableColumn({ name: 'repeat_report', type: 'boolean', default: 0 }),
    ]);
    await queryRunner.createIndex(
      'reports',
      new TableIndex({ name: 'IDX_reports_child_file', columnNames: ['child_file_id'] }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'orders',
        columns: [
          id(),
          uuidRef('report_id'),
          { name: 'department', type: 'varchar', length: '16' },
          { name: 'role', type: 'varchar', length: '8' },
          uuidRef('unit_id', true),
          { name: 'unrouted', type: 'boolean' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'priority', type: 'varchar', length: '2' },
          { name: 'initial_priority', type: 'varchar', length: '2' },
          { name: 'division_code', type: 'varchar', length: '12' },
          at('dispatched_at'),
          at('signed_at', true),
          at('contacted_at', true),
          at('resolved_at', true),
          at('return_due_at'),
          { name: 'outcome', type: 'varchar', length: '32', isNullable: true },
          { name: 'reporter_summary', type: 'varchar', length: '500', isNullable: true },
          { name: 'extension_pending_days', type: 'integer', isNullable: true },
          { name: 'extensions_granted', type: 'integer' },
          { name: 'escalation_level', type: 'integer' },
          at('due_at', true),
          at('next_due_at', true),
          createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'IDX_orders_report', columnNames: ['report_id'] }),
          new TableIndex({ name: 'IDX_orders_unit_due', columnNames: ['unit_id', 'due_at'] }),
          new TableIndex({ name: 'IDX_orders_division', columnNames: ['division_code'] }),
          new TableIndex({ name: 'IDX_orders_next_due', columnNames: ['next_due_at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'order_clocks',
        columns: [
          { ...uuidRef('order_id'), isPrimary: true },
          { name: 'clock', type: 'varchar', length: '16', isPrimary: true },
          at('started_at'),
          at('due_at'),
          { name: 'stage', type: 'varchar', length: '16' },
          at('stopped_at', true),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'order_events',
        columns: [
          id(),
          uuidRef('order_id'),
          { name: 'kind', type: 'varchar', length: '32' },
          uuidRef('actor_user_id', true),
          { name: 'actor_role', type: 'varchar', length: '32', isNullable: true },
          { name: 'text', type: 'varchar', length: '2000' },
          { name: 'reporter_visible', type: 'boolean' },
          { name: 'detail', type: 'text', isNullable: true },
          at('at'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_order_events_order_at', columnNames: ['order_id', 'at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'order_events',
      'order_clocks',
      'orders',
      'child_identity_keys',
      'child_files',
      'admin_alerts',
      'calendar_days',
      'calendar_years',
      'settings',
      'divisions',
    ]) {
      await queryRunner.dropTable(table);
    }
    await queryRunner.dropIndex('reports', 'IDX_reports_child_file');
    await queryRunner.dropColumns('reports', [
      'child_file_id',
      'closed_at',
      'initial_priority',
      'repeat_report',
    ]);
  }
}
