import type { ClockStage } from './clocks';
import {
  addDays,
  nextVisitStageAt,
  planVisitEscalation,
  visitEscalationChain,
  type VisitEscalationUnit,
  type VisitReason,
} from './visits';

const COUNTY: VisitEscalationUnit = {
  id: 'county',
  name: '泗县联席办',
  department: 'coordinator',
  divisionPrefixes: ['341324'],
};
const CITY: VisitEscalationUnit = {
  id: 'city',
  name: '宿州市联席办',
  department: 'coordinator',
  divisionPrefixes: ['3413'],
};
const TOWNSHIP: VisitEscalationUnit = {
  id: 'town',
  name: '泗城镇儿童督导站',
  department: 'township',
  divisionPrefixes: ['341324100'],
};
const OTHER_TOWNSHIP: VisitEscalationUnit = {
  id: 'other-town',
  name: '墩集镇儿童督导站',
  department: 'township',
  divisionPrefixes: ['341324101'],
};
/** Keeps the village's files; never on a visit's chain, which runs above it. */
const VILLAGE: VisitEscalationUnit = {
  id: 'village',
  name: '关庙村（儿童主任）',
  department: 'village',
  divisionPrefixes: ['341324100203'],
};
const POLICE: VisitEscalationUnit = {
  id: 'police',
  name: '泗县公安局',
  department: 'police',
  divisionPrefixes: ['341324'],
};
const UNITS = [CITY, COUNTY, TOWNSHIP, OTHER_TOWNSHIP, VILLAGE, POLICE];
const PLACE = '341324100203';

const START = new Date('2026-12-01T08:00:00+08:00');
const DAY = 24 * 3600_000;

/** A quarterly visit of 10 days from START, at `stage`. */
function aDue(
  stage: ClockStage = 'running',
  escalationLevel = 0,
  reason: VisitReason = 'quarterly',
) {
  return { reason, startedAt: START, dueAt: addDays(START, 10), stage, escalationLevel };
}

const at = (days: number) => new Date(START.getTime() + days * DAY);

describe(visitEscalationChain.name, () => {
  it('names the township unit of the place and the county coordinator, never the village or another department', () => {
    expect(visitEscalationChain(PLACE, UNITS)).toEqual({ township: TOWNSHIP, coordinator: COUNTY });
  });

  it('takes the closest coordinator (the county before the city)', () => {
    expect(visitEscalationChain(PLACE, [CITY, TOWNSHIP]).coordinator).toBe(CITY);
    expect(visitEscalationChain(PLACE, [COUNTY, CITY]).coordinator).toBe(COUNTY);
  });

  it('has no township for a file the township keeps itself: its 督办 goes to the county', () => {
    expect(visitEscalationChain(PLACE, UNITS, TOWNSHIP.id)).toEqual({
      township: null,
      coordinator: COUNTY,
    });
    expect(visitEscalationChain(PLACE, UNITS, 'a-village-unit')).toEqual({
      township: TOWNSHIP,
      coordinator: COUNTY,
    });
  });

  it('has no township where no township unit covers the place', () => {
    expect(visitEscalationChain('341324101205', [COUNTY, TOWNSHIP])).toEqual({
      township: null,
      coordinator: COUNTY,
    });
    expect(visitEscalationChain('341322100201', [COUNTY, TOWNSHIP])).toEqual({
      township: null,
      coordinator: null,
    });
  });
});

describe(planVisitEscalation.name, () => {
  const chain = visitEscalationChain(PLACE, UNITS);

  it('records nothing before 80 %', () => {
    expect(planVisitEscalation(aDue(), chain, at(7.99))).toEqual({
      steps: [],
      escalationLevel: 0,
      stage: 'running',
    });
  });

  it('reminds the keeping unit at 80 %: no one escalated to, level unchanged', () => {
    const plan = planVisitEscalation(aDue(), chain, at(8));

    expect(plan.steps).toEqual([
      {
        stage: 'reminded',
        kind: 'reminder',
        escalatedTo: null,
        text: '季度走访期限将至，请在2026年12月11日 08:00前完成走访',
      },
    ]);
    expect(plan).toMatchObject({ escalationLevel: 0, stage: 'reminded' });
  });

  it('escalates (督办) to the township at 100 % and lists red to the county at 200 %, each once', () => {
    const overdue = planVisitEscalation(aDue('reminded'), chain, at(10));
    const red = planVisitEscalation(aDue('overdue', 1), chain, at(20));

    expect(overdue.steps).toEqual([
      {
        stage: 'overdue',
        kind: 'overdue',
        escalatedTo: TOWNSHIP,
        text: '季度走访已超时未完成，已督办至泗城镇儿童督导站',
      },
    ]);
    expect(overdue).toMatchObject({ escalationLevel: 1, stage: 'overdue' });
    expect(red.steps).toEqual([
      {
        stage: 'red',
        kind: 'red_list',
        escalatedTo: COUNTY,
        text: '季度走访超时已达期限两倍，已上报泗县联席办，列入红色清单',
      },
    ]);
    expect(red).toMatchObject({ escalationLevel: 2, stage: 'red' });
  });

  it('records every stage a late sweep passed, in order, once each', () => {
    const plan = planVisitEscalation(aDue(), chain, at(45));

    expect(plan.steps.map((s) => [s.kind, s.escalatedTo?.id ?? null])).toEqual([
      ['reminder', null],
      ['overdue', 'town'],
      ['red_list', 'county'],
    ]);
    expect(plan).toMatchObject({ escalationLevel: 2, stage: 'red' });
  });

  it('records nothing again for a stage already recorded: a second sweep adds nothing', () => {
    const first = planVisitEscalation(aDue(), chain, at(12));
    const second = planVisitEscalation(
      { ...aDue(), stage: first.stage, escalationLevel: first.escalationLevel },
      chain,
      at(12),
    );

    expect(first.steps.map((s) => s.kind)).toEqual(['reminder', 'overdue']);
    expect(second).toEqual({ steps: [], escalationLevel: 1, stage: 'overdue' });
    expect(planVisitEscalation(aDue('red', 2), chain, at(400)).steps).toEqual([]);
  });

  it('never lowers the level', () => {
    expect(planVisitEscalation(aDue('reminded', 2), chain, at(10)).escalationLevel).toBe(2);
  });

  it('escalates to the county at 100 % already when no township unit covers the place', () => {
    const plan = planVisitEscalation(
      aDue('reminded'),
      { township: null, coordinator: COUNTY },
      at(20),
    );

    expect(plan.steps.map((s) => [s.kind, s.escalatedTo, s.text])).toEqual([
      ['overdue', COUNTY, '季度走访已超时未完成，已督办至泗县联席办'],
      ['red_list', COUNTY, '季度走访超时已达期限两倍，已上报泗县联席办，列入红色清单'],
    ]);
  });

  it('falls back to the township at the red list without a coordinator, and to the administrator without either', () => {
    const noCounty = planVisitEscalation(
      aDue('overdue', 1),
      { township: TOWNSHIP, coordinator: null },
      at(20),
    );
    const none = planVisitEscalation(
      aDue('overdue', 1),
      { township: null, coordinator: null },
      at(20),
    );

    expect(noCounty.steps.map((s) => [s.escalatedTo, s.text])).toEqual([
      [TOWNSHIP, '季度走访超时已达期限两倍，已上报泗城镇儿童督导站，列入红色清单'],
    ]);
    expect(none.steps.map((s) => s.text)).toEqual([
      '季度走访超时已达期限两倍，已上报系统管理员，列入红色清单',
    ]);
  });

  it('names each reason by its label', () => {
    const texts = (['follow_up', 'holiday', 'dropout_check'] as const).map(
      (reason) => planVisitEscalation(aDue('reminded', 0, reason), chain, at(10)).steps[0].text,
    );

    expect(texts).toEqual([
      '案后回访已超时未完成，已督办至泗城镇儿童督导站',
      '假期走访已超时未完成，已督办至泗城镇儿童督导站',
      '复学巩固回访已超时未完成，已督办至泗城镇儿童督导站',
    ]);
  });
});

describe(nextVisitStageAt.name, () => {
  it('is the next stage of the clock: 80 %, 100 %, 200 %, then none', () => {
    const due = aDue();

    expect(nextVisitStageAt({ ...due, stage: 'running' })).toEqual(at(8));
    expect(nextVisitStageAt({ ...due, stage: 'reminded' })).toEqual(at(10));
    expect(nextVisitStageAt({ ...due, stage: 'overdue' })).toEqual(at(20));
    expect(nextVisitStageAt({ ...due, stage: 'red' })).toBeNull();
  });

  it('is where the sweep finds each stage planVisitEscalation records', () => {
    const chain = visitEscalationChain(PLACE, UNITS);
    let due = aDue();
    const kinds: string[] = [];
    for (let next = nextVisitStageAt(due); next; next = nextVisitStageAt(due)) {
      const plan = planVisitEscalation(due, chain, next);
      kinds.push(...plan.steps.map((s) => s.kind));
      due = { ...due, stage: plan.stage, escalationLevel: plan.escalationLevel };
    }

    expect(kinds).toEqual(['reminder', 'overdue', 'red_list']);
  });
});
