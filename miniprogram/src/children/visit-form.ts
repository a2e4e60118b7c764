import {
  VISIT_CHECKS,
  beijingInstant,
  beijingTimeOfDay,
  shanghaiDate,
  textProblem,
  visibleLength,
  visitCheckProblem,
  visitPeopleProblem,
  visitReportProblems,
  visitTimeProblem,
  TEXT_LIMITS,
  type CreateVisitRequest,
  type SituationCode,
  type VisitCheck,
  type VisitCheckName,
  type VisitCheckResult,
  type VisitPerson,
} from '@shouhu/shared';
import type { Position } from '../services/location';
import type { FieldProblems } from '../components/form-problems';

/** One of the four checks as typed: no result until the visitor chose one. */
export interface CheckForm {
  result: VisitCheckResult | '';
  finding: string;
}

/** The report filed from the visit, as typed (the place and the child are the file's). */
export interface VisitReportForm {
  situations: SituationCode[];
  /** 孩子现在有危险吗？ not answered yet: null. */
  immediateDanger: boolean | null;
  description: string;
}

/**
 * The visit form (记录走访) as typed, kept on the phone as a draft per file until it is queued:
 * a courtyard has no signal, and a phone call may interrupt the visitor at any field.
 */
export interface VisitForm {
  /** The child's name as the page that opened the form showed it, to say whom the form is for. */
  childName: string;
  /**
   * When, on Beijing's calendar and clock (`YYYY-MM-DD`, `HH:mm`); empty: now, at the press of
   * 提交 (a draft left for a day must not keep the hour it was opened).
   */
  date: string;
  time: string;
  met: VisitPerson[];
  checks: Record<VisitCheckName, CheckForm>;
  findings: string;
  position: Position | null;
  /** 发现需要报告的情况 was opened: the report part is filled in and sent with the visit. */
  reporting: boolean;
  report: VisitReportForm;
}

export function emptyVisitForm(childName = ''): VisitForm {
  return {
    childName,
    date: '',
    time: '',
    met: [],
    checks: Object.fromEntries(
      VISIT_CHECKS.map((name) => [name, { result: '', finding: '' }]),
    ) as Record<VisitCheckName, CheckForm>,
    findings: '',
    position: null,
    reporting: false,
    report: { situations: [], immediateDanger: null, description: '' },
  };
}

/** When the visit took place, as the API takes it: what was picked, now for what was not. */
export const visitInstant = (form: Pick<VisitForm, 'date' | 'time'>, now: Date): string =>
  beijingInstant(form.date || shanghaiDate(now), form.time || beijingTimeOfDay(now)).toISOString();

/** A text with nothing visible is left out, as the server counts it empty. */
function optional(text: string): string | undefined {
  return visibleLength(text) === 0 ? undefined : text.trim();
}

/** A check as sent: its finding only for 需关注, where the form asks for it. */
function toCheck(check: CheckForm): VisitCheck {
  const finding = check.result === 'concern' ? optional(check.finding) : undefined;
  return { result: check.result as VisitCheckResult, ...(finding ? { finding } : {}) };
}

/**
 * What 提交 queues at the server's `now`: `POST /children/:id/visits`. Call once
 * `visitFormProblems` is empty.
 */
export function toVisitRequest(form: VisitForm, now: Date): CreateVisitRequest {
  const findings = optional(form.findings);
  return {
    at: visitInstant(form, now),
    met: form.met,
    checks: Object.fromEntries(
      VISIT_CHECKS.map((name) => [name, toCheck(form.checks[name])]),
    ) as Record<VisitCheckName, VisitCheck>,
    ...(findings ? { findings } : {}),
    ...(form.position ?? {}),
    ...(form.reporting
      ? {
          report: {
            situations: form.report.situations,
            immediateDanger: form.report.immediateDanger === true,
            description: form.report.description.trim(),
          },
        }
      : {}),
  };
}

/**
 * Every problem the server would refuse, asked with the same shared rules (`visitTimeProblem`,
 * `visitCheckProblem`, `visitReportProblems`…) at the server's `now`, and what the form must have
 * chosen first, keyed by field as the server names them, to be shown at the field.
 */
export function visitFormProblems(form: VisitForm, now: Date): FieldProblems {
  const problems: FieldProblems = {};
  const put = (field: string, problem: string | null) => {
    if (problem) problems[field] = problem;
  };
  put('at', visitTimeProblem(visitInstant(form, now), now));
  put('met', visitPeopleProblem(form.met));
  for (const name of VISIT_CHECKS) {
    const check = form.checks[name];
    put(
      `checks.${name}`,
      check.result === '' ? '请选择“正常”或“需关注”' : visitCheckProblem(toCheck(check)),
    );
  }
  if (visibleLength(form.findings) > 0) {
    put('findings', textProblem(form.findings.trim(), TEXT_LIMITS.visitFindings));
  }
  if (form.reporting) {
    if (form.report.immediateDanger === null) {
      put('report.immediateDanger', '请回答：孩子现在有危险吗？');
    }
    const report = visitReportProblems({
      situations: form.report.situations,
      immediateDanger: form.report.immediateDanger === true,
      description: form.report.description.trim(),
    });
    for (const [field, problem] of Object.entries(report)) put(`report.${field}`, problem);
  }
  return problems;
}
