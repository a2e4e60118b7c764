import { placeBreakdown } from './stats';

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
