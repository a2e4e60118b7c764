import {
  clockFigures,
  clockTally,
  clockTallyOf,
  delayFigure,
  histogramMedian,
  histogramP90,
  median,
  onRegisterDuring,
  p90,
  reportingDelayFigures,
  type ClockRow,
  type RegisterRow,
  type ReporterGroup,
} from './figures';

const NOW = new Date('2026-11-10T00:00:00Z');
const DUE = new Date('2026-11-05T00:00:00Z');

function aClock(overrides: Partial<ClockRow>): ClockRow {
  return {
    subjectId: 'order',
    unitId: 'unit',
    clock: 'sign',
    startedAt: new Date('2026-11-01T00:00:00Z'),
    dueAt: DUE,
    stoppedAt: null,
    interrupted: false,
    overdue: false,
    escalated: false,
    ...overrides,
  };
}

describe(clockTally.name, () => {
  it.each([
    ['stopped by its due time', { stoppedAt: DUE }, [1, 0, 0]],
    ['stopped after it', { stoppedAt: new Date('2026-11-06T00:00:00Z') }, [0, 1, 0]],
    ['running past it', {}, [0, 1, 0]],
    ['running, not yet due', { dueAt: new Date('2026-11-20T00:00:00Z') }, [0, 0, 0]],
    ['stopped in time by a return', { stoppedAt: DUE, interrupted: true }, [0, 0, 1]],
    [
      'stopped by a transfer once already past due',
      { stoppedAt: new Date('2026-11-06T00:00:00Z'), interrupted: true },
      [0, 1, 0],
    ],
  ])('counts a clock %s as [on time, late, interrupted] %j', (_what, overrides, counts) => {
    const { onTime, late, interrupted } = clockTally([aClock(overrides)], NOW);
    expect([onTime, late, interrupted]).toEqual(counts);
  });

  it('shares on time over on time and late, interrupted ones left out; null when none counted', () => {
    const rows = [
      aClock({ stoppedAt: DUE }),
      aClock({}),
      aClock({ stoppedAt: DUE, interrupted: true }),
    ];
    expect(clockTally(rows, NOW).onTimeShare).toBe(1 / 2);
    expect(clockTally([aClock({ interrupted: true })], NOW).onTimeShare).toBeNull();
  });
});

describe(onRegisterDuring.name, () => {
  const ON = new Date('2026-06-01T00:00:00Z');
  const OFF = new Date('2026-06-15T00:00:00Z');
  const JUNE = { start: new Date('2026-05-20T00:00:00Z'), end: new Date('2026-07-01T00:00:00Z') };
  const school = { createdAt: ON, retiredAt: OFF };
  /** Whether a report filed at `at` in the period falls in the part the institution answers for. */
  const blamed = (institution: typeof school | { createdAt: Date; retiredAt: null }, at: Date) => {
    const during = onRegisterDuring(institution, JUNE);
    return during !== null && at >= during.start && at < during.end ? 1 : 0;
  };

  it.each([
    ['a millisecond before it came onto the register', new Date(ON.getTime() - 1), school, 0],
    ['as it came onto the register', ON, school, 1],
    ['a millisecond before it was retired', new Date(OFF.getTime() - 1), school, 1],
    ['as it was retired', OFF, school, 0],
    ['after it was retired', new Date('2026-06-20T00:00:00Z'), school, 0],
    [
      'long after, while never retired',
      new Date('2026-06-20T00:00:00Z'),
      { ...school, retiredAt: null },
      1,
    ],
  ])(
    'blames the institution for a report of its catchment filed %s (%s)',
    (_when, at, institution, count) => {
      expect(blamed(institution, at)).toBe(count);
    },
  );

  it('is the whole period for one on the register throughout, and none for one off it throughout', () => {
    expect(onRegisterDuring({ createdAt: new Date('2026-01-01'), retiredAt: null }, JUNE)).toEqual(
      JUNE,
    );
    expect(onRegisterDuring({ createdAt: JUNE.end, retiredAt: null }, JUNE)).toBeNull();
    expect(
      onRegisterDuring({ createdAt: new Date('2026-01-01'), retiredAt: JUNE.start }, JUNE),
    ).toBeNull();
  });
});

describe(reportingDelayFigures.name, () => {
  const school: RegisterRow = {
    id: 'school',
    name: '关庙小学',
    type: 'school',
    divisionCode: '341324100203',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    retiredAt: null,
  };
  const group = (overrides: Partial<ReporterGroup>): ReporterGroup => ({
    institutionId: null,
    reporterOrgType: null,
    reporterKnown: true,
    delayMs: 3_600_000,
    count: 1,
    ...overrides,
  });

  it('names an institution only with a report whose reporter the reader may know, and calls it silent only with none of its own', () => {
    const figures = reportingDelayFigures(
      [
        group({ institutionId: 'school', reporterKnown: false, count: 2 }),
        group({ reporterOrgType: 'medical', delayMs: 30 * 3_600_000 }),
      ],
      [school],
      [school],
      new Set(),
      () => 5,
      () => '',
    );

    expect(figures.all).toEqual({ reports: 3, medianHours: 1, over24hShare: 1 / 3 });
    expect(figures.byType.map((t) => [t.type, t.reports])).toEqual([
      ['medical', 1],
      ['school', 2],
    ]);
    expect(figures.byInstitution).toEqual([]);
    expect(figures.silent).toEqual([]);
  });
});

describe(clockTallyOf.name, () => {
  it('tallies clocks the database counted by their facts as it tallies them one by one', () => {
    const tally = clockTallyOf([
      { interrupted: false, stopped: 'by_due', dueByNow: true, count: 3 },
      { interrupted: false, stopped: 'after_due', dueByNow: true, count: 2 },
      { interrupted: false, stopped: 'no', dueByNow: true, count: 1 },
      { interrupted: false, stopped: 'no', dueByNow: false, count: 7 },
      { interrupted: true, stopped: 'by_due', dueByNow: true, count: 4 },
      { interrupted: true, stopped: 'after_due', dueByNow: true, count: 5 },
    ]);

    expect(tally).toEqual({ onTime: 3, late: 8, interrupted: 4, onTimeShare: 3 / 11 });
  });
});

describe(delayFigure.name, () => {
  const group = (discoveredAt: string, createdAt: string, count = 1) => ({
    delayMs: Date.parse(createdAt) - Date.parse(discoveredAt),
    count,
  });

  it('takes a discovery a fast phone clock put after the filing as 0 hours, not fewer', () => {
    const figure = delayFigure([
      group('2026-11-03T10:08:00+08:00', '2026-11-03T10:00:00+08:00'),
      group('2026-11-03T10:09:00+08:00', '2026-11-03T10:00:00+08:00'),
      group('2026-11-01T10:00:00+08:00', '2026-11-03T10:00:00+08:00'),
    ]);

    expect(figure).toEqual({ reports: 3, medianHours: 0, over24hShare: 1 / 3 });
  });

  it('takes the median of the reports, not of the groups: the mean of the two middle ones', () => {
    const figure = delayFigure([
      { delayMs: 1 * 3_600_000, count: 3 },
      { delayMs: 2 * 3_600_000, count: 1 },
      { delayMs: 30 * 3_600_000, count: 2 },
    ]);

    expect(figure).toEqual({ reports: 6, medianHours: 1.5, over24hShare: 2 / 6 });
  });
});

describe('the median and p90 of a histogram', () => {
  /** The histogram (`[value, how many]`, ascending) of sorted values. */
  const histogramOf = (sorted: number[]): [number, number][] => {
    const counts = new Map<number, number>();
    for (const value of sorted) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts];
  };

  it.each([
    [[]],
    [[7]],
    [[1, 2]],
    [[2, 2, 2, 2]],
    [[1, 1, 2, 2]],
    [[1, 1, 1, 4, 5, 9]],
    [[0, 1, 1, 2, 2, 3, 3, 3, 3, 40]],
    [Array.from({ length: 21 }, (_, i) => Math.floor(i / 4))],
    [Array.from({ length: 100 }, (_, i) => Math.floor(i / 7))],
  ])('are what the values written out give: %j', (sorted) => {
    expect([histogramMedian(histogramOf(sorted)), histogramP90(histogramOf(sorted))]).toEqual([
      median(sorted),
      p90(sorted),
    ]);
  });

  it('give a bar’s minutes whatever clocks share a minute', () => {
    const started = new Date('2026-11-01T00:00:00Z').getTime();
    const rows = [10, 10, 20, 20, 20, 30, 50, 50].map((minutes) =>
      aClock({ stoppedAt: new Date(started + minutes * 60_000) }),
    );
    expect(clockFigures(rows, NOW, () => '派出所')).toEqual([
      expect.objectContaining({ total: 8, onTime: 8, medianMinutes: 20, p90Minutes: 50 }),
    ]);
  });
});
