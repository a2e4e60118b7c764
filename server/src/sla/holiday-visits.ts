import { Injectable } from '@nestjs/common';
import { addDays, schoolHolidayStart, shanghaiDate, visitPlannedText } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import {
  SchoolHolidaysRepository,
  type PriorityFile,
} from '../children/school-holidays.repository';
import { ChildFilesRepository } from '../children/child-files.repository';
import type { SchoolHolidayEntity } from '../children/visit.entity';
import { visitPlannedEvent } from '../children/visit-planned-event';
import { VisitDuesRepository } from '../children/visit-dues.repository';
import { VisitPolicyRepository } from '../children/visit-policy.repository';
import { TransactionRunner } from '../database/transaction-runner';
import { Inbox } from '../inbox/inbox';

/** Priority files planned in one transaction: a county's thousands are never one transaction. */
const BATCH = 500;

/**
 * 假期走访 (domain.md: "priority children get a visit at the start of each school holiday"): when
 * a county's school holiday has started (Beijing day ≥ its first day), every 在册 priority file of
 * the county gets a holiday visit, from the holiday's 00:00 to `holidayDays` later. A batch of
 * files a transaction, the holiday's row locked in each (two servers never plan one holiday
 * together); the dedup key (`<file>:holiday:<first day>`) plans a file once, however often a
 * batch is tried again. The keeping unit of each batch's new visits hears of them in one message;
 * the holiday is marked planned with its last batch. A file made priority after its holiday
 * started waits for the next holiday.
 */
@Injectable()
export class HolidayVisits {
  constructor(
    private readonly holidays: SchoolHolidaysRepository,
    private readonly dues: VisitDuesRepository,
    private readonly files: ChildFilesRepository,
    private readonly policies: VisitPolicyRepository,
    private readonly inbox: Inbox,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Plans the visits of every holiday started by `now` and not planned yet; how many it planned. */
  async plan(now: Date): Promise<number> {
    const today = shanghaiDate(now);
    const cursors = new Map<string, PriorityFile>();
    let planned = 0;
    for (;;) {
      const batch = await this.transactions.run(async (manager) => {
        const holiday = await this.holidays.lockStarted(manager, today);
        if (!holiday) return null;
        const after = cursors.get(holiday.id) ?? null;
        const files = await this.holidays.priorityFiles(manager, holiday.countyCode, after, BATCH);
        const count = await this.planFor(manager, holiday, files, now);
        if (files.length < BATCH) await this.holidays.markDuesCreated(manager, holiday.id, now);
        return { holidayId: holiday.id, last: files.at(-1), count };
      }, 'READ COMMITTED');
      if (!batch) return planned;
      planned += batch.count;
      if (batch.last) cursors.set(batch.holidayId, batch.last);
    }
  }

  private async planFor(
    manager: EntityManager,
    holiday: SchoolHolidayEntity,
    files: PriorityFile[],
    now: Date,
  ): Promise<number> {
    const policy = await this.policies.current(manager);
    const startedAt = schoolHolidayStart(holiday.startsOn);
    const dueAt = addDays(startedAt, policy.holidayDays);
    const planned: PriorityFile[] = [];
    for (const file of files) {
      const fresh = await this.dues.plan(
        manager,
        {
          childFileId: file.id,
          unitId: file.unitId,
          divisionCode: file.divisionCode,
          reason: 'holiday',
          dedupKey: `${file.id}:holiday:${holiday.startsOn}`,
          startedAt,
          dueAt,
        },
        now,
      );
      if (!fresh) continue;
      planned.push(file);
      await this.files.appendEvent(
        manager,
        visitPlannedEvent({ childFileId: file.id, reason: 'holiday', dueAt, at: now }),
      );
    }
    await this.dues.refreshNextVisitDue(manager, ...planned.map((file) => file.id));
    const byUnit = new Map<string, PriorityFile[]>();
    for (const file of planned) {
      if (file.unitId) byUnit.set(file.unitId, [...(byUnit.get(file.unitId) ?? []), file]);
    }
    for (const [unitId, ofUnit] of byUnit) {
      await this.inbox.toUnits(
        manager,
        [unitId],
        {
          kind: 'new_visit',
          text: visitPlannedText({
            reason: 'holiday',
            dueAt,
            count: ofUnit.length,
            holiday: holiday.kind,
          }),
          page:
            ofUnit.length === 1 ? `children/file/index?id=${ofUnit[0].id}` : 'children/index/index',
        },
        now,
      );
    }
    return planned.length;
  }
}
