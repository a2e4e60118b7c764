import { Injectable } from '@nestjs/common';
import type { ChildCategory, ChildFileStatus, DropoutState } from '@shouhu/shared';
import { Brackets, DataSource, In, IsNull, type SelectQueryBuilder } from 'typeorm';
import { ChildFileEntity, ChildFileEventEntity } from '../children/child-file.entity';
import { VisitDueEntity, VisitEntity } from '../children/visit.entity';

export interface ChildFileFilter {
  status: ChildFileStatus;
  /** A division prefix the files must lie under (it narrows the scope, never widens it). */
  division?: string;
  category?: ChildCategory;
  /** Only the files marked 重点关注. */
  priorityOnly?: boolean;
  /** 控辍保学: files in this state of the dropout list (IDX_child_files_dropout_place). */
  dropout?: DropoutState;
  /** Blind-index keys a file's name or 身份证号 must equal. */
  keys?: { nameKey: string | null; idKey: string | null };
}

/** What `GET /children` and `GET /children/:id` read of the files themselves. */
@Injectable()
export class ChildFileQueriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The files in scope (under one of `divisionPrefixes`, or among `heldFileIds`) that pass the
   * filter: the next visit due soonest first (files without one last), then the latest changed,
   * then by id. `total` is exact.
   *
   * The page's ids are sorted first, from `IDX_child_files_list` alone when the filter needs no
   * more than it holds (a township's 13 k files at 200 k: no row read), and only the page's rows
   * are read whole; sorting the rows themselves read every file of the scope.
   */
  async page(
    scope: { divisionPrefixes: string[]; heldFileIds: string[] },
    filter: ChildFileFilter,
    offset: number,
    limit: number,
  ): Promise<[ChildFileEntity[], number]> {
    const [ids, total] = await Promise.all([
      this.matching(scope, filter)
        .select('f.id', 'id')
        .orderBy('CASE WHEN f.next_visit_due_at IS NULL THEN 1 ELSE 0 END', 'ASC')
        .addOrderBy('f.next_visit_due_at', 'ASC')
        .addOrderBy('f.updated_at', 'DESC')
        .addOrderBy('f.id', 'ASC')
        .offset(offset)
        .limit(limit)
        .getRawMany<{ id: string }>(),
      this.matching(scope, filter).select('COUNT(*)', 'n').getRawOne<{ n: string | number }>(),
    ]);
    const count = Number(total?.n ?? 0);
    if (ids.length === 0) return [[], count];
    const rows = await this.dataSource
      .getRepository(ChildFileEntity)
      .findBy({ id: In(ids.map((row) => row.id)) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return [ids.flatMap((row) => byId.get(row.id) ?? []), count];
  }

  /** The files in `scope` that pass `filter`, unordered. */
  private matching(
    scope: { divisionPrefixes: string[]; heldFileIds: string[] },
    filter: ChildFileFilter,
  ): SelectQueryBuilder<ChildFileEntity> {
    const query = this.dataSource.getRepository(ChildFileEntity).createQueryBuilder('f');
    query.where(
      new Brackets((where) => {
        where.where('1 = 0');
        scope.divisionPrefixes.forEach((prefix, i) => {
          where.orWhere(`f.division_code LIKE :prefix${i}`, { [`prefix${i}`]: `${prefix}%` });
        });
        if (scope.heldFileIds.length > 0) {
          where.orWhere('f.id IN (:...heldFileIds)', { heldFileIds: scope.heldFileIds });
        }
      }),
    );
    query.andWhere('f.status = :status', { status: filter.status });
    if (filter.division) {
      query.andWhere('f.division_code LIKE :division', { division: `${filter.division}%` });
    }
    if (filter.category) {
      // The categories are a JSON array of codes: a code in quotes matches only that code, the
      // same way on MariaDB and SQLite.
      query.andWhere('f.categories LIKE :category', { category: `%"${filter.category}"%` });
    }
    if (filter.priorityOnly) query.andWhere('f.priority = :priority', { priority: true });
    if (filter.dropout) {
      query.andWhere('f.dropout_state = :dropout', { dropout: filter.dropout });
    }
    if (filter.keys) {
      const { nameKey, idKey } = filter.keys;
      query.andWhere(
        new Brackets((where) => {
          where.where('1 = 0');
          if (nameKey) where.orWhere('f.name_key = :nameKey', { nameKey });
          if (idKey) where.orWhere('f.id_key = :idKey', { idKey });
        }),
      );
    }
    return query;
  }

  /** The file's own timeline, oldest first. */
  events(childFileId: string): Promise<ChildFileEventEntity[]> {
    return this.dataSource
      .getRepository(ChildFileEventEntity)
      .find({ where: { childFileId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** The visits made to the child, newest first. */
  visits(childFileId: string): Promise<VisitEntity[]> {
    return this.dataSource
      .getRepository(VisitEntity)
      .find({ where: { childFileId }, order: { at: 'DESC', id: 'ASC' } });
  }

  /** The file's dues still open (neither done nor cancelled), the soonest due first. */
  openDues(childFileId: string): Promise<VisitDueEntity[]> {
    return this.dataSource.getRepository(VisitDueEntity).find({
      where: { childFileId, doneAt: IsNull(), cancelledAt: IsNull() },
      order: { dueAt: 'ASC', id: 'ASC' },
    });
  }
}
