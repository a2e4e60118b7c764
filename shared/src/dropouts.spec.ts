import {
  DROPOUT_FROM_REPORT_TEXT,
  DROPOUT_POLICE_VIAS,
  DROPOUT_STATES,
  DROPOUT_STATE_LABELS,
  DROPOUT_TRANSITIONS,
  WHEREABOUTS_NOTE_MIN,
  daysInState,
  dropoutAfterVisit,
  dropoutChangeErrors,
  dropoutChangeText,
  dropoutCheckInboxText,
  dropoutCheckWindow,
  dropoutPoliceText,
  dropoutStateFigures,
  dropoutTransitionProblem,
  medianRows,
  type DropoutState,
} from './dropouts';
import { isWholeSentence } from './sentences';
import { DEFAULT_VISIT_POLICY, type VisitPolicy } from './visits';

const FROM: (DropoutState | null)[] = [null, ...DROPOUT_STATES];

/** The table of domain.md's loop, written out: from → the states a worker may choose. */
const ALLOWED: Record<string, DropoutState[]> = {
  none: ['persuading'],
  persuading: ['returned', 'whereabouts_unknown'],
  returned: ['persuading', 'whereabouts_unknown'],
  consolidated: ['struck_off', 'persuading'],
  struck_off: ['persuading'],
  whereabouts_unknown: ['persuading', 'returned'],
};

describe(dropoutTransitionProblem.name, () => {
  it.each(FROM.flatMap((from) => DROPOUT_STATES.map((to) => [from, to] as const)))(
    'from %s to %s',
    (from, to) => {
      const allowed = ALLOWED[from ?? 'none'].includes(to);
      const problem = dropoutTransitionProblem(from, to);

      expect(problem === null).toBe(allowed);
      expect(DROPOUT_TRANSITIONS[from ?? 'none'].includes(to)).toBe(allowed);
      if (!allowed) expect(problem).toMatch(/[\u4e00-\u9fff]/u);
    },
  );

  it('never lets a worker choose 巩固: the check visit decides it', () => {
    for (const from of FROM) {
      expect(dropoutTransitionProblem(from, 'consolidated')).toBe(
        '巩固由复学30天后的回访确认，不能直接选择',
      );
    }
  });

  it('names where the file is and where it may not go', () => {
    expect(dropoutTransitionProblem(null, 'returned')).toBe(
      '孩子还不在控辍保学名单上，不能改为“已复学”',
    );
    expect(dropoutTransitionProblem('struck_off', 'returned')).toBe(
      '现在是“销号”，不能改为“已复学”',
    );
  });
});

describe(dropoutChangeErrors.name, () => {
  const note = (n: number) => '孩'.repeat(n);

  it.each([
    ['去向不明 without a note', { state: 'whereabouts_unknown' as const }, true],
    ['去向不明 with 9 characters', { state: 'whereabouts_unknown' as const, note: note(9) }, true],
    [
      '去向不明 with 10 characters of which one is a space',
      { state: 'whereabouts_unknown' as const, note: `${note(9)} ` },
      true,
    ],
    [
      '去向不明 with 10 characters',
      { state: 'whereabouts_unknown' as const, note: note(10) },
      false,
    ],
    ['已复学 without a note', { state: 'returned' as const }, false],
    ['劝返中 with a short note', { state: 'persuading' as const, note: '好' }, false],
  ])('%s: refused %s', (_case, body, refused) => {
    const errors = dropoutChangeErrors(body);

    expect(Object.keys(errors)).toEqual(refused ? ['note'] : []);
    if (refused) expect(errors.note).toContain(`至少${WHEREABOUTS_NOTE_MIN}字`);
  });
});

describe(dropoutChangeText.name, () => {
  it('says the move in the states’ labels, as a whole sentence', () => {
    expect(dropoutChangeText('persuading', 'returned')).toBe('控辍保学：劝返中 → 已复学。');
    expect(dropoutChangeText(null, 'persuading')).toBe('控辍保学：列入控辍保学名单（劝返中）。');
    for (const from of FROM) {
      for (const to of DROPOUT_STATES)
        expect(isWholeSentence(dropoutChangeText(from, to))).toBe(true);
    }
    expect(isWholeSentence(DROPOUT_FROM_REPORT_TEXT)).toBe(true);
  });
});

describe(dropoutPoliceText.name, () => {
  it.each(DROPOUT_POLICE_VIAS)('says the police were brought in (%s), naming no child', (via) => {
    const text = dropoutPoliceText({ via, reportId: 'r', orderId: 'o', unitName: '泗县公安局' });

    expect(text).toContain('公安（泗县公安局）');
    expect(text).toContain('查找孩子下落');
    expect(isWholeSentence(text)).toBe(true);
    expect(isWholeSentence(`${dropoutChangeText('returned', 'whereabouts_unknown')}${text}`)).toBe(
      true,
    );
  });

  it('says the order waits to be placed when it has no unit', () => {
    expect(
      dropoutPoliceText({ via: 'report', reportId: 'r', orderId: 'o', unitName: null }),
    ).toContain('公安（待分派）');
  });
});

describe(dropoutCheckWindow.name, () => {
  const returnedAt = new Date('2026-03-02T10:00:00+08:00');

  it('opens 30 days after the return and closes 7 days later by default', () => {
    expect(dropoutCheckWindow(returnedAt)).toEqual({
      startedAt: new Date('2026-04-01T10:00:00+08:00'),
      dueAt: new Date('2026-04-08T10:00:00+08:00'),
    });
  });

  it('follows the policy an administrator set', () => {
    const policy: VisitPolicy = {
      ...DEFAULT_VISIT_POLICY,
      dropoutCheckDays: 14,
      dropoutCheckWindowDays: 3,
    };

    expect(dropoutCheckWindow(returnedAt, policy)).toEqual({
      startedAt: new Date('2026-03-16T10:00:00+08:00'),
      dueAt: new Date('2026-03-19T10:00:00+08:00'),
    });
  });
});

describe(dropoutCheckInboxText.name, () => {
  it('names the kind of visit and its window in Beijing time, nothing of the child', () => {
    const window = dropoutCheckWindow(new Date('2026-03-02T10:00:00+08:00'));

    expect(dropoutCheckInboxText(window)).toBe(
      '有一次复学巩固回访：请在4月1日 10:00至4月8日 10:00之间完成走访。',
    );
  });
});

describe(dropoutAfterVisit.name, () => {
  const returnedAt = new Date('2026-03-02T10:00:00+08:00');
  const opens = new Date('2026-04-01T10:00:00+08:00');
  const normal = { result: 'normal' as const };
  const concern = { result: 'concern' as const, finding: '又没去上学' };

  it.each([
    ['attending, once the window opened', 'consolidated', 'returned', opens, normal],
    [
      'attending, after the window closed',
      'consolidated',
      'returned',
      new Date('2026-05-01'),
      normal,
    ],
    ['not attending, in the window', 'persuading', 'returned', opens, concern],
    [
      'attending, a minute before the window',
      null,
      'returned',
      new Date(opens.getTime() - 60_000),
      normal,
    ],
    ['a file still persuading', null, 'persuading', opens, normal],
    ['a file already consolidated', null, 'consolidated', opens, normal],
  ] as const)('%s → %s', (_case, expected, state, at, schooling) => {
    expect(dropoutAfterVisit({ state, returnedAt }, { at, schooling })).toBe(expected);
  });

  it('changes nothing for a file off the list or without a return', () => {
    expect(dropoutAfterVisit(null, { at: opens, schooling: normal })).toBeNull();
    expect(
      dropoutAfterVisit({ state: 'returned', returnedAt: null }, { at: opens, schooling: normal }),
    ).toBeNull();
  });
});

describe(daysInState.name, () => {
  it.each([
    ['a moment ago', 0, '2026-06-10T09:00:00+08:00'],
    ['early this Beijing morning', 0, '2026-06-10T00:00:00+08:00'],
    ['late last Beijing night (yesterday, though not 24 h ago)', 1, '2026-06-09T23:59:00+08:00'],
    ['exactly a week earlier', 7, '2026-06-03T10:00:00+08:00'],
    ['after now (a clock set back)', 0, '2026-06-11T10:00:00+08:00'],
  ])('%s: %i days', (_case, days, since) => {
    expect(daysInState(new Date(since), new Date('2026-06-10T10:00:00+08:00'))).toBe(days);
  });
});

describe(medianRows.name, () => {
  it.each([
    [1, 0, 1],
    [2, 0, 2],
    [3, 1, 1],
    [4, 1, 2],
    [7, 3, 1],
  ])('of %i files: offset %i, %i rows', (count, offset, limit) => {
    expect(medianRows(count)).toEqual({ offset, limit });
  });
});

describe(dropoutStateFigures.name, () => {
  const now = new Date('2026-06-10T10:00:00+08:00');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

  it('gives every state, in order, with nobody in it as 0 and no days', () => {
    const figures = dropoutStateFigures([], now);

    expect(figures.map((f) => f.state)).toEqual([...DROPOUT_STATES]);
    expect(figures.every((f) => f.count === 0 && f.medianDays === null)).toBe(true);
    expect(figures.every((f) => f.longestDays === null)).toBe(true);
  });

  it('takes the middle file of an odd count and the mean of two, rounded down, of an even one', () => {
    const figures = dropoutStateFigures(
      [
        { state: 'persuading', count: 3, oldestSince: daysAgo(40), medianSinces: [daysAgo(12)] },
        {
          state: 'returned',
          count: 4,
          oldestSince: daysAgo(35),
          medianSinces: [daysAgo(20), daysAgo(15)],
        },
      ],
      now,
    );

    expect(figures.find((f) => f.state === 'persuading')).toEqual({
      state: 'persuading',
      count: 3,
      medianDays: 12,
      longestDays: 40,
    });
    expect(figures.find((f) => f.state === 'returned')).toEqual({
      state: 'returned',
      count: 4,
      medianDays: 17,
      longestDays: 35,
    });
  });

  it('labels every state', () => {
    expect(Object.keys(DROPOUT_STATE_LABELS).sort()).toEqual([...DROPOUT_STATES].sort());
  });
});
