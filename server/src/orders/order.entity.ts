import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type {
  ClockName,
  ClockStage,
  OrderRole,
  OrderStatus,
  Outcome,
  Priority,
  ReceivingDepartment,
} from '@shouhu/shared';
import { json } from '../database/column-transformers';

/** One department's work order (工单) for a report, with its own clocks. */
@Entity('orders')
@Index('IDX_orders_report', ['reportId'])
@Index('IDX_orders_unit_list', ['unitId', 'dueAt', 'createdAt'])
@Index('IDX_orders_unit_status', ['unitId', 'status', 'reportId'])
@Index('IDX_orders_due_list', ['dueAt', 'createdAt', 'id', 'divisionCode', 'unitId'])
@Index('IDX_orders_unrouted', ['unrouted', 'dueAt'])
@Index('IDX_orders_escalated', ['escalationLevel', 'dueAt', 'createdAt', 'divisionCode', 'unitId'])
@Index('IDX_orders_extension', ['extensionPendingDays'])
@Index('IDX_orders_low_rating', ['lowRating', 'dueAt', 'createdAt', 'id', 'divisionCode', 'unitId'])
@Index('IDX_orders_division', ['divisionCode'])
@Index('IDX_orders_next_due', ['nextDueAt'])
export class OrderEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'report_id', type: 'varchar', length: 36 })
  reportId: string;

  @Column({ type: 'varchar', length: 16 })
  department: ReceivingDepartment;

  @Column({ type: 'varchar', length: 8 })
  role: OrderRole;

  /** null: no unit and no coordinator covers the division — the admin queue. */
  @Column({ name: 'unit_id', type: 'varchar', length: 36, nullable: true })
  unitId: string | null;

  /** No unit of the department covers the division; waiting for the coordinator to reassign. */
  @Column({ type: 'boolean' })
  unrouted: boolean;

  @Column({ type: 'varchar', length: 16 })
  status: OrderStatus;

  @Column({ type: 'varchar', length: 2 })
  priority: Priority;

  @Column({ name: 'initial_priority', type: 'varchar', length: 2 })
  initialPriority: Priority;

  /** The report's division, kept here so coordinators' scopes need no join. */
  @Column({ name: 'division_code', type: 'varchar', length: 12 })
  divisionCode: string;

  @Column({ name: 'dispatched_at', type: 'datetime', precision: 6 })
  dispatchedAt: Date;

  @Column({ name: 'signed_at', type: 'datetime', precision: 6, nullable: true })
  signedAt: Date | null;

  @Column({ name: 'contacted_at', type: 'datetime', precision: 6, nullable: true })
  contactedAt: Date | null;

  @Column({ name: 'resolved_at', type: 'datetime', precision: 6, nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'return_due_at', type: 'datetime', precision: 6 })
  returnDueAt: Date;

  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome: Outcome | null;

  @Column({ name: 'reporter_summary', type: 'varchar', length: 500, nullable: true })
  reporterSummary: string | null;

  /** Working days asked for (0 for the P1 ladder) while an extension waits for the coordinator. */
  @Column({ name: 'extension_pending_days', type: 'integer', nullable: true })
  extensionPendingDays: number | null;

  @Column({ name: 'extensions_granted', type: 'integer' })
  extensionsGranted: number;

  /** 0 none, 1 督办 to the county coordinator, 2 red list at the parent unit. */
  @Column({ name: 'escalation_level', type: 'integer' })
  escalationLevel: number;

  /** Earliest deadline of a running clock: the inbox sorts by it. */
  @Column({ name: 'due_at', type: 'datetime', precision: 6, nullable: true })
  dueAt: Date | null;

  /** When the sweep must next look at this order (reminder, deadline or red list); null when no clock runs. */
  @Column({ name: 'next_due_at', type: 'datetime', precision: 6, nullable: true })
  nextDueAt: Date | null;

  /** The order whose handoff (转接) brought this one in; null when routing made it. */
  @Column({ name: 'handed_off_from', type: 'varchar', length: 36, nullable: true })
  handedOffFrom: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  /**
   * On the coordinator's low-rating queue: the lead order of a low-rated report. Written only by
   * the report's own changes (`reports/low-rating`); saving an order read before them in the same
   * transaction must not write back what it read.
   */
  @Column({ name: 'low_rating', type: 'boolean', default: false, insert: false, update: false })
  lowRating: boolean;
}

/**
 * The drill-down's index on current and retired clocks alike (`StatsRepository.clockOrderPage`):
 * one unit's clocks of one kind in due-time order, then by order, with every column a result's
 * condition reads.
 */
const UNIT_DUE_INDEX = [
  'unitId',
  'clock',
  'dueAt',
  'orderId',
  'divisionCode',
  'stage',
  'interrupted',
  'stoppedAt',
] satisfies (keyof OrderClockEntity & keyof RetiredClockEntity)[];

/**
 * A deadline of an order. It carries copies of its order's unit and place (`unitId`,
 * `divisionCode`) so the figures group a year of clocks from one index without reading each
 * order; the clock planner writes them from the order, and an order changes unit only by getting
 * fresh clocks (改派, 转办), so they never go stale.
 */
@Entity('order_clocks')
@Index('IDX_order_clocks_due_place', [
  'dueAt',
  'divisionCode',
  'unitId',
  'stage',
  'interrupted',
  'startedAt',
  'stoppedAt',
])
@Index('IDX_order_clocks_unit_due', UNIT_DUE_INDEX)
export class OrderClockEntity {
  @PrimaryColumn({ name: 'order_id', type: 'varchar', length: 36 })
  orderId: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  clock: ClockName;

  @Column({ name: 'started_at', type: 'datetime', precision: 6 })
  startedAt: Date;

  @Column({ name: 'due_at', type: 'datetime', precision: 6 })
  dueAt: Date;

  @Column({ type: 'varchar', length: 16 })
  stage: ClockStage;

  @Column({ name: 'stopped_at', type: 'datetime', precision: 6, nullable: true })
  stoppedAt: Date | null;

  /** Stopped by a return (退回), not by the deed: the figures count it neither kept nor missed. */
  @Column({ type: 'boolean', default: false })
  interrupted: boolean;

  /** The order's unit while this clock runs for it; null in the admin queue. */
  @Column({ name: 'unit_id', type: 'varchar', length: 36, nullable: true })
  unitId: string | null;

  /** The order's (the report's) division. */
  @Column({ name: 'division_code', type: 'varchar', length: 12 })
  divisionCode: string;
}

/**
 * A clock an order no longer has: replaced when a 改派 or 转办 gave the order fresh clocks (those
 * still running then were interrupted), or the 办结 clock a 重新办理 restarted. Kept with the unit
 * that held it so the accountability figures count it for that unit (README, Accountability
 * figures); only ever inserted.
 */
@Entity('retired_clocks')
@Index('IDX_retired_clocks_due', ['dueAt'])
@Index('IDX_retired_clocks_order', ['orderId'])
@Index('IDX_retired_clocks_unit_due', UNIT_DUE_INDEX)
export class RetiredClockEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'order_id', type: 'varchar', length: 36 })
  orderId: string;

  @Column({ type: 'varchar', length: 16 })
  clock: ClockName;

  @Column({ name: 'unit_id', type: 'varchar', length: 36, nullable: true })
  unitId: string | null;

  /** The order's (the report's) division. */
  @Column({ name: 'division_code', type: 'varchar', length: 12 })
  divisionCode: string;

  @Column({ name: 'started_at', type: 'datetime', precision: 6 })
  startedAt: Date;

  @Column({ name: 'due_at', type: 'datetime', precision: 6 })
  dueAt: Date;

  /** The stage it had reached when retired. */
  @Column({ type: 'varchar', length: 16 })
  stage: ClockStage;

  /** When it stopped: by the deed, by a return, or when it was replaced. */
  @Column({ name: 'stopped_at', type: 'datetime', precision: 6 })
  stoppedAt: Date;

  @Column({ type: 'boolean' })
  interrupted: boolean;
}

/** The order's timeline; rows are only ever appended. */
@Entity('order_events')
@Index('IDX_order_events_order_at', ['orderId', 'at'])
export class OrderEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'order_id', type: 'varchar', length: 36 })
  orderId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ name: 'actor_user_id', type: 'varchar', length: 36, nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32, nullable: true })
  actorRole: string | null;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'reporter_visible', type: 'boolean' })
  reporterVisible: boolean;

  @Column({ type: 'text', nullable: true, transformer: json<object>() })
  detail: object | null;

  @Column({ type: 'datetime', precision: 6 })
  at: Date;
}
