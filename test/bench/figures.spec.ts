import { goal, latencies, markdownTable, ms, percentile, ratio, share } from './figures.mjs';

describe('bench figures', () => {
  it.each([
    [50, 5],
    [90, 9],
    [99, 10],
    [100, 10],
    [1, 1],
  ])('takes the nearest rank for p%i of 1..10', (p, expected) => {
    const shuffled = [7, 3, 10, 1, 5, 9, 2, 8, 6, 4];
    expect(percentile(shuffled, p)).toBe(expected);
  });

  it('gives NaN for the percentile of nothing, and a dash where it is shown', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(ms(latencies([]).p99)).toBe('–');
  });

  it('summarizes latencies without reordering the caller’s samples', () => {
    const samples = [30, 10, 20];
    expect(latencies(samples)).toEqual({ n: 3, p50: 20, p99: 30, max: 30 });
    expect(samples).toEqual([30, 10, 20]);
  });

  it('divides only what can be divided', () => {
    expect(ratio(120, 480)).toBe(0.25);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(NaN, 2)).toBeNaN();
    expect(share(3, 12)).toBe('25.0 %');
  });

  it('writes milliseconds with a decimal below 10 and whole above', () => {
    expect(ms(4.26)).toBe('4.3 ms');
    expect(ms(1234.4)).toBe('1,234 ms');
  });

  it.each([
    [90, 'at most', 100, true],
    [100, 'at most', 100, true],
    [101, 'at most', 100, false],
    [0.59, 'at least', 0.6, false],
    [0.6, 'at least', 0.6, true],
    [NaN, 'at least', 0.6, null],
  ] as const)('checks %d %s %d as met: %s', (value, direction, target, met) => {
    expect(goal(value, direction, target, 'text').met).toBe(met);
  });

  it('names each section once and marks each goal in one markdown table', () => {
    const table = markdownTable([
      {
        section: '1 intake',
        figure: 'HTTP',
        value: '98 reports/s',
        ratio: '0.21 of the ceiling',
        goal: goal(0.21, 'at least', 0.6, '≥ 0.6'),
      },
      { section: '1 intake', figure: 'ceiling', value: '470 | 570 reports/s' },
      {
        section: '5 footprint',
        figure: 'boot',
        value: '3.1 s',
        goal: goal(NaN, 'at most', 1, 'fast'),
      },
    ]);
    expect(table.split('\n')).toEqual([
      '| section | figure | value | ratio | goal |',
      '|---|---|---|---|---|',
      '| 1 intake | HTTP | 98 reports/s | 0.21 of the ceiling | ≥ 0.6: not met |',
      '|  | ceiling | 470 \\| 570 reports/s |  |  |',
      '| 5 footprint | boot | 3.1 s |  | fast: ? |',
    ]);
  });
});
