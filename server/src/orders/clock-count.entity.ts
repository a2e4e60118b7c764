import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StatsClock } from '@shouhu/shared';

/**
 * How many order clocks (current and retired) due in one Beijing month at one place share what
 * the accountability figures read of them (issue 17): `GET /stats/overview` sums these rows for
 * the whole months of a period that have ended instead of grouping a year of clocks (1.3 M at a
 * county's 1 M orders: 4.7–5.1 s). Kept in the transaction of every write of a clock
 * (`ClockCountsRepository.move`, called only by `OrdersRepository`, through which every clock
 * write goes), so they are always the clocks grouped by these columns (`fillClockCountsSql`).
 * A row whose clocks all left it stays, at 0.
 */
@Entity('clock_counts')
export class ClockCountEntity {
  /** The Beijing month of the clocks' due time, `YYYY-MM`. */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  /** The clocks' orders' (their reports') division code. */
  @PrimaryColumn({ name: 'division_code', type: 'varchar', length: 12 })
  divisionCode: string;

  /** The unit that held the clocks, or `''` for the admin queue: a key cannot be null. */
  @PrimaryColumn({ name: 'unit_key', type: 'varchar', length: 36 })
  unitKey: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  clock: StatsClock;

  /** 1 when stopped by a return or a move, else 0. */
  @PrimaryColumn({ type: 'integer' })
  interrupted: number;

  /** 0 running, 1 stopped at or before its due time, 2 after it (`STOPPED_CODES`). */
  @PrimaryColumn({ type: 'integer' })
  stopped: number;

  /** 1 when it reached 100 % (督办: stage `overdue` or `red`), else 0. */
  @PrimaryColumn({ type: 'integer' })
  overdue: number;

  /** 1 when it reached 200 % (the red list: stage `red`), else 0. */
  @PrimaryColumn({ type: 'integer' })
  escalated: number;

  /** Start to stop in whole minutes at the step they are shown in (`shownMinutes`); -1 running. */
  @PrimaryColumn({ type: 'integer' })
  minutes: number;

  @Column({ type: 'integer' })
  n: number;
}
