import { aStatsOverview } from '../../test/factories';
import { durationText, firstResult, unitsOfClock } from './figures';

describe('durationText', () => {
  it.each([
    [null, '—'],
    [42, '42分钟'],
    [150, '2.5小时'],
    [4320, '3.0天'],
  ])('%s minutes read %s', (minutes, text) => {
    expect(durationText(minutes)).toBe(text);
  });
});

describe('the clocks of units', () => {
  const { clocks } = aStatsOverview();

  it('lists one clock’s units, most clocks first', () => {
    expect(unitsOfClock(clocks, 'sign').map((c) => [c.unitName, c.total])).toEqual([
      ['泗城镇儿童督导员', 8],
      ['泗县公安局', 4],
    ]);
    expect(unitsOfClock(clocks, 'visit')).toEqual([]);
  });

  it('opens a unit’s orders on the worst result it has', () => {
    const [police, township, policeResolve] = clocks;
    expect(firstResult(police)).toBe('overdue');
    expect(firstResult(policeResolve)).toBe('escalated');
    expect(firstResult(township)).toBe('on_time');
    expect(firstResult({ ...township, late: 0, interrupted: 2 })).toBe('interrupted');
  });
});
