import { SLIVER, barHeight, countScale, rateScale, rateText } from './board-scales';

describe('countScale', () => {
  it.each([
    [[0, 0, 0], 1, [0, 1]],
    [[1, 0, 2], 2, [0, 1, 2]],
    [[3], 3, [0, 1, 2, 3]],
    [[5, 1], 6, [0, 2, 4, 6]],
    [[7, null], 8, [0, 2, 4, 6, 8]],
    [[13], 16, [0, 4, 8, 12, 16]],
  ])('for %j reaches %d with whole ticks %j', (values, max, ticks) => {
    const scale = countScale(values);
    expect(scale).toMatchObject({ min: 0, max, ticks });
    expect(scale.ticks.every(Number.isInteger)).toBe(true);
    expect(scale.ticks.length).toBeLessThanOrEqual(5);
  });
});

describe('rateScale', () => {
  it('always runs from 0 % to 100 %', () => {
    const scale = rateScale();
    expect(scale.ticks.map(scale.format)).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect([scale.min, scale.max]).toEqual([0, 1]);
  });
});

describe('rateText', () => {
  it.each([
    [null, '—'],
    [0, '0%'],
    [0.125, '13%'],
    [1, '100%'],
  ])('%s reads %s', (share, text) => {
    expect(rateText(share)).toBe(text);
  });
});

describe('barHeight', () => {
  it.each([
    ['a share', 0.5, true, 0.5],
    ['0 % where bars are labelled', 0, true, SLIVER],
    ['0 % where they are not', 0, false, 0],
    ['nothing measured', null, true, 0],
  ])('draws %s at %s', (_what, value, sliver, height) => {
    expect(barHeight(value, rateScale(), sliver)).toBe(height);
  });

  it('draws the sliver as a share of the axis', () => {
    expect(barHeight(0, countScale([50]), true)).toBeCloseTo(52 * SLIVER);
  });
});
