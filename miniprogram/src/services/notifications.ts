import Taro from '@tarojs/taro';
import {
  SUBSCRIBE_KINDS,
  type SubscribeKind,
  type SubscribeTemplates,
  type SubscriptionState,
} from '@shouhu/shared';
import { authorizedRequest } from './session';

export type SubscribeOutcome = 'subscribed' | 'declined';

/** The template ids the server offers; empty outside WeChat, where there is nothing to ask. */
export async function offeredTemplates(): Promise<[SubscribeKind, string][]> {
  if (process.env.TARO_ENV !== 'weapp') return [];
  const templates = await authorizedRequest<SubscribeTemplates>({
    method: 'GET',
    path: '/notifications/templates',
  });
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
  const answers = (await Taro.requestSubscribeMessage({
    tmplIds: offered.map(([, id]) => id),
    entityIds: [],
  })) as unknown as Record<string, string>;
  const kinds = offered.filter(([, id]) => answers[id] === 'accept').map(([kind]) => kind);
  if (kinds.length === 0) return 'declined';
  await authorizedRequest<SubscriptionState>({
    method: 'POST',
    path: `/reports/${reportId}/subscriptions`,
    data: { kinds },
  });
  return 'subscribed';
}
