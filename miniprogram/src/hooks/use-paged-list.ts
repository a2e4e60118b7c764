import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { Page } from '@shouhu/shared';
import { failureText } from '../services/api-error';
import { useNewestAnswer } from './use-newest-answer';

export const LIST_PAGE_SIZE = 20;

/**
 * A list asked for `LIST_PAGE_SIZE` items at a time, under a query `Q` (a tab, a filter):
 * `load(query, 1)` starts again (a pull, a page shown), `open(query)` changes the query and drops
 * the old items at once, `more(query)` appends the next page while there is one. A failure keeps
 * the items already shown and says what went wrong in `error` (`failure` when the server did not).
 * Only the newest request's answer is shown (`useNewestAnswer`): a page of the old query that
 * answers after the new query was asked is dropped.
 */
export function usePagedList<Q, T>(
  fetchPage: (query: Q, page: number, pageSize: number) => Promise<Page<T>>,
  failure: string,
) {
  const [items, setItems] = useState<T[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const newest = useNewestAnswer();

  async function load(query: Q, page: number) {
    const isNewest = newest.ask();
    try {
      const answer = await fetchPage(query, page, LIST_PAGE_SIZE);
      if (!isNewest()) return;
      setItems((current) =>
        page === 1 || !current ? answer.items : [...current, ...answer.items],
      );
      setTotal(answer.total);
      setError(null);
    } catch (e) {
      if (isNewest()) setError(failureText(e, failure));
    } finally {
      Taro.stopPullDownRefresh();
    }
  }

  return {
    items,
    total,
    error,
    load,
    open(query: Q) {
      setItems(null);
      return load(query, 1);
    },
    more(query: Q) {
      if (items && items.length < total) {
        void load(query, Math.floor(items.length / LIST_PAGE_SIZE) + 1);
      }
    },
  };
}
