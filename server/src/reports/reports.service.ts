import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  reportPriority,
  type ReportCreatedResponse,
  type ReporterReportView,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { UserEntity } from '../auth/user.entity';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { Sealer } from '../crypto/sealer';
import { IdempotencyService, type StoredResponse } from '../idempotency/idempotency.service';
import type { CreateReportDto } from './dto/create-report.dto';
import { reportConsistencyErrors } from './report-consistency';
import { ReportEntity } from './report.entity';
import { toCreatedResponse, toReporterView } from './report-views';
import { ReportsRepository } from './reports.repository';
import { generateTrackingCode } from './tracking-code.generator';

@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly idempotency: IdempotencyService,
    private readonly sealer: Sealer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async submit(
    user: UserEntity,
    idempotencyKey: string | undefined,
    dto: CreateReportDto,
  ): Promise<StoredResponse<ReportCreatedResponse>> {
    const key = IdempotencyService.assertKey(idempotencyKey);
    const errors = reportConsistencyErrors(dto, this.clock.now());
    if (Object.keys(errors).length > 0) throw ApiException.validation(errors);
    return this.idempotency.once(key, user.id, dto, HttpStatus.CREATED, (manager) =>
      this.store(manager, user, dto),
    );
  }

  async reporterView(user: UserEntity, id: string): Promise<ReporterReportView> {
    const report = await this.reports.findOwnedBy(id, user.id);
    if (!report) throw ApiException.notFound('没有找到这份报告');
    return toReporterView(report, await this.reports.reporterTimeline(report.id));
  }

  private async store(
    manager: EntityManager,
    user: UserEntity,
    dto: CreateReportDto,
  ): Promise<ReportCreatedResponse> {
    const now = this.clock.now();
    const { divisionCode, address, latitude, longitude } = dto.location;
    const { anonymous, confidential, name, phone, relation } = dto.reporter;
    const report: ReportEntity = {
      id: randomUUID(),
      trackingCode: generateTrackingCode(),
      reporterUserId: user.id,
      channel: dto.channel,
      status: 'submitted',
      priority: reportPriority(dto.situations, dto.immediateDanger),
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
    return toCreatedResponse(report);
  }
}
