import { methodOf } from './client-error';

describe(methodOf.name, () => {
  it.each([
    ['a request line', 'GET', 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n'],
    ['a broken request line', 'POST', 'POST /api v1/x HTTP/1.1\r\n\r\n'],
    ['a method with a dash', 'M-SEARCH', 'M-SEARCH * HTTP/1.1\r\n'],
    ['a method Node does not know', null, 'FETCH /api/v1/health HTTP/1.1\r\n'],
    ['a method in lower case', null, 'get /api/v1/health HTTP/1.1\r\n'],
    ['the middle of a header (a request sent in pieces)', null, 'aaaaaaaaaaaa\r\n\r\n'],
    ['a name with no space after it', null, 'GET'],
    ['nothing', null, ''],
  ])('reads %s as %p', (_what, method, bytes) => {
    expect(methodOf(Buffer.from(bytes, 'latin1'))).toBe(method);
  });

  it('reads nothing when Node kept no bytes (a timeout)', () => {
    expect(methodOf(undefined)).toBeNull();
  });
});
