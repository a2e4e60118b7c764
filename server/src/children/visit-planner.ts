import { Injectable } from '@nestjs/common';
import {
  VISIT_REASONS,
  dropoutCheckWindowOnReopen,
  onQuarterlyPlan,
  quarterlyPlanChange,
  quarterlyVisitWindow,
  type VisitReason,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { ChildFileEntity } from './child-file.entity';
import { VisitDuesRepository } from './visit-dues.repository';
import { VisitPolicyRepository } from './visit-policy.repository';

/** What the plan reads of a file. */
export type PlanFile = Pick<
  ChildFileEntity,
  | 'id'
  | 'status'
  | 'categories'
  | 'unitId'
  | 'divisionCode'
  | 'lastVisitAt'
  | 'dropoutState'
  | 'dropoutReturnedAt'
>;

/** What a visit did to the plan; the caller stores the two dates with the file. */
export interface VisitFulfilment {
  /** The reasons of the dues it fulfilled, in `VISIT_REASONS` order. */
  fulfilled: VisitReason[];
  lastVisitAt: Date;
  nextVisitDueAt: Date | null;
}

/**
 * The quarterly visit plan of each file (季度走访) and what visits and changes of the file do to
 * every due on its plan. Runs in the transaction of the change, with the file locked by the
 * caller; answers the file's `nextVisitDueAt` (the soonest open due), which the caller stores with
 * the file. A quarterly due is planned once per occasion: the plan's (re)start
 * (`<file>:quarterly:<start ISO>`) or the visit it follows (`<file>:quarterly:visit-<visit id>`).
 */
@Injectable()
export class VisitPlanner {
  constructor(
    private readonly dues: VisitDuesRepository,
    private readonly policies: VisitPolicyRepository,
  ) {}

  /**
   * After a file is opened (`before` null) or changed: its open dues follow a move to the new
   * keeping unit and place; closing (销号) cancels every open due; losing the last category
   * cancels the quarterly one; coming onto the plan (opened with a category, first category,
   * reopened) plans a quarterly visit counted from `now`; reopening a file whose child is 已复学
   * plans the return's 30-day check again (`dropoutCheckWindowOnReopen`).
   */
  async fileChanged(
    manager: EntityManager,
    before: PlanFile | null,
    after: PlanFile,
    now: Date,
  ): Promise<Date | null> {
    if (before && (before.unitId !== after.unitId || before.divisionCode !== after.divisionCode)) {
      await this.dues.moveOpen(manager, after.id, {
        unitId: after.unitId,
        divisionCode: after.divisionCode,
      });
    }
    const change = quarterlyPlanChange(before, after);
    if (before?.status === 'active' && after.status === 'closed') {
      await this.dues.cancelOpen(manager, after.id, now);
    } else if (change === 'stop') {
      await this.dues.cancelOpen(manager, after.id, now, ['quarterly']);
    } else if (change === 'start') {
      await this.planQuarterly(manager, after, now, now, now.toISOString());
    }
    if (before?.status === 'closed' && after.status === 'active') {
      await this.planReturnCheck(manager, after, now);
    }
    return this.dues.earliestOpenDueAt(manager, after.id);
  }

  /**
   * A visit made at `visit.at` fulfils every open due whose window had started by then (a visit
   * before a window opened does not count for it). The last visit is the latest one known (a
   * visit sent late from a phone without signal may be older); while the file is on the plan and
   * no quarterly due is left open, the next one is counted from the last visit.
   */
  async visited(
    manager: EntityManager,
    file: PlanFile,
    visit: { id: string; at: Date },
    now: Date,
  ): Promise<VisitFulfilment> {
    const open = await this.dues.lockOpenOf(manager, file.id);
    const done = open.filter((due) => due.startedAt <= visit.at);
    await this.dues.fulfil(
      manager,
      done.map((due) => due.id),
      visit.id,
      visit.at,
    );
    const lastVisitAt =
      file.lastVisitAt && file.lastVisitAt > visit.at ? file.lastVisitAt : visit.at;
    const quarterlyLeft = open.some((due) => due.reason === 'quarterly' && !done.includes(due));
    if (onQuarterlyPlan(file) && !quarterlyLeft) {
      // Keyed by the visit it follows: a visit at the very moment the plan started (the file
      // opened) has the start's time, and its next quarterly visit is another one.
      await this.planQuarterly(manager, file, lastVisitAt, now, `visit-${visit.id}`);
    }
    const reasons = new Set(done.map((due) => due.reason));
    return {
      fulfilled: VISIT_REASONS.filter((reason) => reasons.has(reason)),
      lastVisitAt,
      nextVisitDueAt: await this.dues.earliestOpenDueAt(manager, file.id),
    };
  }

  /** The 30-day check of a reopened file's return, keyed by the reopening. */
  private async planReturnCheck(manager: EntityManager, file: PlanFile, now: Date): Promise<void> {
    if (file.dropoutState !== 'returned' || !file.dropoutReturnedAt) return;
    const policy = await this.policies.current(manager);
    await this.dues.plan(
      manager,
      {
        childFileId: file.id,
        unitId: file.unitId,
        divisionCode: file.divisionCode,
        reason: 'dropout_check',
        dedupKey: `${file.id}:dropout_check:reopened-${now.toISOString()}`,
        ...dropoutCheckWindowOnReopen(file.dropoutReturnedAt, now, policy),
      },
      now,
    );
  }

  /** A quarterly visit counted from `since`, planned once per `occasion` (dedup key). */
  private async planQuarterly(
    manager: EntityManager,
    file: PlanFile,
    since: Date,
    now: Date,
    occasion: string,
  ): Promise<void> {
    const window = quarterlyVisitWindow(since, await this.policies.current(manager));
    await this.dues.plan(
      manager,
      {
        childFileId: file.id,
        unitId: file.unitId,
        divisionCode: file.divisionCode,
        reason: 'quarterly',
        dedupKey: `${file.id}:quarterly:${occasion}`,
        ...window,
      },
      now,
    );
  }
}
