import { MAX_JSON_DEPTH, nestedDeeperThan } from './json-depth';

function nested(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i += 1) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

describe(nestedDeeperThan.name, () => {
  it.each([
    [undefined, 0, false],
    ['text', 0, false],
    [{}, 0, true],
    [{}, 1, false],
    [[], 1, false],
    [{ days: [{ date: '2026-10-01', working: false }] }, 3, false],
    [{ days: [{ date: '2026-10-01', working: false }] }, 2, true],
    [{ a: 1, b: { c: [1, [2]] } }, 3, true],
    [{ a: 1, b: { c: [1, [2]] } }, 4, false],
  ])('%j deeper than %d → %s', (value, limit, expected) => {
    expect(nestedDeeperThan(value, limit)).toBe(expected);
  });

  it('measures the depth of any nesting without overflowing the stack', () => {
    expect(nestedDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestedDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(nestedDeeperThan(nested(100_000), MAX_JSON_DEPTH)).toBe(true);
  });
});
