import type { EntityManager } from 'typeorm';
import type { BeforeCommitLock, TransactionRunner, TransactionScope } from './transaction-runner';
import { writeLater } from './write-behind';

/** `n` rows more (fewer when negative) under `key`, one value per key column, in their order. */
export interface CountMove {
  key: readonly string[];
  n: number;
}

/** Where a kept count lives: its table, the columns of its key (the primary key) and its count. */
export interface KeptCountsTable {
  table: string;
  keyColumns: readonly string[];
  countColumn: string;
  /** Where among a transaction's before-commit steps its upsert runs (`STEP_LOCKS`). */
  lock: BeforeCommitLock;
}

/**
 * Counts kept in a table by key, moved in the transaction of every change they count (issue 17:
 * exact totals without counting rows). In a transaction of the TransactionRunner a transaction's
 * moves are gathered, netted and written once, as one of its last statements in `lock`'s turn,
 * so the counters' row locks are held only from then to the commit; in any other transaction
 * they are written at once. The one upsert takes its keys in one total order (column by column),
 * so two transactions never lock the same rows crosswise. A row whose count falls to 0 stays.
 */
export class KeptCounts {
  private readonly pending = new WeakMap<TransactionScope, CountMove[]>();

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly where: KeptCountsTable,
  ) {}

  async move(manager: EntityManager, moves: readonly CountMove[]): Promise<void> {
    const transaction = this.transactions.scopeOf(manager);
    if (!transaction) return this.write(manager, moves);
    const pending = this.pending.get(transaction);
    if (pending) {
      pending.push(...moves);
      return;
    }
    const gathered = [...moves];
    this.pending.set(transaction, gathered);
    transaction.beforeCommit((m) => this.write(m, gathered), this.where.lock);
  }

  private async write(manager: EntityManager, moves: readonly CountMove[]): Promise<void> {
    const net = new Map<string, { key: readonly string[]; n: number }>();
    for (const { key, n } of moves) {
      const name = JSON.stringify(key);
      const row = net.get(name) ?? { key, n: 0 };
      row.n += n;
      net.set(name, row);
    }
    const rows = [...net.values()].filter((row) => row.n !== 0).sort((a, b) => byKey(a.key, b.key));
    if (rows.length === 0) return;
    const { driver } = manager.connection;
    const table = driver.escape(this.where.table);
    const keys = this.where.keyColumns.map((column) => driver.escape(column));
    const count = driver.escape(this.where.countColumn);
    const upsert =
      manager.connection.options.type === 'better-sqlite3'
        ? `ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${count} = ${count} + excluded.${count}`
        : `ON DUPLICATE KEY UPDATE ${count} = ${count} + VALUES(${count})`;
    const placeholders = `(${[...keys, count].map(() => '?').join(', ')})`;
    await writeLater(
      manager,
      `INSERT INTO ${table} (${[...keys, count].join(', ')}) VALUES ${rows
        .map(() => placeholders)
        .join(', ')} ${upsert}`,
      rows.flatMap((row) => [...row.key, row.n]),
    );
  }
}

function byKey(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}
