import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The files a school holiday's visits are planned for (issue 15, 假期走访): the 在册 priority
 * files of one county, read in batches in (division code, id) order from this index, so a county
 * with thousands of them is never scanned whole, nor held in one transaction.
 */
export class PriorityFiles1765000200000 implements MigrationInterface {
  name = 'PriorityFiles1765000200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'child_files',
      new TableIndex({
        name: 'IDX_child_files_priority',
        columnNames: ['priority', 'status', 'division_code', 'id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('child_files', 'IDX_child_files_priority');
  }
}
