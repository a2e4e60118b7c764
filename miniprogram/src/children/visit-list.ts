import { chineseDay, chineseShortDay, type PlannedVisit } from '@shouhu/shared';

const DAY_MS = 24 * 3600_000;

/** Soonest due first (the server's order too); the list never shows a later visit above an earlier one. */
export function soonestFirst<T extends Pick<PlannedVisit, 'dueAt'>>(visits: readonly T[]): T[] {
  return [...visits].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/**
 * When a planned visit is due, for its line: `2026年12月3日前完成`; `12月30日起、1月6日前完成`
 * while its window has not opened (a visit recorded before then does not count); or `已超时 N 天`
 * once the moment has passed, any part of a day counting as a day (3 hours late is 1 day, not 0).
 */
export function visitDueText(
  { startedAt, dueAt }: Pick<PlannedVisit, 'startedAt' | 'dueAt'>,
  now: Date,
): { text: string; overdue: boolean } {
  const late = now.getTime() - Date.parse(dueAt);
  if (late > 0) return { text: `已超时 ${Math.ceil(late / DAY_MS)} 天`, overdue: true };
  if (Date.parse(startedAt) > now.getTime()) {
    return {
      text: `${chineseShortDay(startedAt)}起、${chineseShortDay(dueAt)}前完成`,
      overdue: false,
    };
  }
  return { text: `${chineseDay(dueAt)}前完成`, overdue: false };
}

/** The badge of a visit that escalated: 督办 to the township (1), the county's red list (2). */
export function visitEscalationBadge(level: number): string | null {
  if (level <= 0) return null;
  return level === 1 ? '已督办' : '红色清单';
}
