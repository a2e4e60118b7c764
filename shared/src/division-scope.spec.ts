import { divisionLevel, prefixesWithin, withinPrefixes } from './division-scope';

describe(withinPrefixes.name, () => {
  it.each<[string, string[], boolean]>([
    ['341324100201', ['341324'], true],
    ['341324100201', ['341324100'], true],
    ['341324100201', ['341323', '3413'], true],
    ['341324100201', ['341323'], false],
    ['341324', ['341324100'], false],
    ['341324100201', [], false],
  ])('%s within %j → %s', (code, prefixes, within) => {
    expect(withinPrefixes(code, prefixes)).toBe(within);
  });
});

describe(prefixesWithin.name, () => {
  it.each<[string[], string[], boolean]>([
    [['341324100'], ['341324'], true],
    [['341324100', '341324101'], ['341324'], true],
    [['341324100', '341323100'], ['341324'], false],
    [['3413'], ['341324'], false],
    [[], ['341324'], false],
  ])('%j within %j → %s', (inner, outer, within) => {
    expect(prefixesWithin(inner, outer)).toBe(within);
  });
});

describe(divisionLevel.name, () => {
  it.each([
    ['34', 'province'],
    ['3413', 'city'],
    ['341324', 'county'],
    ['341324100', 'township'],
    ['341324100203', 'village'],
  ])('%s → %s', (code, level) => {
    expect(divisionLevel(code)).toBe(level);
  });
});
