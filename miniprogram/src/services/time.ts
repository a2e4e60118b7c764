import { shanghaiDate } from '@shouhu/shared';

/** `2026-11-22 14:05`, Beijing time, whatever the phone's time zone. */
export function shanghaiDateTime(iso: string): string {
  const instant = new Date(iso);
  const time = new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  return `${shanghaiDate(instant)} ${time}`;
}
