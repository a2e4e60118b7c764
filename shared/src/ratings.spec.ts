import { LOW_SCORE_MAX, SCORE_LABELS, SCORE_RANGE, SCORES } from './ratings';

describe('the score scale', () => {
  it('runs from the lowest to the highest score, each named once', () => {
    expect(SCORES[0]).toBe(SCORE_RANGE.min);
    expect(SCORES[SCORES.length - 1]).toBe(SCORE_RANGE.max);
    expect(SCORES.map((s) => Number(s))).toEqual(Object.keys(SCORE_LABELS).map(Number));
    expect(new Set(Object.values(SCORE_LABELS)).size).toBe(SCORES.length);
  });

  it('calls the scores up to LOW_SCORE_MAX the unsatisfied ones', () => {
    const low = SCORES.filter((s) => s <= LOW_SCORE_MAX).map((s) => SCORE_LABELS[s]);
    expect(low).toEqual(['很不满意', '不满意']);
  });
});
