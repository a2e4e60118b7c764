import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { nextVisitStageAt, type VisitReason } from '@shouhu/shared';
import { DataSource, In, IsNull, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { updateEach } from '../database/update-each';
import { ChildFileEntity } from './child-file.entity';
import { VisitDueEntity } from './visit.entity';
import { insertRows } from '../database/insert-rows';

/** What planning a visit says; the clock's state starts fresh. */
export type PlannedVisitDue = Pick<
  VisitDueEntity,
  'childFileId' | 'unitId' | 'divisionCode' | 'reason' | 'dedupKey' | 'startedAt' | 'dueAt'
>;

/** What the sweep moves on a due: its clock's stage and where the sweep finds it next. */
export type VisitDueStage = Pick<VisitDueEntity, 'id' | 'stage' | 'escalationLevel' | 'nextDueAt'>;

/** The visit plan's rows: only this repository writes `visit_dues`. */
@Injectable()
export class VisitDuesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Puts a visit on the plan unless one with the same `dedupKey` is there already (planned by
   * another server, or by a retry): `INSERT IGNORE` on the unique key, so neither waits nor fails.
   * Returns whether this call planned it.
   */
  async plan(manager: EntityManager, due: PlannedVisitDue, now: Date): Promise<boolean> {
    const row: VisitDueEntity = {
      ...due,
      id: randomUUID(),
      stage: 'running',
      nextDueAt: nextVisitStageAt({ ...due, stage: 'running' }),
      escalationLevel: 0,
      doneAt: null,
      visitId: null,
      cancelledAt: null,
      createdAt: now,
    };
    await insertRows(manager, VisitDueEntity, [row], 'ignore');
    // Read back, not counted: an ignored insert is answered differently by each driver (mysql2
    // counts rows, MariaDB with RETURNING lists them, better-sqlite3 names the last row id).
    return manager.getRepository(VisitDueEntity).exists({ where: { id: row.id } });
  }

  // The sweep (reminder at 80 %, 督办 at 100 %, red list at 200 %).

  /**
   * Up to `limit` open dues (not done, not cancelled) whose next stage is due by `now`, found
   * through the indexed `next_due_at` and locked until the sweep's transaction ends. On MariaDB a
   * due another server's sweep holds is skipped (`FOR UPDATE SKIP LOCKED`, as orders are), so
   * two servers share the work and neither records a stage twice.
   */
  async lockSweepable(manager: EntityManager, now: Date, limit: number): Promise<VisitDueEntity[]> {
    const query = manager
      .getRepository(VisitDueEntity)
      .createQueryBuilder('d')
      .where('d.next_due_at <= :now', { now })
      .andWhere('d.done_at IS NULL')
      .andWhere('d.cancelled_at IS NULL')
      .orderBy('d.next_due_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .take(limit);
    if (manager.connection.options.type !== 'better-sqlite3') {
      query.setLock('pessimistic_write').setOnLocked('skip_locked');
    }
    return query.getMany();
  }

  /** Stores the stages a sweep batch moved dues to, and when each has something to record next. */
  async saveStages(manager: EntityManager, dues: readonly VisitDueStage[]): Promise<void> {
    await updateEach(
      manager,
      VisitDueEntity,
      { stage: 'stage', escalationLevel: 'escalation_level', nextDueAt: 'next_due_at' },
      dues,
    );
  }

  // Upkeep of the files' `next_visit_due_at`.

  /**
   * Sets each file's `next_visit_due_at` (the lists' "next visit") to the earliest `due_at` of
   * its open dues, null when none is open, in one statement that locks the file rows: call it in
   * the transaction that planned, fulfilled or cancelled dues, after it did.
   */
  async refreshNextVisitDue(manager: EntityManager, ...fileIds: string[]): Promise<void> {
    const ids = [...new Set(fileIds)];
    if (ids.length === 0) return;
    const earliest = manager
      .createQueryBuilder()
      .subQuery()
      .select('MIN(d.due_at)')
      .from(VisitDueEntity, 'd')
      .where('d.child_file_id = child_files.id')
      .andWhere('d.done_at IS NULL')
      .andWhere('d.cancelled_at IS NULL')
      .getQuery();
    await manager
      .createQueryBuilder()
      .update(ChildFileEntity)
      .set({ nextVisitDueAt: () => earliest })
      .where({ id: In(ids) })
      .execute();
  }

  // A file's own plan: what a visit fulfils, and what closing, a move or a lost category change.

  /**
   * The file's open dues (neither done nor cancelled), locked until the transaction ends on
   * MariaDB, so a sweep running at the same moment records no stage of a due being fulfilled.
   */
  async lockOpenOf(manager: EntityManager, childFileId: string): Promise<VisitDueEntity[]> {
    const query = manager
      .getRepository(VisitDueEntity)
      .createQueryBuilder('d')
      .where({ childFileId, doneAt: IsNull(), cancelledAt: IsNull() })
      .orderBy('d.due_at', 'ASC')
      .addOrderBy('d.id', 'ASC');
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return query.getMany();
  }

  /** Marks dues done by a visit made at `doneAt`: off the clock, no stage left to record. */
  async fulfil(
    manager: EntityManager,
    ids: readonly string[],
    visitId: string,
    doneAt: Date,
  ): Promise<void> {
    if (ids.length === 0) return;
    await manager
      .getRepository(VisitDueEntity)
      .update({ id: In([...ids]) }, { doneAt, visitId, nextDueAt: null });
  }

  /** Takes the file's open dues (only those of `reasons`, when given) off the plan at `now`. */
  async cancelOpen(
    manager: EntityManager,
    childFileId: string,
    now: Date,
    reasons?: readonly VisitReason[],
  ): Promise<void> {
    const where: FindOptionsWhere<VisitDueEntity> = {
      childFileId,
      doneAt: IsNull(),
      cancelledAt: IsNull(),
      ...(reasons ? { reason: In([...reasons]) } : {}),
    };
    await manager
      .getRepository(VisitDueEntity)
      .update(where, { cancelledAt: now, nextDueAt: null });
  }

  /** Hands the file's open dues to the unit and place it moved to ("档案资料一并转接"). */
  async moveOpen(
    manager: EntityManager,
    childFileId: string,
    to: { unitId: string | null; divisionCode: string },
  ): Promise<void> {
    await manager
      .getRepository(VisitDueEntity)
      .update({ childFileId, doneAt: IsNull(), cancelledAt: IsNull() }, to);
  }

  /** When the file's soonest open due falls due (its `next_visit_due_at`); null when none is open. */
  async earliestOpenDueAt(manager: EntityManager, childFileId: string): Promise<Date | null> {
    const row = await manager
      .getRepository(VisitDueEntity)
      .createQueryBuilder('d')
      .where({ childFileId, doneAt: IsNull(), cancelledAt: IsNull() })
      .orderBy('d.due_at', 'ASC')
      .limit(1)
      .getOne();
    return row?.dueAt ?? null;
  }

  /** The file's open due of `reason` (the latest planned, should there be two), or null. */
  openOfFile(
    manager: EntityManager,
    childFileId: string,
    reason: VisitReason,
  ): Promise<VisitDueEntity | null> {
    return manager.getRepository(VisitDueEntity).findOne({
      where: { childFileId, reason, doneAt: IsNull(), cancelledAt: IsNull() },
      order: { startedAt: 'DESC' },
    });
  }

  /** File id → its open due of `reason` (the latest planned, should there be two). */
  async openOfFiles(
    childFileIds: string[],
    reason: VisitReason,
  ): Promise<Map<string, VisitDueEntity>> {
    if (childFileIds.length === 0) return new Map();
    const dues = await this.dataSource.getRepository(VisitDueEntity).find({
      where: { childFileId: In(childFileIds), reason, doneAt: IsNull(), cancelledAt: IsNull() },
      order: { startedAt: 'ASC' },
    });
    return new Map(dues.map((due) => [due.childFileId, due]));
  }
}
