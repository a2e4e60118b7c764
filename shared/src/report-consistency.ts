import type { CreateReportRequest } from './api';
import { shanghaiDate } from './beijing-time';
import { isMobilePhone } from './identity';
import {
  ADULT_AGE_YEARS,
  ALLOWED_CLOCK_SKEW_MS,
  CHILD_AGE_YEARS,
  NOMINAL_AGE_ALLOWANCE_YEARS,
  childDateProblems,
  discoveredAtProblem,
} from './report-dates';

/** The fields `reportConsistencyErrors` may name, as in the report body. */
export type ReportConsistencyField =
  | 'discoveredAt'
  | 'child.birthDate'
  | 'child.idNumber'
  | 'child.ageYears'
  | 'reporter'
  | 'reporter.smsConsent';

/**
 * What each rule of `reportConsistencyErrors` asks, by the field its refusal names, in words for
 * whoever builds a client (the API docs list them under POST /reports). The spec breaks the rules
 * every way it knows and checks that every field the function names is here, and every one here
 * is named.
 */
export const REPORT_CONSISTENCY_RULES: Readonly<Record<ReportConsistencyField, string>> = {
  discoveredAt: `不能晚于服务器的当前时间（手机时钟快 ${ALLOWED_CLOCK_SKEW_MS / 60_000} 分钟以内不算）；按北京时间的日期不能早于孩子出生：出生日期（birthDate，或 idNumber 中的），没有时按年龄（ageYears）算最早的出生日期，都没有时不早于 ${ADULT_AGE_YEARS} 年前`,
  'child.birthDate': `须是真实的日期，不晚于今天（北京时间），且孩子未满 ${ADULT_AGE_YEARS} 周岁（未成年人保护法 第二条）`,
  'child.idNumber': `其中的出生日期（第 7–14 位）同样不晚于今天、未满 ${ADULT_AGE_YEARS} 周岁，并与填写的 birthDate 一致`,
  'child.ageYears': `${CHILD_AGE_YEARS.min}–${CHILD_AGE_YEARS.max} 的整数，并与出生日期（birthDate，或 idNumber 中的）相符：等于按北京时间今天算的周岁，或多 ${NOMINAL_AGE_ALLOWANCE_YEARS} 岁（虚岁）`,
  reporter: 'anonymous 为 true（匿名）时不能填写 name 或 phone',
  'reporter.smsConsent':
    'smsConsent 为 true 只用于热线登记（channel 为 hotline），且 phone 须是手机号',
};

/**
 * Rules of a report body that span fields or depend on the clock, once each field has its shape:
 * when it was found (not after `now`, not before the child's birth: `discoveredAtProblem`), the
 * child's age, birth date and 身份证号 (shared
 * `childDateProblems`, on Beijing's day: at 07:00 Beijing a child born that day is accepted
 * although the UTC day is still the one before), an anonymous reporter leaves no name or phone,
 * and SMS consent comes only from a hotline caller with a mobile. The server refuses a report with
 * any of them (400 `VALIDATION_FAILED`); the app's form asks the same of the body it would send,
 * so the reporter hears the refusal before sending.
 *
 * Returns field → reason in Chinese, the fields named as in the body (`child.birthDate`; each one
 * of {@link REPORT_CONSISTENCY_RULES}), empty when the report is consistent.
 */
export function reportConsistencyErrors(
  report: CreateReportRequest,
  now: Date,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const discovery = discoveredAtProblem(new Date(report.discoveredAt), now, report.child);
  if (discovery) errors.discoveredAt = discovery;
  for (const [field, problem] of Object.entries(
    childDateProblems(report.child, shanghaiDate(now)),
  )) {
    errors[`child.${field}`] = problem;
  }
  const { reporter } = report;
  if (reporter.anonymous && (reporter.name !== undefined || reporter.phone !== undefined)) {
    errors.reporter = '匿名报告请不要填写姓名和电话；如需对方联系您，请选择保密或实名';
  }
  if (reporter.smsConsent) {
    if (report.channel !== 'hotline') {
      errors['reporter.smsConsent'] = '只有热线来电人可以选择接收短信通知';
    } else if (reporter.phone === undefined || !isMobilePhone(reporter.phone)) {
      errors['reporter.smsConsent'] = '接收短信通知需要来电人的手机号';
    }
  }
  return errors;
}
