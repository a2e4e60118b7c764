import { chineseDay } from './beijing-time';
import type { ChildCategory, ChildFileStatus } from './child-files';
import { addDays, DEFAULT_VISIT_POLICY, type VisitPolicy } from './visits';

/**
 * The quarterly visit (季度走访; 泗县: village committees "每季度核实困境儿童家庭情况、监护情况、
 * 就学情况…并向乡镇报告"), as the server plans it for each file.
 */

/**
 * Whether a file owes a visit every quarter (domain.md: "every 在册 file of a 困境 or 留守 child"):
 * 在册, with at least one category.
 */
export function onQuarterlyPlan(file: {
  status: ChildFileStatus;
  categories: readonly ChildCategory[];
}): boolean {
  return file.status === 'active' && file.categories.length > 0;
}

/**
 * The quarterly visit counted from `since`: the last visit, or the moment the plan (re)started —
 * the file opened, given its first category, or reopened — so that no time without a plan counts
 * against the village. Due `policy.quarterlyDays` later.
 */
export function quarterlyVisitWindow(
  since: Date,
  policy: VisitPolicy = DEFAULT_VISIT_POLICY,
): { startedAt: Date; dueAt: Date } {
  return { startedAt: since, dueAt: addDays(since, policy.quarterlyDays) };
}

/**
 * What a change of the file does to its quarterly plan: `start` when it comes onto the plan (opened
 * with a category, given its first one, reopened with one), `stop` when it leaves it (closed, or its
 * last category removed), null when it stays as it was.
 */
export function quarterlyPlanChange(
  before: { status: ChildFileStatus; categories: readonly ChildCategory[] } | null,
  after: { status: ChildFileStatus; categories: readonly ChildCategory[] },
): 'start' | 'stop' | null {
  const was = before !== null && onQuarterlyPlan(before);
  const is = onQuarterlyPlan(after);
  if (was === is) return null;
  return is ? 'start' : 'stop';
}

/**
 * `file_moved`, to the unit a file moved to ("档案资料一并转接"): a file is now theirs to keep and
 * visit, and by when its next visit is due. Like every inbox text it never names the child, the
 * village or the situation (未成年人保护法 第一百零三条).
 */
export function fileMovedText(nextVisitDueAt: Date | null): string {
  return nextVisitDueAt
    ? `一份儿童档案已转入你单位，下次走访请在${chineseDay(nextVisitDueAt)}前完成。`
    : '一份儿童档案已转入你单位，请查看档案。';
}
