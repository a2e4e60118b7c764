import {
  ageOn,
  beijingInstant,
  beijingTimeOfDay,
  chineseDate,
  chineseDay,
  chineseDateTime,
  chineseShortDateTime,
  chineseShortDay,
  endOfShanghaiDay,
  isRealDate,
  isSaneYear,
  parseApiInstant,
  shanghaiDate,
  shanghaiDateTime,
} from './beijing-time';

const at = (iso: string) => new Date(iso);

describe('the Beijing day of an instant', () => {
  it.each([
    ['2026-12-03T15:59:59.999Z', '2026-12-03', 'one millisecond before midnight in Beijing'],
    ['2026-12-03T16:00:00.000Z', '2026-12-04', '00:00 Beijing is still the UTC day before'],
    ['2026-12-03T23:00:00.000Z', '2026-12-04', '07:00 Beijing, UTC still says Dec 3'],
    ['2026-12-04T00:00:00.000Z', '2026-12-04', '08:00 Beijing is where the UTC day turns'],
    ['2026-12-04T01:00:00.000Z', '2026-12-04', '09:00 Beijing'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01', 'the year turns at 00:00 Beijing too'],
  ])('%s falls on %s (%s)', (instant, day) => {
    expect(shanghaiDate(at(instant))).toBe(day);
  });

  it('ends a Beijing day at 23:59:59.999 Beijing', () => {
    expect(endOfShanghaiDay('2026-10-08').toISOString()).toBe('2026-10-08T15:59:59.999Z');
  });
});

describe('times written for people', () => {
  it.each([
    ['2026-12-03T06:30:00Z', '2026年12月3日 14:30', '12月3日 14:30', '2026-12-03 14:30'],
    ['2026-11-29T17:20:00Z', '2026年11月30日 01:20', '11月30日 01:20', '2026-11-30 01:20'],
    ['2026-12-31T16:05:59.999Z', '2027年1月1日 00:05', '1月1日 00:05', '2027-01-01 00:05'],
    ['2026-03-08T00:00:00+08:00', '2026年3月8日 00:00', '3月8日 00:00', '2026-03-08 00:00'],
  ])('%s reads %s', (instant, full, short, wechat) => {
    expect(chineseDateTime(at(instant))).toBe(full);
    expect(chineseShortDateTime(at(instant))).toBe(short);
    expect(shanghaiDateTime(at(instant))).toBe(wechat);
  });

  it("takes the API's ISO string as well as an instant", () => {
    expect(chineseDateTime('2026-12-03T23:30:00.000Z')).toBe('2026年12月4日 07:30');
    expect(chineseShortDateTime('2026-12-03T23:30:00.000Z')).toBe('12月4日 07:30');
  });

  it('writes a calendar date the Chinese way', () => {
    expect(chineseDate('2015-03-08')).toBe('2015年3月8日');
  });

  it('reads and sets the Beijing wall clock whatever the instant was written in', () => {
    expect(beijingTimeOfDay(at('2026-12-03T23:30:00Z'))).toBe('07:30');
    expect(beijingInstant('2026-12-04', '07:30').toISOString()).toBe('2026-12-03T23:30:00.000Z');
  });
});

describe(isRealDate.name, () => {
  it.each([
    ['2026-12-04', true],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-01-01', true],
    ['2100-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-02-30', false],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-12-00', false],
    ['1899-12-31', false],
    ['2101-01-01', false],
    ['12345678901234567890-01-01', false],
    ['2026-1-5', false],
    ['2026-12-04T00:00:00Z', false],
    ['', false],
  ])('%s → %s', (value, real) => {
    expect(isRealDate(value)).toBe(real);
  });

  it.each([
    [2026, true],
    [1899, false],
    [2101, false],
    [2026.5, false],
    [Number('12345678901234567890'), false],
  ])('year %d sane → %s', (year, sane) => {
    expect(isSaneYear(year)).toBe(sane);
  });
});

describe(parseApiInstant.name, () => {
  it.each([
    ['2026-12-03T10:00:00+08:00', '2026-12-03T02:00:00.000Z'],
    ['2026-12-03T10:00:00Z', '2026-12-03T10:00:00.000Z'],
    ['2026-12-03T10:00:00.123Z', '2026-12-03T10:00:00.123Z'],
    ['2026-12-03T10:00+08:00', '2026-12-03T02:00:00.000Z'],
    ['2026-12-03T10:00:00-05:00', '2026-12-03T15:00:00.000Z'],
    ['2024-02-29T23:59:59+08:00', '2024-02-29T15:59:59.000Z'],
  ])('reads %s as %s', (value, iso) => {
    expect(parseApiInstant(value)?.toISOString()).toBe(iso);
  });

  it.each([
    ['2026-12-03T10:00:00', 'no offset: 8 hours off for whoever reads it'],
    ['2026-12-03', 'a date is not a time'],
    ['2026-13-03T10:00:00Z', 'month 13'],
    ['2026-02-30T10:00:00Z', 'Feb 30'],
    ['2026-02-29T10:00:00Z', 'Feb 29 of a common year'],
    ['2026-12-03T24:00:00Z', 'hour 24'],
    ['2026-12-03T10:60:00Z', 'minute 60'],
    ['2026-12-03T10:00:60Z', 'second 60'],
    ['2026-12-03T10:00:00+15:00', 'no such offset'],
    ['12345678901234567890-12-03T10:00:00Z', 'a year of 20 digits'],
    ['+012026-12-03T10:00:00Z', 'an expanded year'],
    ['1800-12-03T10:00:00Z', 'before 1900'],
    ['2026-12-03 10:00:00+08:00', 'a space for the T'],
    ['now', 'not a time'],
  ])('refuses %s (%s)', (value) => {
    expect(parseApiInstant(value)).toBeNull();
  });
});

describe(ageOn.name, () => {
  it.each([
    ['2008-12-04', '2026-12-03', 17, 'the day before the 18th birthday'],
    ['2008-12-04', '2026-12-04', 18, 'on the birthday'],
    ['2026-12-04', '2026-12-04', 0, 'born today'],
    ['2012-02-29', '2026-02-28', 13, 'a leap-day child before March'],
    ['2012-02-29', '2026-03-01', 14, 'a leap-day child from March 1'],
  ])('born %s is %i on %s… (%s)', (birthDate, today, age) => {
    expect(ageOn(birthDate, today)).toBe(age);
  });
});

describe(chineseDay.name, () => {
  it.each([
    ['2026-12-03T15:59:59.999Z', '2026年12月3日'],
    ['2026-12-03T16:00:00.000Z', '2026年12月4日'],
    ['2026-01-01T00:00:00+08:00', '2026年1月1日'],
  ])('%s falls on %s in Beijing', (instant, day) => {
    expect(chineseDay(instant)).toBe(day);
    expect(chineseDay(new Date(instant))).toBe(day);
  });
});

describe(chineseShortDay.name, () => {
  it.each([
    ['2026-12-29T16:00:00.000Z', '12月30日'],
    ['2026-12-29T15:59:59.999Z', '12月29日'],
    ['2027-01-06T00:00:00+08:00', '1月6日'],
  ])('%s falls on %s in Beijing', (instant, day) => {
    expect(chineseShortDay(instant)).toBe(day);
  });
});
