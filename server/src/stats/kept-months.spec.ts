import { splitByKeptMonths } from './kept-months';

/** A Beijing wall-clock time `YYYY-MM-DDTHH:mm`. */
const bj = (local: string) => new Date(`${local}:00+08:00`);
const iso = (ranges: { start: Date; end: Date }[]) =>
  ranges.map(({ start, end }) => [start.toISOString(), end.toISOString()]);

describe(splitByKeptMonths.name, () => {
  it('keeps the whole months that ended, and reads the days around them live', () => {
    const split = splitByKeptMonths(
      { start: bj('2026-01-15T00:00'), end: bj('2026-12-01T00:00') },
      bj('2026-11-20T10:00'),
    );
    expect(split.months).toEqual({ first: '2026-02', last: '2026-10' });
    expect(iso(split.live)).toEqual([
      [bj('2026-01-15T00:00').toISOString(), bj('2026-02-01T00:00').toISOString()],
      [bj('2026-11-01T00:00').toISOString(), bj('2026-12-01T00:00').toISOString()],
    ]);
  });

  it('takes a month that ends exactly at now or at the period’s end', () => {
    const split = splitByKeptMonths(
      { start: bj('2026-01-01T00:00'), end: bj('2026-03-01T00:00') },
      bj('2026-03-01T00:00'),
    );
    expect(split.months).toEqual({ first: '2026-01', last: '2026-02' });
    expect(split.live).toEqual([]);
  });

  it('crosses a year in Beijing months, not UTC ones', () => {
    // 2025-12-31T16:00Z is midnight of 1 January in Beijing.
    const split = splitByKeptMonths(
      { start: new Date('2025-11-30T16:00:00Z'), end: new Date('2026-01-31T16:00:00Z') },
      new Date('2026-06-01T00:00:00Z'),
    );
    expect(split.months).toEqual({ first: '2025-12', last: '2026-01' });
    expect(split.live).toEqual([]);
  });

  it('reads everything live when no whole month has ended', () => {
    const period = { start: bj('2026-11-01T00:00'), end: bj('2026-12-01T00:00') };
    expect(splitByKeptMonths(period, bj('2026-11-30T23:59'))).toEqual({
      months: null,
      live: [period],
    });
    const days = { start: bj('2026-03-03T00:00'), end: bj('2026-03-20T00:00') };
    expect(splitByKeptMonths(days, bj('2026-11-30T00:00'))).toEqual({ months: null, live: [days] });
  });
});
