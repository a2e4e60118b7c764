import { Injectable } from '@nestjs/common';
import { OUTCOME_LABELS, type ReporterReportView } from '@shouhu/shared';
import { OrdersRepository } from '../orders/orders.repository';
import type { ReportEntity } from './report.entity';
import { toReporterView } from './report-views';
import { ReportsRepository } from './reports.repository';

/** What a reporter (or anyone with the tracking code) sees: milestones, outcome and rating. */
@Injectable()
export class ReporterViews {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly orders: OrdersRepository,
  ) {}

  async of(report: ReportEntity): Promise<ReporterReportView> {
    const events = await this.reports.reporterTimeline(report.id);
    const view = toReporterView(report, events);
    if (report.status === 'closed') {
      const orders = await this.orders.ofReport(null, report.id);
      const lead = orders.find((o) => o.role === 'lead') ?? orders[0];
      if (lead?.outcome) {
        view.outcome = {
          code: lead.outcome,
          label: OUTCOME_LABELS[lead.outcome],
          summary: lead.reporterSummary ?? '',
        };
      }
    }
    if (report.ratingScore !== null) {
      view.rating = report.ratingComment
        ? { score: report.ratingScore, comment: report.ratingComment }
        : { score: report.ratingScore };
    }
    return view;
  }
}
