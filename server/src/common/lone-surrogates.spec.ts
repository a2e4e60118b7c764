import { loneSurrogatePaths } from './lone-surrogates';

describe(loneSurrogatePaths.name, () => {
  it.each([
    [{ description: '孩子被打了\ud800很严重' }, ['description']],
    [{ child: { name: '\udc00', school: '小学' } }, ['child.name']],
    [{ days: [{ name: '节\ud83d' }, { name: '国庆' }] }, ['days.0.name']],
    [['\ud800', 'ok'], ['0']],
    [{ a: '\ud800', b: { c: '\udfff' } }, ['a', 'b.c']],
    [{ description: '𠮷😀 两个完整的字符', n: 1, ok: true, none: null }, []],
    ['\ud800', ['']],
    [undefined, []],
  ])('%j → %j', (value, expected) => {
    expect(loneSurrogatePaths(value)).toEqual(expected);
  });
});
