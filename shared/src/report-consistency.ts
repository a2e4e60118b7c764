import type { CreateReportRequest } from './api';
import { shanghaiDate } from './beijing-time';
import { isMobilePhone } from './identity';
import { childDateProblems, discoveredAtProblem } from './report-dates';

/**
 * Rules of a report body that span fields or depend on the clock, once each field has its shape:
 * when it was found (not after `now`), the child's age, birth date and 身份证号 (shared
 * `childDateProblems`, on Beijing's day: at 07:00 Beijing a child born that day is accepted
 * although the UTC day is still the one before), an anonymous reporter leaves no name or phone,
 * and SMS consent comes only from a hotline caller with a mobile. The server refuses a report with
 * any of them (400 `VALIDATION_FAILED`); the app's form asks the same of the body it would send,
 * so the reporter hears the refusal before sending.
 *
 * Returns field → reason in Chinese, the fields named as in the body (`child.birthDate`), empty
 * when the report is consistent.
 */
export function reportConsistencyErrors(
  report: CreateReportRequest,
  now: Date,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const discovery = discoveredAtProblem(new Date(report.discoveredAt), now);
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
