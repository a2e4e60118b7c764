import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  DEPARTMENT_LABELS,
  MILESTONE_INBOX_KINDS,
  isSubscribeKind,
  leadOutcome,
  reachesReporter,
  reportInboxText,
  reportProgressPage,
  reporterOrders,
  resultLine,
  resultOf,
  type ReportStatus,
  type SubscribeKind,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { Inbox } from '../inbox/inbox';
import { NotificationOutbox } from '../notifications/notification-outbox';
import type { ReportEventKind } from '../reports/report-event.entity';
import { ReportsRepository } from '../reports/reports.repository';
import { SmsOutbox } from '../sms/sms-outbox';
import { FollowUpVisits } from './follow-up-visits';
import type { OrderEntity } from './order.entity';
import { OrdersRepository } from './orders.repository';

/**
 * The reporter's milestones follow the orders: accepted when a lead order is signed, in progress
 * with the first note meant for them, closed when every order is resolved. Each department's
 * result reaches the reporter's timeline when it is given, an assist's before the lead has signed
 * too; it changes no status (受理 is the lead's signing, 办结 every order resolved). Each milestone
 * (受理 / 进度 / 办结) reaches the inbox of the account that filed the report, and queues a WeChat
 * message if the reporter subscribed to it, in the same transaction; a hotline caller who agreed
 * gets an SMS at 受理 and 办结. The case closing puts a 案后回访 on the child's file
 * (`FollowUpVisits`).
 *
 * An order a handoff (转接) brought in moves nothing here (shared `reachesReporter`): the reporter
 * is never told of it, so what they see is the same with or without one. The report closes when
 * every order the reporter knows of is resolved; a handed-off order still open then keeps
 * running on its own clocks, and the child's file carries the case on (README, Handoffs).
 */
@Injectable()
export class ReportProgress {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly orders: OrdersRepository,
    private readonly outbox: NotificationOutbox,
    private readonly inbox: Inbox,
    private readonly sms: SmsOutbox,
    private readonly followUps: FollowUpVisits,
  ) {}

  async signed(manager: EntityManager, order: OrderEntity, at: Date): Promise<void> {
    if (order.role !== 'lead' || !reachesReporter(order)) return;
    const accepted = await this.move(
      manager,
      order.reportId,
      ['submitted'],
      'accepted',
      at,
      'accepted',
      `${DEPARTMENT_LABELS[order.department]}已受理`,
    );
    if (accepted) await this.sms.accepted(manager, order.reportId, at);
  }

  async noteForReporter(
    manager: EntityManager,
    order: OrderEntity,
    text: string,
    at: Date,
  ): Promise<void> {
    if (!reachesReporter(order)) return;
    // Before the lead signs, a note is shown but the report stays 已提交: 受理 is the lead's
    // signing, and it must not be skipped by a note that came first.
    await this.move(
      manager,
      order.reportId,
      ['accepted'],
      'in_progress',
      at,
      'progress',
      `${DEPARTMENT_LABELS[order.department]}：${text}`,
      true,
    );
  }

  async resolved(manager: EntityManager, order: OrderEntity, at: Date): Promise<void> {
    if (!reachesReporter(order)) return;
    const stored = await this.orders.ofReport(manager, order.reportId);
    const all = reporterOrders(stored.map((o) => (o.id === order.id ? order : o)));
    const closing = all.every((o) => o.status === 'resolved');
    const result = resultOf(order);
    if (result) {
      await this.append(manager, order.reportId, 'result', resultLine(result), at);
      if (!closing) {
        await this.announce(manager, order.reportId, 'progress', at);
      }
    }
    if (!closing) return;
    const outcome = leadOutcome(all);
    const summary = outcome ? `${outcome.label}。${outcome.summary}` : '';
    await this.reports.update(manager, order.reportId, { status: 'closed', closedAt: at });
    await this.append(manager, order.reportId, 'closed', `已办结：${summary}`, at);
    await this.sms.closed(manager, order.reportId, outcome?.code ?? null, at);
    await this.followUps.caseClosed(manager, order.reportId, at);
  }

  async reopened(manager: EntityManager, order: OrderEntity, at: Date): Promise<void> {
    if (!reachesReporter(order)) return;
    await this.reports.update(manager, order.reportId, { status: 'in_progress', closedAt: null });
    await this.append(
      manager,
      order.reportId,
      'reopened',
      `${DEPARTMENT_LABELS[order.department]}重新办理`,
      at,
    );
  }

  private async move(
    manager: EntityManager,
    reportId: string,
    from: ReportStatus[],
    to: ReportStatus,
    at: Date,
    kind: ReportEventKind,
    text: string,
    alwaysRecord = false,
  ): Promise<boolean> {
    const report = await this.reports.findById(manager, reportId);
    if (!report) return false;
    const moves = from.includes(report.status);
    if (moves) await this.reports.update(manager, reportId, { status: to });
    if (moves || alwaysRecord) await this.append(manager, reportId, kind, text, at);
    return moves;
  }

  private async append(
    manager: EntityManager,
    reportId: string,
    kind: ReportEventKind,
    text: string,
    at: Date,
  ): Promise<void> {
    await this.reports.appendEvent(manager, {
      id: randomUUID(),
      reportId,
      kind,
      text,
      reporterVisible: true,
      at,
    });
    if (isSubscribeKind(kind)) await this.announce(manager, reportId, kind, at);
  }

  /**
   * A milestone to the reporter: their inbox, always, in words that name neither the handler's
   * note nor the child (the progress page it opens shows the note); and WeChat, if subscribed.
   */
  private async announce(
    manager: EntityManager,
    reportId: string,
    kind: SubscribeKind,
    at: Date,
  ): Promise<void> {
    const report = await this.reports.findById(manager, reportId);
    if (report) {
      const inboxKind = MILESTONE_INBOX_KINDS[kind];
      await this.inbox.toUsers(
        manager,
        [report.reporterUserId],
        {
          kind: inboxKind,
          text: reportInboxText(inboxKind, report.createdAt),
          page: reportProgressPage(reportId),
        },
        at,
      );
    }
    await this.outbox.enqueue(manager, reportId, kind, at);
  }
}
