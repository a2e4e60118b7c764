import type { OrderActorCapacity, ReceivingDepartment } from '@shouhu/shared';

export interface DisclosureViewer {
  capacity: OrderActorCapacity;
  /** The department of the order through which the viewer sees the report. */
  department: ReceivingDepartment;
}

export interface ReporterPrivacy {
  anonymous: boolean;
  confidential: boolean;
}

/**
 * Who may learn who reported (刑诉法 第一百一十一条): nobody for an anonymous report; for a
 * confidential one only police orders and coordinators; otherwise the handlers and coordinators
 * with access to one of the report's orders. Never an administrator (domain.md, Privacy).
 */
export function mayKnowReporter(report: ReporterPrivacy, viewer: DisclosureViewer): boolean {
  if (report.anonymous || viewer.capacity === 'admin') return false;
  if (report.confidential)
    return viewer.capacity === 'coordinator' || viewer.department === 'police';
  return true;
}
