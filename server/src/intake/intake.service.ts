import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  channelRefusal,
  formatTrackingCode,
  normalizePhone,
  ownPriority,
  reportConsistencyErrors,
  route,
  type ChildFileChild,
  type ChildFilePerson,
  type CreatedOrder,
  type CreateReportRequest,
  type OrgType,
  type Priority,
  type ReportChild,
  type ReportCreatedResponse,
  type Routing,
  type VisitReportRequest,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { Sealer } from '../crypto/sealer';
import type { ChildFileEntity } from '../children/child-file.entity';
import { DropoutEnlistment } from '../children/dropout-enlistment';
import { RepeatDetector, type ChildFiling } from '../children/repeat-detector';
import { DivisionsService } from '../divisions/divisions.service';
import { IdempotencyService, type StoredResponse } from '../idempotency/idempotency.service';
import { InstitutionsRepository } from '../institutions/institutions.repository';
import { OrderDispatcher } from '../orders/order-dispatcher';
import type { ReportEntity } from '../reports/report.entity';
import { ReportsRepository } from '../reports/reports.repository';
import { generateTrackingCode } from '../reports/tracking-code.generator';
import { UploadsService } from '../uploads/uploads.service';
import type { CreateReportDto } from './dto/create-report.dto';
import { ReporterPriority } from './reporter-priority';
import { toCreatedResponse } from './report-views';

/** The institution a report is filed for: a mandated reporter's, or a visiting worker's unit. */
interface Org {
  name: string | null;
  type: OrgType | null;
  /** A mandated reporter's institution on the county's register (channel `mandatory` only). */
  institutionId?: string | null;
}

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
    private readonly institutions: InstitutionsRepository,
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
    return this.idempotency.once(key, actor.user.id, dto, HttpStatus.CREATED, async (manager) => {
      const now = this.clock.now();
      const filing = await this.repeats.file(manager, dto.child, dto.location.divisionCode, now);
      const org: Org | null =
        dto.channel === 'mandatory'
          ? {
              name: actor.user.orgName,
              type: actor.user.orgType,
              institutionId: await this.registered(manager, actor.user.institutionId),
            }
          : null;
      const { report, orders } = await this.store(manager, actor, dto, filing, org, now);
      return this.receipt(manager, report, orders, ownPriority(dto), now);
    });
  }

  /**
   * The reporter's institution when it is on the register; a retired one (停用) no longer has
   * reports counted for it, though its reporters still file as mandated reporters.
   */
  private async registered(
    manager: EntityManager,
    institutionId: string | null,
  ): Promise<string | null> {
    if (!institutionId) return null;
    return (await this.institutions.onRegister(manager, institutionId)) ? institutionId : null;
  }

  /**
   * 走访发现: a report filed from a visit to a child on file (channel `visit`), in the caller's
   * transaction (the visit's). The place is the file's division (with the address the visitor
   * gives), the child and guardian the file's sealed identity, the reporter the visiting worker,
   * named (neither anonymous nor confidential), for their unit. Routed, dispatched, timed and
   * announced like any report, and linked to the file; a repeat when the child has an open report
   * or one closed within the repeat window (domain.md, Routing rule 4). `discoveredAt` is the
   * visit's time. The caller has checked the file may be visited by `actor`.
   */
  async fileFromChildFile(
    manager: EntityManager,
    actor: Actor,
    file: ChildFileEntity,
    body: VisitReportRequest,
    discoveredAt: Date,
  ): Promise<{ id: string; trackingCode: string }> {
    const now = this.clock.now();
    const request: CreateReportRequest = {
      channel: 'visit',
      situations: body.situations,
      immediateDanger: body.immediateDanger,
      description: body.description,
      discoveredAt: discoveredAt.toISOString(),
      location: {
        divisionCode: file.divisionCode,
        ...(body.address !== undefined ? { address: body.address } : {}),
      },
      child: this.childOfFile(file),
      reporter: { anonymous: false, confidential: false },
    };
    const filing = await this.repeats.ofFile(manager, file.id, now);
    const unit = actor.unit;
    const org: Org | null = unit
      ? {
          name: unit.name,
          type: unit.department === 'village' ? 'village_committee' : 'government',
        }
      : null;
    const { report } = await this.store(manager, actor, request, filing, org, now);
    return { id: report.id, trackingCode: report.trackingCode };
  }

  /** The child of a visit report: the file's identity of the child and the guardian, as a report gives them. */
  private childOfFile(file: ChildFileEntity): ReportChild {
    const child = file.childSealed ? this.sealer.open<ChildFileChild>(file.childSealed) : {};
    const guardian = file.guardianSealed
      ? this.sealer.open<ChildFilePerson>(file.guardianSealed)
      : null;
    const gender = child.gender ?? file.childGender ?? undefined;
    return {
      ...child,
      ...(gender ? { gender } : {}),
      ...(guardian?.name ? { guardianName: guardian.name } : {}),
      ...(guardian?.phone ? { guardianPhone: guardian.phone } : {}),
    };
  }

  /**
   * One transaction's part: the report linked to its child's file, its first timeline entry and
   * audit row, attachments, a dropout's place on the 控辍保学 list, and its routed orders.
   */
  private async store(
    manager: EntityManager,
    actor: Actor,
    dto: CreateReportRequest,
    filing: ChildFiling,
    org: Org | null,
    now: Date,
  ): Promise<{ report: ReportEntity; orders: CreatedOrder[] }> {
    const routing = route(dto, { repeat: filing.repeat });
    const report = this.newReport(actor, dto, routing, filing, org, now);
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
    return { report, orders };
  }

  /** The report as stored: the personal details sealed, phones normalized, at the routing's priority. */
  private newReport(
    { user }: Actor,
    dto: CreateReportRequest,
    routing: Routing,
    filing: ChildFiling,
    org: Org | null,
    now: Date,
  ): ReportEntity {
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
      reporterOrgName: org?.name ?? null,
      reporterOrgType: org?.type ?? null,
      institutionId: org?.institutionId ?? null,
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
