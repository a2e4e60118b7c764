import {
  CHILD_CATEGORY_LABELS,
  CLOSE_REASON_LABELS,
  type ChildCategory,
  type CloseReason,
} from '@shouhu/shared';

/** The parts of a file whose sealed values a change may touch, as people call them. */
export const FILE_FIELD_LABELS = {
  child: '孩子信息',
  school: '学校',
  guardian: '监护人',
  carer: '委托照护人',
  help: '帮扶措施',
} as const;
export type FileField = keyof typeof FILE_FIELD_LABELS;

/** What one `PATCH /children/:id` changed; values themselves never appear here. */
export interface FileChange {
  fields: FileField[];
  categoriesAdded: ChildCategory[];
  categoriesRemoved: ChildCategory[];
  move: {
    from: string;
    to: string;
    /** The places in words (泗城镇 · 关庙村委会). */
    fromName: string;
    toName: string;
    /** The unit that keeps the file now; null when none covers the new place. */
    toUnitName: string | null;
  } | null;
  status: { closed: CloseReason } | 'reopened' | null;
  /** 重点关注 turned on (true) or off (false); null when unchanged. */
  priority: boolean | null;
}

/** A line of the file's timeline and the audit row that goes with it. */
export interface FileChangeRecord {
  kind: 'updated' | 'priority' | 'moved' | 'closed' | 'reopened';
  text: string;
  action:
    | 'child_file.update'
    | 'child_file.priority'
    | 'child_file.move'
    | 'child_file.close'
    | 'child_file.reopen';
  detail: Record<string, unknown>;
}

const labels = (categories: ChildCategory[]) =>
  categories.map((category) => CHILD_CATEGORY_LABELS[category]).join('、');

/**
 * The change in words for the file's timeline (what changed and who: `who` is the acting unit's
 * name) and, for the audit log, the names of what changed: field names, category codes and
 * division codes, never a name, phone, ID number or note anyone typed. Empty for no change.
 */
export function describeFileChange(change: FileChange, who: string): FileChangeRecord[] {
  const records: FileChangeRecord[] = [];
  const { fields, categoriesAdded: added, categoriesRemoved: removed } = change;
  if (fields.length > 0 || added.length > 0 || removed.length > 0) {
    const parts: string[] = fields.map((field) => FILE_FIELD_LABELS[field]);
    const categoryParts = [
      ...(added.length > 0 ? [`新增${labels(added)}`] : []),
      ...(removed.length > 0 ? [`去掉${labels(removed)}`] : []),
    ];
    if (categoryParts.length > 0) parts.push(`儿童类别（${categoryParts.join('；')}）`);
    records.push({
      kind: 'updated',
      text: `${who}修改了${parts.join('、')}`,
      action: 'child_file.update',
      detail: { fields, categoriesAdded: added, categoriesRemoved: removed },
    });
  }
  if (change.priority !== null) {
    records.push({
      kind: 'priority',
      text: change.priority ? `${who}将孩子列为重点关注` : `${who}取消了重点关注`,
      action: 'child_file.priority',
      detail: { priority: change.priority },
    });
  }
  if (change.move) {
    const { from, to, fromName, toName, toUnitName } = change.move;
    const receiver = toUnitName ? `，由${toUnitName}接收` : '，当地暂无村（居）委会或乡镇单位接收';
    records.push({
      kind: 'moved',
      text: `${who}将档案从${fromName}迁至${toName}${receiver}`,
      action: 'child_file.move',
      detail: { from, to },
    });
  }
  if (change.status === 'reopened') {
    records.push({
      kind: 'reopened',
      text: `${who}恢复在册`,
      action: 'child_file.reopen',
      detail: {},
    });
  } else if (change.status) {
    const reason = change.status.closed;
    records.push({
      kind: 'closed',
      text: `${who}销号：${CLOSE_REASON_LABELS[reason]}`,
      action: 'child_file.close',
      detail: { closeReason: reason },
    });
  }
  return records;
}
