import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A place's files in the list's own order (`IDX_child_files_list_order`: status, place, next
 * visit, latest change first, id), so that one place's page is read from the index as far as
 * it reaches. `IDX_child_files_list` kept the latest change ascending, which the list reads
 * descending, so every page sorted the whole scope: 13 k files of a township at 1 M orders, 20–36
 * ms (issue 17). TypeORM describes no descending column, hence the statement.
 */
export class ChildFilesListOrder1765210000000 implements MigrationInterface {
  name = 'ChildFilesListOrder1765210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX IDX_child_files_list_order ON child_files (status, division_code, next_visit_due_at, updated_at DESC, id)',
    );
    await queryRunner.dropIndex('child_files', 'IDX_child_files_list');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'child_files',
      new TableIndex({
        name: 'IDX_child_files_list',
        columnNames: ['status', 'division_code', 'next_visit_due_at', 'updated_at'],
      }),
    );
    await queryRunner.dropIndex('child_files', 'IDX_child_files_list_order');
  }
}
