import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { nextVisitStageAt, type VisitReason } from '@shouhu/shared';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { VisitDueEntity } from './visit.entity';

/** What planning a visit says; the clock's state starts fresh. */
export type PlannedVisitDue = Pick<
  VisitDueEntity,
  'childFileId' | 'unitId' | 'divisionCode' | 'reason' | 'dedupKey' | 'startedAt' | 'dueAt'
>;

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
    await manager
      .createQueryBuilder()
      .insert()
      .into(VisitDueEntity)
      .values(row)
      .orIgnore()
      .execute();
    // Whether the row is ours: drivers disagree on what an ignored insert answers (MariaDB the
    // RETURNING rows, MySQL affectedRows, SQLite only the last rowid), but our own row, by our
    // own id, is always visible to us.
    return manager.getRepository(VisitDueEntity).existsBy({ id: row.id });
  }

  /**
   * When the file's next visit falls due: the earliest `dueAt` of its open dues (not done, not
   * cancelled), or null when none is open. What `child_files.next_visit_due_at` must say after a
   * change to the file's dues.
   */
  async earliestOpenDueAt(manager: EntityManager, childFileId: string): Promise<Date | null> {
    const earliest = await manager.getRepository(VisitDueEntity).findOne({
      select: { id: true, dueAt: true },
      where: { childFileId, doneAt: IsNull(), cancelledAt: IsNull() },
      order: { dueAt: 'ASC' },
    });
    return earliest?.dueAt ?? null;
  }

  // 控辍保学: the 复学巩固回访 of a return (dedupKey `<fileId>:dropout_check:<returnedAt ISO>`).

  /**
   * Takes the file's open dues of `reason` off the clock (a dropout who left 已复学 before the
   * check: the check no longer applies).
   */
  async cancelOpen(
    manager: EntityManager,
    childFileId: string,
    reason: VisitReason,
    at: Date,
  ): Promise<void> {
    await manager
      .getRepository(VisitDueEntity)
      .update(
        { childFileId, reason, doneAt: IsNull(), cancelledAt: IsNull() },
        { cancelledAt: at, nextDueAt: null },
      );
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
