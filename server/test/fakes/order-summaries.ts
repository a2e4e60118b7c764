import type { DivisionsService } from '../../src/divisions/divisions.service';
import { OrderSummaries } from '../../src/orders/order-summaries';
import type { OrdersRepository } from '../../src/orders/orders.repository';
import type { ReportEntity } from '../../src/reports/report.entity';
import type { ReportsRepository } from '../../src/reports/reports.repository';
import type { UnitRecord } from '../../src/units/unit';
import type { UnitsRepository } from '../../src/units/units.repository';
import type { InMemoryOrders } from './in-memory-orders';

/** Every place is named 泗城镇 here. */
export const PLACE_NAME = '泗城镇';

/** The real summaries over in-memory orders, these reports and these units. */
export function orderSummariesOver(
  orders: InMemoryOrders,
  reports: ReportEntity[],
  units: UnitRecord[],
): OrderSummaries {
  return new OrderSummaries(
    orders as unknown as OrdersRepository,
    {
      findByIds: async (ids: string[]) => reports.filter((r) => ids.includes(r.id)),
    } as unknown as ReportsRepository,
    { list: async () => units } as unknown as UnitsRepository,
    {
      placeNames: async (codes: string[]) => new Map(codes.map((code) => [code, PLACE_NAME])),
    } as unknown as DivisionsService,
  );
}
