/**
 * The 429 message: when to try again, in words people use (`Retry-After` carries the seconds).
 * Rounded up, so nobody is told to come back before the limit has passed.
 */
export function tryAgainMessage(seconds: number): string {
  const wait =
    seconds <= 60 ? `${Math.max(1, Math.ceil(seconds))}秒` : `${Math.ceil(seconds / 60)}分钟`;
  return `操作太频繁，请${wait}后再试`;
}
