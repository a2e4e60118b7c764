import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';
import { LOGGER, type Logger } from '../logging/logger';

const DEADLOCK_ATTEMPTS = 3;

function isDeadlock(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return code === 'ER_LOCK_DEADLOCK';
}

/**
 * Runs a unit of work in one transaction. TypeORM's SQLite driver has a single connection that
 * cannot hold two transactions at once, so on SQLite they are queued; MariaDB runs them in
 * parallel on pooled connections and retries a transaction chosen as a deadlock victim (it was
 * rolled back whole, so running it again is safe).
 */
@Injectable()
export class TransactionRunner {
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async run<T>(
    work: (manager: EntityManager) => Promise<T>,
    isolation?: IsolationLevel,
  ): Promise<T> {
    if (this.dataSource.options.type === 'better-sqlite3') {
      const result = this.sqliteQueue.then(() => this.dataSource.transaction(work));
      this.sqliteQueue = result.catch(() => undefined);
      return result;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return isolation
          ? await this.dataSource.transaction(isolation, work)
          : await this.dataSource.transaction(work);
      } catch (error) {
        if (!isDeadlock(error) || attempt >= DEADLOCK_ATTEMPTS) throw error;
        this.logger.warn({ component: 'database', attempt: attempt + 1 }, '死锁，重试事务');
      }
    }
  }
}
