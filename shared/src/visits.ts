import { chineseDateTime } from './beijing-time';
import { DEFAULT_SLA_POLICY, stagesReached, type ClockStage, type SlaPolicy } from './clocks';
import type { Department } from './departments';
import { STAGE_ESCALATION_LEVELS, STAGE_EVENT_KINDS, type ReachedStage } from './escalation';
import type { Gender } from './report-rules';
import { longestPrefixUnit } from './routing';
import type { SituationCode } from './situations';

/**
 * Visits (走访) to a child on file, on the clock (domain.md, "The child, not the ticket"): village
 * committees "每季度核实困境儿童家庭情况、监护情况、就学情况…并向乡镇报告" (泗县), "案后回访机制"
 * (云溪区), school-holiday patrols, and the 30-day check after a dropout returns (萧县).
 */

/** Why a visit is due. */
export const VISIT_REASONS = ['quarterly', 'follow_up', 'holiday', 'dropout_check'] as const;
export type VisitReason = (typeof VISIT_REASONS)[number];

export const VISIT_REASON_LABELS: Record<VisitReason, string> = {
  quarterly: '季度走访',
  follow_up: '案后回访',
  holiday: '假期走访',
  dropout_check: '复学巩固回访',
};

/**
 * The numbers of the visit plan; an administrator may change them (domain.md: every number is a
 * default), not the rules.
 */
export interface VisitPolicy {
  /** A 在册 file of a 困境 or 留守 child is visited at most this many days after the last visit. */
  quarterlyDays: number;
  /** A closed case (every order of a report resolved) is visited again within this many days. */
  followUpDays: number;
  /** A priority child is visited within this many days of the start of a school holiday. */
  holidayDays: number;
  /** The check that a returned dropout still attends falls due this many days after the return… */
  dropoutCheckDays: number;
  /** …and is to be done within this many days after that. */
  dropoutCheckWindowDays: number;
}

export const DEFAULT_VISIT_POLICY: VisitPolicy = {
  quarterlyDays: 90,
  followUpDays: 30,
  holidayDays: 7,
  dropoutCheckDays: 30,
  dropoutCheckWindowDays: 7,
};

/** The bounds an administrator may set each number of the policy within, in days. */
export const VISIT_POLICY_BOUNDS: Record<keyof VisitPolicy, { min: number; max: number }> = {
  quarterlyDays: { min: 7, max: 180 },
  followUpDays: { min: 1, max: 90 },
  holidayDays: { min: 1, max: 30 },
  dropoutCheckDays: { min: 7, max: 90 },
  dropoutCheckWindowDays: { min: 1, max: 30 },
};

const DAY_MS = 24 * 3600_000;

/** `start` plus whole days of 24 h (a visit plan counts elapsed days, not working days). */
export function addDays(start: Date, days: number): Date {
  return new Date(start.getTime() + days * DAY_MS);
}

/** School holidays the administrator keeps per county (寒假、暑假 start dates). */
export const SCHOOL_HOLIDAY_KINDS = ['winter', 'summer'] as const;
export type SchoolHolidayKind = (typeof SCHOOL_HOLIDAY_KINDS)[number];

export const SCHOOL_HOLIDAY_KIND_LABELS: Record<SchoolHolidayKind, string> = {
  winter: '寒假',
  summer: '暑假',
};

/** `POST /admin/school-holidays`. */
export interface SchoolHolidayRequest {
  /** The county (6 digits) whose schools break up. */
  countyCode: string;
  kind: SchoolHolidayKind;
  /** The first day of the holiday, Beijing `YYYY-MM-DD`. */
  startsOn: string;
}

export interface SchoolHoliday extends SchoolHolidayRequest {
  id: string;
  countyName: string;
  /** When the holiday's visits were put on the plan (at its start); null before. */
  duesCreatedAt: string | null;
}

/** The four checks of every visit (泗县: 家庭情况、监护情况、就学情况…, and the child's wellbeing). */
export const VISIT_CHECKS = ['family', 'guardianship', 'schooling', 'wellbeing'] as const;
export type VisitCheckName = (typeof VISIT_CHECKS)[number];

export const VISIT_CHECK_LABELS: Record<VisitCheckName, string> = {
  family: '家庭情况',
  guardianship: '监护情况',
  schooling: '就学情况',
  wellbeing: '身心状况',
};

export const VISIT_CHECK_RESULTS = ['normal', 'concern'] as const;
export type VisitCheckResult = (typeof VISIT_CHECK_RESULTS)[number];

export const VISIT_CHECK_RESULT_LABELS: Record<VisitCheckResult, string> = {
  normal: '正常',
  concern: '需关注',
};

/** One check: its result and a short finding (needed when something needs attention). */
export interface VisitCheck {
  result: VisitCheckResult;
  /** ≤ 200 characters; required when `result` is `concern`. */
  finding?: string;
}

/** Whom the visitor met. */
export const VISIT_PEOPLE = ['child', 'guardian', 'carer', 'teacher', 'other'] as const;
export type VisitPerson = (typeof VISIT_PEOPLE)[number];

export const VISIT_PERSON_LABELS: Record<VisitPerson, string> = {
  child: '儿童本人',
  guardian: '监护人',
  carer: '委托照护人',
  teacher: '老师',
  other: '其他人',
};

/**
 * A report filed from a visit (channel `visit`): the place and the child are the file's, the
 * reporter is the visiting worker and their unit; routed like any report and linked to the file.
 */
export interface VisitReportRequest {
  situations: SituationCode[];
  immediateDanger: boolean;
  /** 10–5000 characters, as any report. */
  description: string;
  /** Optional street address, ≤ 200 characters; the division is the file's. */
  address?: string;
}

/** `POST /children/:id/visits` (header `Idempotency-Key`). */
export interface CreateVisitRequest {
  /** When the visit took place: ISO with offset, not in the future. */
  at: string;
  latitude?: number;
  longitude?: number;
  /** Whom the visitor met; at least one. */
  met: VisitPerson[];
  checks: Record<VisitCheckName, VisitCheck>;
  /** What the visitor found and did, ≤ 1000 characters. */
  findings?: string;
  report?: VisitReportRequest;
}

/** The answer of `POST /children/:id/visits`. */
export interface VisitRecorded {
  id: string;
  /** When the file's next visit falls due; null when no plan runs (closed, or no category). */
  nextVisitDueAt: string | null;
  /** The report filed from the visit, when one was. */
  report: { id: string; trackingCode: string } | null;
}

/** A visit on the child's file, as a viewer of the file sees it. */
export interface ChildFileVisit {
  id: string;
  at: string;
  unitName: string | null;
  met: VisitPerson[];
  checks: Record<VisitCheckName, VisitCheck>;
  findings: string | null;
  /** Present only for viewers who may see the child's place (keepers and coordinators). */
  position: { latitude: number; longitude: number } | null;
  /** The due visits this visit fulfilled. */
  fulfilled: VisitReason[];
  reportId: string | null;
}

/** A visit on the plan of a file (done or not). */
export interface PlannedVisit {
  id: string;
  reason: VisitReason;
  startedAt: string;
  dueAt: string;
  stage: ClockStage;
  /** 0 none; 1 督办 to the township; 2 red list, reported to the county. */
  escalationLevel: number;
}

/**
 * `GET /visits?within=N`: only visits due within N days from now, those already overdue included
 * (0: the overdue ones). The 走访 list opens on `VISIT_LIST_SOON_DAYS`: a quarterly visit's window
 * opens at the last visit, so without a horizon every file on the register would be "due".
 */
export const VISIT_LIST_SOON_DAYS = 30;
export const VISIT_LIST_WITHIN_MAX_DAYS = 366;

/** A line of `GET /visits?due=true`: a visit due for the caller's unit (or scope). */
export interface DueVisit extends PlannedVisit {
  childFileId: string;
  /** The dueAt has passed. */
  overdue: boolean;
  unitId: string | null;
  unitName: string | null;
  placeName: string;
  child: { name?: string; gender?: Gender; ageYears?: number };
}

/**
 * Where a visit's escalations go (domain.md: "up from the village to the township and then the
 * county"): the township unit of the child's place at 督办, the county coordinator at the red list.
 */
export interface VisitEscalationUnit {
  id: string;
  name: string;
  department: Department;
  divisionPrefixes: readonly string[];
}

export interface VisitEscalationChain<U extends VisitEscalationUnit> {
  township: U | null;
  coordinator: U | null;
}

export function visitEscalationChain<U extends VisitEscalationUnit>(
  divisionCode: string,
  units: readonly U[],
  keeperUnitId: string | null = null,
): VisitEscalationChain<U> {
  const of = (department: Department) =>
    longestPrefixUnit(
      divisionCode,
      units.filter((u) => u.department === department),
    );
  const township = of('township');
  // A file the township keeps itself (a place with no village unit) goes one level up at 督办.
  return {
    township: township && township.id !== keeperUnitId ? township : null,
    coordinator: of('coordinator'),
  };
}

/** One stage a due visit reached. */
export interface VisitEscalationStep<U extends VisitEscalationUnit> {
  stage: ReachedStage;
  /** `reminder`, `overdue` or `red_list`, as on an order's timeline. */
  kind: (typeof STAGE_EVENT_KINDS)[ReachedStage];
  /**
   * The township at 督办 (the county without one), the county at the red list; null for a
   * reminder, or when no unit is there to take it.
   */
  escalatedTo: U | null;
  /** The file's timeline line, without its closing 。 */
  text: string;
}

export interface VisitEscalationPlan<U extends VisitEscalationUnit> {
  steps: VisitEscalationStep<U>[];
  escalationLevel: number;
  /** The clock's stage after the steps. */
  stage: ClockStage;
}

/**
 * What the sweep records for one due visit at `now`, with the orders' fractions (reminder at
 * 80 %, 督办 at 100 %, red list at 200 %): every stage reached, once each and in order, so a
 * sweep that ran late still records each; where each escalation goes, and the timeline's words.
 * A place no township unit covers is escalated to the county at 督办 already (the next level up),
 * a county without a coordinator to the township at the red list; with neither, the words name
 * the administrator, who holds what no unit takes.
 */
export function planVisitEscalation<U extends VisitEscalationUnit>(
  due: {
    reason: VisitReason;
    startedAt: Date;
    dueAt: Date;
    stage: ClockStage;
    escalationLevel: number;
  },
  chain: VisitEscalationChain<U>,
  now: Date,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): VisitEscalationPlan<U> {
  const label = VISIT_REASON_LABELS[due.reason];
  const steps: VisitEscalationStep<U>[] = [];
  let { stage, escalationLevel } = due;
  for (const reached of stagesReached(due, now, policy)) {
    const escalatedTo =
      reached === 'reminded'
        ? null
        : reached === 'overdue'
          ? (chain.township ?? chain.coordinator)
          : (chain.coordinator ?? chain.township);
    const target = escalatedTo?.name ?? '系统管理员';
    const text =
      reached === 'reminded'
        ? `${label}期限将至，请在${chineseDateTime(due.dueAt)}前完成走访`
        : reached === 'overdue'
          ? `${label}已超时未完成，已督办至${target}`
          : `${label}超时已达期限两倍，已上报${target}，列入红色清单`;
    steps.push({ stage: reached, kind: STAGE_EVENT_KINDS[reached], escalatedTo, text });
    stage = reached;
    escalationLevel = Math.max(escalationLevel, STAGE_ESCALATION_LEVELS[reached]);
  }
  return { steps, escalationLevel, stage };
}

/** The `next_due_at` the sweep's index finds a due visit by: its next stage, or null when none. */
export function nextVisitStageAt(
  due: { startedAt: Date; dueAt: Date; stage: ClockStage },
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): Date | null {
  const span = due.dueAt.getTime() - due.startedAt.getTime();
  const fraction = {
    running: policy.reminderAt,
    reminded: policy.escalateAt,
    overdue: policy.redListAt,
    red: null,
  }[due.stage];
  return fraction === null ? null : new Date(due.startedAt.getTime() + span * fraction);
}
