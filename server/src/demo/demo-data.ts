import type { CreateReportRequest } from '@shouhu/shared';

export const DEMO_REPORTER_OPENID = 'demo-reporter';

/** The demo reporter is a teacher bound to a school, so they file as 强制报告. */
export const DEMO_INSTITUTION = { orgName: '（演示）某镇中心学校', orgType: 'school' as const };

export function demoReports(now: Date): CreateReportRequest[] {
  const hoursAgo = (h: number): string => new Date(now.getTime() - h * 3600_000).toISOString();
  return [
    {
      channel: 'mandatory',
      situations: ['dropout'],
      immediateDanger: false,
      description:
        '（演示数据）七年级学生已连续两周未到校，电话联系家长未接通，班主任家访未见到人。',
      discoveredAt: hoursAgo(26),
      location: { divisionCode: '341324', address: '（演示）某镇某村' },
      child: { gender: 'male', ageYears: 13, school: '（演示）某镇中心学校' },
      reporter: { anonymous: false, confidential: true, name: '演示老师', relation: '班主任' },
    },
    {
      channel: 'public',
      situations: ['carer_neglect', 'poverty_hardship'],
      immediateDanger: false,
      description: '（演示数据）邻居家两个孩子父母在外打工，奶奶卧病在床，孩子经常没饭吃。',
      discoveredAt: hoursAgo(4),
      location: { divisionCode: '341324' },
      child: { ageYears: 8 },
      reporter: { anonymous: true },
    },
  ];
}
