import { randomUUID } from 'node:crypto';
import { visitPlannedLine, type VisitReason } from '@shouhu/shared';
import type { ChildFileEventEntity } from './child-file.entity';

/**
 * The file's timeline line `visit_planned` for a visit put on its plan by the system (a 回访 after
 * a case closed, a holiday visit), so the file tells why a visit is due. No actor: the plan did it.
 */
export function visitPlannedEvent(planned: {
  childFileId: string;
  reason: VisitReason;
  dueAt: Date;
  at: Date;
}): ChildFileEventEntity {
  return {
    id: randomUUID(),
    childFileId: planned.childFileId,
    kind: 'visit_planned',
    text: visitPlannedLine(planned),
    actorUserId: null,
    actorUnitId: null,
    detail: { reason: planned.reason, dueAt: planned.dueAt.toISOString() },
    at: planned.at,
  };
}
