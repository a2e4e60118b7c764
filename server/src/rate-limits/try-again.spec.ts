import { tryAgainMessage } from './try-again';

describe(tryAgainMessage.name, () => {
  it.each([
    [0, '操作太频繁，请1秒后再试'],
    [1, '操作太频繁，请1秒后再试'],
    [42, '操作太频繁，请42秒后再试'],
    [60, '操作太频繁，请60秒后再试'],
    [61, '操作太频繁，请2分钟后再试'],
    [600, '操作太频繁，请10分钟后再试'],
  ])('says %s seconds as %s', (seconds, message) => {
    expect(tryAgainMessage(seconds)).toBe(message);
  });
});
