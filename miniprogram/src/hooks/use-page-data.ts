import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { failureText } from '../services/api-error';
import { useNewestAnswer } from './use-newest-answer';

/**
 * Loads a page's data each time it is shown and on pull-down, keeping the last error to show; an
 * answer that comes back after a later request was sent is dropped (`useNewestAnswer`).
 */
export function usePageData<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  const newest = useNewestAnswer();

  async function reload() {
    const isNewest = newest.ask();
    try {
      const answer = await load();
      if (!isNewest()) return;
      setData(answer);
      setError(null);
    } catch (e) {
      if (isNewest()) setError(failureText(e, '加载失败，请下拉重试'));
    } finally {
      Taro.stopPullDownRefresh();
    }
  }

  useDidShow(() => void reload());
  usePullDownRefresh(() => void reload());
  return { data, error, reload };
}
