import {
  isAfterNow,
  DEPARTMENT_LABELS,
  beijingInstant,
  isRealDate,
  textProblem,
  TEXT_LIMITS,
  type GuardianshipHandoverRequest,
  type HandoffRequest,
  type ReceivingDepartment,
} from '@shouhu/shared';
import type { FieldProblems } from '../components/form-problems';

/** 转接 as typed: a one-tap reason fills both, and either may then be changed. */
export interface HandoffValues {
  department: ReceivingDepartment | '';
  reason: string;
}

/** What 转接 still lacks, keyed `department` and `reason` as the server names them. */
export function handoffProblems(values: HandoffValues): FieldProblems {
  const problems: FieldProblems = {};
  if (values.department === '') problems.department = '请选择要请哪个部门协办';
  const reason = textProblem(values.reason.trim(), TEXT_LIMITS.handoffReason);
  if (reason) problems.reason = reason;
  return problems;
}

export function handoffRequest(values: HandoffValues): HandoffRequest {
  return { department: values.department as ReceivingDepartment, reason: values.reason.trim() };
}

/** What the dialog asks before the other department gets its order. */
export function handoffQuestion(department: ReceivingDepartment): string {
  return `将请${DEPARTMENT_LABELS[department]}协办，并为其生成协办工单。确认转接？`;
}

/** 书面交接 as typed: the Beijing day and time of the handover, and the three people and place. */
export interface HandoverValues {
  date: string;
  time: string;
  handedOverBy: string;
  receivedBy: string;
  placedAt: string;
}

/**
 * What 书面交接 still lacks, keyed as the server names the fields: `at` for the day and time
 * (not after `now`), and each of the three texts.
 */
export function handoverProblems(values: HandoverValues, now: Date): FieldProblems {
  const problems: FieldProblems = {};
  if (!isRealDate(values.date) || !/^\d{2}:\d{2}$/.test(values.time)) {
    problems.at = '请选择交接的日期和时间';
  } else if (isAfterNow(beijingInstant(values.date, values.time), now)) {
    problems.at = '交接时间不能晚于现在';
  }
  for (const field of ['handedOverBy', 'receivedBy', 'placedAt'] as const) {
    const problem = textProblem(values[field].trim(), TEXT_LIMITS[field]);
    if (problem) problems[field] = problem;
  }
  return problems;
}

export function handoverRequest(values: HandoverValues): GuardianshipHandoverRequest {
  return {
    at: beijingInstant(values.date, values.time).toISOString(),
    handedOverBy: values.handedOverBy.trim(),
    receivedBy: values.receivedBy.trim(),
    placedAt: values.placedAt.trim(),
  };
}
