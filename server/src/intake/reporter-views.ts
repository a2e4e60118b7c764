import { Injectable } from '@nestjs/common';
import {
  leadFirst,
  leadOutcome,
  orderPlacement,
  reporterOrders,
  resolvedOutcome,
  type ClockName,
  type ReporterOrderView,
  type ReporterReportView,
} from '@shouhu/shared';
import type { OrderClockEntity, OrderEntity } from '../orders/order.entity';
import { OrdersRepository } from '../orders/orders.repository';
import type { ReportEntity } from '../reports/report.entity';
import { ReportsRepository } from '../reports/reports.repository';
import { ReporterPriority } from './reporter-priority';
import { toReporterView } from './report-views';

/** Who is looking: the logged-in owner also sees what they wrote; a tracking code shows progress only. */
export type ReporterAudience = 'owner' | 'code';

/**
 * The one builder of what a reporter (or anyone with the tracking code) sees: milestones, each
 * department's order with its deadlines and its result as soon as it is given, the outcome once
 * closed, and the rating. Kinds of department only, never a unit's or a handler's name; only the
 * orders routing made, none a handoff added (shared `reporterOrders`).
 */
@Injectable()
export class ReporterViews {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly orders: OrdersRepository,
    private readonly priority: ReporterPriority,
  ) {}

  async of(report: ReportEntity, audience: ReporterAudience): Promise<ReporterReportView> {
    const events = await this.reports.reporterTimeline(report.id);
    const orders = reporterOrders(await this.orders.ofReport(null, report.id));
    const clocks = await this.reporterClocks(
      report,
      orders,
      await this.orders.clocksOf(orders.map((o) => o.id)),
    );
    const view = toReporterView(report, events);
    view.priority = this.priority.of(report);
    view.orders = orders
      .map((order) =>
        toReporterOrder(
          order,
          clocks.filter((c) => c.orderId === order.id),
        ),
      )
      .sort(leadFirst);
    const outcome = leadOutcome(orders);
    if (report.status === 'closed' && outcome) view.outcome = outcome;
    if (report.ratingScore !== null) {
      view.rating = report.ratingComment
        ? { score: report.ratingScore, comment: report.ratingComment }
        : { score: report.ratingScore };
    }
    if (audience === 'owner' && !report.purgedAt) {
      view.reported = { description: report.description, situations: report.situations };
    }
    return view;
  }

  /**
   * The clocks as the reporter's own priority would have set them: an order still at the raised
   * priority it was dispatched with (no one has changed it or granted an extension since) has its
   * deadlines recomputed from their start; any other order shows its clocks as they are.
   */
  private async reporterClocks(
    report: ReportEntity,
    orders: OrderEntity[],
    clocks: OrderClockEntity[],
  ): Promise<OrderClockEntity[]> {
    const own = this.priority.of(report);
    if (own === report.priority) return clocks;
    const raised = new Set(
      orders
        .filter((o) => o.priority === report.priority && o.extensionsGranted === 0)
        .map((o) => o.id),
    );
    return Promise.all(
      clocks.map(async (clock) =>
        raised.has(clock.orderId)
          ? { ...clock, dueAt: await this.priority.due(clock.clock, own, clock.startedAt) }
          : clock,
      ),
    );
  }
}

/** A deadline the reporter is shown only while its clock runs. */
function runningDue(clocks: OrderClockEntity[], clock: ClockName): string | null {
  const found = clocks.find((c) => c.clock === clock && !c.stoppedAt);
  return found ? found.dueAt.toISOString() : null;
}

function toReporterOrder(order: OrderEntity, clocks: OrderClockEntity[]): ReporterOrderView {
  return {
    department: order.department,
    role: order.role,
    placement: orderPlacement(order),
    status: order.status,
    signDueAt: runningDue(clocks, 'sign'),
    resolveDueAt: runningDue(clocks, 'resolve'),
    result: resolvedOutcome(order),
  };
}
