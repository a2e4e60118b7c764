import {
  GENDER_LABELS,
  chineseDate,
  type ChildFileReport,
  type ReportDetails,
} from '@shouhu/shared';

/** Label/value rows of what the rules let this person see of the child. */
export function childRows(child: ReportDetails['child']): [string, string][] {
  if (!child) return [['孩子', '无权查看孩子信息']];
  const rows: [string, string | undefined][] = [
    ['姓名', child.name],
    ['性别', child.gender ? GENDER_LABELS[child.gender] : undefined],
    ['年龄', child.ageYears !== undefined ? `${child.ageYears}岁` : undefined],
    ['出生日期', child.birthDate !== undefined ? chineseDate(child.birthDate) : undefined],
    ['学校', child.school],
    ['身份证号', child.idNumber],
    ['监护人', child.guardianName],
    ['监护人电话', child.guardianPhone],
    ['去向', child.whereaboutsUnknown ? '报告人不知道孩子现在在哪里（去向不明）' : undefined],
  ];
  const known = rows.filter((row): row is [string, string] => row[1] !== undefined);
  return known.length > 0 ? known : [['孩子', '报告人没有填写孩子信息']];
}

/** The reporter as far as anonymous / confidential allow, on an order or on a child's file. */
export function reporterText(
  reporter: ReportDetails['reporter'] | ChildFileReport['reporter'],
): string {
  if (!reporter.disclosed) {
    return reporter.anonymous ? '匿名报告' : '报告人要求保密（仅公安和联席办可见）';
  }
  const parts = [reporter.orgName, reporter.name, reporter.phone, reporter.relation].filter(
    (part): part is string => Boolean(part),
  );
  return parts.length > 0 ? parts.join(' · ') : '未留姓名和电话';
}
