import { Injectable } from '@nestjs/common';
import { ownPriority, type ClockName, type Priority, type ReportChild } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Sealer } from '../crypto/sealer';
import type { ReportEntity } from '../reports/report.entity';

/**
 * What a reporter is told of their report's urgency: the priority and deadlines its own facts give
 * (shared `ownPriority`), never the repeat raise, which would tell them the child was reported
 * before. Orders keep the raise; only the reporter's answers are computed here.
 */
@Injectable()
export class ReporterPriority {
  constructor(
    private readonly sealer: Sealer,
    private readonly calendar: CalendarService,
  ) {}

  /** The report's priority without the repeat raise (the report's own when it was not raised). */
  of(report: ReportEntity): Priority {
    if (!report.repeatReport) return report.priority;
    const child = this.sealer.open<ReportChild>(report.childSealed);
    return ownPriority({
      situations: report.situations,
      immediateDanger: report.immediateDanger,
      child: { whereaboutsUnknown: child.whereaboutsUnknown },
    });
  }

  /** The deadline a clock started at `startedAt` would have at the reporter's priority. */
  due(
    clock: ClockName,
    priority: Priority,
    startedAt: Date,
    manager?: EntityManager,
  ): Promise<Date> {
    return this.calendar.clockDeadline(clock, priority, startedAt, manager);
  }
}
