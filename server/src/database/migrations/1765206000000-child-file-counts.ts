import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Kept counts of children's files (issue 17): the figures' children (`GET /stats/overview`)
 * grouped every file of the scope by category list and status on every call, 1.3 s warm and 4 s
 * cold at 200 k files. `child_file_counts` holds the number of files per place, category list
 * (as `child_files` stores it) and status, moved by every write of a file in its transaction
 * (`ChildFilesRepository`); its key leads with the place, so a scope's prefixes read their rows
 * alone. Filled here from the files there are, grouped as the key compares (one statement, the
 * same on MariaDB and SQLite).
 */
export class ChildFileCounts1765206000000 implements MigrationInterface {
  name = 'ChildFileCounts1765206000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'child_file_counts',
        columns: [
          { name: 'division_code', type: 'varchar', length: '12', isPrimary: true },
          { name: 'categories', type: 'varchar', length: '255', isPrimary: true },
          { name: 'status', type: 'varchar', length: '8', isPrimary: true },
          { name: 'count', type: 'integer' },
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO child_file_counts (division_code, categories, status, count)
       SELECT division_code, categories, status, COUNT(*) FROM child_files
       GROUP BY division_code, categories, status`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('child_file_counts');
  }
}
