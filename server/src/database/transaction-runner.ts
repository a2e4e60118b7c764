import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Runs a unit of work in one transaction. TypeORM's SQLite driver has a single connection that
 * cannot hold two transactions at once, so on SQLite they are queued; MariaDB runs them in
 * parallel on pooled connections.
 */
@Injectable()
export class TransactionRunner {
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type !== 'better-sqlite3') {
      return this.dataSource.transaction(work);
    }
    const result = this.sqliteQueue.then(() => this.dataSource.transaction(work));
    this.sqliteQueue = result.catch(() => undefined);
    return result;
  }
}
