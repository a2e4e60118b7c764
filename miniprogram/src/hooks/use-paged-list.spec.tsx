/** @jest-environment jsdom */
import { act, renderHook } from '@testing-library/react';
import type { Page } from '@shouhu/shared';
import { ApiError } from '../services/api-error';
import { LIST_PAGE_SIZE, usePagedList } from './use-paged-list';

/** A list of 45 numbers under any query, served a page at a time; `failing` pages fail. */
function numbers(failing: number[] = []) {
  const asked: [string, number, number][] = [];
  const fetchPage = async (query: string, page: number, pageSize: number) => {
    asked.push([query, page, pageSize]);
    if (failing.includes(page)) throw new Error('offline');
    const all = Array.from({ length: 45 }, (_, i) => `${query}-${i + 1}`);
    return { items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length };
  };
  return { asked, fetchPage };
}

describe(usePagedList.name, () => {
  it('appends page after page while there are more, and asks nothing past the last', async () => {
    const { asked, fetchPage } = numbers();
    const { result } = renderHook(() => usePagedList(fetchPage, '没有加载出来'));

    await act(() => result.current.load('a', 1));
    await act(async () => result.current.more('a'));
    await act(async () => result.current.more('a'));
    await act(async () => result.current.more('a'));

    expect(asked).toEqual([
      ['a', 1, LIST_PAGE_SIZE],
      ['a', 2, LIST_PAGE_SIZE],
      ['a', 3, LIST_PAGE_SIZE],
    ]);
    expect(result.current.items).toHaveLength(45);
    expect(result.current.items?.[44]).toBe('a-45');
    expect(result.current.total).toBe(45);
  });

  it('starts again from the first page on a pull, never adding it twice', async () => {
    const { fetchPage } = numbers();
    const { result } = renderHook(() => usePagedList(fetchPage, '没有加载出来'));

    await act(() => result.current.load('a', 1));
    await act(async () => result.current.more('a'));
    await act(() => result.current.load('a', 1));

    expect(result.current.items).toEqual(Array.from({ length: 20 }, (_, i) => `a-${i + 1}`));
  });

  it('keeps what it shows when a page fails, and says so in its own words', async () => {
    const { fetchPage } = numbers([2]);
    const { result } = renderHook(() => usePagedList(fetchPage, '没有加载出来'));

    await act(() => result.current.load('a', 1));
    await act(async () => result.current.more('a'));

    expect(result.current.items).toHaveLength(LIST_PAGE_SIZE);
    expect(result.current.error).toBe('没有加载出来');
  });

  it('says what the server said when it refused', async () => {
    const { result } = renderHook(() =>
      usePagedList(async () => {
        throw new ApiError(403, 'FORBIDDEN', '只能查看本单位的工单');
      }, '没有加载出来'),
    );

    await act(() => result.current.load('a', 1));

    expect(result.current.error).toBe('只能查看本单位的工单');
  });

  it('drops the old query’s items at once when another is opened', async () => {
    let answer: (page: Page<string>) => void = () => undefined;
    const { result } = renderHook(() =>
      usePagedList(
        (query: string) =>
          query === 'a'
            ? Promise.resolve({ items: ['a-1'], total: 1 })
            : new Promise<Page<string>>((resolve) => (answer = resolve)),
        '没有加载出来',
      ),
    );
    await act(() => result.current.load('a', 1));

    let opened: Promise<void> = Promise.resolve();
    act(() => {
      opened = result.current.open('b');
    });
    expect(result.current.items).toBeNull();

    await act(async () => {
      answer({ items: ['b-1'], total: 1 });
      await opened;
    });
    expect(result.current.items).toEqual(['b-1']);
  });

  /**
   * Asks for query 'a', then opens 'b' before 'a' answers; 'b' answers with one item, then 'a'
   * answers as `lateA` says (two items, or a failure). Returns the hook's state after both.
   */
  async function answerReplacedLast(lateA: 'ok' | 'fail') {
    const answers: Record<string, { ok(page: Page<string>): void; fail(): void }> = {};
    const fetchPage = (query: string) =>
      new Promise<Page<string>>(
        (resolve, reject) =>
          (answers[query] = {
            ok: resolve,
            fail: () => reject(new ApiError(503, 'SERVICE_UNAVAILABLE', '系统繁忙')),
          }),
      );
    const { result } = renderHook(() => usePagedList(fetchPage, '没有加载出来'));

    let first!: Promise<void>;
    let second!: Promise<void>;
    act(() => void (first = result.current.load('a', 1)));
    act(() => void (second = result.current.open('b')));
    await act(async () => {
      answers.b.ok({ items: ['b-1'], total: 1 });
      await second;
      if (lateA === 'ok') answers.a.ok({ items: ['a-1', 'a-2'], total: 2 });
      else answers.a.fail();
      await first;
    });
    return result.current;
  }

  it('shows the query asked last when a page of the one before answers after it', async () => {
    const shown = await answerReplacedLast('ok');
    expect(shown.items).toEqual(['b-1']);
    expect(shown.total).toBe(1);
  });

  it('says nothing of a failure of a request that a later one replaced', async () => {
    const shown = await answerReplacedLast('fail');
    expect(shown.error).toBeNull();
    expect(shown.items).toEqual(['b-1']);
  });
});
