import type { ReceivingDepartment } from './departments';
import type { OrderActorCapacity } from './order-states';
/**
 * How a reporter may appear to staff, and what each choice means and costs, in the words the home
 * page and the form's 身份 step both show (刑诉法 第一百一十一条; domain.md, Privacy: a
 * confidential reporter is shown to police orders and coordinators only, an anonymous one to
 * nobody; the account still lists its own reports in 我的报告).
 */
export const REPORTER_IDENTITIES = ['confidential', 'named', 'anonymous'] as const;
export type ReporterIdentity = (typeof REPORTER_IDENTITIES)[number];

export const REPORTER_IDENTITY_TEXTS: Record<
  ReporterIdentity,
  { label: string; explanation: string }
> = {
  confidential: {
    label: '保密',
    explanation:
      '保密报告：只有公安的办案人员和县联席办看得到您是谁，其他部门看不到；需要时办案人员可以回电向您了解情况。',
  },
  named: {
    label: '实名',
    explanation: '实名报告：办理部门都能看到您的姓名和电话，可以回电向您了解情况。',
  },
  anonymous: {
    label: '匿名',
    explanation:
      '匿名报告：办理人员看不到您是谁；报告会保存在您手机的“我的报告”里，方便您查看进度；因为不知道您是谁，办理人员无法回电向您了解情况。',
  },
};

export interface DisclosureViewer {
  capacity: OrderActorCapacity;
  /** The department of the order through which the viewer sees the report. */
  department: ReceivingDepartment;
}

export interface ReporterPrivacy {
  anonymous: boolean;
  confidential: boolean;
}

/**
 * Who may learn who reported (刑诉法 第一百一十一条): nobody for an anonymous report; for a
 * confidential one only police orders and coordinators; otherwise the handlers and coordinators
 * with access to one of the report's orders. Never an administrator (domain.md, Privacy).
 */
export function mayKnowReporter(report: ReporterPrivacy, viewer: DisclosureViewer): boolean {
  if (report.anonymous || viewer.capacity === 'admin') return false;
  if (report.confidential)
    return viewer.capacity === 'coordinator' || viewer.department === 'police';
  return true;
}
