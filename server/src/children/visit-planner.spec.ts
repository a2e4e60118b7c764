import { DEFAULT_VISIT_POLICY, type VisitReason } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { PlannedVisitDue, VisitDuesRepository } from './visit-dues.repository';
import { VisitPlanner, type PlanFile } from './visit-planner';
import type { VisitPolicyRepository } from './visit-policy.repository';
import type { VisitDueEntity } from './visit.entity';

const manager = {} as EntityManager;
const DAY = 24 * 3600_000;
const T0 = new Date('2026-05-01T02:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

/** The plan's rows in memory, as `VisitDuesRepository` keeps them. */
class InMemoryDues {
  rows: VisitDueEntity[] = [];

  async plan(_: EntityManager, due: PlannedVisitDue, now: Date): Promise<boolean> {
    if (this.rows.some((row) => row.dedupKey === due.dedupKey)) return false;
    this.rows.push({
      ...due,
      id: `due-${this.rows.length + 1}`,
      stage: 'running',
      nextDueAt: null,
      escalationLevel: 0,
      doneAt: null,
      visitId: null,
      cancelledAt: null,
      createdAt: now,
    });
    return true;
  }

  open(fileId: string) {
    return this.rows.filter((r) => r.childFileId === fileId && !r.doneAt && !r.cancelledAt);
  }

  async lockOpenOf(_: EntityManager, fileId: string) {
    return this.open(fileId);
  }

  async fulfil(_: EntityManager, ids: string[], visitId: string, doneAt: Date) {
    for (const row of this.rows.filter((r) => ids.includes(r.id))) {
      Object.assign(row, { doneAt, visitId });
    }
  }

  async cancelOpen(_: EntityManager, fileId: string, now: Date, reasons?: VisitReason[]) {
    for (const row of this.open(fileId).filter((r) => !reasons || reasons.includes(r.reason))) {
      row.cancelledAt = now;
    }
  }

  async moveOpen(_: EntityManager, fileId: string, to: Partial<VisitDueEntity>) {
    for (const row of this.open(fileId)) Object.assign(row, to);
  }

  async earliestOpenDueAt(_: EntityManager, fileId: string) {
    const dues = this.open(fileId).map((r) => r.dueAt.getTime());
    return dues.length > 0 ? new Date(Math.min(...dues)) : null;
  }
}

function setUp() {
  const dues = new InMemoryDues();
  const policies = { current: async () => DEFAULT_VISIT_POLICY };
  const sut = new VisitPlanner(
    dues as unknown as VisitDuesRepository,
    policies as unknown as VisitPolicyRepository,
  );
  return { sut, dues };
}

const aFile = (overrides: Partial<PlanFile> = {}): PlanFile => ({
  id: 'file-1',
  status: 'active',
  categories: ['left_behind'],
  unitId: 'unit-village',
  divisionCode: '341324100203',
  lastVisitAt: null,
  dropoutState: null,
  dropoutReturnedAt: null,
  ...overrides,
});

const summary = (rows: VisitDueEntity[]) =>
  rows.map((r) => ({
    reason: r.reason,
    startedAt: r.startedAt,
    open: !r.doneAt && !r.cancelledAt,
  }));

describe(VisitPlanner.name, () => {
  describe('fileChanged', () => {
    it('plans a quarterly visit for a file opened with a category, due a quarter later', async () => {
      const { sut, dues } = setUp();

      const next = await sut.fileChanged(manager, null, aFile(), T0);

      expect(next).toEqual(at(90));
      expect(summary(dues.rows)).toEqual([{ reason: 'quarterly', startedAt: T0, open: true }]);
    });

    it('plans nothing for a file without a category', async () => {
      const { sut, dues } = setUp();

      expect(await sut.fileChanged(manager, null, aFile({ categories: [] }), T0)).toBeNull();
      expect(dues.rows).toEqual([]);
    });

    it('cancels every open visit when the file is closed, the quarterly only when its last category goes', async () => {
      const { sut, dues } = setUp();
      await sut.fileChanged(manager, null, aFile(), T0);
      await dues.plan(manager, { ...dues.rows[0], reason: 'follow_up', dedupKey: 'f' }, T0);

      await sut.fileChanged(manager, aFile(), aFile({ categories: [] }), at(1));
      expect(dues.open('file-1').map((r) => r.reason)).toEqual(['follow_up']);

      await sut.fileChanged(manager, aFile({ categories: [] }), aFile({ status: 'closed' }), at(2));
      expect(dues.open('file-1')).toEqual([]);
    });

    it('moves open visits with the file and plans again from a reopening', async () => {
      const { sut, dues } = setUp();
      await sut.fileChanged(manager, null, aFile(), T0);
      const moved = aFile({ unitId: 'unit-village-2', divisionCode: '341324100207' });

      await sut.fileChanged(manager, aFile(), moved, at(1));
      expect(dues.rows[0]).toMatchObject({
        unitId: 'unit-village-2',
        divisionCode: '341324100207',
      });

      await sut.fileChanged(manager, moved, { ...moved, status: 'closed' }, at(2));
      const next = await sut.fileChanged(manager, { ...moved, status: 'closed' }, moved, at(3));
      expect(next).toEqual(at(93));
    });
  });

  describe('fileChanged: a reopened file of a child back at school (已复学)', () => {
    const returned = aFile({ dropoutState: 'returned', dropoutReturnedAt: T0 });
    const closed = { ...returned, status: 'closed' as const };
    const checks = (dues: InMemoryDues) =>
      dues.open('file-1').filter((r) => r.reason === 'dropout_check');

    it('plans the 30-day check again in its own window while that is still ahead', async () => {
      const { sut, dues } = setUp();

      await sut.fileChanged(manager, closed, returned, at(10));

      expect(checks(dues).map((r) => [r.startedAt, r.dueAt])).toEqual([[at(30), at(37)]]);
    });

    it('opens the check at the reopening once its own window has passed', async () => {
      const { sut, dues } = setUp();

      await sut.fileChanged(manager, closed, returned, at(40));

      expect(checks(dues).map((r) => [r.startedAt, r.dueAt])).toEqual([[at(40), at(47)]]);
    });

    it('plans no check for a reopened file in another state, nor for a change that is no reopening', async () => {
      const { sut, dues } = setUp();
      const persuading = { ...returned, dropoutState: 'persuading' as const };

      await sut.fileChanged(manager, { ...persuading, status: 'closed' }, persuading, at(10));
      await sut.fileChanged(manager, returned, { ...returned, categories: [] }, at(11));

      expect(checks(dues)).toEqual([]);
    });
  });

  describe('visited', () => {
    it('fulfils the visits whose window had opened and counts the next quarter from the visit', async () => {
      const { sut, dues } = setUp();
      await sut.fileChanged(manager, null, aFile(), T0);
      await dues.plan(
        manager,
        {
          ...dues.rows[0],
          reason: 'dropout_check',
          dedupKey: 'd',
          startedAt: at(40),
          dueAt: at(47),
        },
        T0,
      );

      const visit = await sut.visited(manager, aFile(), { id: 'visit-1', at: at(20) }, at(21));

      expect(visit).toEqual({
        fulfilled: ['quarterly'],
        lastVisitAt: at(20),
        nextVisitDueAt: at(47),
      });
      expect(summary(dues.rows)).toEqual([
        { reason: 'quarterly', startedAt: T0, open: false },
        { reason: 'dropout_check', startedAt: at(40), open: true },
        { reason: 'quarterly', startedAt: at(20), open: true },
      ]);
    });

    it('plans the next quarter even for a visit at the very moment the plan started', async () => {
      const { sut, dues } = setUp();
      await sut.fileChanged(manager, null, aFile(), T0);

      const visit = await sut.visited(manager, aFile(), { id: 'visit-1', at: T0 }, T0);

      expect(visit.nextVisitDueAt).toEqual(at(90));
      expect(dues.open('file-1')).toHaveLength(1);
    });

    it('keeps the later last visit when an older visit arrives late, and plans nothing twice', async () => {
      const { sut, dues } = setUp();
      await sut.fileChanged(manager, null, aFile(), T0);
      await sut.visited(manager, aFile(), { id: 'visit-late', at: at(30) }, at(31));

      const older = await sut.visited(
        manager,
        aFile({ lastVisitAt: at(30) }),
        { id: 'visit-early', at: at(10) },
        at(32),
      );

      expect(older).toEqual({ fulfilled: [], lastVisitAt: at(30), nextVisitDueAt: at(120) });
      expect(dues.open('file-1')).toHaveLength(1);
    });

    it('plans no quarterly visit for a file off the plan, but still fulfils what it owes', async () => {
      const { sut, dues } = setUp();
      await dues.plan(
        manager,
        {
          childFileId: 'file-1',
          unitId: 'unit-village',
          divisionCode: '341324100203',
          reason: 'follow_up',
          dedupKey: 'f',
          startedAt: T0,
          dueAt: at(30),
        },
        T0,
      );

      const visit = await sut.visited(
        manager,
        aFile({ categories: [] }),
        { id: 'visit-1', at: at(5) },
        at(5),
      );

      expect(visit).toEqual({ fulfilled: ['follow_up'], lastVisitAt: at(5), nextVisitDueAt: null });
    });
  });
});
