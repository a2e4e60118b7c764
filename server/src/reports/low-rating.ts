import { LOW_SCORE_MAX } from '@shouhu/shared';

/**
 * The rule of the coordinator's review list (低评分待复核, domain.md: the reporter's side): a
 * closed report its reporter rated, or its hotline caller scored at the 回访, `LOW_SCORE_MAX` or
 * lower. SQL over `reports r`, kept here alone so the column that lists it cannot drift from it.
 */
const LOW_RATED_REPORT = `r.status = 'closed' AND (r.rating_score <= ${LOW_SCORE_MAX} OR r.callback_score <= ${LOW_SCORE_MAX})`;

/**
 * The statement that sets `orders.low_rating` of the orders `where` picks from their report: on
 * the lead order of a low-rated report, off on every other. The queue reads the flag from an
 * index in list order; a subquery into the reports sorted the county on every page (issue 17).
 * Every write of a report's status or scores runs it, and so does the bench's bulk load.
 */
export function flagLowRatingSql(where: string): string {
  return `UPDATE orders SET low_rating = CASE WHEN role = 'lead' AND EXISTS (SELECT 1 FROM reports r WHERE r.id = orders.report_id AND ${LOW_RATED_REPORT}) THEN 1 ELSE 0 END WHERE ${where}`;
}
