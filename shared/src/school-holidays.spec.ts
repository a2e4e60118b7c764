import {
  schoolHolidayClash,
  schoolHolidayDeletionProblem,
  schoolHolidayRequestErrors,
  schoolHolidayStart,
  schoolHolidayStarted,
} from './school-holidays';
import type { SchoolHoliday } from './visits';

const WINTER: SchoolHoliday = {
  id: 'h1',
  countyCode: '341324',
  countyName: '泗县',
  kind: 'winter',
  startsOn: '2027-01-23',
  duesCreatedAt: null,
};

describe(schoolHolidayStart.name, () => {
  it('is 00:00 Beijing time of the first day', () => {
    expect(schoolHolidayStart('2027-01-23').toISOString()).toBe('2027-01-22T16:00:00.000Z');
  });
});

describe(schoolHolidayStarted.name, () => {
  it('turns true at 00:00 Beijing of the first day, not at 00:00 UTC', () => {
    expect(schoolHolidayStarted('2027-01-23', new Date('2027-01-22T15:59:59.999Z'))).toBe(false);
    expect(schoolHolidayStarted('2027-01-23', new Date('2027-01-22T16:00:00Z'))).toBe(true);
    expect(schoolHolidayStarted('2027-01-23', new Date('2027-03-01T00:00:00Z'))).toBe(true);
  });
});

describe(schoolHolidayRequestErrors.name, () => {
  it.each([
    ['winter', '2027-12-25', {}],
    ['winter', '2027-02-28', {}],
    ['summer', '2027-06-30', {}],
    ['summer', '2027-08-01', {}],
    ['summer', '2027-12-25', { startsOn: '暑假只能在6月、7月、8月开始：请核对假期和开始日期' }],
    ['winter', '2028-08-01', { startsOn: '寒假只能在12月、1月、2月开始：请核对假期和开始日期' }],
    ['winter', '2027-03-01', { startsOn: '寒假只能在12月、1月、2月开始：请核对假期和开始日期' }],
  ] as const)('takes a %s holiday starting %s only in its season', (kind, startsOn, errors) => {
    expect(schoolHolidayRequestErrors({ kind, startsOn }, '2027-01-23')).toEqual(errors);
  });

  it('takes a holiday starting today or later', () => {
    expect(
      schoolHolidayRequestErrors({ kind: 'winter', startsOn: '2027-01-23' }, '2027-01-23'),
    ).toEqual({});
    expect(
      schoolHolidayRequestErrors({ kind: 'summer', startsOn: '2027-07-01' }, '2027-01-23'),
    ).toEqual({});
  });

  it('refuses a holiday that has already started', () => {
    expect(
      schoolHolidayRequestErrors({ kind: 'winter', startsOn: '2027-01-22' }, '2027-01-23'),
    ).toEqual({
      startsOn: '假期开始日期不能早于今天：请录入还没有开始的假期',
    });
  });
});

describe(schoolHolidayClash.name, () => {
  it('finds the same county starting the same day, whatever the kind', () => {
    expect(
      schoolHolidayClash({ countyCode: '341324', kind: 'summer', startsOn: '2027-01-23' }, [
        WINTER,
      ]),
    ).toBe(WINTER);
  });

  it('finds the same kind of holiday of the county in the same year', () => {
    expect(
      schoolHolidayClash({ countyCode: '341324', kind: 'winter', startsOn: '2027-02-01' }, [
        WINTER,
      ]),
    ).toBe(WINTER);
  });

  it('lets another county, another kind or another year be', () => {
    const clash = (countyCode: string, kind: 'winter' | 'summer', startsOn: string) =>
      schoolHolidayClash({ countyCode, kind, startsOn }, [WINTER]);

    expect(clash('341322', 'winter', '2027-01-23')).toBeNull();
    expect(clash('341324', 'summer', '2027-07-03')).toBeNull();
    expect(clash('341324', 'winter', '2028-01-15')).toBeNull();
  });
});

describe(schoolHolidayDeletionProblem.name, () => {
  it('lets a holiday be deleted until the Beijing day before it starts', () => {
    expect(schoolHolidayDeletionProblem(WINTER, new Date('2027-01-22T23:59:00+08:00'))).toBeNull();
  });

  it('refuses once it started, or once its visits were planned', () => {
    const problem = '假期已经开始，假期走访已经安排，不能删除';

    expect(schoolHolidayDeletionProblem(WINTER, new Date('2027-01-23T00:00:00+08:00'))).toBe(
      problem,
    );
    expect(
      schoolHolidayDeletionProblem(
        { ...WINTER, duesCreatedAt: '2027-01-22T16:00:30.000Z' },
        new Date('2027-01-01T00:00:00+08:00'),
      ),
    ).toBe(problem);
  });
});
