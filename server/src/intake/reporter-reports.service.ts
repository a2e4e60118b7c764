import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  isTrackingCode,
  normalizeTrackingCode,
  RATING_WINDOW_DAYS,
  ratingRefusalMessage,
  type RatingRefusalCode,
  type ReporterReportView,
} from '@shouhu/shared';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { ReportsRepository } from '../reports/reports.repository';
import type { RatingDto } from './dto/rating.dto';
import { ReporterViews } from './reporter-views';

const MY_REPORTS_LIMIT = 100;
const RATING_WINDOW_MS = RATING_WINDOW_DAYS * 24 * 3600_000;

/**
 * The reporter's side after submitting: their own reports, the progress anyone with the tracking
 * code may see, and their rating. Every view is built by `ReporterViews`.
 */
@Injectable()
export class ReporterReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly views: ReporterViews,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async view(actor: Actor, id: string): Promise<ReporterReportView> {
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
    // One report at a time: a view takes several queries, and all of a busy reporter's at once
    // overflowed the database pool's queue (503 at about 40 reports on MariaDB).
    const views: ReporterReportView[] = [];
    for (const report of reports) views.push(await this.views.of(report, 'owner'));
    return views;
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
}
