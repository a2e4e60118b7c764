import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { fetchUnreadCount } from '../services/inbox';

/**
 * The caller's unread messages, asked again each time the page is shown (back from the inbox, or
 * from WeChat). Offline the last count stays: a badge that vanished would say "nothing new".
 */
export function useUnreadCount(): number {
  const [unread, setUnread] = useState(0);
  useDidShow(() => {
    fetchUnreadCount().then(setUnread, () => undefined);
  });
  return unread;
}
