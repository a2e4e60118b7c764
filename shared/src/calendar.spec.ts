import chineseDays from 'chinese-days/dist/chinese-days.json';
import { endOfShanghaiDay, shanghaiDate } from './beijing-time';
import { addWorkingDays, calendarFrom, type WorkCalendar } from './calendar';

/** The real 2026 schedule, from the chinese-days package the server seeds its table with. */
function realCalendar(years: number[]): WorkCalendar {
  const data = chineseDays as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  const exceptions = [
    ...Object.keys(data.holidays).map((date) => ({ date, working: false })),
    ...Object.keys(data.workdays).map((date) => ({ date, working: true })),
  ];
  return calendarFrom(years, exceptions);
}

const at = (iso: string) => new Date(iso);

describe('addWorkingDays on the 2026 calendar', () => {
  const calendar = realCalendar([2026]);

  it.each([
    ['2026-09-30T10:00:00+08:00', 1, '2026-10-08', '国庆 Oct 1–7 are off'],
    ['2026-09-30T23:30:00+08:00', 1, '2026-10-08', 'the start day never counts, however late'],
    ['2026-10-09T09:00:00+08:00', 1, '2026-10-10', 'Saturday Oct 10 is a 调休 workday'],
    ['2026-09-19T09:00:00+08:00', 1, '2026-09-20', 'Sunday Sep 20 is a 调休 workday'],
    ['2026-09-24T09:00:00+08:00', 1, '2026-09-28', '中秋 Sep 25–27 are off'],
    ['2026-11-20T09:00:00+08:00', 1, '2026-11-23', 'an ordinary weekend'],
    [
      '2026-09-30T10:00:00+08:00',
      5,
      '2026-10-13',
      'five working days across the holiday and a 调休 Saturday',
    ],
  ])('%s + %i WD ends on %s (%s)', (start, days, dueDate) => {
    const result = addWorkingDays(at(start), days, calendar);

    expect(result.due.toISOString()).toBe(endOfShanghaiDay(dueDate).toISOString());
    expect(result.uncoveredYears).toEqual([]);
  });

  it('falls back to Mon–Fri in a year the calendar does not cover and says which', () => {
    const result = addWorkingDays(at('2026-12-30T10:00:00+08:00'), 3, calendar);

    expect(shanghaiDate(result.due)).toBe('2027-01-04');
    expect(result.uncoveredYears).toEqual([2027]);
  });
});
