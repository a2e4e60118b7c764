import { SHOWN_DURATION_STEPS, placeBreakdown, shownMinutes } from './stats';

describe(placeBreakdown.name, () => {
  it.each([
    ['3413', 'township'],
    ['341324', 'township'],
    ['341324100', 'village'],
    ['341324100203', null],
  ])('breaks %s into %s', (code, places) => {
    expect(placeBreakdown(code)).toBe(places);
  });
});

describe(shownMinutes.name, () => {
  it.each([
    [0, 0],
    [59, 59],
    [60, 60],
    [62, 60],
    [63, 66],
    [64, 66],
    [2876, 2874],
    [2877, 2880],
    [2879, 2880],
    [2880, 2880],
    [2951, 2880],
    [2952, 3024],
    [3000, 3024],
  ])('counts %i minutes as %i', (minutes, shown) => {
    expect(shownMinutes(minutes)).toBe(shown);
  });

  it('keeps every value within half a step of the minutes, on a step of its range', () => {
    for (let minutes = 0; minutes < 6_000; minutes++) {
      const { stepMinutes } = SHOWN_DURATION_STEPS.find((step) => minutes < step.below)!;
      const shown = shownMinutes(minutes);
      expect(Math.abs(shown - minutes)).toBeLessThanOrEqual(stepMinutes / 2);
      expect(shown % stepMinutes).toBe(0);
    }
  });
});
