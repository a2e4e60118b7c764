import type { InboxMessage, InboxPage } from '@shouhu/shared';
import { isInboxMessage, isInboxPage, isUnreadCount } from './answers';
import { authorizedRequest } from './session';

/**
 * The in-app inbox (站内消息): what staff and reporters were told, whatever WeChat delivered.
 * Subscribe messages, which WeChat shows, are `notifications.ts`; these are the app's own.
 */

/** `GET /notifications?page=`: one page of the caller's messages, newest first, with the unread count. */
export function fetchInbox(page: number): Promise<InboxPage> {
  return authorizedRequest<InboxPage>(
    { method: 'GET', path: `/notifications?page=${page}` },
    isInboxPage,
  );
}

/** How many of the caller's messages are unread: the badge. */
export async function fetchUnreadCount(): Promise<number> {
  return (await fetchInbox(1)).unread;
}

/** `POST /notifications/:id/read`: the message as it now is, read. */
export function markRead(id: string): Promise<InboxMessage> {
  return authorizedRequest<InboxMessage>(
    { method: 'POST', path: `/notifications/${id}/read`, data: {} },
    isInboxMessage,
  );
}

/** `POST /notifications/read`: every message read; answers the unread count left. */
export async function markAllRead(): Promise<number> {
  const left = await authorizedRequest(
    { method: 'POST', path: '/notifications/read', data: {} },
    isUnreadCount,
  );
  return left.unread;
}
