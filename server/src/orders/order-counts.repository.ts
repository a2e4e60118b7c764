import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { KeptCounts } from '../database/kept-counts';
import { TransactionRunner } from '../database/transaction-runner';
import { OrderCountEntity } from './order-count.entity';
import type { OrderScope } from './orders.repository';

/** Where an order lies for the kept counts: its unit (null in none) and its division code. */
export interface OrderPlace {
  unitId: string | null;
  divisionCode: string;
}

/** One order's change of place: `from` absent for a new order, `to` absent for one deleted. */
export interface OrderPlaceChange {
  from?: OrderPlace;
  to?: OrderPlace;
}

/** The kept row's key of orders in no unit (a primary key cannot hold null; `order-counts-fill`). */
const NO_UNIT = '';

/**
 * The kept order counts by place (`order_counts`): moved in the transaction of every change of an
 * order's place, read for the lists' exact totals.
 */
@Injectable()
export class OrderCountsRepository {
  private readonly counts: KeptCounts;

  constructor(
    private readonly dataSource: DataSource,
    transactions: TransactionRunner,
  ) {
    this.counts = new KeptCounts(transactions, {
      table: 'order_counts',
      keyColumns: ['unit_key', 'division_code'],
      countColumn: 'n',
      lock: 'order-counts',
    });
  }

  /**
   * Moves the counts by `changes` in `manager`'s transaction: gathered and written once among its
   * last statements (before the files' counts and the audit head: `STEP_LOCKS`), so intake pays
   * one statement however many orders it makes (`KeptCounts`).
   */
  move(manager: EntityManager, changes: readonly OrderPlaceChange[]): Promise<void> {
    return this.counts.move(
      manager,
      changes.flatMap(({ from, to }) => [
        ...(from ? [{ key: keyOf(from), n: -1 }] : []),
        ...(to ? [{ key: keyOf(to), n: 1 }] : []),
      ]),
    );
  }

  /**
   * How many orders lie in `scope`, narrowed to the unit `unitId` when given: the sum of the kept
   * rows matching any part of the scope, each row once (a row of one of the units that also lies
   * under one of the prefixes counts once, as the orders' own `OR` counts its orders once).
   */
  async total(scope: OrderScope, unitId?: string): Promise<number> {
    const { driver } = this.dataSource;
    const unitKey = driver.escape('unit_key');
    const divisionCode = driver.escape('division_code');
    const parts: string[] = [];
    const params: string[] = [];
    if (scope.unitIds?.length) {
      parts.push(`${unitKey} IN (${scope.unitIds.map(() => '?').join(', ')})`);
      params.push(...scope.unitIds);
    }
    for (const prefix of scope.divisionPrefixes ?? []) {
      parts.push(`${divisionCode} LIKE ?`);
      params.push(`${prefix}%`);
    }
    if (scope.unassigned) {
      parts.push(`${unitKey} = ?`);
      params.push(NO_UNIT);
    }
    if (parts.length === 0) return 0;
    let where = `(${parts.join(' OR ')})`;
    if (unitId !== undefined) {
      where += ` AND ${unitKey} = ?`;
      params.push(unitId);
    }
    const table = driver.escape(this.dataSource.getMetadata(OrderCountEntity).tableName);
    const [row] = (await this.dataSource.query(
      `SELECT COALESCE(SUM(n), 0) AS n FROM ${table} WHERE ${where}`,
      params,
    )) as { n: string | number }[];
    return Number(row?.n ?? 0);
  }
}

/** The kept row's key: the unit (`NO_UNIT` for none), then the division. */
function keyOf(place: OrderPlace): string[] {
  return [place.unitId ?? NO_UNIT, place.divisionCode];
}
