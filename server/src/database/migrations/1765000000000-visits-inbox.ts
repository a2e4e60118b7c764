import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createdAt, id, uuidRef } from './columns';

function at(name: string, isNullable: boolean): TableColumn {
  return new TableColumn({ name, type: 'datetime', precision: 6, isNullable });
}

/**
 * Follow-up on the clock (issue 15): visits and the visit plan (季度走访, 案后回访, 假期走访,
 * 复学巩固回访) with their own clock stages; school holidays per county; a file's priority flag,
 * last visit and 控辍保学 state; and the in-app inbox.
 */
export class VisitsInbox1765000000000 implements MigrationInterface {
  name = 'VisitsInbox1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('child_files', [
      new TableColumn({ name: 'priority', type: 'boolean', default: 0 }),
      at('last_visit_at', true),
      new TableColumn({ name: 'dropout_state', type: 'varchar', length: '24', isNullable: true }),
      at('dropout_since', true),
      at('dropout_returned_at', true),
    ]);
    await queryRunner.createIndex(
      'child_files',
      new TableIndex({ name: 'IDX_child_files_dropout', columnNames: ['dropout_state'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'visits',
        columns: [
          id(),
          uuidRef('child_file_id'),
          uuidRef('unit_id', true),
          uuidRef('user_id'),
          { name: 'at', type: 'datetime', precision: 6 },
          { name: 'met', type: 'text' },
          { name: 'details_sealed', type: 'text' },
          { name: 'fulfilled', type: 'text' },
          uuidRef('report_id', true),
          createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'IDX_visits_file_at', columnNames: ['child_file_id', 'at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'visit_dues',
        columns: [
          id(),
          uuidRef('child_file_id'),
          uuidRef('unit_id', true),
          { name: 'division_code', type: 'varchar', length: '12' },
          { name: 'reason', type: 'varchar', length: '16' },
          { name: 'dedup_key', type: 'varchar', length: '100' },
          { name: 'started_at', type: 'datetime', precision: 6 },
          { name: 'due_at', type: 'datetime', precision: 6 },
          { name: 'stage', type: 'varchar', length: '8', default: "'running'" },
          { name: 'next_due_at', type: 'datetime', precision: 6, isNullable: true },
          { name: 'escalation_level', type: 'integer', default: 0 },
          { name: 'done_at', type: 'datetime', precision: 6, isNullable: true },
          uuidRef('visit_id', true),
          { name: 'cancelled_at', type: 'datetime', precision: 6, isNullable: true },
          createdAt(),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_visit_dues_dedup',
            columnNames: ['dedup_key'],
            isUnique: true,
          }),
          new TableIndex({ name: 'IDX_visit_dues_next_due', columnNames: ['next_due_at'] }),
          new TableIndex({
            name: 'IDX_visit_dues_unit_open',
            columnNames: ['unit_id', 'done_at', 'due_at'],
          }),
          new TableIndex({ name: 'IDX_visit_dues_file', columnNames: ['child_file_id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'school_holidays',
        columns: [
          id(),
          { name: 'county_code', type: 'varchar', length: '6' },
          { name: 'kind', type: 'varchar', length: '8' },
          { name: 'starts_on', type: 'varchar', length: '10' },
          { name: 'dues_created_at', type: 'datetime', precision: 6, isNullable: true },
          createdAt(),
        ],
        indices: [
          new TableIndex({
            name: 'UQ_school_holidays_county_start',
            columnNames: ['county_code', 'starts_on'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'inbox_messages',
        columns: [
          id(),
          uuidRef('user_id'),
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'text', type: 'varchar', length: '500' },
          { name: 'page', type: 'varchar', length: '255', isNullable: true },
          createdAt(),
          { name: 'read_at', type: 'datetime', precision: 6, isNullable: true },
        ],
        indices: [
          new TableIndex({
            name: 'IDX_inbox_messages_user_created',
            columnNames: ['user_id', 'created_at'],
          }),
          new TableIndex({
            name: 'IDX_inbox_messages_user_read',
            columnNames: ['user_id', 'read_at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['inbox_messages', 'school_holidays', 'visit_dues', 'visits']) {
      await queryRunner.dropTable(table);
    }
    await queryRunner.dropIndex('child_files', 'IDX_child_files_dropout');
    for (const column of [
      'priority',
      'last_visit_at',
      'dropout_state',
      'dropout_since',
      'dropout_returned_at',
    ]) {
      await queryRunner.dropColumn('child_files', column);
    }
  }
}
