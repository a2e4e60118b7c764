import type { EntityManager } from 'typeorm';
import { DEFAULT_VISIT_POLICY } from '@shouhu/shared';
import type {
  PriorityFile,
  SchoolHolidaysRepository,
} from '../children/school-holidays.repository';
import type { ChildFileEventEntity } from '../children/child-file.entity';
import type { ChildFilesRepository } from '../children/child-files.repository';
import type { SchoolHolidayEntity } from '../children/visit.entity';
import type { PlannedVisitDue, VisitDuesRepository } from '../children/visit-dues.repository';
import type { VisitPolicyRepository } from '../children/visit-policy.repository';
import type { TransactionRunner } from '../database/transaction-runner';
import type { Inbox } from '../inbox/inbox';
import type { NewInboxMessage } from '../inbox/inbox.repository';
import { HolidayVisits } from './holiday-visits';

const manager = {} as EntityManager;
const NOW = new Date('2027-01-20T00:01:00+08:00');

const WINTER: SchoolHolidayEntity = {
  id: 'winter',
  countyCode: '341324',
  kind: 'winter',
  startsOn: '2027-01-20',
  startsYear: 2027,
  duesCreatedAt: null,
  createdAt: NOW,
};

const aFile = (i: number, unitId: string | null): PriorityFile => ({
  id: `file-${String(i).padStart(4, '0')}`,
  unitId,
  divisionCode: '341324100203',
});

/**
 * The planner over in-memory holidays and files: `lockStarted` answers the holiday until it is
 * marked planned, `priorityFiles` the files after the cursor, 500 at most.
 */
function setUp(files: PriorityFile[], alreadyPlanned: string[] = []) {
  let planned = false;
  const plannedDues: PlannedVisitDue[] = [];
  const messages: { unitIds: (string | null | undefined)[]; message: NewInboxMessage }[] = [];
  const holidays = {
    lockStarted: jest.fn(async (_: EntityManager, today: string) =>
      !planned && WINTER.startsOn <= today ? WINTER : null,
    ),
    priorityFiles: jest.fn(
      async (_: EntityManager, _county: string, after: PriorityFile | null, limit: number) => {
        const from = after ? files.findIndex((f) => f.id === after.id) + 1 : 0;
        return files.slice(from, from + limit);
      },
    ),
    markDuesCreated: jest.fn(async () => {
      planned = true;
    }),
  };
  const dues = {
    plan: jest.fn(async (_: EntityManager, due: PlannedVisitDue) => {
      plannedDues.push(due);
      return !alreadyPlanned.includes(due.childFileId);
    }),
    refreshNextVisitDue: jest.fn(async () => undefined),
  };
  const lines: ChildFileEventEntity[] = [];
  const childFiles = {
    appendEvent: jest.fn(async (_: EntityManager, event: ChildFileEventEntity) => {
      lines.push(event);
    }),
  };
  const policies = { current: jest.fn(async () => DEFAULT_VISIT_POLICY) };
  const inbox = {
    toUnits: jest.fn(
      async (
        _: EntityManager,
        unitIds: readonly (string | null | undefined)[],
        message: NewInboxMessage,
      ) => {
        messages.push({ unitIds: [...unitIds], message });
      },
    ),
  };
  const transactions = {
    run: jest.fn(async <T>(work: (m: EntityManager) => Promise<T>) => work(manager)),
  };
  const sut = new HolidayVisits(
    holidays as unknown as SchoolHolidaysRepository,
    dues as unknown as VisitDuesRepository,
    childFiles as unknown as ChildFilesRepository,
    policies as unknown as VisitPolicyRepository,
    inbox as unknown as Inbox,
    transactions as unknown as TransactionRunner,
  );
  return { sut, holidays, dues, plannedDues, messages, transactions, lines };
}

describe(HolidayVisits.name, () => {
  it('plans nothing before the holiday’s Beijing day', async () => {
    const { sut, dues } = setUp([aFile(1, 'v1')]);

    expect(await sut.plan(new Date('2027-01-19T23:59:00+08:00'))).toBe(0);
    expect(dues.plan).not.toHaveBeenCalled();
  });

  it('plans each file’s visit from the holiday’s 00:00 for holidayDays, keyed by file and first day', async () => {
    const { sut, plannedDues, dues } = setUp([aFile(1, 'v1')]);

    expect(await sut.plan(NOW)).toBe(1);
    expect(plannedDues).toEqual([
      {
        childFileId: 'file-0001',
        unitId: 'v1',
        divisionCode: '341324100203',
        reason: 'holiday',
        dedupKey: 'file-0001:holiday:2027-01-20',
        startedAt: new Date('2027-01-20T00:00:00+08:00'),
        dueAt: new Date('2027-01-27T00:00:00+08:00'),
      },
    ]);
    expect(dues.refreshNextVisitDue).toHaveBeenCalledWith(manager, 'file-0001');
  });

  it('works in batches of 500, a transaction each, going on after the last file of the one before', async () => {
    const files = Array.from({ length: 1203 }, (_, i) => aFile(i, 'v1'));
    const { sut, holidays, transactions } = setUp(files);

    expect(await sut.plan(NOW)).toBe(1203);
    expect(holidays.priorityFiles.mock.calls.map(([, , after]) => after?.id ?? null)).toEqual([
      null,
      'file-0499',
      'file-0999',
    ]);
    // Three batches, then one that finds the holiday planned.
    expect(transactions.run).toHaveBeenCalledTimes(4);
    expect(holidays.markDuesCreated).toHaveBeenCalledTimes(1);
    expect(holidays.markDuesCreated).toHaveBeenCalledWith(manager, 'winter', NOW);
  });

  it('marks the holiday planned after a full last batch only once an empty one follows', async () => {
    const { sut, holidays } = setUp(Array.from({ length: 500 }, (_, i) => aFile(i, 'v1')));

    await sut.plan(NOW);

    expect(holidays.priorityFiles).toHaveBeenCalledTimes(2);
    expect(holidays.markDuesCreated).toHaveBeenCalledTimes(1);
  });

  it('tells each keeping unit once per batch, counting only the visits this call planned', async () => {
    const files = [aFile(1, 'v1'), aFile(2, 'v1'), aFile(3, 'v1'), aFile(4, 'v2'), aFile(5, null)];
    const { sut, messages } = setUp(files, ['file-0002']);

    expect(await sut.plan(NOW)).toBe(4);
    expect(messages).toEqual([
      {
        unitIds: ['v1'],
        message: {
          kind: 'new_visit',
          text: '寒假开始了，新安排了2次假期走访：请在1月27日前完成走访。',
          page: 'children/index/index',
        },
      },
      {
        unitIds: ['v2'],
        message: {
          kind: 'new_visit',
          text: '寒假开始了，新安排了一次假期走访：请在1月27日前完成走访。',
          page: 'children/file/index?id=file-0004',
        },
      },
    ]);
  });

  it('writes a timeline line on each file whose visit this call planned', async () => {
    const files = [aFile(1, 'v1'), aFile(2, 'v1'), aFile(3, null)];
    const { sut, lines } = setUp(files, ['file-0002']);

    await sut.plan(NOW);
    expect(lines.map((line) => [line.childFileId, line.kind, line.text])).toEqual([
      ['file-0001', 'visit_planned', '安排了一次假期走访，请在1月27日前完成。'],
      ['file-0003', 'visit_planned', '安排了一次假期走访，请在1月27日前完成。'],
    ]);
  });
});
