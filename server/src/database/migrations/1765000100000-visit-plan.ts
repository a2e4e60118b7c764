import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const DAY_MS = 24 * 3600_000;
/** The quarterly visit's default (domain.md: every quarter, 90 days) when this ran. */
const QUARTERLY_DAYS = 90;
/** The reminder's fraction of a clock (80 %) when this ran: where the sweep first finds a due. */
const REMINDER_AT = 0.8;
const BATCH = 500;

/** A datetime as TypeORM writes one on both drivers: UTC, `YYYY-MM-DD HH:mm:ss.SSS`. */
const datetime = (instant: Date) => instant.toISOString().replace('T', ' ').replace('Z', '');

/**
 * The quarterly visit plan (issue 15), for what was there before it:
 * - `GET /visits` lists the open dues of a caller's places, found by the place's prefix: an index
 *   on the place, then whether the due is open, then its due time.
 * - Every 在册 file with a category gets its quarterly visit, counted from now (no time without a
 *   plan counts against the village), and its `next_visit_due_at` from it.
 */
export class VisitPlan1765000100000 implements MigrationInterface {
  name = 'VisitPlan1765000100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'visit_dues',
      new TableIndex({
        name: 'IDX_visit_dues_division_open',
        columnNames: ['division_code', 'done_at', 'cancelled_at', 'due_at'],
      }),
    );
    await planQuarterlyVisits(queryRunner, new Date());
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('visit_dues', 'IDX_visit_dues_division_open');
  }
}

/**
 * Plans the quarterly visit of every 在册 file with a category that has none open, counted from
 * `now`, and sets its `next_visit_due_at`; files the plan already covers are left alone.
 */
export async function planQuarterlyVisits(queryRunner: QueryRunner, now: Date): Promise<void> {
  const files: { id: string; unit_id: string | null; division_code: string }[] =
    await queryRunner.query(
      `SELECT id, unit_id, division_code FROM child_files
          WHERE status = 'active' AND categories <> '[]'
            AND id NOT IN (SELECT child_file_id FROM visit_dues
                            WHERE reason = 'quarterly' AND done_at IS NULL AND cancelled_at IS NULL)`,
    );
  const dueAt = new Date(now.getTime() + QUARTERLY_DAYS * DAY_MS);
  const nextDueAt = new Date(now.getTime() + QUARTERLY_DAYS * DAY_MS * REMINDER_AT);
  const columns = [
    'id',
    'child_file_id',
    'unit_id',
    'division_code',
    'reason',
    'dedup_key',
    'started_at',
    'due_at',
    'stage',
    'next_due_at',
    'escalation_level',
    'created_at',
  ];
  // Plain SQL with `?` (both drivers take it): history must not follow the entities as they change.
  const row = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < files.length; i += BATCH) {
    const batch = files.slice(i, i + BATCH);
    await queryRunner.query(
      `INSERT INTO visit_dues (${columns.join(', ')}) VALUES ${batch.map(() => row).join(', ')}`,
      batch.flatMap((file) => [
        globalThis.crypto.randomUUID(),
        file.id,
        file.unit_id,
        file.division_code,
        'quarterly',
        `${file.id}:quarterly:${now.toISOString()}`,
        datetime(now),
        datetime(dueAt),
        'running',
        datetime(nextDueAt),
        0,
        datetime(now),
      ]),
    );
    await queryRunner.query(
      `UPDATE child_files SET next_visit_due_at = ? WHERE id IN (${batch.map(() => '?').join(', ')})`,
      [datetime(dueAt), ...batch.map((file) => file.id)],
    );
  }
}
