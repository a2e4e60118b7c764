import chineseDays from 'chinese-days/dist/chinese-days.json';
import type { CalendarYear } from './calendar.repository';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** `"National Day,国庆节,3"` → `国庆节`. */
function chineseName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

/** The official schedule of every year the chinese-days package knows. */
export function chineseDaysYears(): CalendarYear[] {
  const data = chineseDays as ChineseDaysData;
  const byYear = new Map<number, CalendarYear>();
  const add = (date: string, working: boolean, entry: string) => {
    const year = Number(date.slice(0, 4));
    if (!byYear.has(year)) byYear.set(year, { year, source: 'chinese-days', days: [] });
    byYear.get(year)?.days.push({ date, working, name: chineseName(entry) });
  };
  for (const [date, entry] of Object.entries(data.holidays)) add(date, false, entry);
  for (const [date, entry] of Object.entries(data.workdays)) add(date, true, entry);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}
