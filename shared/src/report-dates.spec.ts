import { shanghaiDate } from './beijing-time';
import { birthDateProblem, discoveredAtProblem } from './report-dates';

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
