import { chineseDay, chineseShortDateTime } from './beijing-time';
import { CLOCK_LABELS, type ClockName } from './clocks';
import { DEPARTMENT_SHORT_LABELS, type ReceivingDepartment } from './departments';
import type { ReachedStage } from './escalation';
import type { SubscribeKind } from './notifications';
import { PRIORITY_LABELS, type Priority } from './priorities';

/**
 * The in-app inbox (站内消息, `GET /notifications`): the source of truth of what staff and
 * reporters were told, whatever WeChat delivered. A message names the kind of case, its urgency
 * and its deadline, never the child or the situation (未成年人保护法 第一百零三条): it may be read
 * over a shoulder, on a shared phone, or on a locked screen.
 */
export const INBOX_KINDS = [
  'new_order',
  'new_visit',
  'reminder',
  'overdue',
  'red_list',
  'returned',
  'extension_request',
  'extension_decision',
  'file_moved',
  'report_accepted',
  'report_progress',
  'report_closed',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export const INBOX_KIND_LABELS: Record<InboxKind, string> = {
  new_order: '新工单',
  new_visit: '新的走访',
  reminder: '期限提醒',
  overdue: '超时督办',
  red_list: '红色清单',
  returned: '退单待改派',
  extension_request: '延期待审批',
  extension_decision: '延期审批结果',
  file_moved: '档案转入',
  report_accepted: '报告已受理',
  report_progress: '报告有进展',
  report_closed: '报告已办结',
};

/** A message of the inbox. */
export interface InboxMessage {
  id: string;
  kind: InboxKind;
  /** One or two plain sentences; no child, no situation. */
  text: string;
  /** The mini-program page it opens (`staff/order/index?id=…`), or null. */
  page: string | null;
  createdAt: string;
  /** When the person opened or marked it; null while unread. */
  readAt: string | null;
}

/** `GET /notifications?unread=&page=`: newest first, 20 a page. */
export interface InboxPage {
  items: InboxMessage[];
  total: number;
  /** Unread messages in all, for the badge. */
  unread: number;
}

/** `POST /notifications/read`: what is left unread (the badge), once all were marked read. */
export interface InboxBadge {
  unread: number;
}

/** Messages a page of `GET /notifications` holds. */
export const INBOX_PAGE_SIZE = 20;

/** The mini-program page of one order (staff sub-package), which an order's message opens. */
export function orderPage(orderId: string): string {
  return `staff/order/index?id=${orderId}`;
}

/** The reporter's page of one report's progress, which a milestone's message opens. */
export function reportProgressPage(reportId: string): string {
  return `pages/progress/index?id=${reportId}`;
}

/** `紧急（P1）`: how urgent, as every order message says it. */
function urgency(priority: Priority): string {
  return `${PRIORITY_LABELS[priority]}（${priority}）`;
}

/**
 * What the unit an order reaches is told (kind `new_order`): a handler's unit is asked to sign by
 * the sign deadline; the coordinator's unit, which gets an order no unit of its department covers
 * (`unrouted`), is asked to reassign it by then.
 */
export function newOrderInboxText(order: {
  priority: Priority;
  signDueAt: Date;
  unrouted: boolean;
}): string {
  const by = chineseShortDateTime(order.signDueAt);
  return order.unrouted
    ? `一张${urgency(order.priority)}工单在本区划没有对应的承办单位，已转你单位，请在${by}前改派。`
    : `你单位有一张新的${urgency(order.priority)}工单，请在${by}前签收。`;
}

/** A unit an order's message may name: the one an escalation reached (联席办, never a village). */
export interface InboxUnit {
  id: string;
  name: string;
}

/** One message for the members of one unit. */
export interface UnitMessage {
  unitId: string;
  text: string;
}

/**
 * Who hears of one stage one clock of an order reached, and what each is told (domain.md,
 * Priorities and clocks; the sweep's `planEscalation` decides the stage and `escalatedTo`):
 * - reminder (80 %): the order's unit, with the deadline;
 * - 督办 (100 %, kind `overdue`): the unit escalated to (the county coordinator) and the order's unit;
 * - red list (200 %, kind `red_list`): the unit escalated to (the coordinator's parent, else the
 *   coordinator) and the coordinator.
 * A unit named twice (an unrouted order held by the coordinator) is told once, as the unit escalated
 * to. An order without a unit (the admin queue) tells nobody: admins see no cases. Pure.
 */
export function orderStageMessages(
  step: { stage: ReachedStage; clock: ClockName; dueAt: Date; escalatedTo: InboxUnit | null },
  order: { priority: Priority; unitId: string | null },
  coordinator: InboxUnit | null,
): UnitMessage[] {
  const what = `${urgency(order.priority)}工单的${CLOCK_LABELS[step.clock]}`;
  const deadline = chineseShortDateTime(step.dueAt);
  const target = step.escalatedTo;
  const messages: UnitMessage[] = [];
  const tell = (unitId: string | null | undefined, text: string) => {
    if (unitId && !messages.some((m) => m.unitId === unitId)) messages.push({ unitId, text });
  };
  switch (step.stage) {
    case 'reminded':
      tell(order.unitId, `你单位一张${what}期限将至，请在${deadline}前办理。`);
      break;
    case 'overdue':
      tell(target?.id, `一张${what}已超时（期限${deadline}），已督办至你单位。`);
      tell(
        order.unitId,
        target
          ? `你单位一张${what}已超时（期限${deadline}），已督办至${target.name}。`
          : `你单位一张${what}已超时（期限${deadline}），请立即办理。`,
      );
      break;
    case 'red':
      tell(target?.id, `一张${what}超时已达期限两倍，已上报你单位，列入红色清单。`);
      if (target) {
        tell(coordinator?.id, `一张${what}超时已达期限两倍，已上报${target.name}，列入红色清单。`);
      }
      break;
  }
  return messages;
}

/** What the coordinator's unit is told when a unit returns an order (kind `returned`). */
export function returnedOrderInboxText(order: {
  priority: Priority;
  department: ReceivingDepartment;
}): string {
  return `${DEPARTMENT_SHORT_LABELS[order.department]}退回了一张${urgency(order.priority)}工单，请改派。`;
}

/** What the coordinator's unit is told when a unit asks for more time (kind `extension_request`). */
export function extensionRequestInboxText(order: {
  priority: Priority;
  department: ReceivingDepartment;
}): string {
  return `${DEPARTMENT_SHORT_LABELS[order.department]}的一张${urgency(order.priority)}工单申请延期，请审批。`;
}

/**
 * What the order's unit is told of the coordinator's decision (kind `extension_decision`), with the
 * resolve deadline as it now stands.
 */
export function extensionDecisionInboxText(decision: {
  priority: Priority;
  approved: boolean;
  resolveDueAt: Date | null;
}): string {
  const order = `你单位一张${urgency(decision.priority)}工单的延期申请`;
  if (!decision.approved) return `${order}未获同意，请按原期限办结。`;
  return decision.resolveDueAt
    ? `${order}已同意，办结期限延至${chineseShortDateTime(decision.resolveDueAt)}。`
    : `${order}已同意。`;
}

/** The reporter's milestones, each a message to the account that filed the report. */
export type ReportInboxKind = Extract<
  InboxKind,
  'report_accepted' | 'report_progress' | 'report_closed'
>;

/** The inbox kind of each milestone the reporter hears of (受理 / 进度 / 办结), as WeChat's kinds. */
export const MILESTONE_INBOX_KINDS: Record<SubscribeKind, ReportInboxKind> = {
  accepted: 'report_accepted',
  progress: 'report_progress',
  closed: 'report_closed',
};

/**
 * What the reporter is told of a milestone of their report: which report (the day they filed it)
 * and what happened. Never who handled it or what they wrote: the handler's note is on the
 * progress page the message opens, behind the reporter's login.
 */
export function reportInboxText(kind: ReportInboxKind, submittedAt: Date): string {
  const report = `你于${chineseDay(submittedAt)}提交的报告`;
  switch (kind) {
    case 'report_accepted':
      return `${report}已受理，可查看办理进度。`;
    case 'report_progress':
      return `${report}有新进展，请查看。`;
    case 'report_closed':
      return `${report}已办结，请查看处理结果并评价。`;
  }
}
