import {
  SITUATIONS,
  SITUATION_CODES,
  SITUATION_SHORT_LABELS,
  isSituationCode,
  situation,
  situationsIn,
} from './situations';

describe('situations', () => {
  it('describes every situation code exactly once', () => {
    expect(SITUATIONS.map((s) => s.code).sort()).toEqual([...SITUATION_CODES].sort());
  });

  it.each([
    ['statutory', 9, 'police', 'P1'],
    ['guardianship', 4, 'civil_affairs', 'P2'],
    ['welfare', 6, 'township', 'P3'],
  ] as const)('has %s situations led by %s at %s', (category, count, lead, priority) => {
    const inCategory = situationsIn(category);
    expect(inCategory).toHaveLength(count);
    for (const s of inCategory) {
      expect(s.lead).toBe(lead);
      expect(s.priority).toBe(priority);
    }
  });

  it('notifies civil affairs and the township on every statutory situation', () => {
    for (const s of situationsIn('statutory')) {
      expect([...s.notify].sort()).toEqual(['civil_affairs', 'township']);
    }
  });

  it.each([
    ['living_alone', ['police', 'township']],
    ['guardianship_absent', ['police', 'township']],
    ['street_child', ['police']],
    ['accident_emergency', ['police', 'township']],
    ['carer_neglect', ['civil_affairs']],
    ['dropout', ['education']],
    ['poverty_hardship', ['civil_affairs']],
    ['disability_illness', ['civil_affairs']],
    ['mental_health', ['education']],
    ['consultation', []],
  ] as const)('notifies the departments domain.md names for %s', (code, notify) => {
    expect(situation(code).notify).toEqual(notify);
  });

  it('sends every guardianship situation to the police too (泗政办秘〔2020〕9号)', () => {
    for (const s of situationsIn('guardianship')) expect(s.notify).toContain('police');
  });

  it('never lists a situation’s lead among the departments it also notifies', () => {
    for (const s of SITUATIONS) expect(s.notify).not.toContain(s.lead);
  });

  it('gives every situation a legal and a plain label of its own', () => {
    for (const kind of ['plainLabel', 'legalLabel'] as const) {
      const labels = SITUATIONS.map((s) => s[kind].trim());
      expect(labels).not.toContain('');
      expect(new Set(labels).size).toBe(SITUATIONS.length);
    }
  });

  it('recognises codes and rejects anything else', () => {
    expect(isSituationCode('dropout')).toBe(true);
    expect(isSituationCode('Dropout')).toBe(false);
    expect(isSituationCode(42)).toBe(false);
    expect(() => situation('nope' as never)).toThrow('unknown situation code');
  });
});

describe('SITUATION_SHORT_LABELS', () => {
  it('gives every situation a distinct key of at most six characters', () => {
    const labels = SITUATION_CODES.map((code) => SITUATION_SHORT_LABELS[code]);
    expect(new Set(labels).size).toBe(SITUATION_CODES.length);
    for (const label of labels) expect(Array.from(label).length).toBeLessThanOrEqual(6);
  });
});

describe('nobody cares for the child vs someone does, badly', () => {
  const abandoned = situation('abandoned_unattended');
  const neglect = situation('carer_neglect');

  it.each([
    ['plain label', abandoned.plainLabel, neglect.plainLabel],
    [
      'quick key',
      SITUATION_SHORT_LABELS.abandoned_unattended,
      SITUATION_SHORT_LABELS.carer_neglect,
    ],
  ])('says so in the %s: 没人管 for the one, 有人管 for the other', (_, nobody, badly) => {
    expect(nobody).toContain('没人管');
    expect(nobody).not.toContain('有人管');
    expect(badly).toContain('有人管');
    expect(badly).not.toContain('没人管');
  });

  it('keeps them in different tables: the first is statutory (police, P1)', () => {
    expect([abandoned.category, abandoned.lead, abandoned.priority]).toEqual([
      'statutory',
      'police',
      'P1',
    ]);
    expect(neglect.category).toBe('welfare');
  });
});
