import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { nextVisitStageAt, type VisitReason } from '@shouhu/shared';
import { In, IsNull, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { VisitDueEntity } from './visit.entity';

/** What planning a visit says; the clock's state starts fresh. */
export type PlannedVisitDue = Pick<
  VisitDueEntity,
  'childFileId' | 'unitId' | 'divisionCode' | 'reason' | 'dedupKey' | 'startedAt' | 'dueAt'
>;

/** The visit plan's rows: only this repository writes `visit_dues`. */
@Injectable()
export class VisitDuesRepository {
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
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(VisitDueEntity)
      .values(row)
      .orIgnore()
      .execute();
    return rowsAffected(result.raw) > 0;
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
}

/** mysql2 answers `{affectedRows}`; better-sqlite3 `{changes}`. */
function rowsAffected(raw: unknown): number {
  const value = raw as { affectedRows?: number; changes?: number } | undefined;
  return value?.affectedRows ?? value?.changes ?? 0;
}
