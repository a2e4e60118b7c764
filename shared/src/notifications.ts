import { REPORT_STATUS_LABELS, type ReportStatus } from './api';
import { shanghaiDateTime } from './calendar';
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

/** `GET /notifications/templates`: each kind's template ID, null when that kind is not offered. */
export type SubscribeTemplates = Record<SubscribeKind, string | null>;

/** `POST /reports/:id/subscriptions`: the kinds the user accepted. */
export interface SubscribeRequest {
  kinds: SubscribeKind[];
}

/** How many more messages of each kind the caller will receive about the report. */
export interface SubscriptionState {
  remaining: Record<SubscribeKind, number>;
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
 * Counted in code points (Array.from), as WeChat counts: an emoji or a rare 汉字 outside the BMP is
 * one character, and cutting never splits a surrogate pair. Line breaks from a handler's note are
 * flattened because a message shows one line.
 */
function thing(text: string): string {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim());
  if (characters.length <= THING_MAX_LENGTH) return characters.join('');
  return `${characters.slice(0, THING_MAX_LENGTH - 1).join('')}…`;
}

/** The `data` of one subscribe message about a report's milestone. */
export function subscribeMessageData(
  kind: SubscribeKind,
  milestone: { trackingCode: string; at: Date; text: string },
): SubscribeMessageData {
  return {
    character_string1: { value: formatTrackingCode(milestone.trackingCode) },
    phrase2: { value: REPORT_STATUS_LABELS[ANNOUNCED_STATUS[kind]] },
    time3: { value: shanghaiDateTime(milestone.at) },
    thing4: { value: thing(milestone.text) },
  };
}
