import type { ReceivingDepartment } from './departments';
import type { Priority } from './priorities';
import { longestPrefixUnit, route } from './routing';
import { SITUATIONS, type SituationCode } from './situations';

type Expected = [lead: ReceivingDepartment, assists: ReceivingDepartment[], priority: Priority];

function summary(situations: SituationCode[], immediateDanger = false, repeat = false): Expected {
  const routing = route({ situations, immediateDanger }, { repeat });
  const lead = routing.orders.filter((o) => o.role === 'lead');
  expect(lead).toHaveLength(1);
  for (const order of routing.orders) expect(order.priority).toBe(routing.priority);
  return [
    lead[0].department,
    routing.orders.filter((o) => o.role === 'assist').map((o) => o.department),
    routing.priority,
  ];
}

describe('route', () => {
  it.each<[SituationCode, Expected]>([
    ['private_part_injury', ['police', ['civil_affairs', 'township'], 'P1']],
    ['sexual_assault_under14', ['police', ['civil_affairs', 'township'], 'P1']],
    ['sexual_assault_pregnancy', ['police', ['civil_affairs', 'township'], 'P1']],
    ['violence_abuse', ['police', ['civil_affairs', 'township'], 'P1']],
    ['abnormal_injury_death', ['police', ['civil_affairs', 'township'], 'P1']],
    ['abandoned_unattended', ['police', ['civil_affairs', 'township'], 'P1']],
    ['missing_trafficked', ['police', ['civil_affairs', 'township'], 'P1']],
    ['organized_begging', ['police', ['civil_affairs', 'township'], 'P1']],
    ['other_serious_harm', ['police', ['civil_affairs', 'township'], 'P1']],
    ['living_alone', ['police', ['civil_affairs', 'township'], 'P2']],
    ['guardianship_absent', ['civil_affairs', ['township'], 'P2']],
    ['street_child', ['police', ['civil_affairs'], 'P2']],
    ['accident_emergency', ['civil_affairs', ['township'], 'P2']],
    ['carer_neglect', ['civil_affairs', ['township'], 'P3']],
    ['dropout', ['township', ['education'], 'P3']],
    ['poverty_hardship', ['township', [], 'P3']],
    ['disability_illness', ['township', [], 'P3']],
    ['mental_health', ['township', ['education'], 'P3']],
    ['consultation', ['township', [], 'P3']],
  ])('routes %s alone', (code, expected) => {
    expect(summary([code])).toEqual(expected);
  });

  it('covers every situation in the table above', () => {
    expect(SITUATIONS).toHaveLength(19);
  });

  it.each<[SituationCode[], Expected]>([
    [
      ['dropout', 'mental_health'],
      ['township', ['education'], 'P3'],
    ],
    [
      ['dropout', 'guardianship_absent'],
      ['civil_affairs', ['township', 'education'], 'P2'],
    ],
    [
      ['dropout', 'violence_abuse'],
      ['police', ['civil_affairs', 'township', 'education'], 'P1'],
    ],
    [
      ['poverty_hardship', 'street_child'],
      ['police', ['civil_affairs', 'township'], 'P2'],
    ],
  ])(
    'routes the combination %j to every named department, led by the strongest',
    (codes, expected) => {
      expect(summary(codes)).toEqual(expected);
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

  it('says why each department was named', () => {
    const routing = route({ situations: ['dropout'], immediateDanger: false }, { repeat: false });

    expect(routing.orders.find((o) => o.department === 'education')?.reasons).toEqual([
      '情形“不上学了，或无故旷课一周以上、劝不回来”需通知',
    ]);
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
