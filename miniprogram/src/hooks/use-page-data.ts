import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { failureText } from '../services/api-error';

/** Loads a page's data each time it is shown and on pull-down, keeping the last error to show. */
export function usePageData<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function reload() {
    try {
      setData(await load());
      setError(null);
    } catch (e) {
      setError(failureText(e, '加载失败，请下拉重试'));
    } finally {
      Taro.stopPullDownRefresh();
    }
  }

  useDidShow(() => void reload());
  usePullDownRefresh(() => void reload());
  return { data, error, reload };
}
