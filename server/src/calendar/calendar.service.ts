import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  addWorkingDays,
  calendarFrom,
  clockDeadline,
  returnDeadline,
  type ClockName,
  type Deadline,
  type Priority,
  type WorkCalendar,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { CalendarRepository, type CalendarYear } from './calendar.repository';
import { chineseDaysYears } from './chinese-days-source';
import type { CalendarDayDto } from './dto/calendar-year.dto';

/** Other server instances may edit the calendar; re-read it at most this often. */
const CACHE_MS = 60_000;

@Injectable()
export class CalendarService implements OnApplicationBootstrap {
  private cached: { calendar: WorkCalendar; until: number } | null = null;
  private seeding: Promise<void> | null = null;

  constructor(
    private readonly calendars: CalendarRepository,
    private readonly alerts: AlertsService,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.ensureSeeded();
  }

  /** Seeds every year the chinese-days package knows and the table does not have yet; once. */
  ensureSeeded(): Promise<void> {
    this.seeding ??= this.seed();
    return this.seeding;
  }

  private async seed(): Promise<void> {
    await this.calendars.seeding(async (manager) => {
      for (const year of chineseDaysYears()) {
        await this.calendars.replaceYear(manager, year, this.clock.now(), true);
      }
    });
    this.cached = null;
  }

  /**
   * Private so that every working-day deadline goes through {@link alerting}: a year the table
   * lacks is counted Mon–Fri and tells the admin, whichever path computes it (domain.md).
   */
  private async calendar(manager?: EntityManager): Promise<WorkCalendar> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.calendar;
    const { years, days } = await this.calendars.all(manager);
    const calendar = calendarFrom(years, days);
    this.cached = { calendar, until: Date.now() + CACHE_MS };
    return calendar;
  }

  /**
   * Every working-day deadline is computed by one of the methods below; each raises the admin
   * alert for a year the calendar does not cover. Pass the transaction's manager inside one.
   */
  async clockDeadline(
    clock: ClockName,
    priority: Priority,
    start: Date,
    manager?: EntityManager,
  ): Promise<Date> {
    const calendar = await this.calendar(manager);
    return this.alerting(clockDeadline(clock, priority, start, calendar), manager);
  }

  async returnDeadline(
    priority: Priority,
    dispatchedAt: Date,
    manager?: EntityManager,
  ): Promise<Date> {
    const calendar = await this.calendar(manager);
    return this.alerting(returnDeadline(priority, dispatchedAt, calendar), manager);
  }

  /** The end (23:59:59.999 Beijing) of the `days`th working day after `start`'s Beijing day. */
  async workingDaysAfter(start: Date, days: number, manager?: EntityManager): Promise<Date> {
    const calendar = await this.calendar(manager);
    return this.alerting(addWorkingDays(start, days, calendar), manager);
  }

  async year(year: number): Promise<CalendarYear> {
    const found = await this.calendars.year(year);
    if (!found) throw ApiException.notFound(`${year} 年的节假日安排还没有录入`);
    return found;
  }

  async replaceYear(year: number, days: CalendarDayDto[]): Promise<CalendarYear> {
    const outside = days.filter((d) => !d.date.startsWith(`${year}-`));
    if (outside.length > 0) {
      throw ApiException.validation({ days: `日期 ${outside[0].date} 不在 ${year} 年` });
    }
    const repeated = days.find((d, i) => days.findIndex((e) => e.date === d.date) !== i);
    if (repeated) {
      throw ApiException.validation({
        days: `日期 ${repeated.date} 出现了不止一次，每天只能录入一次`,
      });
    }
    const replacement: CalendarYear = {
      year,
      source: 'admin',
      days: days.map((d) => ({ date: d.date, working: d.working, name: d.name ?? null })),
    };
    await this.transactions.run((manager) =>
      this.calendars.replaceYear(manager, replacement, this.clock.now()),
    );
    this.cached = null;
    return this.year(year);
  }

  /** A deadline counted Mon–Fri because a year is missing tells the admin, once per year. */
  private async alerting(deadline: Deadline, manager?: EntityManager): Promise<Date> {
    for (const year of deadline.uncoveredYears) {
      await this.alerts.raise(
        'calendar_missing',
        `calendar_missing:${year}`,
        `${year} 年的节假日安排尚未录入，期限暂按周一至周五计算。请在“节假日日历”中录入 ${year} 年的安排。`,
        manager,
      );
    }
    return deadline.due;
  }
}
