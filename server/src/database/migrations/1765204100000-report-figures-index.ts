import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A year of statistics at 1 M orders (issue 17): the figures count a period's reports in the
 * database by day, kind, place and who filed them, rather than reading every report. The
 * submission-time index now also holds every column those counts read (all but the situations),
 * so they come from the index alone. It replaces `IDX_reports_created_division` of
 * 1765100200000, which only the figures read, so a report written still costs one index entry.
 */
export class ReportFiguresIndex1765204100000 implements MigrationInterface {
  name = 'ReportFiguresIndex1765204100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('reports', FIGURES_INDEX);
    await queryRunner.dropIndex('reports', CREATED_DIVISION_INDEX.name!);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('reports', CREATED_DIVISION_INDEX);
    await queryRunner.dropIndex('reports', FIGURES_INDEX.name!);
  }
}

const FIGURES_INDEX = new TableIndex({
  name: 'IDX_reports_figures',
  columnNames: [
    'created_at',
    'division_code',
    'channel',
    'priority',
    'repeat_report',
    'institution_id',
    'reporter_org_type',
    'reporter_anonymous',
    'reporter_confidential',
    'discovered_at',
  ],
});

const CREATED_DIVISION_INDEX = new TableIndex({
  name: 'IDX_reports_created_division',
  columnNames: ['created_at', 'division_code'],
});
