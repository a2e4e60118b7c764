import Taro from '@tarojs/taro';
import {
  SUBSCRIBE_KINDS,
  type NewOrderSubscriptionState,
  type NotificationTemplates,
  type SubscribeKind,
  type SubscriptionState,
} from '@shouhu/shared';
import {
  isNewOrderSubscriptionState,
  isNotificationTemplates,
  isSubscriptionState,
} from './answers';
import { authorizedRequest } from './session';

export type SubscribeOutcome = 'subscribed' | 'declined';

function fetchTemplates(): Promise<NotificationTemplates> {
  return authorizedRequest(
    { method: 'GET', path: '/notifications/templates' },
    isNotificationTemplates,
  );
}

/** WeChat's answer for each template id: `accept`, `reject`, `ban` or `filter`. */
async function askWechat(templateIds: string[]): Promise<Record<string, string>> {
  return (await Taro.requestSubscribeMessage({
    tmplIds: templateIds,
    entityIds: [],
  })) as unknown as Record<string, string>;
}

/** The template ids the server offers; empty outside WeChat, where there is nothing to ask. */
export async function offeredTemplates(): Promise<[SubscribeKind, string][]> {
  if (process.env.TARO_ENV !== 'weapp') return [];
  const templates = await fetchTemplates();
  return SUBSCRIBE_KINDS.flatMap((kind) => {
    const id = templates[kind];
    return id ? [[kind, id] as [SubscribeKind, string]] : [];
  });
}

/**
 * Asks WeChat for the user's consent to each message (it must follow a tap), then tells the server
 * which ones were accepted: each acceptance allows the server one message of that kind.
 */
export async function subscribeToReport(
  reportId: string,
  offered: [SubscribeKind, string][],
): Promise<SubscribeOutcome> {
  const answers = await askWechat(offered.map(([, id]) => id));
  const kinds = offered.filter(([, id]) => answers[id] === 'accept').map(([kind]) => kind);
  if (kinds.length === 0) return 'declined';
  await authorizedRequest<SubscriptionState>(
    { method: 'POST', path: `/reports/${reportId}/subscriptions`, data: { kinds } },
    isSubscriptionState,
  );
  return 'subscribed';
}

/** The new-order template the server offers handlers; null outside WeChat or when not offered. */
export async function offeredNewOrderTemplate(): Promise<string | null> {
  if (process.env.TARO_ENV !== 'weapp') return null;
  return (await fetchTemplates()).newOrder;
}

/**
 * Asks WeChat for one new-order message (it must follow a tap) and, when the handler accepts,
 * tells the server: each acceptance allows one message about a new order of their unit.
 * Returns how many new orders the handler will now be told of, or null when they declined.
 */
export async function subscribeToNewOrders(templateId: string): Promise<number | null> {
  const answers = await askWechat([templateId]);
  if (answers[templateId] !== 'accept') return null;
  const state = await authorizedRequest<NewOrderSubscriptionState>(
    { method: 'POST', path: '/notifications/new-orders/subscriptions', data: {} },
    isNewOrderSubscriptionState,
  );
  return state.remaining;
}
