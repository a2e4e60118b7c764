import { ageOn } from './beijing-time';
import { CHANNEL_LABELS, type Channel } from './channels';
import type { ChildFileCapacity, ChildFileChild, ChildFileOrigin } from './child-files';
import { DEPARTMENT_SHORT_LABELS, type Department, type ReceivingDepartment } from './departments';
import { idNumberBirthDate } from './identity';
import type { DisclosureViewer } from './reporter-identity';
import { sentence } from './sentences';
import { SITUATION_SHORT_LABELS, type SituationCode } from './situations';

export const CHILD_FILE_ORIGIN_LABELS: Record<ChildFileOrigin, string> = {
  report: '因报告建档',
  survey: '摸排建档',
};

export const CHILD_FILE_CAPACITY_LABELS: Record<ChildFileCapacity, string> = {
  keeper: '本村（居）、本乡镇管档',
  coordinator: '县联席办',
  order_holder: '持有关于这个孩子的未办结工单',
};

/**
 * How a report on a child's file discloses its reporter (`mayKnowReporter`) to the file's viewer:
 * the coordinator as coordinator; a keeper (village or township) as a township handler would; an
 * order holder as the handler of their own order of that report, and not at all on a report of
 * the file they hold no order of (they see the file because of another report).
 */
export function fileReportViewer(
  capacity: ChildFileCapacity,
  heldDepartment: ReceivingDepartment | null,
): DisclosureViewer | null {
  if (capacity === 'coordinator') return { capacity: 'coordinator', department: 'township' };
  if (capacity === 'keeper') return { capacity: 'handler', department: 'township' };
  return heldDepartment ? { capacity: 'handler', department: heldDepartment } : null;
}

/**
 * What happened on an order, in words that carry nothing anyone typed: what the file's timeline
 * shows of an order its viewer may not open (notes, reasons and contacts may name the family).
 */
export const ORDER_EVENT_WORDS: Record<string, string> = {
  dispatched: '收到工单',
  signed: '已签收',
  contacted: '已接触儿童',
  note: '添加了办理记录',
  returned: '已退单',
  transferred: '已转办到本部门的其他单位',
  reassigned: '已改派到本部门的其他单位',
  priority_changed: '调整了优先级',
  extension_requested: '申请了延期',
  extension_decided: '延期申请已审批',
  extension_withdrawn: '延期申请已撤回',
  resolved: '已办结',
  reopened: '被要求重新办理',
  reminder: '办理期限将到',
  overdue: '已超期，已督办',
  red_list: '严重超期，已列入红名单',
  handoff: '转接其他部门协助办理',
  handover: '记录了书面交接',
  whereabouts_unknown: '获知孩子去向不明，请其查找下落',
};

/**
 * An order's event on the child's file, prefixed by department and unit: 民政（泗县民政局）：已签收。
 * The event's own text only to a viewer who may open the order; to others what happened in words.
 */
export function fileOrderEventText(event: {
  department: Department;
  unitName: string | null;
  kind: string;
  text: string;
  mayOpen: boolean;
}): string {
  const what = event.mayOpen ? event.text : (ORDER_EVENT_WORDS[event.kind] ?? '更新了工单');
  return sentence(
    `${DEPARTMENT_SHORT_LABELS[event.department]}（${event.unitName ?? '未分派单位'}）：${what}`,
  );
}

/** A report's arrival on the child's file: 收到报告：辍学、生活困难（强制报告）。 */
export function fileReportText(report: { situations: SituationCode[]; channel: Channel }): string {
  const situations = report.situations.map((code) => SITUATION_SHORT_LABELS[code]).join('、');
  return sentence(`收到报告：${situations}（${CHANNEL_LABELS[report.channel]}）`);
}

/**
 * The child's age on `today` (Beijing `YYYY-MM-DD`): from the birth date, else the one the
 * 身份证号 carries, else the age the file was given.
 */
export function childFileAge(child: ChildFileChild, today: string): number | undefined {
  const birthDate = child.birthDate ?? (child.idNumber ? idNumberBirthDate(child.idNumber) : null);
  return birthDate ? ageOn(birthDate, today) : child.ageYears;
}
