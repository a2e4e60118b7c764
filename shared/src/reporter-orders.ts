import type { ReceivingDepartment } from './departments';
import { DEPARTMENTS } from './departments';
import type { OrderRole } from './routing';
import type { OrderStatus } from './order-states';
import { OUTCOME_LABELS, type Outcome } from './outcomes';

/**
 * Where an order really is (domain.md, Routing 5): with a unit of its department, in the county
 * coordinator's queue waiting to be assigned (no unit of the department covers the place, or the
 * unit returned it), or in the administrator's queue (no coordinator either).
 */
export const ORDER_PLACEMENTS = ['unit', 'coordinator', 'admin'] as const;
/** `unit`: with a unit of its department; `coordinator`: waiting for the county's 改派; `admin`: on the administrator's queue. */
export type OrderPlacement = (typeof ORDER_PLACEMENTS)[number];

/** The department as a reporter names it, in a sentence: 待分派到乡镇. */
export const DEPARTMENT_KINDS: Record<ReceivingDepartment, string> = {
  police: '公安',
  civil_affairs: '民政',
  township: '乡镇',
  education: '教育',
};

/**
 * `unitId` null is the admin queue; an unrouted or returned order waits for the coordinator's
 * 改派; anything else is with its unit.
 */
export function orderPlacement(order: {
  unitId: string | null;
  unrouted: boolean;
  status: OrderStatus;
}): OrderPlacement {
  if (order.unitId === null) return 'admin';
  if (order.unrouted || order.status === 'returned') return 'coordinator';
  return 'unit';
}

/**
 * What the reporter is told holds the order: the kind of department when a unit of it does,
 * never a unit's name (domain.md, The reporter's side), and otherwise who really holds it, so no
 * department is said to have an order that no unit of it has.
 */
export function placementText(department: ReceivingDepartment, placement: OrderPlacement): string {
  const kind = DEPARTMENT_KINDS[department];
  if (placement === 'coordinator') return `县联席办（待分派到${kind}）`;
  if (placement === 'admin') return `系统管理员（待分派到${kind}）`;
  return kind;
}

/** An order's state in the reporter's words. */
export const REPORTER_ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  dispatched: '待签收',
  in_progress: '办理中',
  returned: '待改派',
  resolved: '已办结',
};

export interface ResultSource {
  department: ReceivingDepartment;
  role: OrderRole;
  status: OrderStatus;
  outcome: Outcome | null;
  reporterSummary: string | null;
}

/**
 * An order's outcome as every view shows it, to staff and to the reporter alike: the code, its
 * label, and the summary the unit wrote for the reporter (empty once the report is purged).
 */
export interface OutcomeView {
  code: Outcome;
  label: string;
  summary: string;
}

/**
 * The outcome recorded on the order, whatever its state: staff keep seeing it on a reopened
 * order, until it is resolved again with another.
 */
export function outcomeView(order: {
  outcome: Outcome | null;
  reporterSummary: string | null;
}): OutcomeView | null {
  if (!order.outcome) return null;
  return {
    code: order.outcome,
    label: OUTCOME_LABELS[order.outcome],
    summary: order.reporterSummary ?? '',
  };
}

/** The outcome the reporter is told: only while the order is resolved, none once it is reopened. */
export function resolvedOutcome(order: ResultSource): OutcomeView | null {
  return order.status === 'resolved' ? outcomeView(order) : null;
}

/** One department's result as the reporter is told it: its outcome, and whose it is. */
export interface DepartmentResult extends OutcomeView {
  department: ReceivingDepartment;
  role: OrderRole;
}

/** The result of one order, once it is resolved; a reopened order has none until resolved again. */
export function resultOf(order: ResultSource): DepartmentResult | null {
  const outcome = resolvedOutcome(order);
  return outcome && { department: order.department, role: order.role, ...outcome };
}

/** The order the reporter reads departments in: the lead first, then police, civil affairs, township, education. */
export function leadFirst(
  a: { role: OrderRole; department: ReceivingDepartment },
  b: { role: OrderRole; department: ReceivingDepartment },
): number {
  return (
    Number(b.role === 'lead') - Number(a.role === 'lead') ||
    DEPARTMENTS.indexOf(a.department) - DEPARTMENTS.indexOf(b.department)
  );
}

/**
 * Every result given so far, lead first, then by department (police, civil affairs, township,
 * education). The reporter sees each department's result as soon as it is given, whether or not
 * the lead has signed (未保法 第十一条: the receiving department tells the reporter the result).
 */
export function departmentResults(orders: ResultSource[]): DepartmentResult[] {
  return orders
    .flatMap((order) => {
      const result = resultOf(order);
      return result ? [result] : [];
    })
    .sort(leadFirst);
}

/**
 * The report's outcome: the lead order's, once it is resolved (the report is closed when every
 * order is); null before. The first lead in department order, should a report have two.
 */
export function leadOutcome(orders: ResultSource[]): OutcomeView | null {
  const lead = orders.filter((o) => o.role === 'lead' && resolvedOutcome(o)).sort(leadFirst)[0];
  return lead ? resolvedOutcome(lead) : null;
}

/** A result as one line of the reporter's timeline: 民政：已纳入保障或给予救助。已申请临时救助。 */
export function resultLine(result: DepartmentResult): string {
  return `${DEPARTMENT_KINDS[result.department]}：${result.label}。${result.summary}`;
}
