import type { CreateReportRequest } from '@shouhu/shared';

/** Phones' clocks drift; a few minutes ahead of the server is still "now". */
const ALLOWED_CLOCK_SKEW_MS = 10 * 60 * 1000;
const ADULT_AGE_YEARS = 18;

function isRealDate(value: string): boolean {
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

function ageOn(birthDate: string, now: Date): number {
  const [year, month, day] = birthDate.split('-').map(Number);
  const beforeBirthday =
    now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day);
  return now.getUTCFullYear() - year - (beforeBirthday ? 1 : 0);
}

/**
 * Rules that span fields or depend on the server's clock, checked after the shape is valid.
 * Returns field → reason, empty when the report is consistent.
 */
export function reportConsistencyErrors(
  report: CreateReportRequest,
  now: Date,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (Date.parse(report.discoveredAt) > now.getTime() + ALLOWED_CLOCK_SKEW_MS) {
    errors.discoveredAt = '发现时间不能晚于现在';
  }
  const { birthDate } = report.child;
  if (birthDate !== undefined) {
    if (!isRealDate(birthDate)) errors['child.birthDate'] = '出生日期不是有效日期';
    else if (Date.parse(`${birthDate}T00:00:00Z`) > now.getTime()) {
      errors['child.birthDate'] = '出生日期不能晚于今天';
    } else if (ageOn(birthDate, now) >= ADULT_AGE_YEARS) {
      errors['child.birthDate'] = '本平台受理未满18周岁的未成年人的情况';
    }
  }
  const { reporter } = report;
  if (reporter.anonymous && (reporter.name !== undefined || reporter.phone !== undefined)) {
    errors.reporter = '匿名报告请不要填写姓名和电话；如需对方联系您，请选择保密或实名';
  }
  return errors;
}
