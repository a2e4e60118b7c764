import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  nextVisitStageAt,
  planVisitEscalation,
  sentence,
  visitEscalationChain,
  visitStageText,
  type VisitEscalationStep,
} from '@shouhu/shared';
import type { EntityManager } from 'typeorm';
import { AuditService, type AuditEvent } from '../audit/audit.service';
import { ChildFilesRepository } from '../children/child-files.repository';
import type { ChildFileEventEntity } from '../children/child-file.entity';
import type { VisitDueEntity } from '../children/visit.entity';
import { VisitDuesRepository, type VisitDueStage } from '../children/visit-dues.repository';
import { TransactionRunner } from '../database/transaction-runner';
import { Inbox, type UnitsMessage } from '../inbox/inbox';
import type { UnitRecord } from '../units/unit';
import { HolidayVisits } from './holiday-visits';

const BATCH = 50;

export interface VisitSweepResult {
  /** Holiday visits put on the plan by this sweep. */
  planned: number;
  /** Due visits that reached a stage. */
  dues: number;
  /** Stages recorded on the files' timelines. */
  events: number;
}

/**
 * The deadline sweep's part for visits on the plan (domain.md, "The child, not the ticket": "the
 * same reminder (80 %), overdue and 督办 (100 %) and red-list (200 %) chain as an order, up from
 * the village to the township and then the county"). First the school holidays that started get
 * their visits; then the open dues whose next stage has come, found through the indexed
 * `next_due_at` in batches of locked rows, each stage recorded once: on the file's timeline, an
 * audit row for each escalation (no identity: the file's id and the kind of visit), and the inbox
 * of the units told — the keeping unit at the reminder, the township (and the keeping unit) at
 * 督办, the county coordinator (and the township) at the red list.
 */
@Injectable()
export class VisitDueSweep {
  constructor(
    private readonly dues: VisitDuesRepository,
    private readonly files: ChildFilesRepository,
    private readonly holidays: HolidayVisits,
    private readonly audit: AuditService,
    private readonly inbox: Inbox,
    private readonly transactions: TransactionRunner,
  ) {}

  async sweep(now: Date, units: UnitRecord[]): Promise<VisitSweepResult> {
    const total: VisitSweepResult = { planned: await this.holidays.plan(now), dues: 0, events: 0 };
    for (;;) {
      // READ COMMITTED, as for orders: no gap locks on the index, so two sweeps never block.
      const batch = await this.transactions.run(async (manager) => {
        const due = await this.dues.lockSweepable(manager, now, BATCH);
        return { dues: due.length, events: await this.advance(manager, due, units, now) };
      }, 'READ COMMITTED');
      total.dues += batch.dues;
      total.events += batch.events;
      if (batch.dues < BATCH) return total;
    }
  }

  /**
   * Records what the shared `planVisitEscalation` decides for each due of a batch: the stages on
   * the files' timelines, the inbox messages and the dues' stages, a fixed number of statements for
   * the batch; then an audit row for each escalation, last, so the chain
   * head stays locked only from them to the commit. Returns the number of stages recorded.
   */
  private async advance(
    manager: EntityManager,
    dues: VisitDueEntity[],
    units: UnitRecord[],
    now: Date,
  ): Promise<number> {
    const events: ChildFileEventEntity[] = [];
    const audits: AuditEvent[] = [];
    const messages: UnitsMessage[] = [];
    const stages: VisitDueStage[] = [];
    for (const due of dues) {
      const chain = visitEscalationChain(due.divisionCode, units, due.unitId);
      const plan = planVisitEscalation(due, chain, now);
      for (const [i, step] of plan.steps.entries()) {
        events.push({
          id: randomUUID(),
          childFileId: due.childFileId,
          kind: step.kind,
          text: sentence(step.text),
          actorUserId: null,
          actorUnitId: null,
          detail: { visitDueId: due.id, reason: due.reason, dueAt: due.dueAt.toISOString() },
          // A late sweep records several stages at once: a millisecond apart, so the timeline
          // (in time order) lists them in the order they were reached.
          at: new Date(now.getTime() + i),
        });
        if (step.stage !== 'reminded') {
          audits.push({
            action: `visit.${step.kind}`,
            targetType: 'child_file',
            targetId: due.childFileId,
            divisionCode: due.divisionCode,
            detail: { visitDueId: due.id, reason: due.reason, escalatedTo: step.escalatedTo?.id },
          });
        }
        messages.push({
          unitIds: this.told(step, due, chain.township),
          message: {
            kind: step.kind,
            text: visitStageText(step),
            page: `children/file/index?id=${due.childFileId}`,
          },
        });
      }
      const stage = plan.stage;
      stages.push({
        id: due.id,
        stage,
        escalationLevel: plan.escalationLevel,
        nextDueAt: nextVisitStageAt({ ...due, stage }),
      });
    }
    await this.files.appendEvents(manager, events);
    await this.inbox.toUnitsEach(manager, messages, now);
    await this.dues.saveStages(manager, stages);
    for (const audit of audits) await this.audit.record(manager, null, audit);
    return events.length;
  }

  /**
   * Whose inbox hears of a stage: the keeping unit of its reminder; the unit escalated to and the
   * one below it — the keeping unit at 督办, the township at the red list.
   */
  private told(
    step: VisitEscalationStep<UnitRecord>,
    due: VisitDueEntity,
    township: UnitRecord | null,
  ): (string | null)[] {
    if (step.stage === 'reminded') return [due.unitId];
    if (step.stage === 'overdue') return [step.escalatedTo?.id ?? null, due.unitId];
    return [step.escalatedTo?.id ?? null, township?.id ?? null];
  }
}
