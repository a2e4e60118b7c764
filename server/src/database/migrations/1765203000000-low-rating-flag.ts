import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The coordinator's low-rating queue (低评分待复核) from a flag on the order (issue 17): at 1 M
 * orders the queue's subquery into the reports sorted the county on every page (p99 10.7 s).
 * `IDX_orders_low_rating` reads a page in list order within the coordinator's scope, as
 * `IDX_orders_due_list` does for every order, and counts it from the index. From here on every
 * change of a report's status or scores sets the flag (`reports/low-rating`, the live rule); the
 * back-fill keeps its own copy of the rule as it stood, since a migration is history and must not
 * follow later changes of live code (architecture.spec). The reports' score indexes served the
 * old subquery and the back-fill alone, and go after it.
 */
export class LowRatingFlag1765203000000 implements MigrationInterface {
  name = 'LowRatingFlag1765203000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'orders',
      new TableColumn({ name: 'low_rating', type: 'boolean', default: 0 }),
    );
    await queryRunner.query(
      `UPDATE orders SET low_rating = 1 WHERE role = 'lead' AND report_id IN (SELECT r.id FROM reports r WHERE ${LOW_RATED_REPORT})`,
    );
    await queryRunner.createIndex('orders', LOW_RATING_INDEX);
    for (const index of SCORE_INDEXES) await queryRunner.dropIndex('reports', index);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of SCORE_INDEXES) await queryRunner.createIndex('reports', index);
    await queryRunner.dropIndex('orders', LOW_RATING_INDEX);
    await queryRunner.dropColumn('orders', 'low_rating');
  }
}

/** A closed report rated, or called back with a score, of 2 or less (LOW_SCORE_MAX as it stood). */
const LOW_RATED_REPORT = "r.status = 'closed' AND (r.rating_score <= 2 OR r.callback_score <= 2)";

const LOW_RATING_INDEX = new TableIndex({
  name: 'IDX_orders_low_rating',
  columnNames: ['low_rating', 'due_at', 'created_at', 'id', 'division_code', 'unit_id'],
});

const SCORE_INDEXES = [
  new TableIndex({ name: 'IDX_reports_low_rating', columnNames: ['rating_score', 'status'] }),
  new TableIndex({ name: 'IDX_reports_low_callback', columnNames: ['callback_score', 'status'] }),
];
