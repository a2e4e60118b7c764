import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { ChildFileEntity } from './child-file.entity';
import { SchoolHolidayEntity } from './visit.entity';
import { insertRows } from '../database/insert-rows';

/** A priority file as a holiday's planning reads it; also the cursor of its batches. */
export type PriorityFile = Pick<ChildFileEntity, 'id' | 'unitId' | 'divisionCode'>;

/** The school holidays (寒假、暑假) per county, and what planning their visits reads. */
@Injectable()
export class SchoolHolidaysRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every holiday kept, the latest start first, then by county. */
  list(): Promise<SchoolHolidayEntity[]> {
    return this.dataSource
      .getRepository(SchoolHolidayEntity)
      .find({ order: { startsOn: 'DESC', countyCode: 'ASC' } });
  }

  ofCounty(manager: EntityManager, countyCode: string): Promise<SchoolHolidayEntity[]> {
    return manager.getRepository(SchoolHolidayEntity).findBy({ countyCode });
  }

  /**
   * Keeps a new holiday; false when the county has one starting that day already (a request
   * at the same moment took the unique key first), which the caller refuses like any repeat.
   */
  async insert(manager: EntityManager, holiday: SchoolHolidayEntity): Promise<boolean> {
    await insertRows(manager, SchoolHolidayEntity, [holiday], 'ignore');
    return manager.getRepository(SchoolHolidayEntity).exists({ where: { id: holiday.id } });
  }

  /** The holiday, locked until the transaction ends, so the sweep cannot start it meanwhile. */
  lock(manager: EntityManager, id: string): Promise<SchoolHolidayEntity | null> {
    const query = manager.getRepository(SchoolHolidayEntity).createQueryBuilder('h').where({ id });
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    return query.getOne();
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(SchoolHolidayEntity).delete({ id });
  }

  // Planning a holiday's visits, in the sweep.

  /**
   * One holiday that has started by Beijing's `today` and whose visits are not planned yet,
   * locked until the transaction ends; on MariaDB one another server is planning is skipped
   * (`FOR UPDATE SKIP LOCKED`). Read from `IDX_school_holidays_unplanned`: every sweep asks, and
   * the holidays planned in past years are never read again.
   */
  lockStarted(manager: EntityManager, today: string): Promise<SchoolHolidayEntity | null> {
    const query = manager
      .getRepository(SchoolHolidayEntity)
      .createQueryBuilder('h')
      .where('h.starts_on <= :today', { today })
      .andWhere('h.dues_created_at IS NULL')
      .orderBy('h.starts_on', 'ASC')
      .addOrderBy('h.id', 'ASC')
      .take(1);
    if (manager.connection.options.type !== 'better-sqlite3') {
      query.setLock('pessimistic_write').setOnLocked('skip_locked');
    }
    return query.getOne();
  }

  /**
   * The next `limit` 在册 priority files of the county after `after`, in (division code, id)
   * order, read from `IDX_child_files_priority`.
   */
  priorityFiles(
    manager: EntityManager,
    countyCode: string,
    after: PriorityFile | null,
    limit: number,
  ): Promise<PriorityFile[]> {
    const query = manager
      .getRepository(ChildFileEntity)
      .createQueryBuilder('f')
      .select(['f.id', 'f.unitId', 'f.divisionCode'])
      .where('f.priority = :priority', { priority: true })
      .andWhere('f.status = :status', { status: 'active' })
      .andWhere('f.division_code LIKE :county', { county: `${countyCode}%` });
    if (after) {
      query.andWhere(
        new Brackets((where) => {
          where
            .where('f.division_code > :afterDivision', { afterDivision: after.divisionCode })
            .orWhere('(f.division_code = :afterDivision AND f.id > :afterId)', {
              afterId: after.id,
            });
        }),
      );
    }
    return query.orderBy('f.division_code', 'ASC').addOrderBy('f.id', 'ASC').take(limit).getMany();
  }

  async markDuesCreated(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.getRepository(SchoolHolidayEntity).update({ id }, { duesCreatedAt: at });
  }
}
