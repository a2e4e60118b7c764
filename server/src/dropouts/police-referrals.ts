import { Injectable } from '@nestjs/common';
import { HANDOFF_REASONS, handoffRefusal, type DropoutPoliceReferral } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import type { ChildFileEntity } from '../children/child-file.entity';
import { IntakeService } from '../intake/intake.service';
import { HandoffsService } from '../orders/handoffs.service';
import { orderEvent } from '../orders/order-events';
import type { OrderEntity } from '../orders/order.entity';
import { OrdersRepository } from '../orders/orders.repository';
import { ReportsRepository } from '../reports/reports.repository';
import { UnitsRepository } from '../units/units.repository';

/** The notices' one-tap reason for bringing in the police (shared `HANDOFF_REASONS`). */
const WHEREABOUTS_REASON = HANDOFF_REASONS.find((r) => r.code === 'whereabouts_unknown')!.reason;

/** Who asked, as the orders' timelines name them: the keeper or the coordinator. */
export interface Referrer {
  actor: Actor;
  capacity: string;
}

/**
 * 去向不明 hands the case to the police (domain.md, "控辍保学"; 萧县 教体基〔2020〕9号: "向乡（镇）
 * 人民政府和当地派出所报告查找下落"), in the transaction of the change, one way of three:
 * - an unresolved order of another department about the child (the latest dispatched) hands off to
 *   the police through the ordinary handoff (转接), with the notices' reason and the note;
 * - unless the police already hold an unresolved order about the child (of that report, or else of
 *   any), which is told instead, on its timeline;
 * - with no order open, a police report is filed from the file (`missing_trafficked`, the note as
 *   its description), routed like any report.
 */
@Injectable()
export class PoliceReferrals {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly reports: ReportsRepository,
    private readonly units: UnitsRepository,
    private readonly handoffs: HandoffsService,
    private readonly intake: IntakeService,
  ) {}

  async bringIn(
    manager: EntityManager,
    who: Referrer,
    file: ChildFileEntity,
    note: string,
    now: Date,
  ): Promise<DropoutPoliceReferral> {
    const open = await this.orders.openOfChildFile(manager, file.id);
    const source = open.find((o) => o.department !== 'police' && o.status !== 'returned');
    if (source) {
      const ofReport = await this.orders.ofReport(manager, source.reportId);
      const police = ofReport.find((o) => o.department === 'police' && o.status !== 'resolved');
      if (police) return this.tell(manager, who, police, note, now);
      const report = await this.reports.lock(manager, source.reportId);
      if (report && handoffRefusal(source, 'police', ofReport) === null) {
        const added = await this.handoffs.bringIn(
          manager,
          { order: source, report },
          'police',
          `${WHEREABOUTS_REASON}说明：${note}`,
          who,
          now,
        );
        return {
          via: 'handoff',
          reportId: report.id,
          orderId: added.order.id,
          unitName: added.unitName,
        };
      }
    }
    const police = open.find((o) => o.department === 'police');
    if (police) return this.tell(manager, who, police, note, now);
    return this.report(manager, who, file, note, now);
  }

  /** The police's own open order about the child learns of it on its timeline. */
  private async tell(
    manager: EntityManager,
    who: Referrer,
    order: OrderEntity,
    note: string,
    now: Date,
  ): Promise<DropoutPoliceReferral> {
    await this.orders.appendEvents(manager, [
      orderEvent(order.id, 'whereabouts_unknown', `${WHEREABOUTS_REASON}说明：${note}`, now, who),
    ]);
    return {
      via: 'open_order',
      reportId: order.reportId,
      orderId: order.id,
      unitName: await this.unitName(manager, order.unitId),
    };
  }

  /** No order open: a police report from the file, the worker its named reporter. */
  private async report(
    manager: EntityManager,
    who: Referrer,
    file: ChildFileEntity,
    note: string,
    now: Date,
  ): Promise<DropoutPoliceReferral> {
    const filed = await this.intake.fileFromChildFile(
      manager,
      who.actor,
      file,
      { situations: ['missing_trafficked'], immediateDanger: false, description: note },
      now,
    );
    const police = (await this.orders.ofReport(manager, filed.id)).find(
      (o) => o.department === 'police',
    )!;
    return {
      via: 'report',
      reportId: filed.id,
      orderId: police.id,
      unitName: await this.unitName(manager, police.unitId),
    };
  }

  private async unitName(manager: EntityManager, unitId: string | null): Promise<string | null> {
    return unitId ? ((await this.units.findById(unitId, manager))?.name ?? null) : null;
  }
}
