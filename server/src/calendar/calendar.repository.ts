import { Injectable } from '@nestjs/common';
import { DataSource, Like, type EntityManager } from 'typeorm';
import { withNamedLock } from '../database/named-lock';
import { CalendarDayEntity, CalendarYearEntity } from './calendar.entity';
import { insertRows } from '../database/insert-rows';

export interface CalendarYear {
  year: number;
  source: string;
  days: {
    date: string;
    /** true: a working day (a weekend 调休 workday); false: a day off (a statutory holiday). */
    working: boolean;
    name: string | null;
  }[];
}

@Injectable()
export class CalendarRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs the seeding of missing years once across servers booting together. */
  seeding<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return withNamedLock(this.dataSource, 'shouhu.calendar', (locked) => locked.transaction(work));
  }

  async all(
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ years: number[]; days: CalendarDayEntity[] }> {
    const years = await manager.getRepository(CalendarYearEntity).find();
    const days = await manager.getRepository(CalendarDayEntity).find();
    return { years: years.map((y) => y.year), days };
  }

  async year(year: number): Promise<CalendarYear | null> {
    const row = await this.dataSource.getRepository(CalendarYearEntity).findOneBy({ year });
    if (!row) return null;
    const days = await this.dataSource
      .getRepository(CalendarDayEntity)
      .find({ where: { date: Like(`${year}-%`) }, order: { date: 'ASC' } });
    return { year, source: row.source, days };
  }

  /** Replaces a year's exceptions; `onlyIfAbsent` leaves a year that is already there alone. */
  async replaceYear(
    manager: EntityManager,
    year: CalendarYear,
    updatedAt: Date,
    onlyIfAbsent = false,
  ): Promise<boolean> {
    const years = manager.getRepository(CalendarYearEntity);
    if (onlyIfAbsent && (await years.findOneBy({ year: year.year }))) return false;
    await manager.getRepository(CalendarDayEntity).delete({ date: Like(`${year.year}-%`) });
    if (year.days.length > 0) await insertRows(manager, CalendarDayEntity, year.days);
    await years.save({ year: year.year, source: year.source, updatedAt });
    return true;
  }
}
