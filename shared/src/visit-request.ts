import { parseApiInstant } from './beijing-time';
import { isAfterNow } from './report-dates';
import { TEXT_LIMITS, textProblem, visibleLength } from './text-limits';
import {
  VISIT_CHECK_LABELS,
  VISIT_CHECKS,
  VISIT_PEOPLE,
  type CreateVisitRequest,
  type VisitCheck,
  type VisitReportRequest,
} from './visits';

/**
 * The rules of a visit record (`POST /children/:id/visits`, domain.md "Visit plans, on the
 * clock"): when, whom the visitor met, the four checks with a finding for each that needs
 * attention, the optional findings and position, and the report filed from the visit. The server
 * refuses a body breaking any of them (400 `VALIDATION_FAILED`, `errors` by field); the app's
 * form asks the same of what it would send, field by field.
 */

/**
 * What is wrong with when a visit took place (ISO with offset), given the server's `now`, or
 * null. Phones' clocks drift, so a few minutes ahead of the server is still "now"
 * (`isAfterNow`, as for a report's discovery time).
 */
export function visitTimeProblem(at: string, now: Date): string | null {
  const instant = parseApiInstant(at);
  if (!instant) return '走访时间不是有效的时间';
  return isAfterNow(instant, now) ? '走访时间不能晚于现在' : null;
}

/** Whom the visitor met: at least one of `VISIT_PEOPLE`, each once. */
export function visitPeopleProblem(met: readonly string[]): string | null {
  if (met.length === 0) return '请选择这次见到了谁';
  if (met.some((person) => !(VISIT_PEOPLE as readonly string[]).includes(person))) {
    return '见到的人不在可选范围内';
  }
  return new Set(met).size === met.length ? null : '见到的人重复了';
}

/**
 * One check's finding: required when the result is 需关注 (a concern nobody described helps no
 * one who reads the file later), optional but within `TEXT_LIMITS.visitFinding` when 正常.
 */
export function visitCheckProblem(check: VisitCheck): string | null {
  const finding = check.finding ?? '';
  if (check.result === 'concern' && visibleLength(finding) === 0) {
    return '选了“需关注”，请简单写明发现的情况';
  }
  return check.finding === undefined ? null : textProblem(finding.trim(), TEXT_LIMITS.visitFinding);
}

/** A position is both coordinates, within the Earth's ranges, or none. */
export function visitPositionProblem(latitude?: number, longitude?: number): string | null {
  if (latitude === undefined && longitude === undefined) return null;
  if (latitude === undefined || longitude === undefined) return '位置要同时有经度和纬度';
  return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 ? null : '位置不正确';
}

/**
 * The report filed from a visit, as any report: at least one situation, a description of
 * `TEXT_LIMITS.reportDescription`, an optional address. Fields are named as in its body; the
 * caller prefixes them (`report.`).
 */
export function visitReportProblems(report: VisitReportRequest): Record<string, string> {
  const problems: Record<string, string> = {};
  if (report.situations.length === 0) problems.situations = '请至少选择一种看到的情况';
  const description = textProblem(report.description.trim(), TEXT_LIMITS.reportDescription);
  if (description) problems.description = description;
  if (report.address !== undefined) {
    const address = textProblem(report.address.trim(), TEXT_LIMITS.locationAddress);
    if (address) problems.address = address;
  }
  return problems;
}

/**
 * Every rule of a visit body at the server's `now`, as field → reason in Chinese (`at`, `met`,
 * `checks.family`…, `findings`, `latitude`, `report.description`…); empty when it may be recorded.
 */
export function visitRequestProblems(
  request: CreateVisitRequest,
  now: Date,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const put = (field: string, problem: string | null) => {
    if (problem) problems[field] = problem;
  };
  put('at', visitTimeProblem(request.at, now));
  put('met', visitPeopleProblem(request.met));
  for (const name of VISIT_CHECKS) {
    const check = request.checks[name] as VisitCheck | undefined;
    put(`checks.${name}`, check ? visitCheckProblem(check) : `请填写${VISIT_CHECK_LABELS[name]}`);
  }
  if (request.findings !== undefined) {
    put('findings', textProblem(request.findings.trim(), TEXT_LIMITS.visitFindings));
  }
  put('latitude', visitPositionProblem(request.latitude, request.longitude));
  if (request.report) {
    for (const [field, problem] of Object.entries(visitReportProblems(request.report))) {
      put(`report.${field}`, problem);
    }
  }
  return problems;
}
