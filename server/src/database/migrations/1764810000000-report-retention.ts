import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * When a report lost its personal details at the end of its retention period (README,
 * Retention); the index finds closed reports by closing date for `npm run retention:purge`.
 */
export class ReportRetention1764810000000 implements MigrationInterface {
  name = 'ReportRetention1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'reports',
      new TableColumn({ name: 'purged_at', type: 'datetime', precision: 6, isNullable: true }),
    );
    await queryRunner.createIndex(
      'reports',
      new TableIndex({ name: 'IDX_reports_closed_at', columnNames: ['closed_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('reports', 'IDX_reports_closed_at');
    await queryRunner.dropColumn('reports', 'purged_at');
  }
}
