import { Injectable } from '@nestjs/common';
import {
  fileOrderEventText,
  fileReportText,
  fileReportViewer,
  mayKnowReporter,
  orderCapacity,
  type ChildFileCapacity,
  type ChildFileReport,
  type ChildFileTimelineEntry,
  type ChildFileVisit,
  type GuardianshipHandover,
  type PlannedVisit,
  type ReportReporter,
} from '@shouhu/shared';
import type { Actor } from '../access/actor';
import type { ChildFileEventEntity } from '../children/child-file.entity';
import { childFileVisitView, plannedVisitView, type VisitDetails } from '../children/visit-views';
import { Sealer } from '../crypto/sealer';
import { handoverView, type HandoverDetails } from '../orders/handover-views';
import { HandoversRepository } from '../orders/handovers.repository';
import type { OrderEntity, OrderEventEntity } from '../orders/order.entity';
import { OrdersRepository } from '../orders/orders.repository';
import type { ReportEntity } from '../reports/report.entity';
import { ReportsRepository } from '../reports/reports.repository';
import { ChildFileQueriesRepository } from './child-file-queries.repository';

/** What the file's page shows besides the file's own fields. */
export interface ChildFileHistory {
  reports: ChildFileReport[];
  openOrderCount: number;
  handovers: GuardianshipHandover[];
  visits: ChildFileVisit[];
  plannedVisits: PlannedVisit[];
  timeline: ChildFileTimelineEntry[];
}

interface Viewer {
  actor: Actor;
  capacity: ChildFileCapacity;
  unitNames: ReadonlyMap<string, string>;
}

/**
 * The reports, orders, handovers, visits and timeline of a child's file, as its viewer may see
 * them: reporters disclosed only by `mayKnowReporter` (through `fileReportViewer`), what other
 * units wrote on orders the viewer may not open reduced to what happened, and where a visit took
 * place only to those who keep or coordinate the file (`childFileVisitView`).
 */
@Injectable()
export class ChildFileDetails {
  constructor(
    private readonly sealer: Sealer,
    private readonly queries: ChildFileQueriesRepository,
    private readonly reports: ReportsRepository,
    private readonly orders: OrdersRepository,
    private readonly handovers: HandoversRepository,
  ) {}

  async history(fileId: string, viewer: Viewer): Promise<ChildFileHistory> {
    const reports = await this.reports.ofChildFile(fileId);
    const reportIds = reports.map((report) => report.id);
    const [orders, fileEvents, handovers, visits, dues] = await Promise.all([
      this.orders.ofReports(reportIds),
      this.queries.events(fileId),
      this.handovers.ofReports(reportIds),
      this.queries.visits(fileId),
      this.queries.openDues(fileId),
    ]);
    const orderEvents = await this.orders.eventsOf(orders.map((order) => order.id));
    const mayOpen = new Map(
      orders.map((order) => [order.id, orderCapacity(viewer.actor, order) !== null]),
    );
    const unitName = (unitId: string | null) =>
      unitId ? (viewer.unitNames.get(unitId) ?? null) : null;
    return {
      reports: reports.map((report) =>
        this.report(
          report,
          orders.filter((order) => order.reportId === report.id),
          viewer,
          mayOpen,
        ),
      ),
      openOrderCount: orders.filter((order) => order.status !== 'resolved').length,
      handovers: handovers.map((handover) =>
        handoverView(
          handover,
          this.sealer.open<HandoverDetails>(handover.detailsSealed),
          unitName(handover.unitId),
        ),
      ),
      visits: visits.map((visit) =>
        childFileVisitView(
          visit,
          this.sealer.open<VisitDetails>(visit.detailsSealed),
          unitName(visit.unitId),
          viewer.capacity,
        ),
      ),
      plannedVisits: dues.map(plannedVisitView),
      timeline: timeline(
        fileEvents.map((event) => this.withNote(event)),
        reports,
        orders,
        orderEvents,
        mayOpen,
        unitName,
      ),
    };
  }

  /** A file event with the note its writer added (sealed at rest) opened into its line. */
  private withNote(event: ChildFileEventEntity): ChildFileEventEntity {
    if (!event.noteSealed) return event;
    return { ...event, text: `${event.text}说明：${this.sealer.open<string>(event.noteSealed)}` };
  }

  private report(
    report: ReportEntity,
    orders: OrderEntity[],
    viewer: Viewer,
    mayOpen: ReadonlyMap<string, boolean>,
  ): ChildFileReport {
    return {
      id: report.id,
      trackingCode: report.trackingCode,
      channel: report.channel,
      status: report.status,
      priority: report.priority,
      situations: report.situations,
      description: report.purgedAt ? '' : report.description,
      createdAt: report.createdAt.toISOString(),
      reporter: this.reporter(report, orders, viewer),
      orders: orders.map((order) => ({
        id: order.id,
        department: order.department,
        role: order.role,
        status: order.status,
        unitName: order.unitId ? (viewer.unitNames.get(order.unitId) ?? null) : null,
        mayOpen: mayOpen.get(order.id) ?? false,
      })),
    };
  }

  private reporter(
    report: ReportEntity,
    orders: OrderEntity[],
    viewer: Viewer,
  ): ChildFileReport['reporter'] {
    const privacy = {
      anonymous: report.reporterAnonymous,
      confidential: report.reporterConfidential,
    };
    const held = orders.find((order) => order.unitId === viewer.actor.unit?.id);
    const disclosure = fileReportViewer(viewer.capacity, held?.department ?? null);
    if (
      report.purgedAt ||
      !report.reporterSealed ||
      !disclosure ||
      !mayKnowReporter(privacy, disclosure)
    ) {
      return { disclosed: false, ...privacy };
    }
    const { name, phone, relation } = this.sealer.open<Partial<ReportReporter>>(
      report.reporterSealed,
    );
    return {
      disclosed: true,
      ...(name ? { name } : {}),
      ...(phone ? { phone } : {}),
      ...(relation ? { relation } : {}),
      ...(report.reporterOrgName ? { orgName: report.reporterOrgName } : {}),
    };
  }
}

/**
 * One timeline of the file, oldest first: its own events, each report's arrival and each event of
 * the reports' orders, named by department and unit. At one instant a report comes before its
 * orders' events, and the file's own events before both (the order they are listed in here).
 */
function timeline(
  fileEvents: ChildFileEventEntity[],
  reports: ReportEntity[],
  orders: OrderEntity[],
  orderEvents: OrderEventEntity[],
  mayOpen: ReadonlyMap<string, boolean>,
  unitName: (unitId: string | null) => string | null,
): ChildFileTimelineEntry[] {
  const byId = new Map(orders.map((order) => [order.id, order]));
  const entries: { at: Date; entry: ChildFileTimelineEntry }[] = [
    ...fileEvents.map((event) => ({
      at: event.at,
      entry: { at: event.at.toISOString(), kind: event.kind, text: event.text },
    })),
    ...[...reports].reverse().map((report) => ({
      at: report.createdAt,
      entry: {
        at: report.createdAt.toISOString(),
        kind: 'report',
        text: fileReportText(report),
        reportId: report.id,
      },
    })),
    ...orderEvents.flatMap((event) => {
      const order = byId.get(event.orderId);
      if (!order) return [];
      return [
        {
          at: event.at,
          entry: {
            at: event.at.toISOString(),
            kind: 'order',
            text: fileOrderEventText({
              department: order.department,
              unitName: unitName(order.unitId),
              kind: event.kind,
              text: event.text,
              mayOpen: mayOpen.get(order.id) ?? false,
            }),
            reportId: order.reportId,
            orderId: order.id,
          },
        },
      ];
    }),
  ];
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime()).map(({ entry }) => entry);
}
