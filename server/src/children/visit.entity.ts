import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ClockStage, SchoolHolidayKind, VisitPerson, VisitReason } from '@shouhu/shared';
import { json } from '../database/column-transformers';

/**
 * A visit (走访) to a child on file. Where it took place, what was found and the four checks are
 * sealed at rest: they describe the child's home and family.
 */
@Entity('visits')
@Index('IDX_visits_file_at', ['childFileId', 'at'])
export class VisitEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'child_file_id', type: 'varchar', length: 36 })
  childFileId: string;

  /** The visitor's unit (the keeping village's, or the township's). */
  @Column({ name: 'unit_id', type: 'varchar', length: 36, nullable: true })
  unitId: string | null;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'datetime', precision: 6 })
  at: Date;

  @Column({ type: 'text', transformer: json<VisitPerson[]>() })
  met: VisitPerson[];

  /** `{checks, findings, position}` sealed as one value. */
  @Column({ name: 'details_sealed', type: 'text' })
  detailsSealed: string;

  /** The due visits it fulfilled. */
  @Column({ type: 'text', transformer: json<VisitReason[]>() })
  fulfilled: VisitReason[];

  /** The report filed from the visit (channel `visit`), if any. */
  @Column({ name: 'report_id', type: 'varchar', length: 36, nullable: true })
  reportId: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}

/**
 * A visit on a file's plan, on the clock like an order's clock: the sweep finds it through the
 * indexed `next_due_at` (its next stage: reminder at 80 %, 督办 at 100 %, red list at 200 %), and
 * records each stage once. `dedupKey` makes planning the same visit twice (two servers, a retry)
 * impossible: `<fileId>:<reason>:<what it is for>`.
 */
@Entity('visit_dues')
@Index('UQ_visit_dues_dedup', ['dedupKey'], { unique: true })
@Index('IDX_visit_dues_next_due', ['nextDueAt'])
@Index('IDX_visit_dues_unit_open', ['unitId', 'doneAt', 'dueAt'])
@Index('IDX_visit_dues_file', ['childFileId'])
@Index('IDX_visit_dues_division_open', ['divisionCode', 'doneAt', 'cancelledAt', 'dueAt'])
@Index('IDX_visit_dues_due_figures', [
  'dueAt',
  'divisionCode',
  'unitId',
  'escalationLevel',
  'startedAt',
  'doneAt',
  'cancelledAt',
])
export class VisitDueEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'child_file_id', type: 'varchar', length: 36 })
  childFileId: string;

  /** The unit that owes the visit: the file's keeping unit, moving with the file. */
  @Column({ name: 'unit_id', type: 'varchar', length: 36, nullable: true })
  unitId: string | null;

  @Column({ name: 'division_code', type: 'varchar', length: 12 })
  divisionCode: string;

  @Column({ type: 'varchar', length: 16 })
  reason: VisitReason;

  @Column({ name: 'dedup_key', type: 'varchar', length: 100 })
  dedupKey: string;

  @Column({ name: 'started_at', type: 'datetime', precision: 6 })
  startedAt: Date;

  @Column({ name: 'due_at', type: 'datetime', precision: 6 })
  dueAt: Date;

  @Column({ type: 'varchar', length: 8, default: 'running' })
  stage: ClockStage;

  /** When the sweep next has something to record; null once done, cancelled or on the red list. */
  @Column({ name: 'next_due_at', type: 'datetime', precision: 6, nullable: true })
  nextDueAt: Date | null;

  @Column({ name: 'escalation_level', type: 'integer', default: 0 })
  escalationLevel: number;

  @Column({ name: 'done_at', type: 'datetime', precision: 6, nullable: true })
  doneAt: Date | null;

  @Column({ name: 'visit_id', type: 'varchar', length: 36, nullable: true })
  visitId: string | null;

  /** Set when the plan no longer needs it (the file was closed); it stops on the clock. */
  @Column({ name: 'cancelled_at', type: 'datetime', precision: 6, nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}

/** A county's school holiday start (寒假、暑假), kept by the administrator. */
@Entity('school_holidays')
@Index('UQ_school_holidays_county_start', ['countyCode', 'startsOn'], { unique: true })
@Index('UQ_school_holidays_county_kind_year', ['countyCode', 'kind', 'startsYear'], {
  unique: true,
})
@Index('IDX_school_holidays_unplanned', ['duesCreatedAt', 'startsOn'])
export class SchoolHolidayEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @Column({ type: 'varchar', length: 8 })
  kind: SchoolHolidayKind;

  /** Beijing `YYYY-MM-DD`. */
  @Column({ name: 'starts_on', type: 'varchar', length: 10 })
  startsOn: string;

  /** The calendar year of `startsOn`: one holiday of a kind per county and year. */
  @Column({ name: 'starts_year', type: 'integer', default: 0 })
  startsYear: number;

  /** When the sweep put the holiday's visits on the plan; null until the holiday starts. */
  @Column({ name: 'dues_created_at', type: 'datetime', precision: 6, nullable: true })
  duesCreatedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}
