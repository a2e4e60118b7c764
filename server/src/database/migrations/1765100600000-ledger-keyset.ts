import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The 台账 (issue 16, `GET /stats/ledger.xlsx`) reads a period's reports in `(created_at, id)`
 * pages of a thousand: this index finds each page's start and keeps the rows in order, so a
 * county's year of reports is never scanned or sorted whole.
 */
export class LedgerKeyset1765100600000 implements MigrationInterface {
  name = 'LedgerKeyset1765100600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'reports',
      new TableIndex({ name: 'IDX_reports_created', columnNames: ['created_at', 'id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('reports', 'IDX_reports_created');
  }
}
