import {
  childDateProblems,
  isMobilePhone,
  discoveredAtProblem,
  shanghaiDate,
  type CreateReportRequest,
} from '@shouhu/shared';

/**
 * Rules that span fields or depend on the server's clock, checked after the shape is valid. Days
 * are Beijing's (domain.md: every "today" is the Asia/Shanghai day): at 07:00 Beijing a child
 * born that day is accepted although the UTC day is still the one before.
 * Returns field → reason, empty when the report is consistent.
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
