import { Inject, Injectable } from '@nestjs/common';
import type {
  GuardianshipHandover,
  OrderActorCapacity,
  OrderDetail,
  OrderSummary,
  Page,
  UnitChoice,
} from '@shouhu/shared';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ChildFilesRepository } from '../children/child-files.repository';
import { CLOCK, type Clock } from '../common/clock';
import { Sealer } from '../crypto/sealer';
import { ReportsRepository } from '../reports/reports.repository';
import { UnitsRepository } from '../units/units.repository';
import { UploadsService } from '../uploads/uploads.service';
import { ChildFileHolding } from './child-file-holding';
import type { OrderListQueryDto } from './dto/order-actions.dto';
import { handoverView, type HandoverDetails } from './handover-views';
import { HandoversRepository } from './handovers.repository';
import { capacityFor, listScope, mayMoveTo } from './order-access';
import { orderNotFound } from './order-not-found';
import { OrderSummaries } from './order-summaries';
import { toEventView } from './order-views';
import type { OrderEntity } from './order.entity';
import type { ReportEntity } from '../reports/report.entity';
import { OrdersRepository, type OrderFilter } from './orders.repository';
import { ReportDetailsBuilder } from './report-details';

/**
 * What staff read of their orders: the lists and queues, one order with its report and timeline,
 * the units it may move to, and the report's photos and videos. Reading a report's details (its
 * written handovers with them) is audited; nothing here changes an order.
 */
@Injectable()
export class OrderQueriesService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly reports: ReportsRepository,
    private readonly units: UnitsRepository,
    private readonly summaries: OrderSummaries,
    private readonly details: ReportDetailsBuilder,
    private readonly uploads: UploadsService,
    private readonly audit: AuditService,
    private readonly childFiles: ChildFilesRepository,
    private readonly holding: ChildFileHolding,
    private readonly handovers: HandoversRepository,
    private readonly sealer: Sealer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor, query: OrderListQueryDto): Promise<Page<OrderSummary>> {
    const now = this.clock.now();
    const filter: OrderFilter = {
      status: query.status,
      overdueBefore: query.overdue === 'true' ? now : undefined,
      unrouted: query.queue === 'unrouted' ? true : undefined,
      escalated: query.queue === 'escalated',
      extensionPending: query.queue === 'extension',
      lowRating: query.queue === 'low_rating',
      unitId: query.unitId,
    };
    const [rows, total] = await this.orders.page(
      listScope(actor),
      filter,
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    return { items: await this.summaries.of(rows, now), total };
  }

  /**
   * Units the caller may move this order to, always of the order's department (domain.md, Routing
   * 6): for its unit, the other units in the county (转办); for the coordinator, the units of their
   * divisions (改派).
   */
  async movableUnits(actor: Actor, id: string): Promise<UnitChoice[]> {
    const { order, capacity } = await this.inScope(actor, id);
    return (await this.units.list())
      .filter((unit) => mayMoveTo(actor, capacity, order, unit))
      .map((unit) => ({ id: unit.id, name: unit.name, department: unit.department }))
      .sort((a, b) => a.department.localeCompare(b.department) || a.name.localeCompare(b.name));
  }

  async detail(actor: Actor, id: string): Promise<OrderDetail> {
    const { order, capacity } = await this.inScope(actor, id);
    const report = await this.reports.findById(null, order.reportId);
    if (!report) throw orderNotFound();
    await this.audit.recordRead(actor, {
      action: 'report.read_details',
      targetType: 'report',
      targetId: report.id,
      divisionCode: report.divisionCode,
      detail: { orderId: order.id, capacity },
    });
    const now = this.clock.now();
    const siblings = await this.orders.ofReport(null, order.reportId);
    const units = await this.summaries.unitNames();
    const [summary] = await this.summaries.of([order], now, { unitNames: units });
    const timeline = (await this.orders.events(order.id)).map(toEventView);
    const otherOrders = siblings
      .filter((o) => o.id !== order.id)
      .map((o) => ({
        department: o.department,
        role: o.role,
        status: o.status,
        unitName: o.unitId ? (units.get(o.unitId) ?? null) : null,
      }));
    const handovers = capacity === 'admin' ? [] : await this.handoversOf(report.id, units);
    if (capacity === 'admin') {
      return {
        order: summary,
        report: await this.details.routing(report),
        otherOrders,
        // What others wrote (notes, reasons, contacts) may name the child; the admin queue's own
        // history is the system's routing and the administrators' own moves.
        timeline: timeline.filter((e) => e.actorRole === null || e.actorRole === 'admin'),
        childFile: null,
        handovers: [],
      };
    }
    return {
      order: summary,
      report: await this.details.build(report, { capacity, department: order.department }),
      otherOrders,
      timeline,
      childFile: await this.childFileLink(actor, report),
      handovers,
    };
  }

  /** The report's child file, when the caller may open it (the order page links to it). */
  private async childFileLink(actor: Actor, report: ReportEntity): Promise<{ id: string } | null> {
    const file = report.childFileId ? await this.childFiles.findById(report.childFileId) : null;
    if (!file) return null;
    return (await this.holding.capacityOf(actor, file)) ? { id: file.id } : null;
  }

  /** Every written handover of the report, on whichever of its orders it was recorded. */
  private async handoversOf(
    reportId: string,
    units: Map<string, string>,
  ): Promise<GuardianshipHandover[]> {
    return (await this.handovers.ofReports([reportId])).map((entity) =>
      handoverView(
        entity,
        this.sealer.open<HandoverDetails>(entity.detailsSealed),
        entity.unitId ? (units.get(entity.unitId) ?? null) : null,
      ),
    );
  }

  /**
   * One photo or video of the order's report, for viewing; every view is audited. An
   * administrator never sees one (it may show the child), even one who is also a handler.
   */
  async attachment(
    actor: Actor,
    id: string,
    uploadId: string,
  ): Promise<{ mime: string; bytes: Buffer }> {
    const { order, capacity } = await this.inScope(actor, id);
    if (capacity === 'admin') throw orderNotFound();
    const { upload, bytes } = await this.uploads.content(order.reportId, uploadId);
    await this.audit.recordRead(actor, {
      action: 'report.read_attachment',
      targetType: 'upload',
      targetId: upload.id,
      divisionCode: order.divisionCode,
      detail: { orderId: order.id, reportId: order.reportId },
    });
    return { mime: upload.mime, bytes };
  }

  /** The order and the caller's capacity on it; 404 when it does not exist or is outside their scope. */
  private async inScope(
    actor: Actor,
    id: string,
  ): Promise<{ order: OrderEntity; capacity: OrderActorCapacity }> {
    const order = await this.orders.findById(id);
    const capacity = order ? capacityFor(actor, order) : null;
    if (!order || !capacity) throw orderNotFound();
    return { order, capacity };
  }
}
