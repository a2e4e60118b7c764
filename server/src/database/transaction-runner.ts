import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';
import { LOGGER, type Logger } from '../logging/logger';

const DEADLOCK_ATTEMPTS = 3;

function isDeadlock(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return code === 'ER_LOCK_DEADLOCK';
}

/** A step that writes in the transaction after its work has returned, just before it commits. */
export type BeforeCommitStep = (manager: EntityManager) => Promise<void>;

/**
 * Runs a unit of work in one transaction. TypeORM's SQLite driver has a single connection that
 * cannot hold two transactions at once, so on SQLite they are queued; MariaDB runs them in
 * parallel on pooled connections and retries a transaction chosen as a deadlock victim (it was
 * rolled back whole, so running it again is safe).
 *
 * Steps registered with `beforeCommit` run once the work has returned, as the transaction's last
 * statements: a lock they take (the audit-chain head) is held only for those statements and the
 * commit, not for the whole of the work.
 */
@Injectable()
export class TransactionRunner {
  private sqliteQueue: Promise<unknown> = Promise.resolve();
  /** The transactions this runner is running, each with its steps still to run before commit. */
  private readonly running = new WeakMap<EntityManager, BeforeCommitStep[]>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async run<T>(
    work: (manager: EntityManager) => Promise<T>,
    isolation?: IsolationLevel,
  ): Promise<T> {
    const whole = (manager: EntityManager) => this.runWhole(manager, work);
    if (this.dataSource.options.type === 'better-sqlite3') {
      const result = this.sqliteQueue.then(() => this.dataSource.transaction(whole));
      this.sqliteQueue = result.catch(() => undefined);
      return result;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return isolation
          ? await this.dataSource.transaction(isolation, whole)
          : await this.dataSource.transaction(whole);
      } catch (error) {
        if (!isDeadlock(error) || attempt >= DEADLOCK_ATTEMPTS) throw error;
        this.logger.warn({ component: 'database', attempt: attempt + 1 }, '死锁，重试事务');
      }
    }
  }

  /**
   * Has `step` run as one of the last statements of the transaction `manager` belongs to. Returns
   * false, running nothing, when `manager` is not a transaction this runner runs: the caller then
   * writes at once itself.
   */
  beforeCommit(manager: EntityManager, step: BeforeCommitStep): boolean {
    const steps = this.running.get(manager);
    if (!steps) return false;
    steps.push(step);
    return true;
  }

  private async runWhole<T>(
    manager: EntityManager,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const steps: BeforeCommitStep[] = [];
    this.running.set(manager, steps);
    try {
      const result = await work(manager);
      for (const step of steps) await step(manager);
      return result;
    } finally {
      this.running.delete(manager);
    }
  }
}
