import { chineseShortDateTime } from './beijing-time';
import { RECEIVING_DEPARTMENTS, type ReceivingDepartment } from './departments';
import type { OrderStatus, RefusalCode } from './order-states';
import { DEPARTMENT_KINDS, type OrderPlacement } from './reporter-orders';

/**
 * 转接 (domain.md, "Handoff"; the county notices' "部门转接办理程序"): a handler brings another
 * department in. The new department gets an assist order with its own clocks; nothing is removed,
 * and the reporter's view does not change.
 */
export interface HandoffRequest {
  department: ReceivingDepartment;
  /** Why the other department is needed, 5–500 characters; shown on both orders' timelines. */
  reason: string;
}

/** The handoffs the notices name, offered as one tap in the app (the reason can still be edited). */
export const HANDOFF_REASONS = [
  {
    code: 'warning_issued',
    department: 'township',
    label: '已出具告诫书，转乡镇评估帮扶',
    reason: '公安机关已对监护人出具告诫书，请乡镇儿童督导员对孩子和家庭开展评估帮扶。',
  },
  {
    code: 'needs_relief',
    department: 'civil_affairs',
    label: '需要低保或临时救助，转民政',
    reason: '家庭需要低保或临时救助，请民政部门评估并办理保障救助。',
  },
  {
    code: 'whereabouts_unknown',
    department: 'police',
    label: '孩子去向不明，转公安查找',
    reason: '孩子现在去向不明，请公安机关协助查找下落。',
  },
] as const satisfies readonly {
  code: string;
  department: ReceivingDepartment;
  label: string;
  reason: string;
}[];

export type HandoffReasonCode = (typeof HANDOFF_REASONS)[number]['code'];

/** The one-tap reasons a handler of `from` may use: those that bring in another department. */
export function handoffReasonsFrom(from: ReceivingDepartment) {
  return HANDOFF_REASONS.filter((reason) => reason.department !== from);
}

/** The departments an order of `from` may bring in: every receiving department but its own. */
export function handoffDepartments(from: ReceivingDepartment): ReceivingDepartment[] {
  return RECEIVING_DEPARTMENTS.filter((department) => department !== from);
}

/**
 * Why a handoff is refused; each is a 409 whose `code` says why. Moving an order to another unit
 * of its own department is a 转办 (or the coordinator's 改派), never a handoff; a returned order
 * waits for the coordinator; a department with an unresolved order of the report already works it.
 * A resolved order may still hand off: police resolve with a 告诫书 and then bring in the township.
 */
export const HANDOFF_REFUSALS = {
  HANDOFF_OWN_DEPARTMENT: {
    problem: '不能转接给本部门',
    whatToDo: '交给本部门的其他单位请用“转办”',
  },
  HANDOFF_ORDER_RETURNED: {
    problem: '工单已退单，正等待县联席办改派',
    whatToDo: '改派后由承办单位转接',
  },
  HANDOFF_ALREADY_OPEN: {
    problem: '这个部门已有这份报告未办结的工单',
    whatToDo: '无需转接',
  },
  HANDOVER_NOT_CIVIL_AFFAIRS: {
    problem: '书面交接只记录在民政部门的工单上',
    whatToDo: '临时监护由民政部门承办单位记录',
  },
} as const satisfies Record<string, { problem: string; whatToDo: string }>;

export type HandoffRefusalCode = keyof typeof HANDOFF_REFUSALS;

export const HANDOFF_REFUSAL_CODES = Object.keys(HANDOFF_REFUSALS) as HandoffRefusalCode[];

/** The 409s of `POST /orders/:id/handoff`. */
export const HANDOFF_ROUTE_REFUSALS = [
  'HANDOFF_OWN_DEPARTMENT',
  'HANDOFF_ORDER_RETURNED',
  'HANDOFF_ALREADY_OPEN',
] as const satisfies readonly HandoffRefusalCode[];

/** The 409s of `POST /orders/:id/handover`. */
export const HANDOVER_ROUTE_REFUSALS = [
  'HANDOVER_NOT_CIVIL_AFFAIRS',
  'SIGN_FIRST',
  'WRONG_STATE',
] as const satisfies readonly (HandoffRefusalCode | RefusalCode)[];

interface HandoffOrder {
  department: ReceivingDepartment;
  status: OrderStatus;
}

/** Whether `order` may bring in `to`, given every order of its report; null when it may. */
export function handoffRefusal(
  order: HandoffOrder,
  to: ReceivingDepartment,
  reportOrders: readonly HandoffOrder[],
): (typeof HANDOFF_ROUTE_REFUSALS)[number] | null {
  if (to === order.department) return 'HANDOFF_OWN_DEPARTMENT';
  if (order.status === 'returned') return 'HANDOFF_ORDER_RETURNED';
  if (reportOrders.some((o) => o.department === to && o.status !== 'resolved')) {
    return 'HANDOFF_ALREADY_OPEN';
  }
  return null;
}

/** What a person reads when a handoff or a handover is refused: 民政已有这份报告的工单，无需转接. */
export function handoffRefusalMessage(code: HandoffRefusalCode, to?: ReceivingDepartment): string {
  if (code === 'HANDOFF_ALREADY_OPEN' && to) {
    return `${DEPARTMENT_KINDS[to]}已有这份报告的工单，${HANDOFF_REFUSALS[code].whatToDo}`;
  }
  return `${HANDOFF_REFUSALS[code].problem}，${HANDOFF_REFUSALS[code].whatToDo}`;
}

/**
 * A written handover is civil affairs' record of taking the child into 临时监护, so it is made on a
 * civil affairs order its unit has signed (办理中 or 已办结); null when it may be recorded.
 */
export function handoverRefusal(
  order: HandoffOrder,
): (typeof HANDOVER_ROUTE_REFUSALS)[number] | null {
  if (order.department !== 'civil_affairs') return 'HANDOVER_NOT_CIVIL_AFFAIRS';
  if (order.status === 'dispatched') return 'SIGN_FIRST';
  if (order.status === 'returned') return 'WRONG_STATE';
  return null;
}

/**
 * Whether the reporter is told about the order. A handoff adds an order the reporter never hears
 * of: what they were promised (which departments, their deadlines, their results, the closing)
 * stays what it was when they filed (domain.md, Handoff: the reporter's view does not change).
 */
export function reachesReporter(order: { handedOffFrom: string | null }): boolean {
  return order.handedOffFrom === null;
}

/** The orders the reporter is told about, in the order given. */
export function reporterOrders<T extends { handedOffFrom: string | null }>(
  orders: readonly T[],
): T[] {
  return orders.filter(reachesReporter);
}

/** Where an order stands, for a timeline: its unit, or who still has to place it. */
function whereText(unitName: string | null, placement: OrderPlacement): string {
  if (placement === 'admin' || unitName === null) return '系统管理员待分派';
  if (placement === 'coordinator') return `${unitName}待改派`;
  return unitName;
}

export interface HandoffParty {
  department: ReceivingDepartment;
  unitName: string | null;
  placement: OrderPlacement;
}

/**
 * The timeline lines of a handoff: the source order's (转接：请民政（泗县民政局）协办。原因：…),
 * the new order's (由公安（泗县公安局）转接：…), and the child file's, which names departments and
 * units only, since the reason may name people.
 */
export function handoffTexts(
  from: HandoffParty,
  to: HandoffParty,
  reason: string,
): { source: string; target: string } {
  const fromText = `${DEPARTMENT_KINDS[from.department]}（${whereText(from.unitName, from.placement)}）`;
  const toText = `${DEPARTMENT_KINDS[to.department]}（${whereText(to.unitName, to.placement)}）`;
  return {
    source: `转接：请${toText}协办。原因：${reason}`,
    target: `由${fromText}转接：${reason}`,
  };
}

/** The timeline line of a written handover; no names (they are sealed). */
export function handoverText(handedOverAt: Date | string): string {
  return `已记录临时监护书面交接（交接时间 ${chineseShortDateTime(handedOverAt)}）`;
}
