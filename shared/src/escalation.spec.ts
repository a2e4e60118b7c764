import type { ClockName, ClockStage } from './clocks';
import {
  escalationChain,
  escalationLevelText,
  planEscalation,
  type EscalationChain,
  type EscalationUnit,
  type SweptClock,
} from './escalation';

const CITY: EscalationUnit = {
  id: 'city',
  name: '宿州市联席办',
  department: 'coordinator',
  parentId: null,
  divisionPrefixes: ['3413'],
};
const COUNTY: EscalationUnit = {
  id: 'county',
  name: '泗县联席办',
  department: 'coordinator',
  parentId: 'city',
  divisionPrefixes: ['341324'],
};
const ORPHAN_COUNTY: EscalationUnit = { ...COUNTY, id: 'orphan', parentId: null };
const TOWNSHIP: EscalationUnit = {
  id: 'town',
  name: '泗城镇',
  department: 'township',
  parentId: null,
  divisionPrefixes: ['341324100'],
};
/** A village unit under the township: it keeps files but is never on an order's chain. */
const VILLAGE: EscalationUnit = {
  id: 'village',
  name: '关庙村（儿童主任）',
  department: 'village',
  parentId: 'town',
  divisionPrefixes: ['341324100203'],
};

const FULL: EscalationChain<EscalationUnit> = { coordinator: COUNTY, parent: CITY };
const NO_PARENT: EscalationChain<EscalationUnit> = { coordinator: ORPHAN_COUNTY, parent: null };
const NOBODY: EscalationChain<EscalationUnit> = { coordinator: null, parent: null };

const START = new Date('2026-12-01T00:00:00+08:00');
/** `percent` of the way from the start to the deadline of a 10-hour clock. */
const at = (percent: number) => new Date(START.getTime() + 10 * 3600_000 * (percent / 100));

/** A clock started at START, due after `hours` (DUE for the 10 of most rows). */
function aClock(clock: ClockName, stage: ClockStage = 'running', hours = 10): SweptClock {
  return { clock, startedAt: START, dueAt: new Date(START.getTime() + hours * 3600_000), stage };
}

describe(escalationChain.name, () => {
  it.each<[string, string, EscalationUnit[], string | null, string | null]>([
    [
      'a county coordinator and its city',
      '341324100201',
      [CITY, COUNTY, TOWNSHIP],
      'county',
      'city',
    ],
    ['the city alone', '341323100201', [CITY, COUNTY, TOWNSHIP], 'city', null],
    ['a coordinator without a parent', '341324100201', [ORPHAN_COUNTY], 'orphan', null],
    ['a parent that is gone', '341324100201', [COUNTY], 'county', null],
    ['no coordinator, only a township', '341324100201', [TOWNSHIP], null, null],
    [
      'an order in a village with its own unit: the county and the city still',
      '341324100203',
      [VILLAGE, TOWNSHIP, CITY, COUNTY],
      'county',
      'city',
    ],
    [
      'no coordinator, only a village and its township',
      '341324100203',
      [VILLAGE, TOWNSHIP],
      null,
      null,
    ],
  ])('%s', (_, divisionCode, units, coordinator, parent) => {
    const chain = escalationChain(divisionCode, units);

    expect([chain.coordinator?.id ?? null, chain.parent?.id ?? null]).toEqual([
      coordinator,
      parent,
    ]);
  });
});

describe(planEscalation.name, () => {
  type Row = [
    string,
    ClockStage,
    number,
    EscalationChain<EscalationUnit>,
    { kind: string; to: string | null; text: string }[],
  ];

  it.each<Row>([
    ['a running clock before 80 %', 'running', 79, FULL, []],
    [
      'a running clock at 80 %',
      'running',
      80,
      FULL,
      [{ kind: 'reminder', to: null, text: '签收期限将至，请在2026年12月1日 10:00前办理' }],
    ],
    [
      'a reminded clock at its deadline',
      'reminded',
      100,
      FULL,
      [{ kind: 'overdue', to: 'county', text: '签收已超时，已督办至泗县联席办' }],
    ],
    [
      'an overdue clock at twice its span',
      'overdue',
      200,
      FULL,
      [
        {
          kind: 'red_list',
          to: 'city',
          text: '签收超时已达期限两倍，已上报宿州市联席办，列入红色清单',
        },
      ],
    ],
    [
      'a sweep that ran late: every stage once, in order',
      'running',
      250,
      FULL,
      [
        { kind: 'reminder', to: null, text: '签收期限将至，请在2026年12月1日 10:00前办理' },
        { kind: 'overdue', to: 'county', text: '签收已超时，已督办至泗县联席办' },
        {
          kind: 'red_list',
          to: 'city',
          text: '签收超时已达期限两倍，已上报宿州市联席办，列入红色清单',
        },
      ],
    ],
    [
      'the red list without a parent unit goes to the coordinator',
      'overdue',
      200,
      NO_PARENT,
      [
        {
          kind: 'red_list',
          to: 'orphan',
          text: '签收超时已达期限两倍，已上报泗县联席办，列入红色清单',
        },
      ],
    ],
    [
      'no coordinator: the administrator is named',
      'reminded',
      100,
      NOBODY,
      [{ kind: 'overdue', to: null, text: '签收已超时，已督办至系统管理员' }],
    ],
    ['a clock already on the red list', 'red', 400, FULL, []],
  ])('%s', (_, stage, percent, chain, expected) => {
    const plan = planEscalation(
      { escalationLevel: 0, clocks: [aClock('sign', stage)] },
      chain,
      at(percent),
    );

    expect(
      plan.steps.map((s) => ({ kind: s.kind, to: s.escalatedTo?.id ?? null, text: s.text })),
    ).toEqual(expected);
  });

  it.each<[string, number, ClockStage, number, number]>([
    ['a reminder leaves the level', 0, 'running', 80, 0],
    ['督办 raises it to 1', 0, 'reminded', 100, 1],
    ['the red list raises it to 2', 1, 'overdue', 200, 2],
    ['a late sweep goes straight to 2', 0, 'running', 200, 2],
    ['a reminder of another clock never lowers it', 2, 'running', 80, 2],
  ])('%s', (_, before, stage, percent, after) => {
    const plan = planEscalation(
      { escalationLevel: before, clocks: [aClock('contact', stage)] },
      FULL,
      at(percent),
    );

    expect(plan.escalationLevel).toBe(after);
  });

  it.each<[string, SweptClock[], number, { clock: ClockName; stage: string } | null]>([
    ['nothing escalated', [aClock('sign')], 80, null],
    [
      'one clock past its deadline',
      [aClock('sign', 'reminded')],
      100,
      { clock: 'sign', stage: 'overdue' },
    ],
    [
      'the first red clock over an earlier overdue one',
      [aClock('sign', 'reminded', 20), aClock('contact', 'overdue'), aClock('resolve', 'overdue')],
      200,
      { clock: 'contact', stage: 'red' },
    ],
    [
      'the first clock past its deadline, of two',
      [aClock('sign', 'reminded'), aClock('contact', 'reminded')],
      100,
      { clock: 'sign', stage: 'overdue' },
    ],
  ])('texts the duty phones once: %s', (_, clocks, percent, highest) => {
    const plan = planEscalation({ escalationLevel: 0, clocks }, FULL, at(percent));

    expect(plan.highest).toEqual(highest);
  });
});

describe(escalationLevelText.name, () => {
  it.each<[number, string | null]>([
    [0, null],
    [1, '已督办'],
    [2, '已督办 2 级（红色清单）'],
  ])('%s → %s', (level, text) => {
    expect(escalationLevelText(level)).toBe(text);
  });
});
