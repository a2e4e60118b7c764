import { visitDueText } from './visit-list';

describe(visitDueText.name, () => {
  const now = new Date('2026-12-01T10:00:00+08:00');

  it.each<[string, { startedAt: string; dueAt: string }, string, boolean]>([
    [
      'a visit whose window is open',
      { startedAt: '2026-11-22T10:00:00+08:00', dueAt: '2027-01-06T10:00:00+08:00' },
      '2027年1月6日前完成',
      false,
    ],
    [
      'a visit whose window opens later (复学巩固回访), in Beijing days',
      { startedAt: '2026-12-29T16:00:00Z', dueAt: '2027-01-06T10:00:00+08:00' },
      '12月30日起、1月6日前完成',
      false,
    ],
    [
      'a visit whose window opens this very moment',
      { startedAt: '2026-12-01T10:00:00+08:00', dueAt: '2027-01-06T10:00:00+08:00' },
      '2027年1月6日前完成',
      false,
    ],
    [
      'a visit 3 hours late',
      { startedAt: '2026-09-01T10:00:00+08:00', dueAt: '2026-12-01T07:00:00+08:00' },
      '已超时 1 天',
      true,
    ],
  ])('says for %s: %s', (_what, visit, text, overdue) => {
    expect(visitDueText(visit, now)).toEqual({ text, overdue });
  });
});
