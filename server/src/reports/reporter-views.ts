import { Injectable } from '@nestjs/common';
import {
  leadFirst,
  leadResult,
  orderPlacement,
  resultOf,
  type ClockName,
  type ReporterOrderView,
  type ReporterReportView,
} from '@shouhu/shared';
import type { OrderClockEntity, OrderEntity } from '../orders/order.entity';
import { OrdersRepository } from '../orders/orders.repository';
import type { ReportEntity } from './report.entity';
import { toReporterView } from './report-views';
import { ReportsRepository } from './reports.repository';

/** Who is looking: the logged-in owner also sees what they wrote; a tracking code shows progress only. */
export type ReporterAudience = 'owner' | 'code';

/**
 * The one builder of what a reporter (or anyone with the tracking code) sees: milestones, each
 * department's order with its deadlines and its result as soon as it is given, the outcome once
 * closed, and the rating. Kinds of department only, never a unit's or a handler's name.
 */
@Injectable()
export class ReporterViews {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly orders: OrdersRepository,
  ) {}

  async of(report: ReportEntity, audience: ReporterAudience): Promise<ReporterReportView> {
    const events = await this.reports.reporterTimeline(report.id);
    const orders = await this.orders.ofReport(null, report.id);
    const clocks = await this.orders.clocksOf(orders.map((o) => o.id));
    const view = toReporterView(report, events);
    view.orders = orders
      .map((order) =>
        toReporterOrder(
          order,
          clocks.filter((c) => c.orderId === order.id),
        ),
      )
      .sort(leadFirst);
    const lead = leadResult(orders);
    if (report.status === 'closed' && lead) {
      view.outcome = { code: lead.code, label: lead.label, summary: lead.summary };
    }
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
}

/** A deadline the reporter is shown only while its clock runs. */
function runningDue(clocks: OrderClockEntity[], clock: ClockName): string | null {
  const found = clocks.find((c) => c.clock === clock && !c.stoppedAt);
  return found ? found.dueAt.toISOString() : null;
}

function toReporterOrder(order: OrderEntity, clocks: OrderClockEntity[]): ReporterOrderView {
  const result = resultOf(order);
  return {
    department: order.department,
    role: order.role,
    placement: orderPlacement(order),
    status: order.status,
    signDueAt: runningDue(clocks, 'sign'),
    resolveDueAt: runningDue(clocks, 'resolve'),
    result: result ? { code: result.code, label: result.label, summary: result.summary } : null,
  };
}
