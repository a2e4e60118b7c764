import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  dropoutChangeErrors,
  dropoutChangeText,
  dropoutCheckInboxText,
  dropoutCheckWindow,
  dropoutPoliceText,
  dropoutTransitionProblem,
  mayEditChildFile,
  type DropoutChanged,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import type { ChildFileEntity } from '../children/child-file.entity';
import { ChildFilesRepository } from '../children/child-files.repository';
import { VisitDuesRepository } from '../children/visit-dues.repository';
import type { VisitDueEntity } from '../children/visit.entity';
import { VisitPolicyRepository } from '../children/visit-policy.repository';
import { childFileNotFound } from '../child-files/child-file-not-found';
import { dropoutView } from '../child-files/child-file-summaries';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { Sealer } from '../crypto/sealer';
import { TransactionRunner } from '../database/transaction-runner';
import { Inbox } from '../inbox/inbox';
import { ChildFileHolding } from '../orders/child-file-holding';
import type { DropoutChangeDto } from './dto/dropout-change.dto';
import { PoliceReferrals } from './police-referrals';

/**
 * 控辍保学 on a child's file (domain.md, "控辍保学"; 萧县, 晋民发〔2023〕18号): a keeper (the village
 * and township units of the child's place) or the county's coordinator moves the file along
 * `DROPOUT_TRANSITIONS`, in one transaction with its timeline line (the note sealed on it), its
 * audit row (never the note), the 复学巩固回访 of a return on the visit plan and the keeping unit's
 * inbox, and for 去向不明 the police brought in (`PoliceReferrals`).
 */
@Injectable()
export class DropoutsService {
  constructor(
    private readonly files: ChildFilesRepository,
    private readonly dues: VisitDuesRepository,
    private readonly policies: VisitPolicyRepository,
    private readonly holding: ChildFileHolding,
    private readonly police: PoliceReferrals,
    private readonly inbox: Inbox,
    private readonly sealer: Sealer,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * 404 outside the caller's scope (and for a malformed id); 403 for an order holder, who reads
   * the file only; 400 `dropoutChangeErrors`; 409 `CHILD_FILE_CLOSED` on a closed file and
   * `DROPOUT_TRANSITION` (with `dropoutTransitionProblem`'s words) for a move the loop does not
   * allow.
   */
  async change(actor: Actor, id: string, dto: DropoutChangeDto): Promise<DropoutChanged> {
    const errors = dropoutChangeErrors(dto);
    if (Object.keys(errors).length > 0) throw ApiException.validation(errors);
    return this.transactions.run(async (manager) => {
      const now = this.clock.now();
      const file = await this.files.lockFile(manager, id);
      const capacity = file ? await this.holding.capacityOf(actor, file, manager) : null;
      if (!file || !capacity) throw childFileNotFound();
      if (!mayEditChildFile(capacity)) {
        throw ApiException.forbidden(
          '办理工单的单位只能查看儿童档案，控辍保学情况请告知村（居）委会或乡镇更新',
        );
      }
      if (file.status === 'closed') {
        throw new ApiException(
          HttpStatus.CONFLICT,
          'CHILD_FILE_CLOSED',
          '档案已销号，不能更新控辍保学情况；如需继续跟进，请先恢复在册',
        );
      }
      const from = file.dropoutState;
      const problem = dropoutTransitionProblem(from, dto.state);
      if (problem) throw new ApiException(HttpStatus.CONFLICT, 'DROPOUT_TRANSITION', problem);

      const updated: ChildFileEntity = {
        ...file,
        dropoutState: dto.state,
        dropoutSince: now,
        dropoutReturnedAt: dto.state === 'returned' ? now : file.dropoutReturnedAt,
        updatedAt: now,
      };
      // A check is for the return it follows: leaving 已复学 another way takes it off the plan.
      if (from === 'returned') await this.dues.cancelOpen(manager, file.id, now, ['dropout_check']);
      const check = dto.state === 'returned' ? await this.planCheck(manager, updated, now) : null;
      if (from === 'returned' || dto.state === 'returned') {
        updated.nextVisitDueAt = await this.dues.earliestOpenDueAt(manager, file.id);
      }
      await this.files.saveFile(manager, updated);

      const who = { actor, capacity };
      const police =
        dto.state === 'whereabouts_unknown'
          ? await this.police.bringIn(manager, who, updated, dto.note ?? '', now)
          : null;
      const text = dropoutChangeText(from, dto.state) + (police ? dropoutPoliceText(police) : '');
      const moved = {
        from,
        to: dto.state,
        ...(police
          ? { police: police.via, reportId: police.reportId, orderId: police.orderId }
          : {}),
      };
      await this.files.appendEvent(manager, {
        id: randomUUID(),
        childFileId: file.id,
        kind: 'dropout',
        text,
        actorUserId: actor.user.id,
        actorUnitId: actor.unit?.id ?? null,
        detail: moved,
        noteSealed: dto.note ? this.sealer.seal(dto.note) : null,
        at: now,
      });
      // The note may name the family or where the child went: the audit row keeps only the move.
      await this.audit.record(manager, actor, {
        action: 'child_file.dropout',
        targetType: 'child_file',
        targetId: file.id,
        divisionCode: file.divisionCode,
        detail: moved,
      });
      return {
        dropout: dropoutView(
          { state: dto.state, since: now, returnedAt: updated.dropoutReturnedAt },
          check,
        ),
        nextVisitDueAt: updated.nextVisitDueAt?.toISOString() ?? null,
        police,
      };
    });
  }

  /**
   * Puts the 复学巩固回访 of this return on the plan (`dropoutCheckWindow` with the policy now in
   * force), once: a second call for the same return plans nothing. The keeping unit hears of it
   * in its inbox when this call planned it. Returns the check as planned.
   */
  private async planCheck(
    manager: EntityManager,
    file: ChildFileEntity,
    now: Date,
  ): Promise<VisitDueEntity | null> {
    const returnedAt = file.dropoutReturnedAt ?? now;
    const window = dropoutCheckWindow(returnedAt, await this.policies.current(manager));
    const planned = await this.dues.plan(
      manager,
      {
        childFileId: file.id,
        unitId: file.unitId,
        divisionCode: file.divisionCode,
        reason: 'dropout_check',
        dedupKey: `${file.id}:dropout_check:${returnedAt.toISOString()}`,
        ...window,
      },
      now,
    );
    if (planned) {
      await this.inbox.toUnits(
        manager,
        [file.unitId],
        {
          kind: 'new_visit',
          text: dropoutCheckInboxText(window),
          page: `children/file/index?id=${file.id}`,
        },
        now,
      );
    }
    return this.dues.openOfFile(manager, file.id, 'dropout_check');
  }
}
