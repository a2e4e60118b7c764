import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TransactionRunner, type TransactionScope } from '../database/transaction-runner';
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

interface Delta {
  unitKey: string;
  divisionCode: string;
  n: number;
}

/** The kept row's key of orders in no unit (a primary key cannot hold null; `order-counts-fill`). */
const NO_UNIT = '';

/**
 * The kept order counts by place (`order_counts`): moved in the transaction of every change of an
 * order's place, read for the lists' exact totals.
 */
@Injectable()
export class OrderCountsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {}

  /** The deltas each open transaction has gathered, by `unitKey` and `divisionCode`. */
  private readonly pending = new WeakMap<TransactionScope, Map<string, Delta>>();

  /**
   * Moves the counts by `changes` in `manager`'s transaction. In a transaction of the
   * TransactionRunner the deltas are gathered and written once, as one of its last statements
   * (before the audit head: `STEP_LOCKS` in the transaction runner), so intake pays one statement however many
   * orders it makes and holds the counters' row locks only from then to the commit; in any other
   * transaction they are written at once.
   */
  async move(manager: EntityManager, changes: readonly OrderPlaceChange[]): Promise<void> {
    const transaction = this.transactions.scopeOf(manager);
    let deltas = transaction ? this.pending.get(transaction) : undefined;
    const first = !deltas;
    deltas ??= new Map();
    for (const { from, to } of changes) {
      if (from) add(deltas, from, -1);
      if (to) add(deltas, to, 1);
    }
    if (!transaction) return this.write(manager, deltas);
    if (!first) return;
    this.pending.set(transaction, deltas);
    const gathered = deltas;
    transaction.beforeCommit((m) => this.write(m, gathered), 'order-counts');
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

  /**
   * One upsert of every non-zero delta, keys in a fixed order (unit, then division) so two
   * transactions lock shared rows in the same order and never deadlock on them.
   */
  private async write(manager: EntityManager, deltas: ReadonlyMap<string, Delta>): Promise<void> {
    const rows = [...deltas.values()]
      .filter((d) => d.n !== 0)
      .sort((a, b) =>
        a.unitKey === b.unitKey
          ? compare(a.divisionCode, b.divisionCode)
          : compare(a.unitKey, b.unitKey),
      );
    if (rows.length === 0) return;
    const { driver } = manager.connection;
    const table = driver.escape(manager.connection.getMetadata(OrderCountEntity).tableName);
    const [unitKey, divisionCode, n] = ['unit_key', 'division_code', 'n'].map((c) =>
      driver.escape(c),
    );
    const upsert =
      manager.connection.options.type === 'better-sqlite3'
        ? `ON CONFLICT (${unitKey}, ${divisionCode}) DO UPDATE SET ${n} = ${n} + excluded.${n}`
        : `ON DUPLICATE KEY UPDATE ${n} = ${n} + VALUES(${n})`;
    await manager.query(
      `INSERT INTO ${table} (${unitKey}, ${divisionCode}, ${n}) VALUES ${rows
        .map(() => '(?, ?, ?)')
        .join(', ')} ${upsert}`,
      rows.flatMap((row) => [row.unitKey, row.divisionCode, row.n]),
    );
  }
}

function add(deltas: Map<string, Delta>, place: OrderPlace, n: number): void {
  const unitKey = place.unitId ?? NO_UNIT;
  const key = `${unitKey}\u0000${place.divisionCode}`;
  const delta = deltas.get(key);
  if (delta) delta.n += n;
  else deltas.set(key, { unitKey, divisionCode: place.divisionCode, n });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
