import type { ReceivingDepartment } from './departments';
import { higherPriority, type Priority } from './priorities';
import { situation, type SituationCode } from './situations';

/** Strongest first: the strongest of a report's lead departments leads it (domain.md, Routing 2). */
export const DEPARTMENT_STRENGTH: readonly ReceivingDepartment[] = [
  'police',
  'civil_affairs',
  'township',
  'education',
];

export type OrderRole = 'lead' | 'assist';

export const ORDER_ROLE_LABELS: Record<OrderRole, string> = {
  lead: '牵头',
  assist: '协助',
};

export interface RoutedOrder {
  department: ReceivingDepartment;
  role: OrderRole;
  priority: Priority;
  /** Why this department was named, in words for the timeline. */
  reasons: string[];
}

export interface PriorityOverride {
  from: Priority;
  to: Priority;
  reason: string;
}

export interface Routing {
  priority: Priority;
  /** The priority the situations alone give, before overrides. */
  initialPriority: Priority;
  overrides: PriorityOverride[];
  orders: RoutedOrder[];
}

export interface RoutingContext {
  /** The child already has an open report, or one closed in the last 365 days. */
  repeat: boolean;
}

const RAISED: Record<Priority, Priority> = { P1: 'P1', P2: 'P1', P3: 'P2' };

/** What of the report routing reads. */
export interface RoutableReport {
  situations: readonly SituationCode[];
  immediateDanger: boolean;
  /** Only `whereaboutsUnknown` matters, and only with `dropout`. */
  child?: { whereaboutsUnknown?: boolean };
}

/** The strongest of these departments, by DEPARTMENT_STRENGTH. */
function strongest(departments: Iterable<ReceivingDepartment>): ReceivingDepartment {
  const named = new Set(departments);
  const found = DEPARTMENT_STRENGTH.find((d) => named.has(d));
  if (!found) throw new Error('a report needs at least one situation');
  return found;
}

/**
 * Turns a report into work orders (domain.md, Routing 1–4): one per department any situation names;
 * the lead is the strongest of the situations' *lead* departments (police for a child in danger
 * now), every other named department assists; all orders at the report's priority.
 *
 * A dropout whose whereabouts are unknown also reaches the police, at P2 or higher (萧县
 * 教体基〔2020〕9号: "向…当地派出所报告查找下落"). Throws for a report without situations (the
 * API refuses those first).
 */
export function route(report: RoutableReport, context: RoutingContext): Routing {
  const reasons = new Map<ReceivingDepartment, string[]>();
  const name = (department: ReceivingDepartment, reason: string) => {
    reasons.set(department, [...(reasons.get(department) ?? []), reason]);
  };
  let initialPriority: Priority = 'P3';
  for (const code of report.situations) {
    const s = situation(code);
    initialPriority = higherPriority(initialPriority, s.priority);
    name(s.lead, `因情形“${s.plainLabel}”，派本部门办理`);
    for (const department of s.notify) {
      name(department, `因情形“${s.plainLabel}”，通知本部门协助办理`);
    }
  }

  const overrides: PriorityOverride[] = [];
  let priority = initialPriority;
  const atLeast = (floor: Priority, reason: string) => {
    if (higherPriority(priority, floor) === priority) return;
    overrides.push({ from: priority, to: floor, reason });
    priority = floor;
  };
  if (report.situations.includes('dropout') && report.child?.whereaboutsUnknown === true) {
    name('police', '辍学儿童去向不明，请公安协助查找下落');
    atLeast('P2', '辍学儿童去向不明，按加急处理');
  }
  if (report.immediateDanger) {
    name('police', '孩子正在面临危险，由公安主办');
    atLeast('P1', '正在面临危险，按紧急处理');
  }
  if (context.repeat && RAISED[priority] !== priority) {
    overrides.push({
      from: priority,
      to: RAISED[priority],
      reason: '重复报告：同一儿童已有在办或一年内办结的报告，提升一级',
    });
    priority = RAISED[priority];
  }

  const lead = report.immediateDanger
    ? 'police'
    : strongest(report.situations.map((code) => situation(code).lead));
  return {
    priority,
    initialPriority,
    overrides,
    orders: DEPARTMENT_STRENGTH.filter((d) => reasons.has(d)).map((department) => ({
      department,
      role: department === lead ? 'lead' : 'assist',
      priority,
      reasons: reasons.get(department) ?? [],
    })),
  };
}

/**
 * The priority a report's own facts give — its situations, immediate danger, a dropout's unknown
 * whereabouts — without the repeat raise: what its reporter is shown. The raise says the child was
 * reported before, which a reporter may not learn ("nothing about the child beyond what they
 * themselves wrote", domain.md, The reporter's side); the orders keep it.
 */
export function ownPriority(report: RoutableReport): Priority {
  return route(report, { repeat: false }).priority;
}

export interface UnitCandidate {
  id: string;
  divisionPrefixes: readonly string[];
}

/**
 * The unit whose division prefix is the longest prefix of the division code; null when no unit
 * covers it (domain.md, Routing 5).
 */
export function longestPrefixUnit<T extends UnitCandidate>(
  divisionCode: string,
  units: readonly T[],
): T | null {
  let best: T | null = null;
  let bestLength = -1;
  for (const unit of units) {
    for (const prefix of unit.divisionPrefixes) {
      if (divisionCode.startsWith(prefix) && prefix.length > bestLength) {
        best = unit;
        bestLength = prefix.length;
      }
    }
  }
  return best;
}
