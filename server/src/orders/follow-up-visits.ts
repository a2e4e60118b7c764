import { Injectable } from '@nestjs/common';
import { addDays, visitPlannedText } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { ChildFilesRepository } from '../children/child-files.repository';
import { VisitDuesRepository } from '../children/visit-dues.repository';
import { visitPlannedEvent } from '../children/visit-planned-event';
import { VisitPolicyRepository } from '../children/visit-policy.repository';
import { Inbox } from '../inbox/inbox';
import { ReportsRepository } from '../reports/reports.repository';

/**
 * 案后回访 (云溪区 "案后回访机制"; domain.md: "a closed case gets a follow-up visit (回访) within 30
 * days of closing"): when a report's case closes, its child's file gets a follow-up visit due
 * `followUpDays` after the closing, and the keeping unit hears of it. Once per report (dedup key
 * `<file>:follow_up:<report>`): a case reopened and closed again is not visited twice. A file
 * already closed (销号) gets none.
 */
@Injectable()
export class FollowUpVisits {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly files: ChildFilesRepository,
    private readonly dues: VisitDuesRepository,
    private readonly policies: VisitPolicyRepository,
    private readonly inbox: Inbox,
  ) {}

  /** In the transaction that closed the report's case, at `closedAt`. */
  async caseClosed(manager: EntityManager, reportId: string, closedAt: Date): Promise<void> {
    const report = await this.reports.findById(manager, reportId);
    if (!report?.childFileId) return;
    const file = await this.files.lockFile(manager, report.childFileId);
    if (!file || file.status !== 'active') return;
    const { followUpDays } = await this.policies.current(manager);
    const dueAt = addDays(closedAt, followUpDays);
    const planned = await this.dues.plan(
      manager,
      {
        childFileId: file.id,
        unitId: file.unitId,
        divisionCode: file.divisionCode,
        reason: 'follow_up',
        dedupKey: `${file.id}:follow_up:${reportId}`,
        startedAt: closedAt,
        dueAt,
      },
      closedAt,
    );
    if (!planned) return;
    await this.dues.refreshNextVisitDue(manager, file.id);
    await this.files.appendEvent(
      manager,
      visitPlannedEvent({ childFileId: file.id, reason: 'follow_up', dueAt, at: closedAt }),
    );
    await this.inbox.toUnits(
      manager,
      [file.unitId],
      {
        kind: 'new_visit',
        text: visitPlannedText({ reason: 'follow_up', dueAt, count: 1 }),
        page: `children/file/index?id=${file.id}`,
      },
      closedAt,
    );
  }
}
