import { REPORT_STATUS_LABELS, type ReportStatus } from './api';
import { shanghaiDateTime } from './beijing-time';
import { DEPARTMENT_SHORT_LABELS, type ReceivingDepartment } from './departments';
import { PRIORITY_LABELS, type Priority } from './priorities';
import { ORDER_ROLE_LABELS, type OrderRole } from './routing';
import {
  SITUATION_CATEGORIES,
  SITUATION_CATEGORY_SHORT_LABELS,
  situation,
  type SituationCode,
} from './situations';
import { formatTrackingCode } from './tracking-code';

/**
 * The WeChat subscribe messages a reporter can ask for after filing (受理 / 进度 / 办结). They are
 * one-time subscriptions: each acceptance in `requestSubscribeMessage` allows one message.
 */
export const SUBSCRIBE_KINDS = ['accepted', 'progress', 'closed'] as const;
export type SubscribeKind = (typeof SUBSCRIBE_KINDS)[number];

export const SUBSCRIBE_KIND_LABELS: Record<SubscribeKind, string> = {
  accepted: '受理通知',
  progress: '进度通知',
  closed: '办结通知',
};

export function isSubscribeKind(value: string): value is SubscribeKind {
  return (SUBSCRIBE_KINDS as readonly string[]).includes(value);
}

/** Each of the reporter's kinds with its template ID, null when that kind is not offered. */
export type SubscribeTemplates = Record<SubscribeKind, string | null>;

/**
 * `GET /notifications/templates`: the reporter's kinds, and `newOrder`, the template a handler
 * accepts to be told of a new order of their unit (null when not offered).
 */
export interface NotificationTemplates extends SubscribeTemplates {
  newOrder: string | null;
}

/** `POST /reports/:id/subscriptions`: the kinds the user accepted. */
export interface SubscribeRequest {
  kinds: SubscribeKind[];
}

/** How many more messages of each kind the caller will receive about the report. */
export interface SubscriptionState {
  remaining: Record<SubscribeKind, number>;
}

/** `POST /notifications/new-orders/subscriptions`: how many more new orders the caller will be told of. */
export interface NewOrderSubscriptionState {
  remaining: number;
}

/** WeChat refuses a `thing` value longer than this (and a `phrase` longer than 5). */
export const THING_MAX_LENGTH = 20;

/** Every template has these four fields; README tells the operator to pick templates that do. */
export interface SubscribeMessageData {
  character_string1: { value: string };
  phrase2: { value: string };
  time3: { value: string };
  thing4: { value: string };
}

const ANNOUNCED_STATUS: Record<SubscribeKind, ReportStatus> = {
  accepted: 'accepted',
  progress: 'in_progress',
  closed: 'closed',
};

/**
 * What a milestone's message says (thing4, at most `THING_MAX_LENGTH` characters): fixed words,
 * never the handler's note or outcome summary, which may name the child — the message shows on a
 * locked screen (issue 15); the progress page it opens shows the note to the reporter.
 */
export const MILESTONE_MESSAGE_TEXTS: Record<SubscribeKind, string> = {
  accepted: '有关部门已受理，点开查看进展',
  progress: '有新的办理进展，点开查看',
  closed: '已办结，点开查看办理结果',
};

/** The `data` of one subscribe message about a report's milestone. */
export function subscribeMessageData(
  kind: SubscribeKind,
  milestone: { trackingCode: string; at: Date },
): SubscribeMessageData {
  return {
    character_string1: { value: formatTrackingCode(milestone.trackingCode) },
    phrase2: { value: REPORT_STATUS_LABELS[ANNOUNCED_STATUS[kind]] },
    time3: { value: shanghaiDateTime(milestone.at) },
    thing4: { value: MILESTONE_MESSAGE_TEXTS[kind] },
  };
}

/** The new-order template has these three fields; README names them for the operator. */
export interface NewOrderMessageData {
  phrase1: { value: string };
  thing2: { value: string };
  time3: { value: string };
}

/** The `data` of any subscribe message the server sends. */
export type MessageData = SubscribeMessageData | NewOrderMessageData;

/**
 * The kinds of case, most serious first, as the duty phone's SMS names them. Not the situations
 * themselves: a text shows on a locked screen, where “幼女被性侵” must not be read by whoever holds
 * the phone.
 */
export function situationWords(situations: readonly SituationCode[]): string {
  return SITUATION_CATEGORIES.filter((category) =>
    situations.some((code) => situation(code).category === category),
  )
    .map((category) => SITUATION_CATEGORY_SHORT_LABELS[category])
    .join('、');
}

/**
 * The `data` of the message that tells a handler a new order reached their unit: how urgent, the
 * kind of case (the department's order, 牵头 or 协助) and by when to sign. Never the situation, the
 * place, the child or the reporter: the message passes through WeChat and shows on a locked screen
 * (issue 15: locked-screen texts name the kind of case, never the child or the situation).
 */
export function newOrderMessageData(order: {
  priority: Priority;
  department: ReceivingDepartment;
  role: OrderRole;
  signDueAt: Date;
}): NewOrderMessageData {
  return {
    phrase1: { value: PRIORITY_LABELS[order.priority] },
    thing2: {
      value: `${DEPARTMENT_SHORT_LABELS[order.department]}${ORDER_ROLE_LABELS[order.role]}工单`,
    },
    time3: { value: shanghaiDateTime(order.signDueAt) },
  };
}
