import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { OrderStatus } from '@shouhu/shared';
import { updateEach } from '../database/update-each';
import {
  OrderClockEntity,
  OrderEntity,
  OrderEventEntity,
  RetiredClockEntity,
} from './order.entity';
import { insertRowsLater } from '../database/insert-rows';
import {
  ClockCountsRepository,
  clockCountKey,
  type ClockCountKey,
} from './clock-counts.repository';
import { OrderCountsRepository, type OrderPlace } from './order-counts.repository';

export interface OrderScope {
  /** Orders of these units. */
  unitIds?: string[];
  /** Orders whose report lies under one of these division prefixes. */
  divisionPrefixes?: string[];
  /** Orders in no unit (the admin queue). */
  unassigned?: boolean;
}

export interface OrderFilter {
  status?: OrderStatus;
  overdueBefore?: Date;
  unrouted?: boolean;
  escalated?: boolean;
  extensionPending?: boolean;
  /**
   * Lead orders of closed reports their reporter (or hotline caller) rated 1–2: the coordinator
   * reviews them. Read from the orders' own flag (`reports/low-rating`).
   */
  lowRating?: boolean;
  /** Narrows the caller's scope to one unit; never widens it. */
  unitId?: string;
}

/** Whether `filter` narrows the list beyond a unit: then the kept counts cannot answer its total. */
function narrowed(filter: OrderFilter): boolean {
  return (
    filter.status !== undefined ||
    filter.overdueBefore !== undefined ||
    filter.unrouted !== undefined ||
    Boolean(filter.escalated) ||
    Boolean(filter.extensionPending) ||
    Boolean(filter.lowRating)
  );
}

function placeOf(order: OrderEntity): OrderPlace {
  return { unitId: order.unitId, divisionCode: order.divisionCode };
}

/** The ids of `query`'s rows `offset`–`offset + limit`, in its order and then by id. */
async function idsOf(
  query: SelectQueryBuilder<OrderEntity>,
  offset: number,
  limit: number,
): Promise<string[]> {
  const rows = await query
    .select('o.id', 'id')
    .addOrderBy('o.id', 'ASC')
    .offset(offset)
    .limit(limit)
    .getRawMany<{ id: string }>();
  return rows.map((row) => row.id);
}

/** How many rows `query` matches: COUNT(*), which an index answers (TypeORM counts DISTINCT ids). */
async function countOf(query: SelectQueryBuilder<OrderEntity>): Promise<number> {
  const row = await query.select('COUNT(*)', 'n').getRawOne<{ n: string | number }>();
  return Number(row?.n ?? 0);
}

/**
 * Every write of an order and of its clocks goes through here, which keeps the order counts by
 * place (`OrderCountsRepository`) and the clock counts by month (`ClockCountsRepository`) in the
 * same transaction: `insert` adds the new orders and clocks, `save` moves an order from the place
 * `lock` read it at to its place now, and `save` and `saveSwept` move each clock from the row it
 * was counted in when `clocks` or `clocksOf` read it. Nothing deletes an order.
 */
@Injectable()
export class OrdersRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly counts: OrderCountsRepository,
    private readonly clockCounts: ClockCountsRepository,
  ) {}

  /** Each order `lock` answered, with its place as last stored: what `save` moves it from. */
  private readonly storedPlaces = new WeakMap<OrderEntity, OrderPlace>();

  /** Each clock read here, with its kept count's key as last stored: what a save moves it from. */
  private readonly storedClocks = new WeakMap<OrderClockEntity, ClockCountKey>();

  private remember(clocks: OrderClockEntity[]): OrderClockEntity[] {
    for (const clock of clocks) this.storedClocks.set(clock, clockCountKey(clock));
    return clocks;
  }

  /**
   * The stored key of a clock read here, else `Error` (a caller's mistake: a clock not read
   * through `clocks` or `clocksOf` could be counted twice).
   */
  private storedKey(clock: OrderClockEntity): ClockCountKey {
    const key = this.storedClocks.get(clock);
    if (!key) throw new Error('OrdersRepository: a changed clock was not read through it');
    return key;
  }

  /** New orders in one statement and all their clocks in another; the counts move at commit. */
  async insert(
    manager: EntityManager,
    orders: readonly OrderEntity[],
    clocks: readonly OrderClockEntity[],
  ): Promise<void> {
    if (orders.length === 0) return;
    await insertRowsLater(manager, OrderEntity, orders);
    await this.counts.move(
      manager,
      orders.map((order) => ({ to: placeOf(order) })),
    );
    if (clocks.length > 0) {
      await insertRowsLater(manager, OrderClockEntity, clocks);
      await this.clockCounts.move(
        manager,
        clocks.map((clock) => ({ to: clockCountKey(clock) })),
      );
    }
  }

  findById(id: string): Promise<OrderEntity | null> {
    return this.dataSource.getRepository(OrderEntity).findOneBy({ id });
  }

  /** Reads an order to change it; on MariaDB the row stays locked until the transaction ends. */
  async lock(manager: EntityManager, id: string): Promise<OrderEntity | null> {
    const query = manager
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .where('o.id = :id', { id });
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    const order = await query.getOne();
    if (order) this.storedPlaces.set(order, placeOf(order));
    return order;
  }

  async clocks(manager: EntityManager, orderId: string): Promise<OrderClockEntity[]> {
    return this.remember(await manager.getRepository(OrderClockEntity).findBy({ orderId }));
  }

  /** `manager`: read inside a transaction, which sees its own uncommitted changes. */
  async clocksOf(orderIds: string[], manager?: EntityManager): Promise<OrderClockEntity[]> {
    if (orderIds.length === 0) return [];
    return this.remember(
      await (manager ?? this.dataSource.manager)
        .getRepository(OrderClockEntity)
        .createQueryBuilder('c')
        .where('c.order_id IN (:...orderIds)', { orderIds })
        .getMany(),
    );
  }

  /**
   * Stores a changed order (read with `lock` in this transaction, else it throws `Error`: a
   * caller's mistake) with its clocks, and moves the counts if its unit changed (改派, 转办).
   * `clocks`: the order's clocks now, those read through `clocks`/`clocksOf` and new ones;
   * `replacedClocks`: clocks read here that the order no longer has (deleted), `retiredClocks`
   * the copies kept of them for the figures.
   */
  async save(
    manager: EntityManager,
    order: OrderEntity,
    clocks: OrderClockEntity[],
    replacedClocks: OrderClockEntity[] = [],
    retiredClocks: RetiredClockEntity[] = [],
  ): Promise<void> {
    const stored = this.storedPlaces.get(order);
    if (!stored) throw new Error('OrdersRepository.save: the order was not read with lock');
    await manager.getRepository(OrderEntity).save(order);
    const now = placeOf(order);
    if (now.unitId !== stored.unitId || now.divisionCode !== stored.divisionCode) {
      await this.counts.move(manager, [{ from: stored, to: now }]);
      this.storedPlaces.set(order, now);
    }
    if (retiredClocks.length > 0) {
      await insertRowsLater(manager, RetiredClockEntity, retiredClocks);
    }
    if (replacedClocks.length > 0) {
      await manager
        .getRepository(OrderClockEntity)
        .createQueryBuilder()
        .delete()
        .where('order_id = :orderId AND clock IN (:...replacedClocks)', {
          orderId: order.id,
          replacedClocks: replacedClocks.map((clock) => clock.clock),
        })
        .execute();
    }
    if (clocks.length > 0) await manager.getRepository(OrderClockEntity).save(clocks);
    await this.clockCounts.move(manager, [
      ...replacedClocks.map((clock) => ({ from: this.storedKey(clock) })),
      ...retiredClocks.map((clock) => ({ to: clockCountKey(clock) })),
      ...clocks.map((clock) => ({ from: this.storedClocks.get(clock), to: clockCountKey(clock) })),
    ]);
    for (const clock of replacedClocks) this.storedClocks.delete(clock);
    this.remember(clocks);
  }

  /**
   * Stores what a sweep batch changed: the orders' escalation levels and deadlines (one statement)
   * and the stages their clocks reached (a statement per clock and stage).
   * `clocks` are only those whose stage changed.
   */
  async saveSwept(
    manager: EntityManager,
    orders: readonly OrderEntity[],
    clocks: readonly OrderClockEntity[],
  ): Promise<void> {
    await updateEach(
      manager,
      OrderEntity,
      { escalationLevel: 'escalation_level', dueAt: 'due_at', nextDueAt: 'next_due_at' },
      orders,
    );
    const byStage = new Map<string, OrderClockEntity[]>();
    for (const clock of clocks) {
      const key = `${clock.clock} ${clock.stage}`;
      byStage.set(key, [...(byStage.get(key) ?? []), clock]);
    }
    await this.clockCounts.move(
      manager,
      clocks.map((clock) => ({ from: this.storedKey(clock), to: clockCountKey(clock) })),
    );
    this.remember([...clocks]);
    for (const group of byStage.values()) {
      const { clock, stage } = group[0];
      await manager
        .createQueryBuilder()
        .update(OrderClockEntity)
        .set({ stage })
        .where('clock = :clock AND order_id IN (:...orderIds)', {
          clock,
          orderIds: group.map((c) => c.orderId),
        })
        .execute();
    }
  }

  async appendEvents(manager: EntityManager, events: OrderEventEntity[]): Promise<void> {
    if (events.length === 0) return;
    await insertRowsLater(manager, OrderEventEntity, events);
  }

  events(orderId: string): Promise<OrderEventEntity[]> {
    return this.dataSource
      .getRepository(OrderEventEntity)
      .find({ where: { orderId }, order: { at: 'ASC' } });
  }

  ofReport(manager: EntityManager | null, reportId: string): Promise<OrderEntity[]> {
    return (manager ?? this.dataSource.manager)
      .getRepository(OrderEntity)
      .find({ where: { reportId }, order: { createdAt: 'ASC' } });
  }

  /** The orders of these reports, oldest first. */
  ofReports(reportIds: string[]): Promise<OrderEntity[]> {
    if (reportIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .where('o.report_id IN (:...reportIds)', { reportIds })
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getMany();
  }

  /** The timelines of these orders together, oldest first. */
  eventsOf(orderIds: string[]): Promise<OrderEventEntity[]> {
    if (orderIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(OrderEventEntity)
      .createQueryBuilder('e')
      .where('e.order_id IN (:...orderIds)', { orderIds })
      .orderBy('e.at', 'ASC')
      .getMany();
  }

  /**
   * The child files about which the unit holds an unresolved order (domain.md: other departments
   * see a file only while they hold an order about the child), among `childFileIds` when given:
   * the list's scope and one file's check alike. Through the unit's unresolved orders (IDX_orders_unit_status)
   * to their reports by primary key. Inside a transaction, pass its `manager`: a second connection
   * taken while the transaction holds a file's lock starves the pool under concurrent writes.
   */
  async childFilesHeldBy(
    unitId: string,
    childFileIds?: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    if (childFileIds?.length === 0) return [];
    const query = manager
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .innerJoin('reports', 'r', 'r.id = o.report_id')
      .select('DISTINCT r.child_file_id', 'fileId')
      .where('o.unit_id = :unitId', { unitId })
      .andWhere('o.status <> :resolved', { resolved: 'resolved' })
      .andWhere('r.child_file_id IS NOT NULL');
    if (childFileIds) query.andWhere('r.child_file_id IN (:...childFileIds)', { childFileIds });
    const rows = await query.getRawMany<{ fileId: string }>();
    return rows.map((row) => row.fileId);
  }

  /**
   * The unresolved orders (returned ones too) of every report about the child's file, the latest
   * dispatched first, locked on MariaDB: 控辍保学 picks the one to bring the police in from.
   */
  async openOfChildFile(manager: EntityManager, childFileId: string): Promise<OrderEntity[]> {
    const query = manager
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .innerJoin('reports', 'r', 'r.id = o.report_id')
      .where('r.child_file_id = :childFileId', { childFileId })
      .andWhere('o.status <> :resolved', { resolved: 'resolved' })
      .orderBy('o.dispatched_at', 'DESC')
      .addOrderBy('o.id', 'ASC');
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return query.getMany();
  }

  /** File id → its reports' orders not yet resolved, for the files given, in one grouped query. */
  async openCountsByChildFile(childFileIds: string[]): Promise<Map<string, number>> {
    if (childFileIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .innerJoin('reports', 'r', 'r.id = o.report_id')
      .select('r.child_file_id', 'fileId')
      .addSelect('COUNT(*)', 'count')
      .where('r.child_file_id IN (:...childFileIds)', { childFileIds })
      .andWhere('o.status <> :resolved', { resolved: 'resolved' })
      .groupBy('r.child_file_id')
      .getRawMany<{ fileId: string; count: string | number }>();
    return new Map(rows.map((row) => [row.fileId, Number(row.count)]));
  }

  /**
   * Most urgent first: the orders with a running deadline by that deadline, then the others
   * (resolved ones, those with their clocks stopped) by age; ties by id. `total` is exact: for the
   * list as it opens (no filter but a unit) the sum of the kept counts, for a queue or a filter a
   * `COUNT(*)` (at 1 M orders a county's count read an index of 1 M entries; issue 17).
   *
   * The two halves are read apart, each in the order of an index (`IDX_orders_unit_list` for a
   * unit's list, `IDX_orders_due_list` for a coordinator's divisions, `IDX_orders_low_rating` for
   * the low-rating queue), so a page reads its own
   * ids rather than sorting the whole scope, and only then the page's rows by primary key. One
   * ordering expression over both halves (`due_at IS NULL, due_at, …`) matches no index: at 1 M
   * orders it sorted the county on every page.
   */
  async page(
    scope: OrderScope,
    filter: OrderFilter,
    offset: number,
    limit: number,
  ): Promise<[OrderEntity[], number]> {
    const running = () => this.matching(scope, filter).andWhere('o.due_at IS NOT NULL');
    const stopped = () => this.matching(scope, filter).andWhere('o.due_at IS NULL');
    const [ids, total] = await Promise.all([
      (async () => {
        const first = await idsOf(
          running().orderBy('o.due_at', 'ASC').addOrderBy('o.created_at', 'ASC'),
          offset,
          limit,
        );
        if (first.length === limit) return first;
        // Past the running ones: how far into the others the page starts.
        const skipped = first.length > 0 ? 0 : offset - (await countOf(running()));
        const rest = await idsOf(
          stopped().orderBy('o.created_at', 'ASC'),
          Math.max(0, skipped),
          limit - first.length,
        );
        return [...first, ...rest];
      })(),
      narrowed(filter)
        ? countOf(this.matching(scope, filter))
        : this.counts.total(scope, filter.unitId),
    ]);
    if (ids.length === 0) return [[], total];
    const rows = await this.dataSource.getRepository(OrderEntity).findBy({ id: In(ids) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return [ids.flatMap((id) => byId.get(id) ?? []), total];
  }

  /** The orders in `scope` that pass `filter`, unordered. */
  private matching(scope: OrderScope, filter: OrderFilter): SelectQueryBuilder<OrderEntity> {
    const query = this.dataSource.getRepository(OrderEntity).createQueryBuilder('o');
    query.where(
      new Brackets((where) => {
        let any = false;
        if (scope.unitIds?.length) {
          where.orWhere('o.unit_id IN (:...unitIds)', { unitIds: scope.unitIds });
          any = true;
        }
        scope.divisionPrefixes?.forEach((prefix, i) => {
          where.orWhere(`o.division_code LIKE :prefix${i}`, { [`prefix${i}`]: `${prefix}%` });
          any = true;
        });
        if (scope.unassigned) {
          where.orWhere('o.unit_id IS NULL');
          any = true;
        }
        if (!any) where.where('1 = 0');
      }),
    );
    if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
    if (filter.unitId) query.andWhere('o.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.overdueBefore) {
      query.andWhere('o.due_at <= :now', { now: filter.overdueBefore });
    }
    if (filter.unrouted !== undefined)
      query.andWhere('o.unrouted = :unrouted', { unrouted: filter.unrouted });
    if (filter.escalated) query.andWhere('o.escalation_level > 0');
    if (filter.extensionPending) query.andWhere('o.extension_pending_days IS NOT NULL');
    if (filter.lowRating) query.andWhere('o.low_rating = :lowRating', { lowRating: true });
    return query;
  }

  /**
   * Orders whose next clock event is due, locked for this sweep. SKIP LOCKED lets a second server
   * take the next ones instead of waiting, so no order is handled twice.
   */
  async lockDue(manager: EntityManager, now: Date, limit: number): Promise<OrderEntity[]> {
    const query = manager
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .where('o.next_due_at <= :now', { now })
      .orderBy('o.next_due_at', 'ASC')
      .take(limit);
    if (manager.connection.options.type !== 'better-sqlite3') {
      query.setLock('pessimistic_write').setOnLocked('skip_locked');
    }
    return query.getMany();
  }
}
