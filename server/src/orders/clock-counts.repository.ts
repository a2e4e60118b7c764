import { Injectable } from '@nestjs/common';
import { shanghaiDate, shownMinutes } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { KeptCounts } from '../database/kept-counts';
import { TransactionRunner } from '../database/transaction-runner';
import { STOPPED_CODES } from './clock-counts-sql';
import type { OrderClockEntity, RetiredClockEntity } from './order.entity';

const MINUTE_MS = 60_000;

/** What the kept counts read of a clock, current or retired. */
export type CountedClock = Pick<
  OrderClockEntity | RetiredClockEntity,
  | 'clock'
  | 'unitId'
  | 'divisionCode'
  | 'startedAt'
  | 'dueAt'
  | 'stoppedAt'
  | 'stage'
  | 'interrupted'
>;

/** A clock's row key in `clock_counts`, one string per key column, in their order. */
export type ClockCountKey = readonly string[];

/** `1` or `0`. */
const bit = (value: boolean): string => (value ? '1' : '0');

/**
 * The row of `clock_counts` a clock is counted in as it is now (`ClockCountEntity` names the
 * columns); the same values `fillClockCountsSql` computes in SQL.
 */
export function clockCountKey(clock: CountedClock): ClockCountKey {
  const stopped = !clock.stoppedAt ? 'no' : clock.stoppedAt <= clock.dueAt ? 'by_due' : 'after_due';
  const minutes = clock.stoppedAt
    ? shownMinutes(Math.round((clock.stoppedAt.getTime() - clock.startedAt.getTime()) / MINUTE_MS))
    : -1;
  return [
    shanghaiDate(clock.dueAt).slice(0, 7),
    clock.divisionCode,
    clock.unitId ?? '',
    clock.clock,
    bit(clock.interrupted),
    String(STOPPED_CODES.indexOf(stopped)),
    bit(clock.stage === 'overdue' || clock.stage === 'red'),
    bit(clock.stage === 'red'),
    String(minutes),
  ];
}

/** One clock's change: `from` absent for a new clock, `to` absent for one deleted. */
export interface ClockCountChange {
  from?: ClockCountKey;
  to?: ClockCountKey;
}

/**
 * The kept clock counts by month and place (`clock_counts`): moved in the transaction of every
 * write of a clock, read for the figures' whole months.
 */
@Injectable()
export class ClockCountsRepository {
  private readonly counts: KeptCounts;

  constructor(transactions: TransactionRunner) {
    this.counts = new KeptCounts(transactions, {
      table: 'clock_counts',
      keyColumns: [
        'month',
        'division_code',
        'unit_key',
        'clock',
        'interrupted',
        'stopped',
        'overdue',
        'escalated',
        'minutes',
      ],
      countColumn: 'n',
      lock: 'clock-counts',
    });
  }

  /**
   * Moves the counts by `changes` in `manager`'s transaction: gathered, netted (a clock whose
   * change leaves its key alone moves nothing) and written once among its last statements
   * (`KeptCounts`, `STEP_LOCKS`).
   */
  move(manager: EntityManager, changes: readonly ClockCountChange[]): Promise<void> {
    return this.counts.move(
      manager,
      changes.flatMap(({ from, to }) => [
        ...(from ? [{ key: from, n: -1 }] : []),
        ...(to ? [{ key: to, n: 1 }] : []),
      ]),
    );
  }
}
