import {
  ALLOWED_CLOCK_SKEW_MS,
  DEPARTMENT_LABELS,
  beijingInstant,
  isRealDate,
  textProblem,
  TEXT_LIMITS,
  type GuardianshipHandoverRequest,
  type HandoffRequest,
  type ReceivingDepartment,
} from '@shouhu/shared';

/** 转接 as typed: a one-tap reason fills both, and either may then be changed. */
export interface HandoffValues {
  department: ReceivingDepartment | '';
  reason: string;
}

export function handoffProblems(values: HandoffValues): string[] {
  const problems: string[] = [];
  if (values.department === '') problems.push('请选择要请哪个部门协办');
  const reason = textProblem(values.reason.trim(), TEXT_LIMITS.handoffReason);
  if (reason) problems.push(reason);
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

export function handoverProblems(values: HandoverValues, now: Date): string[] {
  const problems: string[] = [];
  if (!isRealDate(values.date) || !/^\d{2}:\d{2}$/.test(values.time)) {
    problems.push('请选择交接的日期和时间');
  } else if (
    beijingInstant(values.date, values.time).getTime() >
    now.getTime() + ALLOWED_CLOCK_SKEW_MS
  ) {
    problems.push('交接时间不能晚于现在');
  }
  for (const field of ['handedOverBy', 'receivedBy', 'placedAt'] as const) {
    const problem = textProblem(values[field].trim(), TEXT_LIMITS[field]);
    if (problem) problems.push(problem);
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
