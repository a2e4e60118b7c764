import { Injectable } from '@nestjs/common';
import {
  callerAcceptedSmsParams,
  callerClosedSmsParams,
  dutyEscalationSmsParams,
  dutyOrderSmsParams,
  normalizePhone,
  type ClockName,
  type EscalationStage,
  type Outcome,
  type Priority,
  type ReportReporter,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { Sealer } from '../crypto/sealer';
import { DivisionsService } from '../divisions/divisions.service';
import type { DispatchedOrder } from '../notifications/new-order-outbox';
import type { ReportEntity } from '../reports/report.entity';
import { ReportsRepository } from '../reports/reports.repository';
import type { UnitRecord } from '../units/unit';
import { UnitsRepository } from '../units/units.repository';
import { SmsRepository, type NewSms } from './sms.repository';

/** The order an escalation is about, as the sweep holds it. */
export interface EscalatedOrder {
  id: string;
  reportId: string;
  priority: Priority;
  divisionCode: string;
}

/**
 * Queues text messages in the transaction of what they announce, so a message exists if and
 * only if its dispatch, escalation or milestone does (never lost; the sender sends each once).
 * A caller's phone is sealed in the outbox like everywhere else personal details rest; a duty
 * phone is the unit's, read when the message is sent.
 *
 * - a P1 order reached a unit (intake, transfer, reassignment: OrderDispatcher) or was raised to
 *   P1 → the unit's duty phone (the law's "立即": a person, not only a badge in the app);
 * - the sweep escalated an order (督办 at 100 %, red list at 200 %) → the duty phones of the
 *   order's unit and of the units it was escalated to, once per report, stage and unit;
 * - a hotline report was accepted or closed → the caller, if they agreed.
 */
@Injectable()
export class SmsOutbox {
  constructor(
    private readonly messages: SmsRepository,
    private readonly units: UnitsRepository,
    private readonly reports: ReportsRepository,
    private readonly divisions: DivisionsService,
    private readonly sealer: Sealer,
  ) {}

  /**
   * A P1 order reached a unit (dispatch, transfer, reassignment) or an order of the unit was
   * raised to P1: one `duty_order` to the unit's duty phone, read when it is sent. Units without a
   * duty phone now get no row.
   */
  async dispatched(manager: EntityManager, orders: DispatchedOrder[], at: Date): Promise<void> {
    const urgent = orders.filter((o) => o.priority === 'P1' && o.unitId);
    if (urgent.length === 0) return;
    const units = await this.units.list(manager);
    const messages: NewSms[] = [];
    // A report's orders share its situations and township: read them once.
    const cases = new Map<string, ReturnType<SmsOutbox['caseOf']>>();
    for (const order of urgent) {
      const unit = units.find((u) => u.id === order.unitId);
      if (!unit?.dutyPhone) continue;
      if (!cases.has(order.reportId)) cases.set(order.reportId, this.caseOf(manager, order));
      const known = await cases.get(order.reportId);
      const facts = known && { priority: order.priority, ...known };
      if (!facts) continue;
      messages.push(
        this.dutyMessage(
          'duty_order',
          unit,
          order,
          dutyOrderSmsParams({ ...facts, signDueAt: order.signDueAt }),
          null,
        ),
      );
    }
    await this.messages.insertPending(manager, messages, at);
  }

  /**
   * One sweep escalated the order: one `duty_escalation` at the highest stage it reached in that
   * sweep (whichever clocks got there), to each recipient unit's duty phone once. A report's
   * stage is texted to a unit once, however many of its orders reach it (`dedupKey`): two overdue
   * orders of one report tell the coordinator one thing.
   */
  async escalated(
    manager: EntityManager,
    order: EscalatedOrder,
    escalation: { clock: ClockName; stage: EscalationStage },
    recipients: (UnitRecord | null | undefined)[],
    at: Date,
  ): Promise<void> {
    const phones = new Set<string>();
    const units = recipients.filter((unit): unit is UnitRecord => {
      if (!unit?.dutyPhone || phones.has(unit.dutyPhone)) return false;
      phones.add(unit.dutyPhone);
      return true;
    });
    if (units.length === 0) return;
    const facts = await this.facts(manager, order);
    if (!facts) return;
    const params = dutyEscalationSmsParams({ ...facts, ...escalation });
    await this.messages.insertPending(
      manager,
      units.map((unit) =>
        this.dutyMessage(
          'duty_escalation',
          unit,
          order,
          params,
          `escalation:${order.reportId}:${escalation.stage}:${unit.id}`,
        ),
      ),
      at,
    );
  }

  /** 受理: a lead order of a hotline report was signed. */
  async accepted(manager: EntityManager, reportId: string, at: Date): Promise<void> {
    const report = await this.reports.findById(manager, reportId);
    const phone = report && this.callerPhone(report);
    if (!report || !phone) return;
    await this.messages.insertPending(
      manager,
      [
        this.callerMessage(
          'caller_accepted',
          phone,
          report,
          callerAcceptedSmsParams(report.trackingCode),
        ),
      ],
      at,
    );
  }

  /**
   * 办结: every order of a hotline report was resolved; the lead's outcome label only. A 受理
   * still waiting is dropped: after the 办结 it would say the opposite.
   */
  async closed(
    manager: EntityManager,
    reportId: string,
    outcome: Outcome | null,
    at: Date,
  ): Promise<void> {
    await this.messages.supersede(manager, reportId, 'caller_accepted');
    const report = await this.reports.findById(manager, reportId);
    const phone = report && this.callerPhone(report);
    if (!report || !phone) return;
    const params = callerClosedSmsParams(report.trackingCode, outcome);
    await this.messages.insertPending(
      manager,
      [this.callerMessage('caller_closed', phone, report, params)],
      at,
    );
  }

  /** The caller's phone, only when they agreed; never for an anonymous report (it has none). */
  private callerPhone(report: ReportEntity): string | null {
    if (!report.reporterSmsConsent || !report.reporterSealed) return null;
    const { phone } = this.sealer.open<ReportReporter>(report.reporterSealed);
    return phone ? normalizePhone(phone) : null;
  }

  /** What a duty phone is told: how urgent, what kind of case, which township. */
  private async facts(manager: EntityManager, order: EscalatedOrder) {
    const known = await this.caseOf(manager, order);
    return known && { priority: order.priority, ...known };
  }

  /** The kind of case and its township, the same for every order of a report. */
  private async caseOf(manager: EntityManager, order: EscalatedOrder) {
    const report = await this.reports.findById(manager, order.reportId);
    if (!report) return null;
    const township = order.divisionCode.slice(0, 9);
    const places = await this.divisions.placeNames([township], manager);
    return { situations: report.situations, place: places.get(township) ?? '' };
  }

  private dutyMessage(
    kind: 'duty_order' | 'duty_escalation',
    unit: UnitRecord,
    order: EscalatedOrder,
    params: string[],
    dedupKey: string | null,
  ): NewSms {
    return {
      kind,
      phoneSealed: null,
      unitId: unit.id,
      reportId: order.reportId,
      orderId: order.id,
      params,
      dedupKey,
    };
  }

  private callerMessage(
    kind: 'caller_accepted' | 'caller_closed',
    phone: string,
    report: ReportEntity,
    params: string[],
  ): NewSms {
    return {
      kind,
      phoneSealed: this.sealer.seal(phone),
      unitId: null,
      reportId: report.id,
      orderId: null,
      params,
      dedupKey: null,
    };
  }
}
