import { addWorkingDays, type WorkCalendar } from './calendar';
import type { Priority } from './priorities';

export const CLOCKS = ['sign', 'contact', 'feedback', 'resolve'] as const;
export type ClockName = (typeof CLOCKS)[number];

export const CLOCK_LABELS: Record<ClockName, string> = {
  sign: '签收',
  contact: '首次核查',
  feedback: '反馈报告人',
  resolve: '办结',
};

export type Duration = { hours: number } | { workingDays: number };

/** `30分钟`, `2小时`, `1个工作日`: a duration of the policy as people read it. */
export function durationText(duration: Duration): string {
  if ('workingDays' in duration) return `${duration.workingDays}个工作日`;
  return duration.hours < 1 ? `${duration.hours * 60}分钟` : `${duration.hours}小时`;
}

export interface SlaPolicy {
  clocks: Record<ClockName, Record<Priority, Duration>>;
  /** How long a unit may send back a wrongly routed order; `sign` means until the sign deadline. */
  returnWindow: Record<Priority, Duration | 'sign'>;
  /** P1 resolve deadlines after the first and second approved extension (police 立案审查). */
  p1ResolveExtensionsHours: readonly number[];
  maxExtensionWorkingDays: number;
  /** Fractions of a clock at which the unit is reminded, the order escalates, and escalates again. */
  reminderAt: number;
  escalateAt: number;
  redListAt: number;
}

const h = (hours: number): Duration => ({ hours });
const wd = (workingDays: number): Duration => ({ workingDays });

/** The defaults of domain.md; an administrator may change the numbers, not the rules. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  clocks: {
    sign: { P1: h(0.5), P2: h(2), P3: wd(1) },
    contact: { P1: h(24), P2: h(24), P3: wd(3) },
    feedback: { P1: h(72), P2: h(72), P3: h(72) },
    resolve: { P1: h(72), P2: wd(5), P3: wd(5) },
  },
  returnWindow: { P1: 'sign', P2: 'sign', P3: wd(2) },
  p1ResolveExtensionsHours: [7 * 24, 30 * 24],
  maxExtensionWorkingDays: 10,
  reminderAt: 0.8,
  escalateAt: 1,
  redListAt: 2,
};

export interface Deadline {
  due: Date;
  uncoveredYears: number[];
}

export function deadlineAfter(start: Date, duration: Duration, calendar: WorkCalendar): Deadline {
  if ('hours' in duration) {
    return { due: new Date(start.getTime() + duration.hours * 3600_000), uncoveredYears: [] };
  }
  return addWorkingDays(start, duration.workingDays, calendar);
}

/** The deadline of one clock of an order of this priority, started at `start`. */
export function clockDeadline(
  clock: ClockName,
  priority: Priority,
  start: Date,
  calendar: WorkCalendar,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): Deadline {
  return deadlineAfter(start, policy.clocks[clock][priority], calendar);
}

/** Until when a unit may return an order dispatched at `dispatchedAt`. */
export function returnDeadline(
  priority: Priority,
  dispatchedAt: Date,
  calendar: WorkCalendar,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): Deadline {
  const window = policy.returnWindow[priority];
  return window === 'sign'
    ? clockDeadline('sign', priority, dispatchedAt, calendar, policy)
    : deadlineAfter(dispatchedAt, window, calendar);
}

/** What happens when a running clock reaches a stage. */
export const CLOCK_STAGES = ['running', 'reminded', 'overdue', 'red'] as const;
export type ClockStage = (typeof CLOCK_STAGES)[number];

/** Where a clock stands, in the words of its escalations (reminder at 80 %, 督办, red list). */
export const CLOCK_STAGE_LABELS: Record<ClockStage, string> = {
  running: '期限内',
  reminded: '已提醒（期限将至）',
  overdue: '已超时督办',
  red: '已列入红色清单',
};

export interface RunningClock {
  startedAt: Date;
  dueAt: Date;
  stage: ClockStage;
}

/**
 * When a running clock next needs attention: the reminder at 80 %, the deadline (overdue, 督办 to
 * the county coordinator) at 100 %, the red list (escalation to the parent unit) at 200 %; null
 * once it is on the red list.
 */
export function nextClockEvent(
  clock: RunningClock,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): { at: Date; stage: Exclude<ClockStage, 'running'> } | null {
  const span = clock.dueAt.getTime() - clock.startedAt.getTime();
  const at = (fraction: number) => new Date(clock.startedAt.getTime() + span * fraction);
  switch (clock.stage) {
    case 'running':
      return { at: at(policy.reminderAt), stage: 'reminded' };
    case 'reminded':
      return { at: at(policy.escalateAt), stage: 'overdue' };
    case 'overdue':
      return { at: at(policy.redListAt), stage: 'red' };
    case 'red':
      return null;
  }
}

/**
 * Every stage a clock has reached by `now`, in order, so a sweep that ran late still records each
 * one exactly once.
 */
export function stagesReached(
  clock: RunningClock,
  now: Date,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): Exclude<ClockStage, 'running'>[] {
  const reached: Exclude<ClockStage, 'running'>[] = [];
  let current = clock;
  for (;;) {
    const next = nextClockEvent(current, policy);
    if (!next || next.at > now) return reached;
    reached.push(next.stage);
    current = { ...current, stage: next.stage };
  }
}
