import { addDays, DEFAULT_VISIT_POLICY, type VisitCheck, type VisitPolicy } from './visits';

/**
 * 控辍保学 (domain.md, "The child, not the ticket"; 萧县, 晋民发〔2023〕18号): a dropout's file moves
 * 劝返中 → 已复学 → 巩固 (a visit 30 days after the return finds the child still attends) → 销号;
 * or → 去向不明, which hands the case to the police. The loop ends only when the child is back and
 * stays.
 */
export const DROPOUT_STATES = [
  'persuading',
  'returned',
  'consolidated',
  'struck_off',
  'whereabouts_unknown',
] as const;
export type DropoutState = (typeof DROPOUT_STATES)[number];

export const DROPOUT_STATE_LABELS: Record<DropoutState, string> = {
  persuading: '劝返中',
  returned: '已复学',
  consolidated: '巩固',
  struck_off: '销号',
  whereabouts_unknown: '去向不明',
};

/**
 * The states a worker may move a file to from each state (null: not on the dropout list). 巩固 is
 * never chosen by hand: the 30-day check visit reaches it (`dropoutAfterVisit`). A child who drops
 * out again after 复学 or 巩固 goes back to 劝返中; a child found again after 去向不明 too.
 */
export const DROPOUT_TRANSITIONS: Record<DropoutState | 'none', readonly DropoutState[]> = {
  none: ['persuading'],
  persuading: ['returned', 'whereabouts_unknown'],
  returned: ['persuading', 'whereabouts_unknown'],
  consolidated: ['struck_off', 'persuading'],
  struck_off: ['persuading'],
  whereabouts_unknown: ['persuading', 'returned'],
};

/** `POST /children/:id/dropout`. */
export interface DropoutChangeRequest {
  state: DropoutState;
  /**
   * What happened, ≤ 500 characters; required for 去向不明 (at least 10: it becomes the police
   * report's description), optional otherwise.
   */
  note?: string;
}

/** The dropout part of a child's file. */
export interface ChildFileDropout {
  state: DropoutState;
  /** When the file entered this state. */
  since: string;
  /** When the child went back to school (the last 已复学); null before. */
  returnedAt: string | null;
}

/**
 * Why the file may not move from `from` to `to`, or null when it may. The server refuses with 409
 * `DROPOUT_TRANSITION`; the app offers only the allowed ones.
 */
export function dropoutTransitionProblem(
  from: DropoutState | null,
  to: DropoutState,
): string | null {
  if (DROPOUT_TRANSITIONS[from ?? 'none'].includes(to)) return null;
  if (to === 'consolidated') return '巩固由复学30天后的回访确认，不能直接选择';
  const current = from ? `现在是“${DROPOUT_STATE_LABELS[from]}”` : '孩子还不在控辍保学名单上';
  return `${current}，不能改为“${DROPOUT_STATE_LABELS[to]}”`;
}

/** When the 30-day check of a return is due: its window opens and closes (`VisitPolicy`). */
export function dropoutCheckWindow(
  returnedAt: Date,
  policy: VisitPolicy = DEFAULT_VISIT_POLICY,
): { startedAt: Date; dueAt: Date } {
  const startedAt = addDays(returnedAt, policy.dropoutCheckDays);
  return { startedAt, dueAt: addDays(startedAt, policy.dropoutCheckWindowDays) };
}

/**
 * What a visit does to a returned dropout: a visit at or after the check window opens finds the
 * child attending (schooling `normal`) → 巩固; not attending → back to 劝返中; an earlier visit,
 * or a file in another state, changes nothing (null).
 */
export function dropoutAfterVisit(
  dropout: { state: DropoutState; returnedAt: Date | null } | null,
  visit: { at: Date; schooling: VisitCheck },
  policy: VisitPolicy = DEFAULT_VISIT_POLICY,
): DropoutState | null {
  if (!dropout || dropout.state !== 'returned' || !dropout.returnedAt) return null;
  if (visit.at < dropoutCheckWindow(dropout.returnedAt, policy).startedAt) return null;
  return visit.schooling.result === 'normal' ? 'consolidated' : 'persuading';
}

/** A line of the county's dropout figures: how many children are in a state, and for how long. */
export interface DropoutStateFigure {
  state: DropoutState;
  count: number;
  /** Whole days in the state: the median and the longest; null when nobody is in it. */
  medianDays: number | null;
  longestDays: number | null;
}
