import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  channelRefusal,
  formatTrackingCode,
  normalizePhone,
  ownPriority,
  reportConsistencyErrors,
  route,
  type CreatedOrder,
  type Priority,
  type ReportCreatedResponse,
  type Routing,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { Sealer } from '../crypto/sealer';
import { DropoutEnlistment } from '../children/dropout-enlistment';
import { RepeatDetector, type ChildFiling } from '../children/repeat-detector';
import { DivisionsService } from '../divisions/divisions.service';
import { IdempotencyService, type StoredResponse } from '../idempotency/idempotency.service';
import { OrderDispatcher } from '../orders/order-dispatcher';
import type { ReportEntity } from '../reports/report.entity';
import { ReportsRepository } from '../reports/reports.repository';
import { generateTrackingCode } from '../reports/tracking-code.generator';
import { UploadsService } from '../uploads/uploads.service';
import type { CreateReportDto } from './dto/create-report.dto';
import { ReporterPriority } from './reporter-priority';
import { toCreatedResponse } from './report-views';

/**
 * 提交报告: the reporter's report, checked (shared rules, then the server's clock and divisions),
 * stored once per Idempotency-Key, routed (shared `route`) and dispatched as work orders, whose
 * outboxes queue the units' messages in the same transaction.
 */
@Injectable()
export class IntakeService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly idempotency: IdempotencyService,
    private readonly sealer: Sealer,
    private readonly audit: AuditService,
    private readonly divisions: DivisionsService,
    private readonly repeats: RepeatDetector,
    private readonly dispatcher: OrderDispatcher,
    private readonly reporterPriority: ReporterPriority,
    private readonly uploads: UploadsService,
    private readonly dropouts: DropoutEnlistment,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async submit(
    actor: Actor,
    idempotencyKey: string | undefined,
    dto: CreateReportDto,
  ): Promise<StoredResponse<ReportCreatedResponse>> {
    const key = IdempotencyService.assertKey(idempotencyKey);
    const errors = reportConsistencyErrors(dto, this.clock.now());
    if (
      !errors['location.divisionCode'] &&
      !(await this.divisions.exists(dto.location.divisionCode))
    ) {
      errors['location.divisionCode'] = '没有这个区划代码，请从列表中选择孩子所在的地方';
    }
    if (Object.keys(errors).length > 0) throw ApiException.validation(errors);
    const refusal = channelRefusal(dto.channel, actor.roles);
    if (refusal) throw ApiException.forbidden(refusal);
    return this.idempotency.once(key, actor.user.id, dto, HttpStatus.CREATED, (manager) =>
      this.store(manager, actor, dto),
    );
  }

  /**
   * One transaction: the report, its first timeline entry and audit row, attachments, a dropout's
   * place on the 控辍保学 list, orders.
   */
  private async store(
    manager: EntityManager,
    actor: Actor,
    dto: CreateReportDto,
  ): Promise<ReportCreatedResponse> {
    const now = this.clock.now();
    const filing = await this.repeats.file(manager, dto.child, dto.location.divisionCode, now);
    const routing = route(dto, { repeat: filing.repeat });
    const report = this.newReport(actor, dto, routing, filing, now);
    await this.reports.insert(manager, report);
    await this.reports.appendEvent(manager, {
      id: randomUUID(),
      reportId: report.id,
      kind: 'submitted',
      text: `报告已提交，查询码 ${formatTrackingCode(report.trackingCode)}。`,
      reporterVisible: true,
      at: now,
    });
    await this.audit.record(manager, actor, {
      action: 'report.submit',
      targetType: 'report',
      targetId: report.id,
      divisionCode: report.divisionCode,
      detail: { channel: report.channel, priority: report.priority },
    });
    await this.uploads.attach(manager, actor, dto.attachments ?? [], report.id);
    if (dto.situations.includes('dropout')) {
      await this.dropouts.fromReport(manager, filing.childFileId, report, now);
    }
    const orders = await this.dispatcher.dispatch(manager, report, routing, now);
    return this.receipt(manager, report, orders, ownPriority(dto), now);
  }

  /** The report as stored: the personal details sealed, phones normalized, at the routing's priority. */
  private newReport(
    { user }: Actor,
    dto: CreateReportDto,
    routing: Routing,
    filing: ChildFiling,
    now: Date,
  ): ReportEntity {
    const mandated = dto.channel === 'mandatory';
    const { divisionCode, address, latitude, longitude } = dto.location;
    const { anonymous, confidential, name, phone, relation } = dto.reporter;
    return {
      id: randomUUID(),
      trackingCode: generateTrackingCode(),
      reporterUserId: user.id,
      channel: dto.channel,
      status: 'submitted',
      priority: routing.priority,
      initialPriority: routing.initialPriority,
      childFileId: filing.childFileId,
      repeatReport: filing.repeat,
      closedAt: null,
      ratingScore: null,
      ratingComment: null,
      ratedAt: null,
      reporterSmsConsent: !anonymous && dto.reporter.smsConsent === true,
      callbackScore: null,
      callbackComment: null,
      calledBackAt: null,
      purgedAt: null,
      immediateDanger: dto.immediateDanger,
      situations: dto.situations,
      description: dto.description,
      discoveredAt: new Date(dto.discoveredAt),
      divisionCode,
      locationSealed: this.sealer.seal({ address, latitude, longitude }),
      childSealed: this.sealer.seal({
        ...dto.child,
        ...(dto.child.guardianPhone
          ? { guardianPhone: normalizePhone(dto.child.guardianPhone) }
          : {}),
      }),
      childGender: dto.child.gender ?? null,
      childAgeYears: dto.child.ageYears ?? null,
      reporterAnonymous: anonymous,
      reporterConfidential: !anonymous && confidential === true,
      reporterSealed: anonymous
        ? null
        : this.sealer.seal({ name, phone: phone && normalizePhone(phone), relation }),
      reporterOrgName: mandated ? user.orgName : null,
      reporterOrgType: mandated ? user.orgType : null,
      createdAt: now,
    };
  }

  /**
   * What the reporter is told. A repeat raise is the orders' business: the receipt shows the
   * priority (`own`) and deadlines this report alone gives.
   */
  private async receipt(
    manager: EntityManager,
    report: ReportEntity,
    orders: CreatedOrder[],
    own: Priority,
    now: Date,
  ): Promise<ReportCreatedResponse> {
    if (own === report.priority) return toCreatedResponse(report, orders);
    const due = (clock: 'sign' | 'resolve') =>
      this.reporterPriority.due(clock, own, now, manager).then((d) => d.toISOString());
    const ownOrders: CreatedOrder[] = [];
    for (const order of orders) {
      ownOrders.push({
        ...order,
        priority: own,
        signDueAt: await due('sign'),
        resolveDueAt: await due('resolve'),
      });
    }
    return toCreatedResponse({ ...report, priority: own }, ownOrders);
  }
}
