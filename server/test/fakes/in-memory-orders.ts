import type { EntityManager } from 'typeorm';
import type {
  OrderClockEntity,
  OrderEntity,
  OrderEventEntity,
} from '../../src/orders/order.entity';
import type { OrdersRepository } from '../../src/orders/orders.repository';

type Used =
  | 'insert'
  | 'findById'
  | 'lock'
  | 'clocks'
  | 'clocksOf'
  | 'save'
  | 'appendEvents'
  | 'events'
  | 'ofReport';

/**
 * The orders, their clocks and timelines in memory, for unit specs of the services above the
 * repository. Rows are copied in and out, as a database would, so a service that changes an
 * order in hand changes nothing stored until it saves.
 */
export class InMemoryOrders implements Pick<OrdersRepository, Used> {
  readonly orders = new Map<string, OrderEntity>();
  clockRows: OrderClockEntity[] = [];
  readonly eventRows: OrderEventEntity[] = [];

  constructor(orders: OrderEntity[] = [], clocks: OrderClockEntity[] = []) {
    for (const order of orders) this.orders.set(order.id, { ...order });
    this.clockRows = clocks.map((c) => ({ ...c }));
  }

  /** Stands in for a transaction's manager; the fake ignores it. */
  static readonly manager = {} as EntityManager;

  async insert(
    _: EntityManager,
    orders: readonly OrderEntity[],
    clocks: readonly OrderClockEntity[],
  ): Promise<void> {
    for (const order of orders) this.orders.set(order.id, { ...order });
    this.clockRows.push(...clocks.map((c) => ({ ...c })));
  }

  async findById(id: string): Promise<OrderEntity | null> {
    const order = this.orders.get(id);
    return order ? { ...order } : null;
  }

  lock(_: EntityManager, id: string): Promise<OrderEntity | null> {
    return this.findById(id);
  }

  async clocks(_: EntityManager, orderId: string): Promise<OrderClockEntity[]> {
    return this.clockRows.filter((c) => c.orderId === orderId).map((c) => ({ ...c }));
  }

  async clocksOf(orderIds: string[]): Promise<OrderClockEntity[]> {
    return this.clockRows.filter((c) => orderIds.includes(c.orderId)).map((c) => ({ ...c }));
  }

  async save(
    _: EntityManager,
    order: OrderEntity,
    clocks: OrderClockEntity[],
    replacedClocks: OrderClockEntity[] = [],
  ): Promise<void> {
    this.orders.set(order.id, { ...order });
    const saved = (c: OrderClockEntity) =>
      clocks.some((s) => s.orderId === c.orderId && s.clock === c.clock);
    this.clockRows = [
      ...this.clockRows.filter(
        (c) =>
          !(c.orderId === order.id && replacedClocks.some((r) => r.clock === c.clock)) && !saved(c),
      ),
      ...clocks.map((c) => ({ ...c })),
    ];
  }

  async appendEvents(_: EntityManager, events: OrderEventEntity[]): Promise<void> {
    this.eventRows.push(...events);
  }

  async events(orderId: string): Promise<OrderEventEntity[]> {
    return this.eventRows.filter((e) => e.orderId === orderId);
  }

  async ofReport(_: EntityManager | null, reportId: string): Promise<OrderEntity[]> {
    return [...this.orders.values()].filter((o) => o.reportId === reportId).map((o) => ({ ...o }));
  }
}
