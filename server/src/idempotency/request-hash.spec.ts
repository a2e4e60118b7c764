import { requestHash } from './request-hash';

describe(requestHash.name, () => {
  it('ignores key order and undefined fields', () => {
    expect(requestHash('u1', { a: 1, b: { c: [1, 2], d: undefined } })).toBe(
      requestHash('u1', { b: { c: [1, 2] }, a: 1 }),
    );
  });

  it('differs for another user, another value, or another array order', () => {
    const base = requestHash('u1', { a: [1, 2] });
    expect(requestHash('u2', { a: [1, 2] })).not.toBe(base);
    expect(requestHash('u1', { a: [1, 3] })).not.toBe(base);
    expect(requestHash('u1', { a: [2, 1] })).not.toBe(base);
  });
});
