import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * 控辍保学 (issue 15): a note on a file's timeline line, sealed (what a worker writes about a
 * dropout may name the family or where the child went), and the county's dropout figures and the
 * list's `dropout` filter read through one index: state, then place (a division prefix), then
 * since when, which also orders the median's rows.
 */
export class DropoutNotes1765000300000 implements MigrationInterface {
  name = 'DropoutNotes1765000300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'child_file_events',
      new TableColumn({ name: 'note_sealed', type: 'text', isNullable: true }),
    );
    await queryRunner.dropIndex('child_files', 'IDX_child_files_dropout');
    await queryRunner.createIndex(
      'child_files',
      new TableIndex({
        name: 'IDX_child_files_dropout_place',
        columnNames: ['dropout_state', 'division_code', 'dropout_since'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('child_files', 'IDX_child_files_dropout_place');
    await queryRunner.createIndex(
      'child_files',
      new TableIndex({ name: 'IDX_child_files_dropout', columnNames: ['dropout_state'] }),
    );
    await queryRunner.dropColumn('child_file_events', 'note_sealed');
  }
}
