import { splitByKeptMonths, type KeptMonthsSplit } from './kept-months';

/** A Beijing wall-clock time `YYYY-MM-DDTHH:mm`. */
const bj = (local: string) => new Date(`${local}:00+08:00`);
/** Ranges as Beijing wall-clock pairs, to read. */
const local = (ranges: { start: Date; end: Date }[]) =>
  ranges.map(({ start, end }) =>
    [start, end].map((at) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16)),
  );
const readable = (split: KeptMonthsSplit) => ({
  months: split.months,
  excluded: local(split.excluded),
  live: local(split.live),
});
const period = (from: string, to: string) => ({ start: bj(from), end: bj(to) });

describe(splitByKeptMonths.name, () => {
  it('keeps the whole months that ended, and reads the short days around them live', () => {
    const split = splitByKeptMonths(
      period('2026-01-25T00:00', '2026-11-03T00:00'),
      bj('2026-11-20T10:00'),
    );
    expect(readable(split)).toEqual({
      months: { first: '2026-02', last: '2026-10' },
      excluded: [],
      live: [
        ['2026-01-25T00:00', '2026-02-01T00:00'],
        ['2026-11-01T00:00', '2026-11-03T00:00'],
      ],
    });
  });

  it('keeps a month mostly in the period, taking off the days it leaves out', () => {
    // A year to today (the statistics page's longest): all but one day of last December, and
    // all but 30 days of an ended November.
    const split = splitByKeptMonths(
      period('2025-12-02T00:00', '2026-11-02T00:00'),
      bj('2026-12-02T22:00'),
    );
    expect(readable(split)).toEqual({
      months: { first: '2025-12', last: '2026-10' },
      excluded: [['2025-12-01T00:00', '2025-12-02T00:00']],
      live: [['2026-11-01T00:00', '2026-11-02T00:00']],
    });
    const tail = splitByKeptMonths(
      period('2026-01-01T00:00', '2026-11-29T00:00'),
      bj('2026-12-02T22:00'),
    );
    expect(readable(tail)).toEqual({
      months: { first: '2026-01', last: '2026-11' },
      excluded: [['2026-11-29T00:00', '2026-12-01T00:00']],
      live: [],
    });
  });

  it('keeps this month late in it: takes off what falls due after now, and adds it back live', () => {
    const split = splitByKeptMonths(
      period('2026-01-01T00:00', '2027-01-01T00:00'),
      bj('2026-12-28T10:00'),
    );
    expect(readable(split)).toEqual({
      months: { first: '2026-01', last: '2026-12' },
      excluded: [['2026-12-28T10:00', '2027-01-01T00:00']],
      live: [['2026-12-28T10:00', '2027-01-01T00:00']],
    });
    // The period ends before the month does: the days after it are left out, not added back.
    const today = splitByKeptMonths(
      period('2026-01-01T00:00', '2026-12-29T00:00'),
      bj('2026-12-28T10:00'),
    );
    expect(readable(today)).toEqual({
      months: { first: '2026-01', last: '2026-12' },
      excluded: [['2026-12-28T10:00', '2027-01-01T00:00']],
      live: [['2026-12-28T10:00', '2026-12-29T00:00']],
    });
  });

  it('reads live a month early in it, and a month not begun', () => {
    const split = splitByKeptMonths(
      period('2026-11-01T00:00', '2027-02-01T00:00'),
      bj('2026-12-02T10:00'),
    );
    expect(readable(split)).toEqual({
      months: { first: '2026-11', last: '2026-11' },
      excluded: [],
      live: [['2026-12-01T00:00', '2027-02-01T00:00']],
    });
  });

  it('takes a month that ends exactly at now or at the period’s end', () => {
    const split = splitByKeptMonths(
      period('2026-01-01T00:00', '2026-03-01T00:00'),
      bj('2026-03-01T00:00'),
    );
    expect(readable(split)).toEqual({
      months: { first: '2026-01', last: '2026-02' },
      excluded: [],
      live: [],
    });
  });

  it('crosses a year in Beijing months, not UTC ones', () => {
    // 2025-12-31T16:00Z is midnight of 1 January in Beijing.
    const split = splitByKeptMonths(
      { start: new Date('2025-11-30T16:00:00Z'), end: new Date('2026-01-31T16:00:00Z') },
      new Date('2026-06-01T00:00:00Z'),
    );
    expect(split).toEqual({
      months: { first: '2025-12', last: '2026-01' },
      excluded: [],
      live: [],
    });
  });

  it('reads everything live when no month is cheaper kept', () => {
    const days = period('2026-03-03T00:00', '2026-03-12T00:00');
    expect(splitByKeptMonths(days, bj('2026-11-30T00:00'))).toEqual({
      months: null,
      excluded: [],
      live: [days],
    });
    const ahead = period('2026-11-01T00:00', '2026-12-01T00:00');
    expect(splitByKeptMonths(ahead, bj('2026-11-03T00:00'))).toEqual({
      months: null,
      excluded: [],
      live: [ahead],
    });
  });

  it('covers every instant of the period exactly once, whatever the period and now', () => {
    // Counted by the hour: kept months + live − excluded must be the period's hours, each once.
    const hour = 3_600_000;
    const starts = ['2026-01-01T00:00', '2026-01-02T00:00', '2026-01-17T00:00', '2026-02-28T00:00'];
    const ends = ['2026-01-20T00:00', '2026-02-01T00:00', '2026-03-02T00:00', '2026-04-30T00:00'];
    const nows = ['2025-12-01T00:00', '2026-01-10T05:00', '2026-02-27T00:00', '2026-06-01T00:00'];
    for (const from of starts) {
      for (const to of ends) {
        if (from >= to) continue;
        for (const nowText of nows) {
          const split = splitByKeptMonths(period(from, to), bj(nowText));
          const tally = new Map<number, number>();
          const add = (ranges: { start: Date; end: Date }[], by: number) => {
            for (const { start, end } of ranges) {
              for (let t = start.getTime(); t < end.getTime(); t += hour) {
                tally.set(t, (tally.get(t) ?? 0) + by);
              }
            }
          };
          if (split.months) {
            add([period(`${split.months.first}-01T00:00`, nextMonth(split.months.last))], 1);
          }
          add(split.live, 1);
          add(split.excluded, -1);
          // Due after now, a kept month's hour is taken off and added back live: once in all.
          const expected = new Map<number, number>();
          for (let t = bj(from).getTime(); t < bj(to).getTime(); t += hour) expected.set(t, 1);
          const counted = [...tally].filter(([, n]) => n !== 0);
          expect({ from, to, nowText, counted: new Map(counted) }).toEqual({
            from,
            to,
            nowText,
            counted: expected,
          });
        }
      }
    }
  });
});

/** The Beijing wall-clock start of the month after `YYYY-MM`. */
function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12
    ? `${year + 1}-01-01T00:00`
    : `${year}-${String(m + 1).padStart(2, '0')}-01T00:00`;
}
