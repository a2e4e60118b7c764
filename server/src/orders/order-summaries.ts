import { Injectable } from '@nestjs/common';
import type { OrderSummary } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { DivisionsService } from '../divisions/divisions.service';
import { ReportsRepository } from '../reports/reports.repository';
import { UnitsRepository } from '../units/units.repository';
import type { OrderEntity } from './order.entity';
import { toOrderSummary } from './order-views';
import { OrdersRepository } from './orders.repository';

/**
 * Orders as staff lists show them (`OrderSummary`): each with its clocks, its unit's name, the
 * report's situations and the place in words, loaded in one query of each for the whole list.
 */
@Injectable()
export class OrderSummaries {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly reports: ReportsRepository,
    private readonly units: UnitsRepository,
    private readonly divisions: DivisionsService,
  ) {}

  /** Unit id → name, for a caller that also names units beside the summaries. */
  async unitNames(manager?: EntityManager): Promise<Map<string, string>> {
    return new Map((await this.units.list(manager)).map((u) => [u.id, u.name]));
  }

  /**
   * In the order given; `unitNames` when the caller already has them. With `manager`, read in the
   * caller's transaction: an answer stored with an Idempotency-Key is the order as the action
   * left it, before it commits.
   */
  async of(
    orders: OrderEntity[],
    now: Date,
    { unitNames, manager }: { unitNames?: Map<string, string>; manager?: EntityManager } = {},
  ): Promise<OrderSummary[]> {
    const units = unitNames ?? (await this.unitNames(manager));
    const [clocks, reports, places] = await Promise.all([
      this.orders.clocksOf(
        orders.map((o) => o.id),
        manager,
      ),
      this.reports.findByIds([...new Set(orders.map((o) => o.reportId))], manager),
      this.divisions.placeNames([...new Set(orders.map((o) => o.divisionCode))], manager),
    ]);
    const situations = new Map(reports.map((r) => [r.id, r.situations]));
    return orders.map((order) =>
      toOrderSummary(order, {
        unitName: order.unitId ? (units.get(order.unitId) ?? null) : null,
        situations: situations.get(order.reportId) ?? [],
        placeName: places.get(order.divisionCode) ?? '',
        clocks: clocks.filter((c) => c.orderId === order.id),
        now,
      }),
    );
  }
}
