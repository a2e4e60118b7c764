import { Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import type { ClockName, Priority } from '@shouhu/shared';
import { underPrefixes } from '../database/under-prefixes';
import { OrderClockEntity, OrderEntity } from '../orders/order.entity';
import { ReportEntity } from '../reports/report.entity';

/** Counts for the county board, each one grouped query over indexed columns. */
@Injectable()
export class BoardRepository {
  constructor(private readonly dataSource: DataSource) {}

  async reportsByPriority(
    prefixes: readonly string[],
    since: Date,
  ): Promise<{ priority: Priority; count: number }[]> {
    const query = this.dataSource
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .select('r.priority', 'priority')
      .addSelect('COUNT(*)', 'count')
      .where('r.created_at >= :since', { since })
      .groupBy('r.priority');
    const rows = await underPrefixes(query, 'r.division_code', prefixes).getRawMany<{
      priority: Priority;
      count: string | number;
    }>();
    return rows.map((row) => ({ priority: row.priority, count: Number(row.count) }));
  }

  /** Open orders whose earliest running clock is past due, per unit. */
  async overdueByUnit(
    prefixes: readonly string[],
    now: Date,
  ): Promise<{ unitId: string; count: number }[]> {
    const query = this.dataSource
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .select('o.unit_id', 'unitId')
      .addSelect('COUNT(*)', 'count')
      .where("o.status IN ('dispatched', 'in_progress')")
      .andWhere('o.unit_id IS NOT NULL')
      .andWhere('o.due_at <= :now', { now })
      .groupBy('o.unit_id');
    const rows = await underPrefixes(query, 'o.division_code', prefixes).getRawMany<{
      unitId: string;
      count: string | number;
    }>();
    return rows.map((row) => ({ unitId: row.unitId, count: Number(row.count) }));
  }

  /**
   * Clocks that stopped, or fell due while still running, between `since` and `now`; on time
   * means stopped no later than due.
   */
  async clocksKept(
    prefixes: readonly string[],
    since: Date,
    now: Date,
  ): Promise<{ clock: ClockName; onTime: number; total: number }[]> {
    const query = this.dataSource
      .getRepository(OrderClockEntity)
      .createQueryBuilder('c')
      .innerJoin(OrderEntity, 'o', 'o.id = c.order_id')
      .select('c.clock', 'clock')
      .addSelect(
        'SUM(CASE WHEN c.stopped_at IS NOT NULL AND c.stopped_at <= c.due_at THEN 1 ELSE 0 END)',
        'onTime',
      )
      .addSelect('COUNT(*)', 'total')
      .where(
        new Brackets((when) =>
          when
            .where('c.stopped_at >= :since AND c.stopped_at <= :now', { since, now })
            .orWhere('c.stopped_at IS NULL AND c.due_at >= :since AND c.due_at <= :now', {
              since,
              now,
            }),
        ),
      )
      .groupBy('c.clock');
    const rows = await underPrefixes(query, 'o.division_code', prefixes).getRawMany<{
      clock: ClockName;
      onTime: string | number | null;
      total: string | number;
    }>();
    return rows.map((row) => ({
      clock: row.clock,
      onTime: Number(row.onTime ?? 0),
      total: Number(row.total),
    }));
  }
}
