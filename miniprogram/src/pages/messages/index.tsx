import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  INBOX_KIND_LABELS,
  chineseShortDateTime,
  type InboxKind,
  type InboxMessage,
} from '@shouhu/shared';
import { BackHome } from '../../components/back-home';
import { useNewestAnswer } from '../../hooks/use-newest-answer';
import { failureText } from '../../services/api-error';
import { fetchInbox, markAllRead, markRead } from '../../services/inbox';
import { serverNow } from '../../services/server-clock';
import { currentUser } from '../../services/session';
import './index.css';

/** What the inbox of this person will hold, said while it holds nothing yet. */
function emptyHint(): string {
  const roles = currentUser()?.roles ?? [];
  const staff = roles.some((role) => role === 'handler' || role === 'coordinator');
  return staff
    ? '新工单、新的走访、期限提醒和督办会出现在这里，下拉可以刷新。'
    : '您的报告被受理、有新进展或办结时，会在这里告诉您。';
}

/** The mini-program address of the page a message opens (`staff/order/index?id=…`). */
const addressOf = (page: string) => (page.startsWith('/') ? page : `/${page}`);

/** Messages after `more` is appended: a message that moved to a later page is not listed twice. */
function appended(current: InboxMessage[], more: InboxMessage[]): InboxMessage[] {
  const listed = new Set(current.map((message) => message.id));
  return [...current, ...more.filter((message) => !listed.has(message.id))];
}

function MessageRow({ message, onOpen }: { message: InboxMessage; onOpen: () => void }) {
  const unread = message.readAt === null;
  return (
    <View className={`section message-row ${unread ? 'message-unread' : ''}`} onClick={onOpen}>
      <View className="message-head">
        {unread && <View className="message-dot" aria-label="未读" />}
        <Text className="message-kind">
          {INBOX_KIND_LABELS[message.kind as InboxKind] ?? '消息'}
        </Text>
        <Text className="message-time">{chineseShortDateTime(message.createdAt)}</Text>
      </View>
      <Text className="message-text">{message.text}</Text>
      {message.page && <Text className="message-open">查看 ›</Text>}
    </View>
  );
}

/**
 * 消息 (站内消息) for staff and reporters: newest first, unread in bold with a dot. A tap marks the
 * message read and opens what it is about; 全部已读 marks them all. Pull to refresh, and more on
 * scrolling to the end or a tap.
 */
export default function MessagesPage() {
  const [messages, setMessages] = useState<InboxMessage[] | null>(null);
  const [total, setTotal] = useState(0);
  const [unread, setUnread] = useState(0);
  const [pagesLoaded, setPagesLoaded] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [markingAll, setMarkingAll] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const newest = useNewestAnswer();

  async function load(page: number) {
    const isNewest = newest.ask();
    setLoading(true);
    try {
      const result = await fetchInbox(page);
      if (!isNewest()) return;
      setMessages((current) =>
        page === 1 || !current ? result.items : appended(current, result.items),
      );
      setTotal(result.total);
      setUnread(result.unread);
      setPagesLoaded(page);
      setError(null);
    } catch (e) {
      if (isNewest()) setError(failureText(e, '消息没有加载成功，请稍后重试'));
    } finally {
      if (isNewest()) setLoading(false);
      Taro.stopPullDownRefresh();
    }
  }

  const hasMore = messages !== null && messages.length < total;
  function loadMore() {
    if (hasMore && !loading) void load(pagesLoaded + 1);
  }

  useDidShow(() => void load(1));
  usePullDownRefresh(() => void load(1));
  useReachBottom(loadMore);

  function setRead(id: string, readAt: string | null) {
    setMessages((current) =>
      (current ?? []).map((message) => (message.id === id ? { ...message, readAt } : message)),
    );
  }

  function open(message: InboxMessage) {
    if (message.readAt === null) {
      // Read at once on screen; should the server not hear of it, it is unread again.
      setRead(message.id, serverNow().toISOString());
      setUnread((count) => Math.max(0, count - 1));
      markRead(message.id).then(
        (read) => setRead(message.id, read.readAt),
        () => {
          setRead(message.id, null);
          setUnread((count) => count + 1);
        },
      );
    }
    if (message.page) {
      Taro.navigateTo({ url: addressOf(message.page) }).catch(
        () => void Taro.showToast({ title: '暂时打不开，请稍后再试', icon: 'none' }),
      );
    }
  }

  async function readAll() {
    if (markingAll) return;
    setMarkingAll(true);
    setActionError(null);
    try {
      const left = await markAllRead();
      const now = serverNow().toISOString();
      setMessages((current) =>
        (current ?? []).map((message) => (message.readAt ? message : { ...message, readAt: now })),
      );
      setUnread(left);
    } catch (e) {
      setActionError(failureText(e, '没有标记成功，请稍后再试'));
    } finally {
      setMarkingAll(false);
    }
  }

  if (messages === null) {
    return (
      <View className="page">
        {error ? (
          <View className="error-box messages-error">
            <Text className="error-line">{error}</Text>
            <View
              className="big-button big-button-primary messages-retry"
              onClick={() => void load(1)}
            >
              <Text>{loading ? '正在重试…' : '重试'}</Text>
            </View>
            <BackHome />
          </View>
        ) : (
          <Text className="hint">正在加载…</Text>
        )}
      </View>
    );
  }

  return (
    <View className="page messages-page">
      {unread > 0 && (
        <View className="messages-summary">
          <Text className="messages-unread-count">{unread} 条未读</Text>
          <View
            className="big-button big-button-secondary messages-read-all"
            onClick={() => void readAll()}
          >
            <Text>{markingAll ? '正在标记…' : '全部已读'}</Text>
          </View>
        </View>
      )}
      {actionError && <Text className="error-line messages-action-error">{actionError}</Text>}
      {error && (
        <View className="error-box messages-error">
          <Text className="error-line">{error}</Text>
          <BackHome />
        </View>
      )}
      {messages.length === 0 && (
        <View className="section messages-empty">
          <Text className="section-title">还没有消息</Text>
          <Text className="hint">{emptyHint()}</Text>
        </View>
      )}
      {messages.map((message) => (
        <MessageRow key={message.id} message={message} onOpen={() => open(message)} />
      ))}
      {hasMore && (
        <View className="big-button big-button-secondary messages-more" onClick={loadMore}>
          <Text>{loading ? '正在加载…' : `加载更早的消息（共 ${total} 条）`}</Text>
        </View>
      )}
    </View>
  );
}
