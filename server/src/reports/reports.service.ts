import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  channelRefusal,
  formatTrackingCode,
  isTrackingCode,
  normalizePhone,
  normalizeTrackingCode,
  RATING_WINDOW_DAYS,
  ratingRefusalMessage,
  ownPriority,
  reportConsistencyErrors,
  route,
  type CreatedOrder,
  type RatingRefusalCode,
  type ReportCreatedResponse,
  type ReporterReportView,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { Sealer } from '../crypto/sealer';
import { RepeatDetector } from '../children/repeat-detector';
import { DivisionsService } from '../divisions/divisions.service';
import { IdempotencyService, type StoredResponse } from '../idempotency/idempotency.service';
import { OrderDispatcher } from '../orders/order-dispatcher';
import type { CreateReportDto } from './dto/create-report.dto';
import type { ReportEntity } from './report.entity';
import type { RatingDto } from './dto/rating.dto';
import { UploadsService } from '../uploads/uploads.service';
import { ReporterPriority } from './reporter-priority';
import { ReporterViews } from './reporter-views';
import { toCreatedResponse } from './report-views';
import { ReportsRepository } from './reports.repository';
import { generateTrackingCode } from './tracking-code.generator';

const MY_REPORTS_LIMIT = 100;
const RATING_WINDOW_MS = RATING_WINDOW_DAYS * 24 * 3600_000;

/** Filing for an institution or for the hotline needs the matching role. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly idempotency: IdempotencyService,
    private readonly sealer: Sealer,
    private readonly audit: AuditService,
    private readonly divisions: DivisionsService,
    private readonly repeats: RepeatDetector,
    private readonly dispatcher: OrderDispatcher,
    private readonly views: ReporterViews,
    private readonly reporterPriority: ReporterPriority,
    private readonly uploads: UploadsService,
    private readonly transactions: TransactionRunner,
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

  async reporterView(actor: Actor, id: string): Promise<ReporterReportView> {
    const report = await this.reports.findOwnedBy(id, actor.user.id);
    if (!report) throw ApiException.notFound('没有找到这份报告');
    await this.audit.recordRead(actor, {
      action: 'report.read',
      targetType: 'report',
      targetId: report.id,
      divisionCode: report.divisionCode,
    });
    return this.views.of(report, 'owner');
  }

  /** The caller's own reports, newest first. */
  async mine(actor: Actor): Promise<ReporterReportView[]> {
    const reports = await this.reports.ownedBy(actor.user.id, MY_REPORTS_LIMIT);
    return Promise.all(reports.map((report) => this.views.of(report, 'owner')));
  }

  /** Public progress for whoever holds the tracking code (the route is rate-limited per address). */
  async track(code: string): Promise<ReporterReportView> {
    const report = isTrackingCode(code)
      ? await this.reports.findByTrackingCode(normalizeTrackingCode(code))
      : null;
    if (!report) throw ApiException.notFound('没有找到这个查询码，请核对后再试');
    return this.views.of(report, 'code');
  }

  /** One rating, 1–5, within 30 days after the report was closed. */
  async rate(actor: Actor, id: string, dto: RatingDto): Promise<ReporterReportView> {
    const report = await this.reports.findOwnedBy(id, actor.user.id);
    if (!report) throw ApiException.notFound('没有找到这份报告');
    const now = this.clock.now();
    const refuse = (code: RatingRefusalCode) =>
      new ApiException(HttpStatus.CONFLICT, code, ratingRefusalMessage(code));
    // The operator filed it for a caller: the caller's satisfaction is the call-back's, not theirs.
    if (report.channel === 'hotline') throw refuse('HOTLINE_USE_CALLBACK');
    if (report.status !== 'closed' || !report.closedAt) throw refuse('REPORT_NOT_CLOSED');
    if (report.ratedAt) throw refuse('ALREADY_RATED');
    if (now.getTime() - report.closedAt.getTime() > RATING_WINDOW_MS) {
      throw refuse('RATING_WINDOW_CLOSED');
    }
    const comment = dto.comment?.trim() || null;
    await this.transactions.run(async (manager) => {
      await this.reports.update(manager, report.id, {
        ratingScore: dto.score,
        ratingComment: comment,
        ratedAt: now,
      });
      await this.reports.appendEvent(manager, {
        id: randomUUID(),
        reportId: report.id,
        kind: 'rated',
        text: `您评价了 ${dto.score} 分${comment ? `：${comment}` : ''}`,
        reporterVisible: true,
        at: now,
      });
      await this.audit.record(manager, actor, {
        action: 'report.rate',
        targetType: 'report',
        targetId: report.id,
        divisionCode: report.divisionCode,
        detail: { score: dto.score },
      });
    });
    return this.views.of(
      {
        ...report,
        ratingScore: dto.score,
        ratingComment: comment,
        ratedAt: now,
      },
      'owner',
    );
  }

  private async store(
    manager: EntityManager,
    actor: Actor,
    dto: CreateReportDto,
  ): Promise<ReportCreatedResponse> {
    const { user } = actor;
    const mandated = dto.channel === 'mandatory';
    const now = this.clock.now();
    const filing = await this.repeats.file(manager, dto.child, dto.location.divisionCode, now);
    const routing = route(dto, { repeat: filing.repeat });
    const { divisionCode, address, latitude, longitude } = dto.location;
    const { anonymous, confidential, name, phone, relation } = dto.reporter;
    const report: ReportEntity = {
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
    const orders = await this.dispatcher.dispatch(manager, report, routing, now);
    const own = ownPriority(dto);
    if (own === report.priority) return toCreatedResponse(report, orders);
    // A repeat raise is the orders' business: the receipt shows what this report alone gives.
    const ownOrders: CreatedOrder[] = [];
    for (const order of orders) {
      const due = (clock: 'sign' | 'resolve') =>
        this.reporterPriority.due(clock, own, now, manager).then((d) => d.toISOString());
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
