import type { CreatedOrder, ReportCreatedResponse, ReporterReportView } from '@shouhu/shared';
import { shouldAdviseCall110 } from '@shouhu/shared';
import type { ReportEventEntity } from '../reports/report-event.entity';
import type { ReportEntity } from '../reports/report.entity';

export function toCreatedResponse(
  report: ReportEntity,
  orders: CreatedOrder[],
): ReportCreatedResponse {
  return {
    id: report.id,
    trackingCode: report.trackingCode,
    status: report.status,
    priority: report.priority,
    advice: { call110: shouldAdviseCall110(report.immediateDanger) },
    orders,
  };
}

/** What the reporter may see: milestones, never anything about handlers or the child beyond their own words. */
export function toReporterView(
  report: ReportEntity,
  events: ReportEventEntity[],
): ReporterReportView {
  return {
    id: report.id,
    trackingCode: report.trackingCode,
    status: report.status,
    priority: report.priority,
    createdAt: report.createdAt.toISOString(),
    timeline: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, text: e.text })),
    orders: [],
    ...(report.purgedAt ? { purgedAt: report.purgedAt.toISOString() } : {}),
  };
}
