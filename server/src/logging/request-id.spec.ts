import type { IncomingMessage } from 'node:http';
import { requestIdOf } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const withHeader = (value?: string | string[]) =>
  ({ headers: value === undefined ? {} : { 'x-request-id': value } }) as IncomingMessage;

describe(requestIdOf.name, () => {
  it.each([
    ['eight characters', 'abcd-123'],
    ['a UUID', '0b7c5a1e-3f2d-4c8b-9a6e-1d2f3a4b5c6d'],
    ['64 characters with _ and -', `${'A_b-'.repeat(16)}`],
  ])('keeps an incoming id of %s', (_what, id) => {
    expect(requestIdOf(withHeader(id))).toBe(id);
  });

  it.each([
    ['none', undefined],
    ['empty', ''],
    ['seven characters', 'abc-123'],
    ['65 characters', 'a'.repeat(65)],
    ['a space', 'abcd 1234'],
    ['a line break', 'abcd1234\n{"level":"fatal"}'],
    ['a dot and slashes', '../../etc/passwd'],
    ['not ASCII', '张三的身份证号码一二'],
    ['two values', ['abcd-1234', 'efgh-5678']],
  ])('makes a new UUID when the incoming id is %s', (_what, offered) => {
    const id = requestIdOf(withHeader(offered));

    expect(id).toMatch(UUID);
    expect(id).not.toBe(offered);
  });

  it('makes a different id for each request', () => {
    expect(requestIdOf(withHeader())).not.toBe(requestIdOf(withHeader()));
  });
});
