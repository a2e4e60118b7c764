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
  type SituationCode,
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

/** What a duty text says of an order's report. */
type KnownReport = Pick<ReportEntity, 'id' | 'situations'>;

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
   * duty phone now get no row. `report`: the orders' report when the caller holds it (intake, a
   * handoff), so it is not read again.
   */
  async dispatched(
    manager: EntityManager,
    orders: DispatchedOrder[],
    at: Date,
    report?: KnownReport,
  ): Promise<void> {
    const urgent = orders.filter((o) => o.priority === 'P1' && o.unitId);
    if (urgent.length === 0) return;
    const units = await this.units.list(manager);
    const messages: NewSms[] = [];
    const texted = urgent.filter((order) => units.find((u) => u.id === order.unitId)?.dutyPhone);
    // A report's orders share its situations and township: read them once for all.
    const factsByOrder = await this.factsOf(manager, texted, report ? [report] : []);
    for (const order of texted) {
      const unit = units.find((u) => u.id === order.unitId)!;
      const facts = factsByOrder.get(order.id);
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
   * Orders one sweep batch escalated: for each, one `duty_escalation` at the highest stage it
   * reached in that sweep (whichever clocks got there), to each recipient unit's duty phone once.
   * A report's stage is texted to a unit once, however many of its orders reach it (`dedupKey`):
   * two overdue orders of one report tell the coordinator one thing. Three statements for the
   * batch: the reports, the townships' names, the texts.
   */
  async escalated(
    manager: EntityManager,
    escalations: readonly {
      order: EscalatedOrder;
      escalation: { clock: ClockName; stage: EscalationStage };
      recipients: (UnitRecord | null | undefined)[];
    }[],
    at: Date,
  ): Promise<void> {
    const texted = escalations
      .map((e) => ({ ...e, units: this.dutyPhoneUnits(e.recipients) }))
      .filter((e) => e.units.length > 0);
    if (texted.length === 0) return;
    const facts = await this.factsOf(
      manager,
      texted.map((e) => e.order),
    );
    const messages = texted.flatMap(({ order, escalation, units }) => {
      const known = facts.get(order.id);
      if (!known) return [];
      const params = dutyEscalationSmsParams({ ...known, ...escalation });
      return units.map((unit) =>
        this.dutyMessage(
          'duty_escalation',
          unit,
          order,
          params,
          `escalation:${order.reportId}:${escalation.stage}:${unit.id}`,
        ),
      );
    });
    await this.messages.insertPending(manager, messages, at);
  }

  /** The recipients with a duty phone, each phone once. */
  private dutyPhoneUnits(recipients: (UnitRecord | null | undefined)[]): UnitRecord[] {
    const phones = new Set<string>();
    return recipients.filter((unit): unit is UnitRecord => {
      if (!unit?.dutyPhone || phones.has(unit.dutyPhone)) return false;
      phones.add(unit.dutyPhone);
      return true;
    });
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

  /**
   * What a duty phone is told of each order (how urgent, what kind of case, which township), by
   * order id, in at most two statements (the reports not in `known`, the townships' names); an
   * order without its report has none.
   */
  private async factsOf(
    manager: EntityManager,
    orders: readonly EscalatedOrder[],
    known: readonly KnownReport[] = [],
  ) {
    const reports = new Map<string, KnownReport>(known.map((report) => [report.id, report]));
    const missing = [...new Set(orders.map((o) => o.reportId))].filter((id) => !reports.has(id));
    for (const report of await this.reports.findByIds(missing, manager)) {
      reports.set(report.id, report);
    }
    const township = (order: EscalatedOrder) => order.divisionCode.slice(0, 9);
    const places = await this.divisions.placeNames([...new Set(orders.map(township))], manager);
    const facts = new Map<
      string,
      { priority: Priority; situations: SituationCode[]; place: string }
    >();
    for (const order of orders) {
      const report = reports.get(order.reportId);
      if (!report) continue;
      facts.set(order.id, {
        priority: order.priority,
        situations: report.situations,
        place: places.get(township(order)) ?? '',
      });
    }
    return facts;
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
