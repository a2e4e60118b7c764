/**
 * The server's clock as last heard: deadlines are counted down against it, because a phone's clock
 * may be wrong and, in drills, the server's is set on purpose.
 */
let offsetMs = 0;

export function noteServerTime(headers: Record<string, unknown> | undefined): void {
  const entry = Object.entries(headers ?? {}).find(
    ([key]) => key.toLowerCase() === 'x-server-time',
  );
  const at = entry ? Date.parse(String(entry[1])) : Number.NaN;
  if (!Number.isNaN(at)) offsetMs = at - Date.now();
}

export function serverNow(): Date {
  return new Date(Date.now() + offsetMs);
}
