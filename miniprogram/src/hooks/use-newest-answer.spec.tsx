/** @jest-environment jsdom */
import { renderHook } from '@testing-library/react';
import { useNewestAnswer } from './use-newest-answer';

describe(useNewestAnswer.name, () => {
  it('says only the newest request may show its answer, whatever order the answers come in', () => {
    const { result, rerender } = renderHook(() => useNewestAnswer());
    const first = result.current.ask();
    expect(first()).toBe(true);
    rerender();
    const second = result.current.ask();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
  });

  it('keeps one count per screen', () => {
    const one = renderHook(() => useNewestAnswer());
    const other = renderHook(() => useNewestAnswer());
    const mine = one.result.current.ask();
    other.result.current.ask();
    expect(mine()).toBe(true);
  });

  it('is one object for the screen’s life, so an effect using it need not run again', () => {
    const { result, rerender } = renderHook(() => useNewestAnswer());
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
  });
});
