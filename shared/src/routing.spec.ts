import type { ReceivingDepartment } from './departments';
import type { Priority } from './priorities';
import { longestPrefixUnit, ownPriority, route } from './routing';
import { SITUATION_CODES, type SituationCode } from './situations';

type Expected = [lead: ReceivingDepartment, assists: ReceivingDepartment[], priority: Priority];

function summary(
  situations: SituationCode[],
  immediateDanger = false,
  repeat = false,
  child: { whereaboutsUnknown?: boolean } = {},
): Expected {
  const routing = route({ situations, immediateDanger, child }, { repeat });
  const lead = routing.orders.filter((o) => o.role === 'lead');
  expect(lead).toHaveLength(1);
  for (const order of routing.orders) expect(order.priority).toBe(routing.priority);
  return [
    lead[0].department,
    routing.orders.filter((o) => o.role === 'assist').map((o) => o.department),
    routing.priority,
  ];
}

/**
 * domain.md, Situations and Routing 2, copied by hand: each situation alone → [lead, assists
 * strongest first, priority]. Keyed by code, so a new situation does not compile until it is here.
 */
const DOMAIN_TABLE: Record<SituationCode, Expected> = {
  private_part_injury: ['police', ['civil_affairs', 'township'], 'P1'],
  sexual_assault_under14: ['police', ['civil_affairs', 'township'], 'P1'],
  sexual_assault_pregnancy: ['police', ['civil_affairs', 'township'], 'P1'],
  violence_abuse: ['police', ['civil_affairs', 'township'], 'P1'],
  abnormal_injury_death: ['police', ['civil_affairs', 'township'], 'P1'],
  abandoned_unattended: ['police', ['civil_affairs', 'township'], 'P1'],
  missing_trafficked: ['police', ['civil_affairs', 'township'], 'P1'],
  organized_begging: ['police', ['civil_affairs', 'township'], 'P1'],
  other_serious_harm: ['police', ['civil_affairs', 'township'], 'P1'],
  living_alone: ['civil_affairs', ['police', 'township'], 'P2'],
  guardianship_absent: ['civil_affairs', ['police', 'township'], 'P2'],
  street_child: ['civil_affairs', ['police'], 'P2'],
  accident_emergency: ['civil_affairs', ['police', 'township'], 'P2'],
  carer_neglect: ['township', ['civil_affairs'], 'P3'],
  dropout: ['township', ['education'], 'P3'],
  poverty_hardship: ['township', ['civil_affairs'], 'P3'],
  disability_illness: ['township', ['civil_affairs'], 'P3'],
  mental_health: ['township', ['education'], 'P3'],
  consultation: ['township', [], 'P3'],
};

/** domain.md, Routing 2, copied by hand: police > civil_affairs > township > education. */
const DOMAIN_STRENGTH: ReceivingDepartment[] = ['police', 'civil_affairs', 'township', 'education'];

/** The higher of two priorities: P1 is the most urgent. */
const higherOf = (a: Priority, b: Priority): Priority => (a < b ? a : b);

describe('route', () => {
  it.each(SITUATION_CODES.map((code) => [code, DOMAIN_TABLE[code]] as const))(
    'routes %s alone as domain.md says',
    (code, expected) => {
      expect(summary([code])).toEqual(expected);
    },
  );

  it('knows every situation in the domain table and nothing else', () => {
    expect(Object.keys(DOMAIN_TABLE).sort()).toEqual([...SITUATION_CODES].sort());
  });

  it.each<[SituationCode[], Expected]>([
    [
      ['dropout', 'mental_health'],
      ['township', ['education'], 'P3'],
    ],
    [
      ['dropout', 'guardianship_absent'],
      ['civil_affairs', ['police', 'township', 'education'], 'P2'],
    ],
    [
      ['dropout', 'violence_abuse'],
      ['police', ['civil_affairs', 'township', 'education'], 'P1'],
    ],
    [
      ['poverty_hardship', 'street_child'],
      ['civil_affairs', ['police', 'township'], 'P2'],
    ],
    [
      ['carer_neglect', 'living_alone'],
      ['civil_affairs', ['police', 'township'], 'P2'],
    ],
    [
      ['living_alone', 'abandoned_unattended'],
      ['police', ['civil_affairs', 'township'], 'P1'],
    ],
    [
      ['mental_health', 'consultation'],
      ['township', ['education'], 'P3'],
    ],
  ])(
    'routes the combination %j to every named department, led by the strongest lead department',
    (codes, expected) => {
      expect(summary(codes)).toEqual(expected);
    },
  );

  it.each(SITUATION_CODES.flatMap((a) => SITUATION_CODES.map((b) => [a, b] as const)))(
    'gives %s + %s the stronger lead, every department either names, the higher priority',
    (a, b) => {
      const [leadA, assistsA, priorityA] = DOMAIN_TABLE[a];
      const [leadB, assistsB, priorityB] = DOMAIN_TABLE[b];
      const lead = DOMAIN_STRENGTH.find((d) => d === leadA || d === leadB);
      const named = new Set([leadA, leadB, ...assistsA, ...assistsB]);
      const [actualLead, actualAssists, actualPriority] = summary([a, b]);

      expect(actualLead).toBe(lead);
      expect(actualAssists).toEqual(DOMAIN_STRENGTH.filter((d) => named.has(d) && d !== lead));
      expect(actualPriority).toBe(higherOf(priorityA, priorityB));
    },
  );

  it('forces P1 and a police lead for a child in danger now, whatever the situations', () => {
    const routing = route({ situations: ['dropout'], immediateDanger: true }, { repeat: false });

    expect(summary(['dropout'], true)).toEqual(['police', ['township', 'education'], 'P1']);
    expect(routing.initialPriority).toBe('P3');
    expect(routing.overrides).toEqual([
      { from: 'P3', to: 'P1', reason: '正在面临危险，按紧急处理' },
    ]);
  });

  it.each<[SituationCode, Priority]>([
    ['dropout', 'P2'],
    ['living_alone', 'P1'],
    ['violence_abuse', 'P1'],
  ])('raises a repeat report about %s one level to %s and records why', (code, priority) => {
    const routing = route({ situations: [code], immediateDanger: false }, { repeat: true });

    expect(routing.priority).toBe(priority);
    if (routing.initialPriority === priority) expect(routing.overrides).toEqual([]);
    else
      expect(routing.overrides[0]).toMatchObject({ from: routing.initialPriority, to: priority });
  });

  it.each<[string, SituationCode[], { whereaboutsUnknown?: boolean }, boolean, Expected]>([
    [
      'whereabouts unknown',
      ['dropout'],
      { whereaboutsUnknown: true },
      false,
      ['township', ['police', 'education'], 'P2'],
    ],
    [
      'whereabouts known',
      ['dropout'],
      { whereaboutsUnknown: false },
      false,
      ['township', ['education'], 'P3'],
    ],
    ['whereabouts not asked', ['dropout'], {}, false, ['township', ['education'], 'P3']],
    [
      'whereabouts unknown, no dropout',
      ['poverty_hardship'],
      { whereaboutsUnknown: true },
      false,
      ['township', ['civil_affairs'], 'P3'],
    ],
    [
      'whereabouts unknown, repeat',
      ['dropout'],
      { whereaboutsUnknown: true },
      true,
      ['township', ['police', 'education'], 'P1'],
    ],
    [
      'whereabouts unknown, already P1',
      ['dropout', 'violence_abuse'],
      { whereaboutsUnknown: true },
      false,
      ['police', ['civil_affairs', 'township', 'education'], 'P1'],
    ],
  ])('routes a dropout report, %s', (_, codes, child, repeat, expected) => {
    expect(summary(codes, false, repeat, child)).toEqual(expected);
  });

  it('records why a dropout whose whereabouts are unknown was raised and sent to the police', () => {
    const routing = route(
      { situations: ['dropout'], immediateDanger: false, child: { whereaboutsUnknown: true } },
      { repeat: false },
    );

    expect(routing.initialPriority).toBe('P3');
    expect(routing.overrides).toEqual([
      { from: 'P3', to: 'P2', reason: '辍学儿童去向不明，按加急处理' },
    ]);
    expect(routing.orders.find((o) => o.department === 'police')?.reasons).toEqual([
      '辍学儿童去向不明，请公安协助查找下落',
    ]);
  });

  it('says why each department was named', () => {
    const routing = route({ situations: ['dropout'], immediateDanger: false }, { repeat: false });

    expect(routing.orders.find((o) => o.department === 'education')?.reasons).toEqual([
      '因情形“不上学了，或无故旷课一周以上、劝不回来”，通知本部门协助办理',
    ]);
  });
});

describe('ownPriority', () => {
  it.each<[string, Parameters<typeof ownPriority>[0], Priority, Priority]>([
    ['welfare', { situations: ['dropout'], immediateDanger: false }, 'P3', 'P2'],
    ['guardianship', { situations: ['living_alone'], immediateDanger: false }, 'P2', 'P1'],
    [
      'a dropout nobody can find',
      { situations: ['dropout'], immediateDanger: false, child: { whereaboutsUnknown: true } },
      'P2',
      'P1',
    ],
    ['danger now', { situations: ['dropout'], immediateDanger: true }, 'P1', 'P1'],
    ['statutory', { situations: ['violence_abuse'], immediateDanger: false }, 'P1', 'P1'],
  ])('gives a %s report %s without the repeat raise (%s with it)', (_case, report, own, raised) => {
    expect(ownPriority(report)).toBe(own);
    expect(route(report, { repeat: true }).priority).toBe(raised);
  });
});

describe('longestPrefixUnit', () => {
  const county = { id: 'county', divisionPrefixes: ['341324'] };
  const township = { id: 'town', divisionPrefixes: ['341324100', '341324101'] };
  const village = { id: 'village', divisionPrefixes: ['341324100201'] };

  it.each([
    ['341324100201', 'village'],
    ['341324100202', 'town'],
    ['341324101', 'town'],
    ['341324102', 'county'],
    ['341324', 'county'],
  ])('sends %s to %s', (code, expected) => {
    expect(longestPrefixUnit(code, [county, township, village])?.id).toBe(expected);
  });

  it('finds nothing outside every unit', () => {
    expect(longestPrefixUnit('341322100', [county, township])).toBeNull();
  });
});
