import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { id, uuidRef } from './columns';

function at(name: string, isNullable: boolean): TableColumn {
  return new TableColumn({ name, type: 'datetime', precision: 6, isNullable });
}

/**
 * The child file becomes the child's record (一人一档): place, keeping unit, categories, sealed
 * identity, guardian, carer and help, status and closing, and a timeline of its own. Files made
 * by earlier reports take the place of their first report; their identity stays on the reports.
 */
export class ChildFiles1764900000000 implements MigrationInterface {
  name = 'ChildFiles1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('child_files', [
      new TableColumn({ name: 'status', type: 'varchar', length: '8', default: "'active'" }),
      new TableColumn({ name: 'origin', type: 'varchar', length: '8', default: "'report'" }),
      new TableColumn({ name: 'division_code', type: 'varchar', length: '12', default: "''" }),
      new TableColumn(uuidRef('unit_id', true)),
      new TableColumn({ name: 'categories', type: 'text', isNullable: true }),
      new TableColumn({ name: 'child_sealed', type: 'text', isNullable: true }),
      new TableColumn({ name: 'child_gender', type: 'varchar', length: '8', isNullable: true }),
      new TableColumn({ name: 'guardian_sealed', type: 'text', isNullable: true }),
      new TableColumn({ name: 'carer_sealed', type: 'text', isNullable: true }),
      new TableColumn({ name: 'help_sealed', type: 'text', isNullable: true }),
      new TableColumn({ name: 'name_key', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'id_key', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'close_reason', type: 'varchar', length: '24', isNullable: true }),
      new TableColumn({ name: 'close_note', type: 'varchar', length: '200', isNullable: true }),
      at('closed_at', true),
      at('next_visit_due_at', true),
      at('updated_at', true),
    ]);
    await queryRunner.query(
      `UPDATE child_files SET categories = '[]', updated_at = created_at,
         division_code = COALESCE((SELECT r.division_code FROM reports r
           WHERE r.child_file_id = child_files.id ORDER BY r.created_at LIMIT 1), ''),
         child_gender = (SELECT r.child_gender FROM reports r
           WHERE r.child_file_id = child_files.id ORDER BY r.created_at LIMIT 1)`,
    );
    await queryRunner.changeColumn(
      'child_files',
      'categories',
      new TableColumn({ name: 'categories', type: 'text' }),
    );
    await queryRunner.changeColumn('child_files', 'updated_at', at('updated_at', false));
    await queryRunner.createIndices('child_files', [
      new TableIndex({ name: 'IDX_child_files_division', columnNames: ['division_code'] }),
      new TableIndex({ name: 'IDX_child_files_unit_status', columnNames: ['unit_id', 'status'] }),
      new TableIndex({ name: 'IDX_child_files_name_key', columnNames: ['name_key'] }),
      new TableIndex({ name: 'IDX_child_files_id_key', columnNames: ['id_key'] }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'child_file_events',
        columns: [
          id(),
          uuidRef('child_file_id'),
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'text', type: 'text' },
          uuidRef('actor_user_id', true),
          uuidRef('actor_unit_id', true),
          { name: 'detail', type: 'text', isNullable: true },
          { name: 'at', type: 'datetime', precision: 6 },
        ],
        indices: [
          new TableIndex({
            name: 'IDX_child_file_events_file_at',
            columnNames: ['child_file_id', 'at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('child_file_events');
    for (const index of [
      'IDX_child_files_division',
      'IDX_child_files_unit_status',
      'IDX_child_files_name_key',
      'IDX_child_files_id_key',
    ]) {
      await queryRunner.dropIndex('child_files', index);
    }
    for (const column of [
      'status',
      'origin',
      'division_code',
      'unit_id',
      'categories',
      'child_sealed',
      'child_gender',
      'guardian_sealed',
      'carer_sealed',
      'help_sealed',
      'name_key',
      'id_key',
      'close_reason',
      'close_note',
      'closed_at',
      'next_visit_due_at',
      'updated_at',
    ]) {
      await queryRunner.dropColumn('child_files', column);
    }
  }
}
