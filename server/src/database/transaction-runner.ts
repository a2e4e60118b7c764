import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';
import { LOGGER, type Logger } from '../logging/logger';
import { WriteBehind } from './write-behind';

const DEADLOCK_ATTEMPTS = 3;

function isDeadlock(error: unknown): boolean {
  const code = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return code === 'ER_LOCK_DEADLOCK';
}

/** A step that writes in the transaction after its work has returned, just before it commits. */
export type BeforeCommitStep = (manager: EntityManager) => Promise<void>;

/**
 * What a before-commit step locks, in the order every transaction runs them: the kept counts of
 * orders (a row per unit and place), then those of clocks (a row per month, place, unit and what
 * the figures read), then those of children's files (a row per place, category list and status),
 * then the audit-chain head. A fixed order, whatever order the work registered
 * its steps in, so two transactions never hold one of these locks each while waiting for the
 * other's.
 */
const STEP_LOCKS = ['order-counts', 'clock-counts', 'child-file-counts', 'audit-chain'] as const;
export type BeforeCommitLock = (typeof STEP_LOCKS)[number];

/**
 * One run of a unit of work, from its start to its commit or rollback: a fresh object each time,
 * so it keys what belongs to that transaction alone (a query runner's manager runs one transaction
 * after another, so a manager cannot).
 */
export class TransactionScope {
  private readonly steps: { step: BeforeCommitStep; lock: BeforeCommitLock }[] = [];

  /**
   * Has `step`, which takes `lock`, run as one of the transaction's last statements: steps run
   * in `STEP_LOCKS` order, those of one lock in the order registered.
   */
  beforeCommit(step: BeforeCommitStep, lock: BeforeCommitLock): void {
    this.steps.push({ step, lock });
  }

  /** @internal The runner's, once the work has returned. */
  async runSteps(manager: EntityManager): Promise<void> {
    for (const lock of STEP_LOCKS) {
      for (const step of this.steps) if (step.lock === lock) await step.step(manager);
    }
  }
}

/**
 * Runs a unit of work in one transaction. TypeORM's SQLite driver has a single connection that
 * cannot hold two transactions at once, so on SQLite they are queued; MariaDB runs them in
 * parallel on pooled connections and retries a transaction chosen as a deadlock victim (it was
 * rolled back whole, so running it again is safe).
 *
 * Steps registered with the transaction's `scopeOf(manager).beforeCommit` run once the work has
 * returned, as its last statements: a lock they take (the audit-chain head) is held only for
 * those statements and the commit, not for the whole of the work. Writes made with `writeLater`
 * are held and sent with the next statement (`WriteBehind`), the last of them with the commit.
 */
@Injectable()
export class TransactionRunner {
  private sqliteQueue: Promise<unknown> = Promise.resolve();
  /** The transaction each manager is running for this runner now. */
  private readonly running = new WeakMap<EntityManager, TransactionScope>();

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
        return await this.heldTransaction(whole, isolation);
      } catch (error) {
        if (!isDeadlock(error) || attempt >= DEADLOCK_ATTEMPTS) throw error;
        this.logger.warn({ component: 'database', attempt: attempt + 1 }, '死锁，重试事务');
      }
    }
  }

  /**
   * The transaction `manager` is running for this runner, or null when it runs none (a manager
   * outside a transaction, or a transaction begun elsewhere): the caller then writes at once.
   */
  scopeOf(manager: EntityManager): TransactionScope | null {
    return this.running.get(manager) ?? null;
  }

  /**
   * `whole` in a MariaDB transaction whose writes are held (`WriteBehind`) from its start, so that
   * `START TRANSACTION` goes with the work's first statement instead of alone.
   */
  private async heldTransaction<T>(
    whole: (manager: EntityManager) => Promise<T>,
    isolation: IsolationLevel | undefined,
  ): Promise<T> {
    const queryRunner = this.dataSource.createQueryRunner();
    WriteBehind.open(queryRunner);
    try {
      return isolation
        ? await queryRunner.manager.transaction(isolation, whole)
        : await queryRunner.manager.transaction(whole);
    } finally {
      await queryRunner.release();
    }
  }

  private async runWhole<T>(
    manager: EntityManager,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const scope = new TransactionScope();
    this.running.set(manager, scope);
    try {
      const result = await work(manager);
      await scope.runSteps(manager);
      return result;
    } finally {
      this.running.delete(manager);
    }
  }
}
