import { orderPage, type InboxMessage, type InboxPage } from '@shouhu/shared';
import { http } from './http';

/** Every message of the caller's inbox, newest first, read page by page as the app reads them. */
export async function inboxOf(baseUrl: string, token: string): Promise<InboxMessage[]> {
  const messages: InboxMessage[] = [];
  for (let page = 1; ; page++) {
    const response = await http<InboxPage>(baseUrl, 'GET', `/notifications?page=${page}`, {
      token,
    });
    if (response.status !== 200) throw new Error(`inbox: ${response.status}`);
    messages.push(...response.body.items);
    if (response.body.items.length === 0 || messages.length >= response.body.total) {
      return messages;
    }
  }
}

/** `[kind, text]` of each message of the caller about one order, oldest first. */
export async function toldAboutOrder(
  baseUrl: string,
  token: string,
  orderId: string,
): Promise<[string, string][]> {
  const messages = await inboxOf(baseUrl, token);
  return messages
    .filter((m) => m.page === orderPage(orderId))
    .reverse()
    .map((m) => [m.kind, m.text]);
}
