import { ageOn, shanghaiDate } from './beijing-time';
import { idNumberCheckCharacter } from './identity';
import {
  birthDateProblem,
  childAgeProblem,
  childDateProblems,
  discoveredAtProblem,
  doneAt,
  earliestBirthDate,
  isAfterNow,
  reportingDelayHours,
} from './report-dates';

/** The calendar day before `date` (`YYYY-MM-DD`). */
const dayBefore = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe(birthDateProblem.name, () => {
  it.each<[string, string, string | null, string]>([
    ['2026-12-04', '2026-12-04T07:00:00+08:00', null, 'a newborn at 07:00 Beijing'],
    ['2026-12-04', '2026-12-04T00:00:00+08:00', null, 'a newborn at midnight Beijing'],
    ['2026-12-04', '2026-12-03T23:59:00+08:00', '出生日期不能晚于今天', 'tomorrow in Beijing'],
    ['2026-12-05', '2026-12-04T09:00:00+08:00', '出生日期不能晚于今天', 'a day ahead'],
    ['2008-12-05', '2026-12-04T07:00:00+08:00', null, 'turns 18 tomorrow'],
    ['2008-12-04', '2026-12-04T07:00:00+08:00', '本平台受理未满18周岁的未成年人的情况', '18 today'],
    ['2026-02-30', '2026-12-04T07:00:00+08:00', '出生日期不是有效日期', 'Feb 30'],
    ['2026-13-01', '2026-12-04T07:00:00+08:00', '出生日期不是有效日期', 'month 13'],
  ])('%s at %s → %s (%s)', (birthDate, now, problem) => {
    expect(birthDateProblem(birthDate, shanghaiDate(new Date(now)))).toBe(problem);
  });
});

describe(childAgeProblem.name, () => {
  it.each<[number, string | null]>([
    [0, null],
    [9, null],
    [17, null],
    [18, '年龄应为0到17之间的整数'],
    [-1, '年龄应为0到17之间的整数'],
    [3.5, '年龄应为0到17之间的整数'],
    [Number.NaN, '年龄应为0到17之间的整数'],
  ])('%s → %s', (ageYears, problem) => {
    expect(childAgeProblem(ageYears)).toBe(problem);
  });
});

describe(discoveredAtProblem.name, () => {
  const now = new Date('2026-11-22T12:00:00+08:00');

  it.each<[string, string | null]>([
    ['2026-11-22T09:00:00+08:00', null],
    ['2026-11-22T12:05:00+08:00', null],
    ['2026-11-22T13:00:00+08:00', '发现时间不能晚于现在'],
  ])('discovered %s → %s', (discoveredAt, problem) => {
    expect(discoveredAtProblem(new Date(discoveredAt), now)).toBe(problem);
  });

  it.each<[string, string, Parameters<typeof discoveredAtProblem>[2], string | null]>([
    [
      'the day before the birth date',
      '2016-04-30T12:00:00+08:00',
      { birthDate: '2016-05-01' },
      '发现时间不能早于孩子的出生日期（2016年5月1日）',
    ],
    ['the birth day itself', '2016-05-01T00:10:00+08:00', { birthDate: '2016-05-01' }, null],
    [
      'the evening before in UTC, the birth day in Beijing',
      '2016-04-30T17:00:00Z',
      { birthDate: '2016-05-01' },
      null,
    ],
    [
      'before the birth in the 身份证号',
      '2015-02-28T12:00:00+08:00',
      { idNumber: anIdNumber('2015-03-01') },
      '发现时间不能早于孩子的出生日期（2015年3月1日）',
    ],
    [
      'before the birth date typed, though after the one in a contradicting 身份证号',
      '2016-04-30T12:00:00+08:00',
      { birthDate: '2016-05-01', idNumber: anIdNumber('2015-03-01') },
      '发现时间不能早于孩子的出生日期（2016年5月1日）',
    ],
    [
      'a birth date refused on its own field: the 身份证号 decides',
      '2015-02-28T12:00:00+08:00',
      { birthDate: '2027-01-01', idNumber: anIdNumber('2015-03-01') },
      '发现时间不能早于孩子的出生日期（2015年3月1日）',
    ],
    [
      'before the earliest birth a 3-year-old can have',
      '2022-11-22T12:00:00+08:00',
      { ageYears: 3 },
      '发现时间早于孩子出生：孩子3岁，最早2022年11月23日出生，请核对发现时间或年龄',
    ],
    ['the earliest birth of a 3-year-old', '2022-11-23T09:00:00+08:00', { ageYears: 3 }, null],
    [
      'before any child under 18 was born',
      '2008-11-22T12:00:00+08:00',
      {},
      '发现时间不能早于2008年11月23日：本平台受理未满18周岁的未成年人，那时孩子还没有出生',
    ],
    ['the day a 17-year-old can have been born', '2008-11-23T09:00:00+08:00', {}, null],
  ])('discovered %s', (_, discoveredAt, child, problem) => {
    expect(discoveredAtProblem(new Date(discoveredAt), now, child)).toBe(problem);
  });
});

describe(earliestBirthDate.name, () => {
  it.each<[number, string, string]>([
    [0, '2026-12-04', '2025-12-05'],
    [3, '2026-11-22', '2022-11-23'],
    [17, '2026-12-31', '2009-01-01'],
    [0, '2024-02-29', '2023-03-01'],
    [3, '2024-02-29', '2020-03-01'],
  ])('a child of %s on %s was born on %s at the earliest', (ageYears, today, earliest) => {
    expect(earliestBirthDate(ageYears, today)).toBe(earliest);
    expect(ageOn(earliest, today)).toBe(ageYears);
    expect(ageOn(dayBefore(earliest), today)).toBe(ageYears + 1);
  });
});

describe(reportingDelayHours.name, () => {
  const submitted = new Date('2026-11-22T12:00:00+08:00');

  it.each<[string, string, number]>([
    ['found 30 hours before', '2026-11-21T06:00:00+08:00', 30],
    ['found at the moment of filing', '2026-11-22T12:00:00+08:00', 0],
    ['a phone clock 5 minutes fast', '2026-11-22T12:05:00+08:00', 0],
  ])('%s (discovered %s) → %d h', (_, discoveredAt, hours) => {
    expect(reportingDelayHours(new Date(discoveredAt), submitted)).toBe(hours);
  });
});

describe('a time a person gives, against the server’s now', () => {
  const now = new Date('2026-11-22T12:00:00+08:00');

  it.each<[string, string, boolean, string]>([
    ['an hour ago', '2026-11-22T11:00:00+08:00', false, '2026-11-22T03:00:00.000Z'],
    ['now', '2026-11-22T12:00:00+08:00', false, '2026-11-22T04:00:00.000Z'],
    [
      'a phone clock 5 minutes fast',
      '2026-11-22T12:05:00+08:00',
      false,
      '2026-11-22T04:00:00.000Z',
    ],
    ['exactly 10 minutes fast', '2026-11-22T12:10:00+08:00', false, '2026-11-22T04:00:00.000Z'],
    [
      '10 minutes and a second ahead',
      '2026-11-22T12:10:01+08:00',
      true,
      '2026-11-22T04:00:00.000Z',
    ],
  ])('%s: after now %s, recorded as done at %s', (_, given, after, done) => {
    expect(isAfterNow(new Date(given), now)).toBe(after);
    expect(doneAt(new Date(given), now).toISOString()).toBe(done);
  });
});

/** A valid 身份证号 of 泗县 for a child born on `birthDate`. */
function anIdNumber(birthDate: string): string {
  const first17 = `341324${birthDate.split('-').join('')}012`;
  return first17 + idNumberCheckCharacter(first17);
}

describe(childDateProblems.name, () => {
  const today = '2026-12-04';

  it.each<[string, Parameters<typeof childDateProblems>[0], Record<string, string>]>([
    ['nothing given', {}, {}],
    ['a newborn by birth date and ID', { birthDate: today, idNumber: anIdNumber(today) }, {}],
    ['an ID alone', { idNumber: anIdNumber('2015-03-01') }, {}],
    ['the age in full years', { birthDate: '2015-03-01', ageYears: 11 }, {}],
    ['the nominal age (虚岁)', { birthDate: '2015-03-01', ageYears: 12 }, {}],
    ['an age checked against the ID', { idNumber: anIdNumber('2015-03-01'), ageYears: 11 }, {}],
    [
      'an ID born tomorrow',
      { idNumber: anIdNumber('2026-12-05') },
      { idNumber: '身份证号中的出生日期（2026-12-05）有误：出生日期不能晚于今天' },
    ],
    [
      'an adult’s ID',
      { idNumber: anIdNumber('1990-01-01') },
      { idNumber: '身份证号中的出生日期（1990-01-01）有误：本平台受理未满18周岁的未成年人的情况' },
    ],
    [
      'an ID that contradicts the birth date',
      { birthDate: '2015-03-02', idNumber: anIdNumber('2015-03-01') },
      { idNumber: '身份证号中的出生日期（2015-03-01）与填写的出生日期不一致，请核对' },
    ],
    [
      'an age two years off',
      { birthDate: '2015-03-01', ageYears: 9 },
      { ageYears: '年龄与出生日期不符（按出生日期今年11周岁），请核对或只填一项' },
    ],
    [
      'an age that contradicts the ID',
      { idNumber: anIdNumber('2015-03-01'), ageYears: 14 },
      { ageYears: '年龄与出生日期不符（按出生日期今年11周岁），请核对或只填一项' },
    ],
    [
      'an adult age, not compared with the birth date',
      { birthDate: '2015-03-01', ageYears: 18 },
      { ageYears: '年龄应为0到17之间的整数' },
    ],
    [
      'a birth date tomorrow, with an age',
      { birthDate: '2026-12-05', ageYears: 0 },
      { birthDate: '出生日期不能晚于今天' },
    ],
  ])('%s', (_, child, problems) => {
    expect(childDateProblems(child, today)).toEqual(problems);
  });
});
