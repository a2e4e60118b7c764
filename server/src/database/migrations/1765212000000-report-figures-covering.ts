import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A year of statistics at 1 M orders (issue 17): every statement that counts the period's reports
 * reads an index alone. Three did not. The situations (a JSON list in a `text` column, which no
 * index holds) were counted from the table: 380 k rows read for a county's year, 2.2 s. A
 * township's counts read `IDX_reports_division` and then each report's row, on pages all over the
 * table: 11.7 k rows, 2.9 s a statement when the pages were not in the buffer pool. The ratings
 * read each rated report's row for its score and place: 49 k rows, 1.4 s.
 *
 * `situations` becomes `varchar(400)`: a report's list names each code of the catalogue at most
 * once (`IsSituations`), and all 19 codes as JSON are 371 characters. The period's index
 * (`IDX_reports_figures`) takes it as its last column; a place-led copy of that index
 * (`IDX_reports_place_figures`) replaces the bare `IDX_reports_division`, which every read by place
 * still finds as its first column; the ratings' index holds the place and the score.
 */
export class ReportFiguresCovering1765212000000 implements MigrationInterface {
  name = 'ReportFiguresCovering1765212000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('reports', 'IDX_reports_figures');
    await queryRunner.dropIndex('reports', 'IDX_reports_division');
    await queryRunner.dropIndex('reports', 'IDX_reports_rated');
    await retype(queryRunner, { type: 'text' }, { type: 'varchar', length: '400' });
    for (const index of [PERIOD_INDEX, PLACE_INDEX, RATED_INDEX]) {
      await queryRunner.createIndex('reports', index);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [PERIOD_INDEX, PLACE_INDEX, RATED_INDEX]) {
      await queryRunner.dropIndex('reports', index.name!);
    }
    await retype(queryRunner, { type: 'varchar', length: '400' }, { type: 'text' });
    await queryRunner.createIndex('reports', OLD_PERIOD_INDEX);
    await queryRunner.createIndex(
      'reports',
      new TableIndex({ name: 'IDX_reports_division', columnNames: ['division_code'] }),
    );
    await queryRunner.createIndex(
      'reports',
      new TableIndex({ name: 'IDX_reports_rated', columnNames: ['rated_at'] }),
    );
  }
}

async function retype(
  queryRunner: QueryRunner,
  from: { type: string; length?: string },
  to: { type: string; length?: string },
): Promise<void> {
  if (queryRunner.connection.driver.options.type === 'better-sqlite3') {
    // SQLite rebuilds the table and copies its rows.
    await queryRunner.changeColumn(
      'reports',
      new TableColumn({ name: 'situations', ...from }),
      new TableColumn({ name: 'situations', ...to }),
    );
    return;
  }
  // TypeORM's MySQL changeColumn drops and re-adds a column whose type changes, losing every
  // report's situations; MODIFY keeps them.
  const type = to.length ? `varchar(${to.length})` : to.type;
  await queryRunner.query(`ALTER TABLE \`reports\` MODIFY \`situations\` ${type} NOT NULL`);
}

/** What the figures count by, after the period and the place. */
const COUNTED = [
  'channel',
  'priority',
  'repeat_report',
  'institution_id',
  'reporter_org_type',
  'reporter_anonymous',
  'reporter_confidential',
  'discovered_at',
];

const OLD_PERIOD_INDEX = new TableIndex({
  name: 'IDX_reports_figures',
  columnNames: ['created_at', 'division_code', ...COUNTED],
});

const PERIOD_INDEX = new TableIndex({
  name: 'IDX_reports_figures',
  columnNames: ['created_at', 'division_code', ...COUNTED, 'situations'],
});

const PLACE_INDEX = new TableIndex({
  name: 'IDX_reports_place_figures',
  columnNames: ['division_code', 'created_at', ...COUNTED, 'situations'],
});

const RATED_INDEX = new TableIndex({
  name: 'IDX_reports_rated',
  columnNames: ['rated_at', 'division_code', 'rating_score'],
});
