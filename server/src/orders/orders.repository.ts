import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { LOW_SCORE_MAX, type ClockName, type OrderStatus } from '@shouhu/shared';
import { ReportEntity } from '../reports/report.entity';
import { OrderClockEntity, OrderEntity, OrderEventEntity } from './order.entity';

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
  /** Lead orders of closed reports their reporter rated 1–2: the coordinator reviews them. */
  lowRating?: boolean;
  /** Narrows the caller's scope to one unit; never widens it. */
  unitId?: string;
}

@Injectable()
export class OrdersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    order: OrderEntity,
    clocks: OrderClockEntity[],
  ): Promise<void> {
    await manager.createQueryBuilder().insert().into(OrderEntity).values(order).execute();
    if (clocks.length > 0) {
      await manager.createQueryBuilder().insert().into(OrderClockEntity).values(clocks).execute();
    }
  }

  /** The unit and status of every order about the child of a file (through its reports). */
  async ofChildFile(
    manager: EntityManager,
    childFileId: string,
  ): Promise<Pick<OrderEntity, 'unitId' | 'status'>[]> {
    return manager
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .select(['o.unitId', 'o.status'])
      .innerJoin(ReportEntity, 'r', 'r.id = o.reportId')
      .where('r.childFileId = :childFileId', { childFileId })
      .getMany();
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
    return query.getOne();
  }

  clocks(manager: EntityManager, orderId: string): Promise<OrderClockEntity[]> {
    return manager.getRepository(OrderClockEntity).findBy({ orderId });
  }

  clocksOf(orderIds: string[]): Promise<OrderClockEntity[]> {
    if (orderIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(OrderClockEntity)
      .createQueryBuilder('c')
      .where('c.order_id IN (:...orderIds)', { orderIds })
      .getMany();
  }

  async save(
    manager: EntityManager,
    order: OrderEntity,
    clocks: OrderClockEntity[],
    replacedClocks: ClockName[] = [],
  ): Promise<void> {
    await manager.getRepository(OrderEntity).save(order);
    if (replacedClocks.length > 0) {
      await manager
        .getRepository(OrderClockEntity)
        .createQueryBuilder()
        .delete()
        .where('order_id = :orderId AND clock IN (:...replacedClocks)', {
          orderId: order.id,
          replacedClocks,
        })
        .execute();
    }
    if (clocks.length > 0) await manager.getRepository(OrderClockEntity).save(clocks);
  }

  async appendEvents(manager: EntityManager, events: OrderEventEntity[]): Promise<void> {
    if (events.length === 0) return;
    await manager.createQueryBuilder().insert().into(OrderEventEntity).values(events).execute();
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

  /** Most urgent first: the nearest running deadline, then the oldest. */
  async page(
    scope: OrderScope,
    filter: OrderFilter,
    offset: number,
    limit: number,
  ): Promise<[OrderEntity[], number]> {
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
    if (filter.lowRating) {
      query.andWhere("o.role = 'lead'").andWhere(
        // A reporter's low rating, or a hotline caller's low satisfaction at the 回访.
        "o.report_id IN (SELECT r.id FROM reports r WHERE r.status = 'closed' AND (r.rating_score <= :low OR r.callback_score <= :low))",
        { low: LOW_SCORE_MAX },
      );
    }
    return query
      .orderBy('CASE WHEN o.due_at IS NULL THEN 1 ELSE 0 END', 'ASC')
      .addOrderBy('o.due_at', 'ASC')
      .addOrderBy('o.created_at', 'ASC')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
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
