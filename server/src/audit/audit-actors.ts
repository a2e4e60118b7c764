import { createHmac } from 'node:crypto';
import { CHANNEL_ROLES, mayKnowReporter, type Channel, type Role } from '@shouhu/shared';
import { withinPrefixes } from '../access/division-scope';

/** What the listing needs to know of the report a row is about. */
export interface ReportOfRow {
  id: string;
  reporterUserId: string;
  anonymous: boolean;
  confidential: boolean;
  channel: Channel;
  divisionCode: string;
}

/** Who reads the listing: a coordinator's divisions (none for an admin who coordinates nothing). */
export interface AuditViewer {
  coordinatorPrefixes: readonly string[];
}

/**
 * Whether the viewer may see who acted as the report's reporter (domain.md, Privacy): the same
 * rule as the report itself (`mayKnowReporter`), seen as a coordinator of the report's divisions —
 * never for an anonymous report, and never for an admin, who is no reporter's reader.
 */
export function mayKnowReporterActor(report: ReportOfRow, viewer: AuditViewer): boolean {
  if (!withinPrefixes(report.divisionCode, viewer.coordinatorPrefixes)) return false;
  // A coordinator's view does not depend on the order's department; any one will do.
  return mayKnowReporter(report, { capacity: 'coordinator', department: 'police' });
}

/**
 * The roles a pseudonymous actor shows: the one its report's channel needs, which it tells anyway
 * (a `visit` report is filed by the village or township worker who made the visit).
 */
export function channelRoles(channel: Channel): Role[] {
  if (channel === 'visit') return ['handler'];
  const needed = CHANNEL_ROLES[channel];
  return needed ? [needed.role] : ['reporter'];
}

/**
 * `报告人·3f9a1c`: the same for every row of one reporter on one report, different on each of
 * their reports, and not computable without the server's key, so the listing shows "the same
 * person did A and B here" but neither who nor what else they filed. 24 bits: one report has one
 * reporter, so the tag only has to look unlike the other reports' tags, not be unique.
 */
export function reporterPseudonym(key: Buffer, actorUserId: string, reportId: string): string {
  const tag = createHmac('sha256', key).update(`v1|${actorUserId}|${reportId}`).digest('hex');
  return `报告人·${tag.slice(0, 6)}`;
}
