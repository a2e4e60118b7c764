import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  route,
  type Channel,
  type ReportCreatedResponse,
  type ReporterReportView,
  type Role,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { hasRole, type Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { Sealer } from '../crypto/sealer';
import { RepeatDetector } from '../children/repeat-detector';
import { DivisionsService } from '../divisions/divisions.service';
import { IdempotencyService, type StoredResponse } from '../idempotency/idempotency.service';
import { OrderDispatcher } from '../orders/order-dispatcher';
import type { CreateReportDto } from './dto/create-report.dto';
import { reportConsistencyErrors } from './report-consistency';
import { ReportEntity } from './report.entity';
import { toCreatedResponse, toReporterView } from './report-views';
import { ReportsRepository } from './reports.repository';
import { generateTrackingCode } from './tracking-code.generator';

/** Filing for an institution or for the hotline needs the matching role. */
const CHANNEL_ROLES: Partial<Record<Channel, { role: Role; refusal: string }>> = {
  mandatory: {
    role: 'mandated_reporter',
    refusal: '强制报告需要先绑定所在单位（我的 → 绑定单位）；也可以选择“我要举报/求助”提交',
  },
  hotline: { role: 'hotline_operator', refusal: '只有热线接线员可以登记热线来电' },
};

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
    const channelRole = CHANNEL_ROLES[dto.channel];
    if (channelRole && !hasRole(actor, channelRole.role)) {
      throw ApiException.forbidden(channelRole.refusal);
    }
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
    return toReporterView(report, await this.reports.reporterTimeline(report.id));
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
      immediateDanger: dto.immediateDanger,
      situations: dto.situations,
      description: dto.description,
      discoveredAt: new Date(dto.discoveredAt),
      divisionCode,
      locationSealed: this.sealer.seal({ address, latitude, longitude }),
      childSealed: this.sealer.seal({ ...dto.child }),
      childGender: dto.child.gender ?? null,
      childAgeYears: dto.child.ageYears ?? null,
      reporterAnonymous: anonymous,
      reporterConfidential: !anonymous && confidential === true,
      reporterSealed: anonymous ? null : this.sealer.seal({ name, phone, relation }),
      reporterOrgName: mandated ? user.orgName : null,
      reporterOrgType: mandated ? user.orgType : null,
      createdAt: now,
    };
    await this.reports.insert(manager, report);
    await this.reports.appendEvent(manager, {
      id: randomUUID(),
      reportId: report.id,
      kind: 'submitted',
      text: `报告已提交，查询码 ${report.trackingCode}`,
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
    const orders = await this.dispatcher.dispatch(manager, report, routing, now);
    return toCreatedResponse(report, orders);
  }
}
