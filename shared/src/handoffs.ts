import { RECEIVING_DEPARTMENTS, type ReceivingDepartment } from './departments';

/**
 * 转接 (domain.md, "Handoff"; the county notices' "部门转接办理程序"): a handler brings another
 * department in. The new department gets an assist order with its own clocks; nothing is removed,
 * and the reporter's view does not change.
 */
export interface HandoffRequest {
  department: ReceivingDepartment;
  /** Why the other department is needed, 5–500 characters; shown on both orders' timelines. */
  reason: string;
}

/** The handoffs the notices name, offered as one tap in the app (the reason can still be edited). */
export const HANDOFF_REASONS = [
  {
    code: 'warning_issued',
    department: 'township',
    label: '已出具告诫书，转乡镇评估帮扶',
    reason: '公安机关已对监护人出具告诫书，请乡镇儿童督导员对孩子和家庭开展评估帮扶。',
  },
  {
    code: 'needs_relief',
    department: 'civil_affairs',
    label: '需要低保或临时救助，转民政',
    reason: '家庭需要低保或临时救助，请民政部门评估并办理保障救助。',
  },
  {
    code: 'whereabouts_unknown',
    department: 'police',
    label: '孩子去向不明，转公安查找',
    reason: '孩子现在去向不明，请公安机关协助查找下落。',
  },
] as const satisfies readonly {
  code: string;
  department: ReceivingDepartment;
  label: string;
  reason: string;
}[];

export type HandoffReasonCode = (typeof HANDOFF_REASONS)[number]['code'];

/** The one-tap reasons a handler of `from` may use: those that bring in another department. */
export function handoffReasonsFrom(from: ReceivingDepartment) {
  return HANDOFF_REASONS.filter((reason) => reason.department !== from);
}

/** The departments an order of `from` may bring in: every receiving department but its own. */
export function handoffDepartments(from: ReceivingDepartment): ReceivingDepartment[] {
  return RECEIVING_DEPARTMENTS.filter((department) => department !== from);
}
