import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { nextVisitStageAt } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
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
}

/** mysql2 answers `{affectedRows}`; better-sqlite3 `{changes}`. */
function rowsAffected(raw: unknown): number {
  const value = raw as { affectedRows?: number; changes?: number } | undefined;
  return value?.affectedRows ?? value?.changes ?? 0;
}
