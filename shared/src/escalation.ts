import { chineseDateTime } from './beijing-time';
import {
  CLOCK_LABELS,
  DEFAULT_SLA_POLICY,
  stagesReached,
  type ClockName,
  type ClockStage,
  type RunningClock,
  type SlaPolicy,
} from './clocks';
import type { Department } from './departments';
import { longestPrefixUnit } from './routing';

/** A stage a running clock can reach (domain.md: reminder at 80 %, 督办 at 100 %, red list at 200 %). */
export type ReachedStage = Exclude<ClockStage, 'running'>;

/** The stages that escalate an order; a reminder only reminds its unit. */
export type EscalationStage = Exclude<ReachedStage, 'reminded'>;

/** The order event (and `order.<kind>` audit action) each stage records. */
export const STAGE_EVENT_KINDS = {
  reminded: 'reminder',
  overdue: 'overdue',
  red: 'red_list',
} as const satisfies Record<ReachedStage, string>;

export type StageEventKind = (typeof STAGE_EVENT_KINDS)[ReachedStage];

/**
 * The order's `escalationLevel` once one of its clocks reaches a stage: 1 督办 to the county
 * coordinator, 2 the red list reported to the coordinator's parent unit; a reminder leaves it.
 */
export const STAGE_ESCALATION_LEVELS: Record<ReachedStage, number> = {
  reminded: 0,
  overdue: 1,
  red: 2,
};

/** Named as the one escalated to when no unit is there to take it (the admin queue's holder). */
const NO_UNIT = '系统管理员';

/** A unit as the escalation reads it. */
export interface EscalationUnit {
  id: string;
  name: string;
  department: Department;
  parentId: string | null;
  divisionPrefixes: readonly string[];
}

/** Where an order's escalations go: the county coordinator of its place, and that unit's parent. */
export interface EscalationChain<U extends EscalationUnit> {
  coordinator: U | null;
  parent: U | null;
}

/**
 * The coordinator unit whose divisions hold the order's place most closely (domain.md, Routing 5),
 * and its parent unit (the city's), either null when there is none.
 */
export function escalationChain<U extends EscalationUnit>(
  divisionCode: string,
  units: readonly U[],
): EscalationChain<U> {
  const coordinator = longestPrefixUnit(
    divisionCode,
    units.filter((u) => u.department === 'coordinator'),
  );
  const parent = coordinator?.parentId
    ? (units.find((u) => u.id === coordinator.parentId) ?? null)
    : null;
  return { coordinator, parent };
}

/** A clock of an order as the sweep reads it. */
export interface SweptClock extends RunningClock {
  clock: ClockName;
}

/** One stage one clock reached: what the timeline says, and where the order went. */
export interface EscalationStep<U extends EscalationUnit> {
  clock: ClockName;
  dueAt: Date;
  stage: ReachedStage;
  kind: StageEventKind;
  /**
   * The unit the order is escalated to: the coordinator at 督办, the parent (or, without one, the
   * coordinator) at the red list; null for a reminder, or when no unit is there to take it.
   */
  escalatedTo: U | null;
  /** The timeline's line, without its closing 。 */
  text: string;
}

export interface EscalationPlan<U extends EscalationUnit> {
  /** Every stage every clock reached by now, clock by clock, each in order. */
  steps: EscalationStep<U>[];
  /** The order's level after them; never lowered. */
  escalationLevel: number;
  /**
   * The stage the duty phones hear of, once per sweep: the first clock on the red list, else the
   * first past its deadline; null when nothing escalated.
   */
  highest: { clock: ClockName; stage: EscalationStage } | null;
}

function escalationOf(stage: ReachedStage, clock: ClockName, dueAt: Date, target: string): string {
  const label = CLOCK_LABELS[clock];
  switch (stage) {
    case 'reminded':
      return `${label}期限将至，请在${chineseDateTime(dueAt)}前办理`;
    case 'overdue':
      return `${label}已超时，已督办至${target}`;
    case 'red':
      return `${label}超时已达期限两倍，已上报${target}，列入红色清单`;
  }
}

/**
 * What the deadline sweep records for one order at `now` (domain.md, Priorities and clocks): for
 * each running clock every stage it has reached, in order, so a sweep that ran late still records
 * each once; which unit each escalation goes to and what the timeline says; the order's new
 * escalation level; and the one stage the duty phones are texted about. Pure: the sweep loads the
 * order, its clocks and the units, calls this, and saves.
 */
export function planEscalation<U extends EscalationUnit>(
  order: { escalationLevel: number; clocks: readonly SweptClock[] },
  chain: EscalationChain<U>,
  now: Date,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): EscalationPlan<U> {
  const steps: EscalationStep<U>[] = [];
  let escalationLevel = order.escalationLevel;
  let highest: EscalationPlan<U>['highest'] = null;
  for (const clock of order.clocks) {
    for (const stage of stagesReached(clock, now, policy)) {
      const escalatedTo =
        stage === 'reminded'
          ? null
          : stage === 'red'
            ? (chain.parent ?? chain.coordinator)
            : chain.coordinator;
      steps.push({
        clock: clock.clock,
        dueAt: clock.dueAt,
        stage,
        kind: STAGE_EVENT_KINDS[stage],
        escalatedTo,
        text: escalationOf(stage, clock.clock, clock.dueAt, escalatedTo?.name ?? NO_UNIT),
      });
      escalationLevel = Math.max(escalationLevel, STAGE_ESCALATION_LEVELS[stage]);
      if (stage !== 'reminded' && (!highest || (stage === 'red' && highest.stage !== 'red'))) {
        highest = { clock: clock.clock, stage };
      }
    }
  }
  return { steps, escalationLevel, highest };
}

/** How staff read an order's `escalationLevel` on its card: null before any 督办. */
export function escalationLevelText(level: number): string | null {
  if (level <= 0) return null;
  return level === 1 ? '已督办' : `已督办 ${level} 级（红色清单）`;
}
