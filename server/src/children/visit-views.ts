import type {
  ChildFileCapacity,
  ChildFileVisit,
  PlannedVisit,
  VisitCheck,
  VisitCheckName,
} from '@shouhu/shared';
import type { VisitDueEntity, VisitEntity } from './visit.entity';

/** What `visits.details_sealed` holds: what the visit found and where it took place. */
export interface VisitDetails {
  checks: Record<VisitCheckName, VisitCheck>;
  findings: string | null;
  position: { latitude: number; longitude: number } | null;
}

/**
 * A visit as a viewer of the file sees it (`ChildFileVisit`). Where it took place is the child's
 * home: shown to those who keep or coordinate the file, never to an order holder of another
 * department, who sees what was found (as they see the rest of the file) but not the place.
 */
export function childFileVisitView(
  visit: VisitEntity,
  details: VisitDetails,
  unitName: string | null,
  capacity: ChildFileCapacity,
): ChildFileVisit {
  return {
    id: visit.id,
    at: visit.at.toISOString(),
    unitName,
    met: visit.met,
    checks: details.checks,
    findings: details.findings,
    position: capacity === 'order_holder' ? null : details.position,
    fulfilled: visit.fulfilled,
    reportId: visit.reportId,
  };
}

/** A due on the file's plan (`PlannedVisit`). */
export function plannedVisitView(due: VisitDueEntity): PlannedVisit {
  return {
    id: due.id,
    reason: due.reason,
    startedAt: due.startedAt.toISOString(),
    dueAt: due.dueAt.toISOString(),
    stage: due.stage,
    escalationLevel: due.escalationLevel,
  };
}
