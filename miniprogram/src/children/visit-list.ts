import { chineseDay, type PlannedVisit } from '@shouhu/shared';

const DAY_MS = 24 * 3600_000;

/** Soonest due first (the server's order too); the list never shows a later visit above an earlier one. */
export function soonestFirst<T extends Pick<PlannedVisit, 'dueAt'>>(visits: readonly T[]): T[] {
  return [...visits].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/**
 * When a planned visit is due, for its line: `12月3日前完成`, or `已超时 N 天` once the moment has
 * passed, any part of a day counting as a day (a visit 3 hours late is 1 day late, not 0).
 */
export function visitDueText(dueAt: string, now: Date): { text: string; overdue: boolean } {
  const late = now.getTime() - Date.parse(dueAt);
  return late > 0
    ? { text: `已超时 ${Math.ceil(late / DAY_MS)} 天`, overdue: true }
    : { text: `${chineseDay(dueAt)}前完成`, overdue: false };
}

/** The badge of a visit that escalated: 督办 to the township (1), the county's red list (2). */
export function visitEscalationBadge(level: number): string | null {
  if (level <= 0) return null;
  return level === 1 ? '已督办' : '红色清单';
}
