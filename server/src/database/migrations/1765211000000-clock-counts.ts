import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Kept clock counts by month (issue 17): a year of `GET /stats/overview` grouped every clock due
 * in it (1.3 M at a county's 1 M orders: 4.7–5.1 s). `clock_counts` holds how many current and
 * retired clocks due in one Beijing month at one place and unit share what the figures read of
 * them (kind, interrupted, stopped by or after the due time, 督办, red list, and the minutes from
 * start to stop at the step the board shows them in: whole minutes below an hour, tenths of an
 * hour below 48 hours, tenths of a day beyond, -1 while running), and is filled here from the
 * clocks there are. From then on `OrdersRepository` moves it in the transaction of every write
 * of a clock. The key leads with the month, so a period's whole months read their rows alone.
 */
export class ClockCounts1765211000000 implements MigrationInterface {
  name = 'ClockCounts1765211000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const key = (name: string, type: 'varchar' | 'integer', length?: string) => ({
      name,
      type,
      ...(length ? { length } : {}),
      isPrimary: true,
    });
    await queryRunner.createTable(
      new Table({
        name: 'clock_counts',
        columns: [
          key('month', 'varchar', '7'),
          key('division_code', 'varchar', '12'),
          key('unit_key', 'varchar', '36'),
          key('clock', 'varchar', '16'),
          key('interrupted', 'integer'),
          key('stopped', 'integer'),
          key('overdue', 'integer'),
          key('escalated', 'integer'),
          key('minutes', 'integer'),
          { name: 'n', type: 'integer' },
        ],
      }),
    );
    const sqlite = queryRunner.connection.options.type === 'better-sqlite3';
    const div = sqlite ? '/' : 'DIV';
    const month = sqlite
      ? "strftime('%Y-%m', c.due_at, '+8 hours')"
      : "DATE_FORMAT(c.due_at + INTERVAL 8 HOUR, '%Y-%m')";
    const ms = sqlite
      ? 'CAST(ROUND((julianday(c.stopped_at) - julianday(c.started_at)) * 86400000) AS INTEGER)'
      : '(TIMESTAMPDIFF(MICROSECOND, c.started_at, c.stopped_at) DIV 1000)';
    const minutes = `CASE WHEN ${ms} + 30000 >= 0 THEN (${ms} + 30000) ${div} 60000 ELSE -((29999 - ${ms}) ${div} 60000) END`;
    const shown = `CASE WHEN c.stopped_at IS NULL THEN -1
      WHEN ${minutes} < 60 THEN ${minutes}
      WHEN ${minutes} < 2880 THEN ((${minutes} + 3) ${div} 6) * 6
      ELSE ((${minutes} + 72) ${div} 144) * 144 END`;
    const of = (table: string) => `SELECT ${month} AS month, c.division_code AS division_code,
        COALESCE(c.unit_id, '') AS unit_key, c.clock AS clock,
        CASE WHEN c.interrupted THEN 1 ELSE 0 END AS interrupted,
        CASE WHEN c.stopped_at IS NULL THEN 0 WHEN c.stopped_at <= c.due_at THEN 1 ELSE 2 END AS stopped,
        CASE WHEN c.stage IN ('overdue', 'red') THEN 1 ELSE 0 END AS overdue,
        CASE WHEN c.stage = 'red' THEN 1 ELSE 0 END AS escalated,
        ${shown} AS minutes
      FROM ${table} c`;
    const columns =
      'month, division_code, unit_key, clock, interrupted, stopped, overdue, escalated, minutes';
    await queryRunner.query(
      `INSERT INTO clock_counts (${columns}, n)
       SELECT ${columns}, COUNT(*) FROM (${of('order_clocks')} UNION ALL ${of('retired_clocks')}) k
       GROUP BY ${columns}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('clock_counts');
  }
}
