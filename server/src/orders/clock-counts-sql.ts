import { SHOWN_DURATION_STEPS } from '@shouhu/shared';

/** Which SQL a statement is written in: MariaDB/MySQL, or the embedded SQLite. */
export type SqlDialect = 'mariadb' | 'sqlite';

/**
 * A clock's `stopped` fact as a number (grouping by a string costs a collation comparison per
 * clock): 0 running, 1 stopped at or before its due time, 2 after it. The figures read it back
 * in this order (`ClockFacts['stopped']`).
 */
export const STOPPED_CODES = ['no', 'by_due', 'after_due'] as const;

/** `STOPPED_CODES`' code of a clock, in SQL. */
export const stoppedSql = (stoppedAt: string, dueAt: string): string =>
  `CASE WHEN ${stoppedAt} IS NULL THEN 0 WHEN ${stoppedAt} <= ${dueAt} THEN 1 ELSE 2 END`;

/** The Beijing month (`YYYY-MM`) of an instant column. */
export function monthSql(dialect: SqlDialect, at: string): string {
  return dialect === 'sqlite'
    ? `strftime('%Y-%m', ${at}, '+8 hours')`
    : `DATE_FORMAT(${at} + INTERVAL 8 HOUR, '%Y-%m')`;
}

/**
 * Whole minutes from `start` to `stop` as `Math.round` takes them, in integers only (integer
 * division truncates toward zero; Math.round(x) is floor(x + 0.5)); NULL while `stop` is NULL.
 */
function wholeMinutesSql(dialect: SqlDialect, start: string, stop: string): string {
  const ms =
    dialect === 'sqlite'
      ? `CAST(ROUND((julianday(${stop}) - julianday(${start})) * 86400000) AS INTEGER)`
      : `(TIMESTAMPDIFF(MICROSECOND, ${start}, ${stop}) DIV 1000)`;
  const div = dialect === 'sqlite' ? '/' : 'DIV';
  return `CASE WHEN ${ms} + 30000 >= 0 THEN (${ms} + 30000) ${div} 60000 ELSE -((29999 - ${ms}) ${div} 60000) END`;
}

/**
 * `shownMinutes` of the whole minutes from `start` to `stop`, in SQL: the same steps
 * (`SHOWN_DURATION_STEPS`) and the same integer rounding; `whileRunning` when `stop` is NULL.
 */
export function shownMinutesSql(
  dialect: SqlDialect,
  start: string,
  stop: string,
  whileRunning: 'NULL' | '-1',
): string {
  const minutes = wholeMinutesSql(dialect, start, stop);
  const div = dialect === 'sqlite' ? '/' : 'DIV';
  const steps = SHOWN_DURATION_STEPS.map(({ below, stepMinutes }) => {
    const shown =
      stepMinutes === 1
        ? minutes
        : `((${minutes} + ${stepMinutes / 2}) ${div} ${stepMinutes}) * ${stepMinutes}`;
    return Number.isFinite(below) ? `WHEN ${minutes} < ${below} THEN ${shown}` : `ELSE ${shown}`;
  });
  return `CASE WHEN ${stop} IS NULL THEN ${whileRunning} ${steps.join(' ')} END`;
}

/** The kept columns of `clock_counts` but the count, in the order of its key. */
const KEY_COLUMNS =
  'month, division_code, unit_key, clock, interrupted, stopped, overdue, escalated, minutes';

/**
 * Fills an empty `clock_counts` from the current and retired clocks, grouped as
 * `ClockCountsRepository` keeps them: the bench's history runs it after writing its clocks with
 * SQL of its own, and the walk test compares the kept rows with its grouping. Migration
 * 1765211000000 fills the table with the same statement, its own copy (a migration is history).
 *
 * With `byDue`, only the clocks due in `[from, to)`, the statement's four `?` being from, to,
 * from, to: a history of tens of millions of clocks is filled a Beijing month at a time (a range
 * from one month's start to the next never splits a row's month between two statements), where
 * one statement grouped them all in a temporary table of its own size.
 */
export function fillClockCountsSql(dialect: SqlDialect, { byDue = false } = {}): string {
  const where = byDue ? ' WHERE c.due_at >= ? AND c.due_at < ?' : '';
  const of = (table: string) => `SELECT ${monthSql(dialect, 'c.due_at')} AS month,
      c.division_code AS division_code, COALESCE(c.unit_id, '') AS unit_key, c.clock AS clock,
      CASE WHEN c.interrupted THEN 1 ELSE 0 END AS interrupted,
      ${stoppedSql('c.stopped_at', 'c.due_at')} AS stopped,
      CASE WHEN c.stage IN ('overdue', 'red') THEN 1 ELSE 0 END AS overdue,
      CASE WHEN c.stage = 'red' THEN 1 ELSE 0 END AS escalated,
      ${shownMinutesSql(dialect, 'c.started_at', 'c.stopped_at', '-1')} AS minutes
    FROM ${table} c${where}`;
  return `INSERT INTO clock_counts (${KEY_COLUMNS}, n)
    SELECT ${KEY_COLUMNS}, COUNT(*) FROM (${of('order_clocks')} UNION ALL ${of('retired_clocks')}) k
    GROUP BY ${KEY_COLUMNS}`;
}
