import { LOW_SCORE_MAX } from '@shouhu/shared';
import type { OrderEntity } from '../../src/orders/order.entity';
import type { ReportEntity } from '../../src/reports/report.entity';

/** Whom a list is for: the units an account sees and the places it sees below them. */
export interface ListScope {
  unitIds: string[];
  prefixes: string[];
}

/**
 * The ids of `orders` in `scope`, in the order every order list promises: a running deadline
 * first, soonest due first, then by age; ties, which the old single query left open, by id.
 */
export function inListOrder(orders: readonly OrderEntity[], scope: ListScope): string[] {
  const time = (at: Date | null) => (at ? at.getTime() : Infinity);
  return orders
    .filter(
      (o) =>
        (o.unitId !== null && scope.unitIds.includes(o.unitId)) ||
        scope.prefixes.some((prefix) => o.divisionCode.startsWith(prefix)),
    )
    .sort(
      (a, b) =>
        time(a.dueAt) - time(b.dueAt) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((o) => o.id);
}

/**
 * The reports of the low-rating queue by the rule worked out from the reports themselves (as the
 * queue read it before the flag on the order): closed, rated or called back at LOW_SCORE_MAX or less.
 */
export function lowRatedReportIds(reports: readonly ReportEntity[]): Set<string> {
  const low = (score: number | null) => score !== null && score <= LOW_SCORE_MAX;
  return new Set(
    reports
      .filter((r) => r.status === 'closed' && (low(r.ratingScore) || low(r.callbackScore)))
      .map((r) => r.id),
  );
}
