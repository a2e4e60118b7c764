import {
  addWorkingDays,
  calendarFrom,
  clockDeadline,
  returnDeadline,
  type ClockName,
  type Priority,
} from '@shouhu/shared';
import type { CalendarService } from '../../src/calendar/calendar.service';

const MONDAY_TO_FRIDAY = calendarFrom([], []);

/**
 * The calendar service's deadlines on a Monday-to-Friday calendar with no holidays, computed by
 * the same shared rules; no table, no admin alert.
 */
export const workingDayCalendar: Pick<
  CalendarService,
  'clockDeadline' | 'returnDeadline' | 'workingDaysAfter'
> = {
  async clockDeadline(clock: ClockName, priority: Priority, start: Date): Promise<Date> {
    return clockDeadline(clock, priority, start, MONDAY_TO_FRIDAY).due;
  },
  async returnDeadline(priority: Priority, dispatchedAt: Date): Promise<Date> {
    return returnDeadline(priority, dispatchedAt, MONDAY_TO_FRIDAY).due;
  },
  async workingDaysAfter(start: Date, days: number): Promise<Date> {
    return addWorkingDays(start, days, MONDAY_TO_FRIDAY).due;
  },
};
