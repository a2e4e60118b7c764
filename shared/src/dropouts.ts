import { chineseShortDateTime, shanghaiDate } from './beijing-time';
import { DEPARTMENT_KINDS } from './reporter-orders';
import { TEXT_LIMITS, visibleLength } from './text-limits';
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
  /**
   * The 复学巩固回访 of the last return while it is on the plan and not yet done: its window opens
   * at `startedAt` and closes at `dueAt` (`dropoutCheckWindow`); null otherwise.
   */
  check: { startedAt: string; dueAt: string } | null;
}

/** Refusals of `POST /children/:id/dropout` that no field's shape tells (409). */
export const DROPOUT_REFUSAL_CODES = ['DROPOUT_TRANSITION'] as const;
export type DropoutRefusalCode = (typeof DROPOUT_REFUSAL_CODES)[number];

/**
 * 去向不明 hands the case to the police (萧县 教体基〔2020〕9号: "对具体去向不明的…向乡（镇）人民政府
 * 和当地派出所报告查找下落"): the note becomes what the police read, so it needs as many characters
 * as a report's description.
 */
export const WHEREABOUTS_NOTE_MIN = TEXT_LIMITS.reportDescription.min;

/**
 * Rules of a dropout change the fields' own shapes do not tell: a note of at least
 * {@link WHEREABOUTS_NOTE_MIN} visible characters for 去向不明. The server refuses a body with any
 * (400); the app asks the same before sending. Field → reason, empty when the body is fine.
 */
export function dropoutChangeErrors(body: DropoutChangeRequest): Record<string, string> {
  if (body.state !== 'whereabouts_unknown') return {};
  if (visibleLength(body.note ?? '') >= WHEREABOUTS_NOTE_MIN) return {};
  return {
    note: `去向不明会转给公安机关查找，请写明情况（至少${WHEREABOUTS_NOTE_MIN}字）：什么时候最后见到孩子、可能去了哪里`,
  };
}

/** The file's timeline line of a change: 控辍保学：劝返中 → 已复学。 */
export function dropoutChangeText(from: DropoutState | null, to: DropoutState): string {
  if (from === null) return `控辍保学：列入控辍保学名单（${DROPOUT_STATE_LABELS[to]}）。`;
  return `控辍保学：${DROPOUT_STATE_LABELS[from]} → ${DROPOUT_STATE_LABELS[to]}。`;
}

/** The timeline line when a report of a dropout puts the child on the list by itself. */
export const DROPOUT_FROM_REPORT_TEXT = `控辍保学：收到辍学报告，列入控辍保学名单（${DROPOUT_STATE_LABELS.persuading}）。`;

/**
 * How the police were brought in when a child's whereabouts became unknown: a handoff (转接) from
 * an open order of another department about the child, an order of theirs already open about the
 * child, or a police report filed from the file when no order was open.
 */
export const DROPOUT_POLICE_VIAS = ['handoff', 'open_order', 'report'] as const;
export type DropoutPoliceVia = (typeof DROPOUT_POLICE_VIAS)[number];

export const DROPOUT_POLICE_VIA_LABELS: Record<DropoutPoliceVia, string> = {
  handoff: '从在办工单转接公安',
  open_order: '公安已有这个孩子的在办工单',
  report: '从档案向公安报告',
};

export interface DropoutPoliceReferral {
  via: DropoutPoliceVia;
  /** The report the police order belongs to. */
  reportId: string;
  /** The police order that looks for the child. */
  orderId: string;
  /** Its unit; null while it waits in the coordinator's or the administrator's queue. */
  unitName: string | null;
}

/**
 * What the file's timeline says of the police being brought in, after the move's own words
 * (控辍保学：劝返中 → 去向不明。已转接公安（泗县公安局）查找孩子下落。); never the note, which may
 * name people.
 */
export function dropoutPoliceText(referral: DropoutPoliceReferral): string {
  const police = `${DEPARTMENT_KINDS.police}（${referral.unitName ?? '待分派'}）`;
  switch (referral.via) {
    case 'handoff':
      return `已转接${police}查找孩子下落。`;
    case 'open_order':
      return `${police}已有这个孩子的在办工单，已请其查找孩子下落。`;
    case 'report':
      return `已向${police}报告，请其查找孩子下落。`;
  }
}

/** The answer of `POST /children/:id/dropout`. */
export interface DropoutChanged {
  dropout: ChildFileDropout;
  /** When the file's next visit falls due (the earliest open visit on its plan); null: none. */
  nextVisitDueAt: string | null;
  /** For 去向不明: how the police were brought in; null otherwise. */
  police: DropoutPoliceReferral | null;
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
 * The 30-day check of a return, planned again when a file closed (销号) while the child was
 * 已复学 is reopened (closing cancelled it): its own window while that is still ahead, else a
 * window opening at the reopening, as long as the policy's.
 */
export function dropoutCheckWindowOnReopen(
  returnedAt: Date,
  reopenedAt: Date,
  policy: VisitPolicy = DEFAULT_VISIT_POLICY,
): { startedAt: Date; dueAt: Date } {
  const own = dropoutCheckWindow(returnedAt, policy);
  if (own.dueAt > reopenedAt) return own;
  return { startedAt: reopenedAt, dueAt: addDays(reopenedAt, policy.dropoutCheckWindowDays) };
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

/**
 * The keeping unit's inbox message when a 复学巩固回访 is planned: the kind of visit and its
 * window, never the child, the place or the situation (it may be read on a locked screen).
 */
export function dropoutCheckInboxText(window: { startedAt: Date; dueAt: Date }): string {
  return `有一次复学巩固回访：请在${chineseShortDateTime(window.startedAt)}至${chineseShortDateTime(window.dueAt)}之间完成走访。`;
}

/** A line of the county's dropout figures: how many children are in a state, and for how long. */
export interface DropoutStateFigure {
  state: DropoutState;
  count: number;
  /** Whole days in the state: the median and the longest; null when nobody is in it. */
  medianDays: number | null;
  longestDays: number | null;
}

const DAY_MS = 24 * 3600_000;

/**
 * Whole days from `since` to `now` on Beijing's calendar (domain.md: every day count is the
 * Asia/Shanghai day): entered today is 0, yesterday evening 1.
 */
export function daysInState(since: Date, now: Date): number {
  const day = (instant: Date) => Date.parse(`${shanghaiDate(instant)}T00:00:00Z`);
  return Math.max(0, Math.round((day(now) - day(since)) / DAY_MS));
}

/**
 * Which of `count` files, ordered from the longest in the state, hold the median: the middle
 * one, or the two middle ones of an even count (`offset` and `limit` of an ordered query).
 */
export function medianRows(count: number): { offset: number; limit: number } {
  return { offset: Math.floor((count - 1) / 2), limit: count % 2 === 1 ? 1 : 2 };
}

/** What the database tells of one state: how many, since when the longest, the median rows. */
export interface DropoutStateGroup {
  state: DropoutState;
  count: number;
  oldestSince: Date;
  /** The `since` of the {@link medianRows}: one, or two for an even count. */
  medianSinces: Date[];
}

/**
 * One line per state, in `DROPOUT_STATES` order, states nobody is in included (count 0): the
 * median of an even count is the mean of the two middle day counts, rounded down.
 */
export function dropoutStateFigures(
  groups: readonly DropoutStateGroup[],
  now: Date,
): DropoutStateFigure[] {
  return DROPOUT_STATES.map((state) => {
    const group = groups.find((g) => g.state === state);
    if (!group || group.count === 0) {
      return { state, count: 0, medianDays: null, longestDays: null };
    }
    const middle = group.medianSinces.map((since) => daysInState(since, now));
    return {
      state,
      count: group.count,
      medianDays: Math.floor(middle.reduce((sum, days) => sum + days, 0) / middle.length),
      longestDays: daysInState(group.oldestSince, now),
    };
  });
}
