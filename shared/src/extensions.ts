import { DEFAULT_SLA_POLICY, type SlaPolicy } from './clocks';
import type { ReceivingDepartment } from './departments';
import type { Priority } from './priorities';

/** What decides which extension an order may ask for. */
export interface ExtensionFacts {
  department: ReceivingDepartment;
  priority: Priority;
  /** Extensions the coordinator has approved so far. */
  extensionsGranted: number;
}

/**
 * The one extension an order may ask for now:
 * - `case_review`: the police's 立案审查 ladder. The resolve deadline becomes `resolveHours` after
 *   the resolve clock started (7 days, then 30); the request carries no number of days.
 * - `working_days`: any other order, a P1 of another department included: 1 to `maxWorkingDays`
 *   working days added to the resolve deadline.
 */
export type ExtensionOffer =
  | { kind: 'case_review'; step: number; resolveHours: number }
  | { kind: 'working_days'; maxWorkingDays: number };

/**
 * Which extension this order may ask for, or null when it may ask for none (the police ladder is
 * used up). domain.md, Priorities and clocks: "extension … at most +10 WD (a P1 police order: to
 * 7, then 30 days)".
 */
export function extensionOffer(
  order: ExtensionFacts,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): ExtensionOffer | null {
  if (order.department === 'police' && order.priority === 'P1') {
    const resolveHours = policy.p1ResolveExtensionsHours[order.extensionsGranted];
    return resolveHours === undefined
      ? null
      : { kind: 'case_review', step: order.extensionsGranted + 1, resolveHours };
  }
  return { kind: 'working_days', maxWorkingDays: policy.maxExtensionWorkingDays };
}

/** The choices the app offers for an offer, in working days; none for the police ladder. */
export function extensionDayChoices(offer: ExtensionOffer): number[] {
  return offer.kind === 'working_days'
    ? Array.from({ length: offer.maxWorkingDays }, (_, i) => i + 1)
    : [];
}

/** How the request reads on the timeline and in the app, e.g. “延长至7天（立案审查）”. */
export function extensionLabel(offer: ExtensionOffer, workingDays?: number): string {
  return offer.kind === 'case_review'
    ? `延长至${offer.resolveHours / 24}天（立案审查）`
    : `延长${workingDays}个工作日`;
}

/**
 * Why a request for `workingDays` (undefined: none given) cannot be granted under this offer, in
 * words for the person asking; null when it can.
 */
export function extensionRequestProblem(
  offer: ExtensionOffer,
  workingDays: number | undefined,
): string | null {
  if (offer.kind === 'case_review') {
    return workingDays === undefined
      ? null
      : `公安立案审查的延期按期限逐级延长（${extensionLabel(offer)}），不填工作日数`;
  }
  const range = `1到${offer.maxWorkingDays}`;
  if (workingDays === undefined) return `请填写需要延长的工作日数（${range}）`;
  return Number.isInteger(workingDays) && workingDays >= 1 && workingDays <= offer.maxWorkingDays
    ? null
    : `延期应为${range}个工作日`;
}
