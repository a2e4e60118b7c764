import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  DROPOUT_STATE_LABELS,
  VISIT_REASON_LABELS,
  chineseDateTime,
  dropoutAfterVisit,
  visitRequestProblems,
  type DropoutState,
  type VisitReason,
  type VisitRecorded,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { childFileNotFound } from '../child-files/child-file-not-found';
import type { ChildFileEntity } from '../children/child-file.entity';
import { ChildFilesRepository } from '../children/child-files.repository';
import { VisitPlanner } from '../children/visit-planner';
import { VisitPolicyRepository } from '../children/visit-policy.repository';
import type { VisitDetails } from '../children/visit-views';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { Sealer } from '../crypto/sealer';
import { IdempotencyService, type StoredResponse } from '../idempotency/idempotency.service';
import { IntakeService } from '../intake/intake.service';
import { ChildFileHolding } from '../orders/child-file-holding';
import type { CreateVisitDto } from './dto/create-visit.dto';
import { VisitsRepository } from './visits.repository';

/** Who may record a visit, in the API docs' words (`VisitsService.record` decides it). */
export const VISIT_RECORDERS =
  '只有孩子所在村（居）委会、乡镇的工作人员可以记录走访；县联席办和办理工单的其他单位只能查看';

/** The file's timeline line of a visit: who visited, and which planned visits it was. */
function visitTimelineText(unitName: string, fulfilled: readonly VisitReason[]): string {
  const which = fulfilled.map((reason) => VISIT_REASON_LABELS[reason]).join('、');
  return fulfilled.length > 0 ? `${unitName}走访，完成${which}` : `${unitName}走访（计划外）`;
}

/** The timeline line of a 控辍保学 state the 30-day check visit decided. */
function dropoutTimelineText(to: DropoutState): string {
  return to === 'consolidated'
    ? `复学巩固回访：孩子仍在校就读，控辍保学转为“${DROPOUT_STATE_LABELS.consolidated}”`
    : `复学巩固回访：孩子没有正常上学，控辍保学转回“${DROPOUT_STATE_LABELS.persuading}”`;
}

/**
 * 走访: a visit to a child on file, recorded once per Idempotency-Key (a visit typed with no signal
 * is sent again until it arrives). Only a keeper of the file records it (the village or township
 * unit of the child's place): others who see the file get 403, everyone else 404. One
 * transaction: the visit (what was found, and where, sealed), the report filed from it, the
 * plan's dues it fulfils and the next quarterly one (`VisitPlanner`), the 30-day check of a
 * returned dropout (`dropoutAfterVisit`), the file's timeline line and an audit row that hold no
 * finding, no position and no identity.
 */
@Injectable()
export class VisitsService {
  constructor(
    private readonly files: ChildFilesRepository,
    private readonly holding: ChildFileHolding,
    private readonly planner: VisitPlanner,
    private readonly policies: VisitPolicyRepository,
    private readonly visits: VisitsRepository,
    private readonly intake: IntakeService,
    private readonly idempotency: IdempotencyService,
    private readonly sealer: Sealer,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `POST /children/:id/visits`. The same key with the same file and body answers the first
   * answer (no second visit); with another file or body 409 `IDEMPOTENCY_CONFLICT`.
   */
  async record(
    actor: Actor,
    idempotencyKey: string | undefined,
    fileId: string,
    dto: CreateVisitDto,
  ): Promise<StoredResponse<VisitRecorded>> {
    const key = IdempotencyService.assertKey(idempotencyKey);
    return this.idempotency.once(
      key,
      actor.user.id,
      { childFileId: fileId, visit: dto },
      HttpStatus.CREATED,
      (manager) => this.store(manager, actor, fileId, dto),
    );
  }

  private async store(
    manager: EntityManager,
    actor: Actor,
    fileId: string,
    dto: CreateVisitDto,
  ): Promise<VisitRecorded> {
    const now = this.clock.now();
    const file = await this.files.lockFile(manager, fileId);
    const capacity = file && (await this.holding.capacityOf(actor, file, manager));
    if (!file || !capacity) throw childFileNotFound();
    if (capacity !== 'keeper' || !actor.unit) throw ApiException.forbidden(VISIT_RECORDERS);
    if (file.status === 'closed') {
      throw new ApiException(
        HttpStatus.CONFLICT,
        'CHILD_FILE_CLOSED',
        '档案已销号，不能记录走访；如需继续跟进，请先恢复在册',
      );
    }
    const at = new Date(dto.at);
    const errors = visitRequestProblems(dto, now);
    if (!errors.at && at < file.createdAt) {
      errors.at = `走访时间不能早于建档时间（${chineseDateTime(file.createdAt)}）`;
    }
    if (Object.keys(errors).length > 0) throw ApiException.validation(errors);

    const id = randomUUID();
    const report = dto.report
      ? await this.intake.fileFromChildFile(manager, actor, file, dto.report, at)
      : null;
    const plan = await this.planner.visited(manager, file, { id, at }, now);
    const details: VisitDetails = {
      checks: dto.checks,
      findings: dto.findings ?? null,
      position:
        dto.latitude !== undefined && dto.longitude !== undefined
          ? { latitude: dto.latitude, longitude: dto.longitude }
          : null,
    };
    await this.visits.insert(manager, {
      id,
      childFileId: file.id,
      unitId: actor.unit.id,
      userId: actor.user.id,
      at,
      met: dto.met,
      detailsSealed: this.sealer.seal(details),
      fulfilled: plan.fulfilled,
      reportId: report?.id ?? null,
      createdAt: now,
    });
    const dropout = dropoutAfterVisit(
      file.dropoutState && { state: file.dropoutState, returnedAt: file.dropoutReturnedAt },
      { at, schooling: dto.checks.schooling },
      await this.policies.current(manager),
    );
    const updated: ChildFileEntity = {
      ...file,
      lastVisitAt: plan.lastVisitAt,
      nextVisitDueAt: plan.nextVisitDueAt,
      ...(dropout ? { dropoutState: dropout, dropoutSince: at } : {}),
      updatedAt: now,
    };
    await this.files.saveFile(manager, updated);
    await this.timeline(manager, actor, file.id, at, 'visit', {
      text: `${visitTimelineText(actor.unit.name, plan.fulfilled)}。`,
      detail: { visitId: id, fulfilled: plan.fulfilled },
    });
    if (dropout) {
      await this.timeline(manager, actor, file.id, at, 'dropout', {
        text: `${dropoutTimelineText(dropout)}。`,
        detail: { visitId: id, from: file.dropoutState, to: dropout },
      });
    }
    await this.audit.record(manager, actor, {
      action: 'visit.record',
      targetType: 'visit',
      targetId: id,
      divisionCode: file.divisionCode,
      detail: {
        childFileId: file.id,
        fulfilled: plan.fulfilled,
        ...(report ? { reportId: report.id } : {}),
        ...(dropout ? { dropout: { from: file.dropoutState, to: dropout } } : {}),
      },
    });
    return {
      id,
      nextVisitDueAt: plan.nextVisitDueAt?.toISOString() ?? null,
      report,
    };
  }

  private async timeline(
    manager: EntityManager,
    actor: Actor,
    childFileId: string,
    at: Date,
    kind: string,
    line: { text: string; detail: object },
  ): Promise<void> {
    await this.files.appendEvent(manager, {
      id: randomUUID(),
      childFileId,
      kind,
      text: line.text,
      actorUserId: actor.user.id,
      actorUnitId: actor.unit?.id ?? null,
      detail: line.detail,
      at,
    });
  }
}
