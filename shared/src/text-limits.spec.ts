import { TEXT_LIMITS, textLength, textProblem, type TextLimit } from './text-limits';

const limit: TextLimit = { label: '原因', min: 2, max: 5 };

describe('textLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['泗县', 2],
    ['𠮷😀ab', 4],
    ['❤️', 2],
  ])('%s → %d', (text, expected) => {
    expect(textLength(text)).toBe(expected);
  });
});

describe('textProblem', () => {
  it.each([
    ['二字', null],
    ['𠀀𠀀𠀀𠀀𠀀', null],
    [' 二字 ', null],
    ['字', '请填写原因（至少2字）'],
    ['', '请填写原因（至少2字）'],
    ['   ', '请填写原因（至少2字）'],
    ['\u3000\u3000', '请填写原因（至少2字）'],
    ['\t\n', '请填写原因（至少2字）'],
    ['𠀀𠀀𠀀𠀀𠀀𠀀', '原因最多5字'],
    ['一二三四五六', '原因最多5字'],
  ])('%j → %s', (text, expected) => {
    expect(textProblem(text, limit)).toBe(expected);
  });

  it('asks only to fill in a text whose minimum is one character', () => {
    expect(textProblem('\u3000', { label: '评价', min: 1, max: 500 })).toBe('请填写评价');
  });
});

describe('TEXT_LIMITS', () => {
  it.each(Object.entries(TEXT_LIMITS))('%s has 1 ≤ min ≤ max', (_field, { min, max }) => {
    expect(min).toBeGreaterThanOrEqual(1);
    expect(max).toBeGreaterThanOrEqual(min);
  });
});
