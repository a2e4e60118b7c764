import {
  TEXT_LIMITS,
  hasLoneSurrogate,
  shortened,
  textLength,
  textProblem,
  visibleLength,
  type TextLimit,
} from './text-limits';

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

describe('visibleLength', () => {
  it.each([
    ['孩子', 2],
    ['𠮷 ', 1],
    ['\u200B\u200D\u200C\u2060\uFEFF\u00AD', 0],
    ['\u3164\u115F\u1160\uFFA0\u2800', 0],
    [' \u3000\t\n\u00A0\u2028', 0],
    ['a\u200Bb', 2],
  ])('%j → %d', (text, expected) => {
    expect(visibleLength(text)).toBe(expected);
  });
});

describe('hasLoneSurrogate', () => {
  it.each([
    ['孩子被打了\ud800很严重', true],
    ['\udfff', true],
    ['\ud840\udc00', false],
    ['😀', false],
    ['孩子', false],
  ])('%j → %s', (text, expected) => {
    expect(hasLoneSurrogate(text)).toBe(expected);
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
    ['\u200B'.repeat(10), '请填写原因（至少2字）'],
    ['\u200B'.repeat(11), '原因最多5字'],
    ['\u3164\u3164', '请填写原因（至少2字）'],
    ['\u2800\u2800', '请填写原因（至少2字）'],
    ['\u115F\u1160\uFFA0', '请填写原因（至少2字）'],
    ['\u200D\u200C\u2060\uFEFF', '请填写原因（至少2字）'],
    ['字\u200B\u200B', '请填写原因（至少2字）'],
    ['字\u200B字', null],
    ['一\n二', null],
    ['二\t字', null],
    ['二字\u0000', '原因含有不可见的控制字符，请删除后重新输入'],
    ['\u0000\u0000', '原因含有不可见的控制字符，请删除后重新输入'],
    ['二\u001B字', '原因含有不可见的控制字符，请删除后重新输入'],
    ['二\u007F字', '原因含有不可见的控制字符，请删除后重新输入'],
    ['二\u0085字', '原因含有不可见的控制字符，请删除后重新输入'],
    ['张\u202E三', '原因含有不可见的控制字符，请删除后重新输入'],
    ['张\u2066三\u2069', '原因含有不可见的控制字符，请删除后重新输入'],
    ['孩子\ud800', '原因含有无法识别的字符，请删除后重新输入'],
    ['\udc00孩子', '原因含有无法识别的字符，请删除后重新输入'],
    ['𠀀𠀀𠀀𠀀𠀀𠀀', '原因最多5字'],
    ['一二三四五六', '原因最多5字'],
  ])('%j → %s', (text, expected) => {
    expect(textProblem(text, limit)).toBe(expected);
  });

  it('refuses a text of megabytes as too long before walking its characters', () => {
    const huge = `二字\u0000${'\ud800'.repeat(8 * 1024 * 1024)}`;
    const walked = jest.spyOn(Array, 'from');

    expect(textProblem(huge, limit)).toBe('原因最多5字');
    expect(walked).not.toHaveBeenCalled();
    walked.mockRestore();
  });

  it.each([
    ['泗县\n第一中学', '机构名称要写在一行内，请删去换行和制表符（Tab）'],
    ['泗县\r\n第一中学', '机构名称要写在一行内，请删去换行和制表符（Tab）'],
    ['泗县\t第一中学', '机构名称要写在一行内，请删去换行和制表符（Tab）'],
    ['泗县\u2028第一中学', '机构名称要写在一行内，请删去换行和制表符（Tab）'],
    ['泗县\u0085第一中学', '机构名称含有不可见的控制字符，请删除后重新输入'],
    ['泗县第一中学\n', '机构名称要写在一行内，请删去换行和制表符（Tab）'],
    ['泗县 第一中学', null],
  ])('refuses a line break or tab in a one-line text: %j', (text, expected) => {
    expect(textProblem(text, TEXT_LIMITS.institutionName)).toBe(expected);
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

describe(shortened.name, () => {
  it.each<[string, number, string]>([
    ['孩子两周没来上学', 8, '孩子两周没来上学'],
    ['孩子两周没来上学了', 8, '孩子两周没来上…'],
    ['𠮷𠮷𠮷𠮷', 3, '𠮷𠮷…'],
    ['', 3, ''],
  ])('%j cut to %s → %j', (text, max, cut) => {
    expect(shortened(text, max)).toBe(cut);
    expect(textLength(shortened(text, max))).toBeLessThanOrEqual(max);
  });
});
