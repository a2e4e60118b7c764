import type { ReceivingDepartment } from './departments';
import { higherPriority, type Priority } from './priorities';
import { situation, type SituationCode } from './situations';

/** Strongest first: the strongest department named by a report leads it. */
export const DEPARTMENT_STRENGTH: readonly ReceivingDepartment[] = [
  'police',
  'civil_affairs',
  'township',
  'education',
];

export type OrderRole = 'lead' | 'assist';

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

/**
 * Turns a report into work orders: one per department any situation names, the strongest as lead,
 * all at the report's priority (domain.md, Routing 1–4).
 */
export function route(
  report: { situations: readonly SituationCode[]; immediateDanger: boolean },
  context: RoutingContext,
): Routing {
  const reasons = new Map<ReceivingDepartment, string[]>();
  const name = (department: ReceivingDepartment, reason: string) => {
    reasons.set(department, [...(reasons.get(department) ?? []), reason]);
  };
  let initialPriority: Priority = 'P3';
  for (const code of report.situations) {
    const s = situation(code);
    initialPriority = higherPriority(initialPriority, s.priority);
    name(s.lead, `情形“${s.plainLabel}”`);
    for (const department of s.notify) name(department, `情形“${s.plainLabel}”需通知`);
  }

  const overrides: PriorityOverride[] = [];
  let priority = initialPriority;
  if (report.immediateDanger) {
    name('police', '正在面临危险：公安主办');
    if (priority !== 'P1') {
      overrides.push({ from: priority, to: 'P1', reason: '正在面临危险，按紧急处理' });
      priority = 'P1';
    }
  }
  if (context.repeat && RAISED[priority] !== priority) {
    overrides.push({
      from: priority,
      to: RAISED[priority],
      reason: '重复报告：同一儿童已有在办或一年内办结的报告，提升一级',
    });
    priority = RAISED[priority];
  }

  const departments = DEPARTMENT_STRENGTH.filter((d) => reasons.has(d));
  const lead = report.immediateDanger ? 'police' : departments[0];
  return {
    priority,
    initialPriority,
    overrides,
    orders: departments.map((department) => ({
      department,
      role: department === lead ? 'lead' : 'assist',
      priority,
      reasons: reasons.get(department) ?? [],
    })),
  };
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
