import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In } from 'typeorm';
import { ChildFileEntity } from '../children/child-file.entity';
import { VisitDueEntity } from '../children/visit.entity';

/** What `GET /visits` reads: open dues of the caller's places, and the files they are for. */
@Injectable()
export class DueVisitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The open dues (neither done nor cancelled) of files under one of `divisionPrefixes`, those
   * whose window has opened by `startedBy` and those due by `dueBy` only when given; the soonest
   * due first. Found through `IDX_visit_dues_division_open` (place prefix, then open, then due time).
   */
  page(
    divisionPrefixes: readonly string[],
    { startedBy, dueBy }: { startedBy: Date | null; dueBy: Date | null },
    offset: number,
    limit: number,
  ): Promise<[VisitDueEntity[], number]> {
    const query = this.dataSource
      .getRepository(VisitDueEntity)
      .createQueryBuilder('d')
      .where(
        new Brackets((where) => {
          where.where('1 = 0');
          divisionPrefixes.forEach((prefix, i) => {
            where.orWhere(`d.division_code LIKE :prefix${i}`, { [`prefix${i}`]: `${prefix}%` });
          });
        }),
      )
      .andWhere('d.done_at IS NULL')
      .andWhere('d.cancelled_at IS NULL');
    if (startedBy) query.andWhere('d.started_at <= :startedBy', { startedBy });
    if (dueBy) query.andWhere('d.due_at <= :dueBy', { dueBy });
    return query
      .orderBy('d.due_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
  }

  files(ids: readonly string[]): Promise<ChildFileEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ChildFileEntity).findBy({ id: In([...ids]) });
  }
}
