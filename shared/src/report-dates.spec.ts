import { shanghaiDate } from './beijing-time';
import { idNumberCheckCharacter } from './identity';
import {
  birthDateProblem,
  childAgeProblem,
  childDateProblems,
  discoveredAtProblem,
} from './report-dates';

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
