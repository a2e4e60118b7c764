import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  callbackErrors,
  callbackRefusal,
  callbackRefusalMessage,
  departmentResults,
  reporterOrders,
  type HotlineCallback,
  type ReportReporter,
} from '@shouhu/shared';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { Sealer } from '../crypto/sealer';
import { TransactionRunner } from '../database/transaction-runner';
import { OrdersRepository } from '../orders/orders.repository';
import { ReportsRepository } from '../reports/reports.repository';
import { CallbacksRepository } from './callbacks.repository';
import type { CallbackDto } from './dto/callback.dto';

/**
 * The hotline desk's 回访 (12345 practice): closed hotline reports whose caller is to be called
 * back, and the record of each call, kept like a rating. Only the operator who registered a
 * call sees its caller again (domain.md, Privacy: nobody else learns who phoned in).
 */
@Injectable()
export class CallbacksService {
  constructor(
    private readonly callbacks: CallbacksRepository,
    private readonly reports: ReportsRepository,
    private readonly orders: OrdersRepository,
    private readonly audit: AuditService,
    private readonly sealer: Sealer,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Oldest closing first; each caller's details read is audited, as every read of them is. */
  async due(actor: Actor): Promise<HotlineCallback[]> {
    const reports = await this.callbacks.due(actor.user.id);
    const calls = await this.callbacks.unreachedCalls(reports.map((r) => r.id));
    const list: HotlineCallback[] = [];
    for (const report of reports) {
      const caller: Partial<ReportReporter> = report.reporterSealed
        ? this.sealer.open<ReportReporter>(report.reporterSealed)
        : {};
      const orders = reporterOrders(await this.orders.ofReport(null, report.id));
      list.push({
        reportId: report.id,
        trackingCode: report.trackingCode,
        closedAt: (report.closedAt ?? report.createdAt).toISOString(),
        callerName: caller.name ?? null,
        callerPhone: caller.phone ?? null,
        outcomes: departmentResults(orders).map((r) => r.label),
        unreachedCalls: calls.get(report.id) ?? 0,
      });
    }
    if (reports.length > 0) {
      await this.transactions.run(async (manager) => {
        for (const report of reports) {
          await this.audit.record(manager, actor, {
            action: 'report.read_caller',
            targetType: 'report',
            targetId: report.id,
            divisionCode: report.divisionCode,
          });
        }
      });
    }
    return list;
  }

  /**
   * One call: reached with a score 1–5 (1–2 puts the report on the coordinator's low-rating
   * review list), or not reached (the report stays on the list). 404 unless the caller
   * registered the report; 409 `CALLBACK_REFUSALS` when it is not closed or already called back;
   * 400 when a score comes without a reached caller or the reverse.
   */
  async record(actor: Actor, reportId: string, dto: CallbackDto): Promise<HotlineCallback[]> {
    const errors = callbackErrors(dto);
    if (Object.keys(errors).length > 0) throw ApiException.validation(errors);
    const now = this.clock.now();
    const comment = dto.comment?.trim() || null;
    await this.transactions.run(async (manager) => {
      const report = await this.reports.lock(manager, reportId);
      // An anonymous caller left no number: there is nobody to call back.
      if (
        !report ||
        report.channel !== 'hotline' ||
        report.reporterAnonymous ||
        report.reporterUserId !== actor.user.id
      ) {
        throw ApiException.notFound('没有找到这份热线报告');
      }
      const refusal = callbackRefusal({
        closed: report.status === 'closed',
        calledBack: report.calledBackAt !== null,
      });
      if (refusal) {
        throw new ApiException(HttpStatus.CONFLICT, refusal, callbackRefusalMessage(refusal));
      }
      if (dto.reached) {
        await this.reports.update(manager, report.id, {
          callbackScore: dto.score ?? null,
          callbackComment: comment,
          calledBackAt: now,
        });
      }
      await this.reports.appendEvent(manager, {
        id: randomUUID(),
        reportId: report.id,
        kind: 'callback',
        text: dto.reached
          ? `热线回访：来电人满意度 ${dto.score} 分${comment ? `：${comment}` : ''}`
          : `热线回访：未接通${comment ? `：${comment}` : ''}`,
        reporterVisible: false,
        at: now,
      });
      await this.audit.record(manager, actor, {
        action: 'report.callback',
        targetType: 'report',
        targetId: report.id,
        divisionCode: report.divisionCode,
        detail: { reached: dto.reached, score: dto.score ?? null },
      });
    });
    return this.due(actor);
  }
}
