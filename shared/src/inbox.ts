/**
 * The in-app inbox (站内消息, `GET /notifications`): the source of truth of what staff and
 * reporters were told, whatever WeChat delivered. A message names the kind of case, its urgency
 * and its deadline, never the child or the situation (未成年人保护法 第一百零三条): it may be read
 * over a shoulder, on a shared phone, or on a locked screen.
 */
export const INBOX_KINDS = [
  'new_order',
  'new_visit',
  'reminder',
  'overdue',
  'red_list',
  'returned',
  'extension_request',
  'extension_decision',
  'file_moved',
  'report_accepted',
  'report_progress',
  'report_closed',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

export const INBOX_KIND_LABELS: Record<InboxKind, string> = {
  new_order: '新工单',
  new_visit: '走访到期',
  reminder: '期限提醒',
  overdue: '超时督办',
  red_list: '红色清单',
  returned: '退单待改派',
  extension_request: '延期待审批',
  extension_decision: '延期审批结果',
  file_moved: '档案转入',
  report_accepted: '报告已受理',
  report_progress: '报告有进展',
  report_closed: '报告已办结',
};

/** A message of the inbox. */
export interface InboxMessage {
  id: string;
  kind: InboxKind;
  /** One or two plain sentences; no child, no situation. */
  text: string;
  /** The mini-program page it opens (`staff/order/index?id=…`), or null. */
  page: string | null;
  createdAt: string;
  /** When the person opened or marked it; null while unread. */
  readAt: string | null;
}

/** `GET /notifications?unread=&page=`: newest first, 20 a page. */
export interface InboxPage {
  items: InboxMessage[];
  total: number;
  /** Unread messages in all, for the badge. */
  unread: number;
}
