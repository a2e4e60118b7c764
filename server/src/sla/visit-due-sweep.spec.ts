import type { ClockStage, VisitReason } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { ChildFileEventEntity } from '../children/child-file.entity';
import type { ChildFilesRepository } from '../children/child-files.repository';
import type { VisitDueEntity } from '../children/visit.entity';
import type { VisitDuesRepository, VisitDueStage } from '../children/visit-dues.repository';
import type { TransactionRunner } from '../database/transaction-runner';
import type { Inbox, UnitsMessage } from '../inbox/inbox';
import type { NewInboxMessage } from '../inbox/inbox.repository';
import type { UnitRecord } from '../units/unit';
import type { HolidayVisits } from './holiday-visits';
import { VisitDueSweep } from './visit-due-sweep';

const START = new Date('2026-12-01T08:00:00+08:00');
const DAY = 24 * 3600_000;
const manager = {} as EntityManager;

function aUnit(overrides: Partial<UnitRecord> & Pick<UnitRecord, 'id'>): UnitRecord {
  return {
    name: overrides.id,
    department: 'township',
    parentId: null,
    divisionPrefixes: [],
    dutyPhone: null,
    createdAt: START,
    ...overrides,
  };
}

const COUNTY = aUnit({
  id: 'county',
  name: '泗县联席办',
  department: 'coordinator',
  divisionPrefixes: ['341324'],
});
const TOWN = aUnit({ id: 'town', name: '泗城镇儿童督导站', divisionPrefixes: ['341324100'] });
const VILLAGE = aUnit({
  id: 'village',
  name: '关庙村（儿童主任）',
  department: 'village',
  divisionPrefixes: ['341324100203'],
});
const UNITS = [COUNTY, TOWN, VILLAGE];

/** A due of 10 days from START kept by the village unit. */
function aDue(id: string, stage: ClockStage = 'running', reason: VisitReason = 'quarterly') {
  return {
    id,
    childFileId: `file-${id}`,
    unitId: VILLAGE.id,
    divisionCode: '341324100203',
    reason,
    dedupKey: `file-${id}:${reason}:x`,
    startedAt: START,
    dueAt: new Date(START.getTime() + 10 * DAY),
    stage,
    nextDueAt: START,
    escalationLevel: stage === 'overdue' ? 1 : 0,
    doneAt: null,
    visitId: null,
    cancelledAt: null,
    createdAt: START,
  } satisfies VisitDueEntity;
}

/** The sweep over in-memory dues at `now`, each batch what `lockSweepable` answers in turn. */
function setUp(now: Date, batches: VisitDueEntity[][]) {
  const queue = [...batches];
  const events: ChildFileEventEntity[] = [];
  const stages: VisitDueStage[] = [];
  const messages: { unitIds: (string | null | undefined)[]; message: NewInboxMessage }[] = [];
  const dues = {
    lockSweepable: jest.fn(async () => queue.shift() ?? []),
    saveStages: jest.fn(async (_: EntityManager, saved: VisitDueStage[]) => {
      stages.push(...saved);
    }),
  };
  const files = {
    appendEvents: jest.fn(async (_: EntityManager, appended: ChildFileEventEntity[]) => {
      events.push(...appended);
    }),
  };
  const holidays = { plan: jest.fn(async () => 0) };
  const audit = {
    record: jest.fn<Promise<void>, Parameters<AuditService['record']>>(async () => undefined),
  };
  const inbox = {
    toUnitsEach: jest.fn(async (_: EntityManager, told: UnitsMessage[]) => {
      messages.push(...told.map(({ unitIds, message }) => ({ unitIds: [...unitIds], message })));
    }),
  };
  const transactions = {
    run: jest.fn(async <T>(work: (m: EntityManager) => Promise<T>) => work(manager)),
  };
  const sut = new VisitDueSweep(
    dues as unknown as VisitDuesRepository,
    files as unknown as ChildFilesRepository,
    holidays as unknown as HolidayVisits,
    audit as unknown as AuditService,
    inbox as unknown as Inbox,
    transactions as unknown as TransactionRunner,
  );
  return { sut: () => sut.sweep(now, UNITS), dues, holidays, audit, events, stages, messages };
}

const at = (days: number) => new Date(START.getTime() + days * DAY);

describe(VisitDueSweep.name, () => {
  it('reminds the keeping unit at 80 %: a timeline line, its inbox, no audit, next stage at 100 %', async () => {
    const { sut, audit, events, stages, messages } = setUp(at(8), [[aDue('d1')]]);

    expect(await sut()).toEqual({ planned: 0, dues: 1, events: 1 });

    expect(events.map((e) => [e.childFileId, e.kind, e.text, e.actorUserId])).toEqual([
      ['file-d1', 'reminder', '季度走访期限将至，请在2026年12月11日 08:00前完成走访。', null],
    ]);
    expect(messages).toEqual([
      {
        unitIds: ['village'],
        message: {
          kind: 'reminder',
          text: '一次季度走访期限将至，请在2026年12月11日 08:00前完成走访。',
          page: 'children/file/index?id=file-d1',
        },
      },
    ]);
    expect(audit.record).not.toHaveBeenCalled();
    expect(stages).toEqual([
      { id: 'd1', stage: 'reminded', escalationLevel: 0, nextDueAt: at(10) },
    ]);
  });

  it('escalates to the township at 100 % (keeping unit told too) and to the county at 200 % (township told too)', async () => {
    const { sut, audit, events, stages, messages } = setUp(at(20), [[aDue('d1', 'reminded')]]);

    expect(await sut()).toEqual({ planned: 0, dues: 1, events: 2 });

    expect(events.map((e) => e.kind)).toEqual(['overdue', 'red_list']);
    expect(messages.map((m) => [m.message.kind, m.unitIds])).toEqual([
      ['overdue', ['town', 'village']],
      ['red_list', ['county', 'town']],
    ]);
    expect(audit.record.mock.calls.map(([, actor, entry]) => [actor, entry])).toEqual([
      [
        null,
        {
          action: 'visit.overdue',
          targetType: 'child_file',
          targetId: 'file-d1',
          divisionCode: '341324100203',
          detail: { visitDueId: 'd1', reason: 'quarterly', escalatedTo: 'town' },
        },
      ],
      [
        null,
        {
          action: 'visit.red_list',
          targetType: 'child_file',
          targetId: 'file-d1',
          divisionCode: '341324100203',
          detail: { visitDueId: 'd1', reason: 'quarterly', escalatedTo: 'county' },
        },
      ],
    ]);
    expect(stages).toEqual([{ id: 'd1', stage: 'red', escalationLevel: 2, nextDueAt: null }]);
  });

  it('writes no text that names the child, the village or the situation', async () => {
    const { sut, events, messages } = setUp(at(20), [[aDue('d1', 'running', 'follow_up')]]);

    await sut();

    for (const text of [...events.map((e) => e.text), ...messages.map((m) => m.message.text)]) {
      expect(text).not.toMatch(/关庙|村|儿童主任/);
    }
  });

  it('plans the holidays that started before it escalates, and takes batches of 50 until one comes back short', async () => {
    const full = Array.from({ length: 50 }, (_, i) => aDue(`d${i}`));
    const { sut, dues, holidays } = setUp(at(8), [full, [aDue('last')]]);
    holidays.plan.mockResolvedValueOnce(3);

    expect(await sut()).toEqual({ planned: 3, dues: 51, events: 51 });
    expect(dues.lockSweepable).toHaveBeenCalledTimes(2);
    expect(holidays.plan.mock.invocationCallOrder[0]).toBeLessThan(
      dues.lockSweepable.mock.invocationCallOrder[0],
    );
  });
});
