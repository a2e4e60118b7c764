import { aStatsOverview } from '../../test/factories';
import { durationText, firstResult, placeChart, unitsOfClock } from './figures';

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

describe('placeChart', () => {
  const reports = aStatsOverview().reports;
  const figuresOf = (divisionCode: string) =>
    aStatsOverview({
      divisionCode,
      reports: {
        ...reports,
        byTownship: [
          { divisionCode: '341324', placeName: '泗县', count: 1 },
          { divisionCode: '341324100', placeName: '泗城镇', count: 9 },
        ],
        byVillage: [
          { divisionCode: '341324100', placeName: '泗城镇', count: 2 },
          { divisionCode: '341324100203', placeName: '关庙村委会', count: 7 },
        ],
      },
    });

  it('breaks a county into its townships, a report of the county alone said so', () => {
    expect(placeChart(figuresOf('341324'))).toEqual({
      title: '各乡镇报告数',
      places: [
        { label: '泗县（未写到乡镇）', short: '未写到乡镇', count: 1 },
        { label: '泗城镇', count: 9 },
      ],
    });
  });

  it('breaks a township into its villages, a report of the township alone said so', () => {
    expect(placeChart(figuresOf('341324100'))).toEqual({
      title: '各村（社区）报告数',
      places: [
        { label: '泗城镇（未写到村）', short: '未写到村', count: 2 },
        { label: '关庙村委会', count: 7 },
      ],
    });
  });

  it('has none for a village, which is one place', () => {
    expect(placeChart(figuresOf('341324100203'))).toBeNull();
  });
});
