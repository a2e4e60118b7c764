import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DROPOUT_FROM_REPORT_TEXT } from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ChildFilesRepository } from './child-files.repository';

/**
 * A report of a dropout (situation `dropout`, 控辍保学) puts the child's file on the dropout list as
 * 劝返中 when it is not on it yet, so the county's figures count the child from the day the school
 * reported them, not from the day a worker remembered to. A file already on the list keeps its
 * state (the keeper reads the new report and decides); a closed file is left as it is.
 */
@Injectable()
export class DropoutEnlistment {
  constructor(
    private readonly files: ChildFilesRepository,
    private readonly audit: AuditService,
  ) {}

  /** In the intake's transaction; no actor, so the reporter stays out of the file's timeline. */
  async fromReport(
    manager: EntityManager,
    childFileId: string,
    report: { id: string; divisionCode: string },
    now: Date,
  ): Promise<void> {
    if (!(await this.files.enlistDropout(manager, childFileId, now))) return;
    const detail = { from: null, to: 'persuading', reportId: report.id };
    await this.files.appendEvent(manager, {
      id: randomUUID(),
      childFileId,
      kind: 'dropout',
      text: DROPOUT_FROM_REPORT_TEXT,
      actorUserId: null,
      actorUnitId: null,
      detail,
      at: now,
    });
    await this.audit.record(manager, null, {
      action: 'child_file.dropout',
      targetType: 'child_file',
      targetId: childFileId,
      divisionCode: report.divisionCode,
      detail,
    });
  }
}
