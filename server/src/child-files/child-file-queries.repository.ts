import { Injectable } from '@nestjs/common';
import type { ChildCategory, ChildFileStatus, DropoutState } from '@shouhu/shared';
import {
  Brackets,
  DataSource,
  In,
  IsNull,
  NotBrackets,
  type ObjectLiteral,
  type SelectQueryBuilder,
  type WhereExpressionBuilder,
} from 'typeorm';
import {
  ChildFileCountEntity,
  ChildFileEntity,
  ChildFileEventEntity,
} from '../children/child-file.entity';
import { VisitDueEntity, VisitEntity } from '../children/visit.entity';

/**
 * A scope whose files lie in at most this many places is read place by place, each in its index's
 * order, as far as the page reaches; a wider one (a county's coordinator) sorts its range.
 */
const PLACES_READ_ONE_BY_ONE = 64;

/** What the list's order reads of a file. */
function listColumns(
  query: SelectQueryBuilder<ChildFileEntity>,
): SelectQueryBuilder<ChildFileEntity> {
  return query
    .select('f.id', 'id')
    .addSelect('f.next_visit_due_at', 'due')
    .addSelect('f.updated_at', 'changed');
}

/**
 * The list's order: the next visit due soonest first (files without one last), then the latest
 * changed, then by id.
 */
function inListOrder(
  query: SelectQueryBuilder<ChildFileEntity>,
): SelectQueryBuilder<ChildFileEntity> {
  return listColumns(query)
    .orderBy('CASE WHEN f.next_visit_due_at IS NULL THEN 1 ELSE 0 END', 'ASC')
    .addOrderBy('f.next_visit_due_at', 'ASC')
    .addOrderBy('f.updated_at', 'DESC')
    .addOrderBy('f.id', 'ASC');
}

/** `alias.division_code` under one of `prefixes`. */
function underPrefixes(alias: string, prefixes: readonly string[]): Brackets {
  return new Brackets((where: WhereExpressionBuilder) =>
    prefixes.forEach((prefix, i) =>
      where.orWhere(`${alias}.division_code LIKE :prefix${i}`, { [`prefix${i}`]: `${prefix}%` }),
    ),
  );
}

/**
 * The `LIKE` parameter of a category list (a JSON array of codes, as the files and their kept
 * counts store it) holding `category`: a code in quotes matches only that code, the same way on
 * MariaDB and SQLite.
 */
function categoryLike(category: ChildCategory): { category: string } {
  return { category: `%"${category}"%` };
}

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
   * The scope is read as two parts that share no file: the files under the prefixes, place by
   * place from `IDX_child_files_list_order` (status, place, next visit, latest change first, id),
   * and the held files outside them, by primary key. One condition over both (`place LIKE … OR
   * id IN (…)`) matches no range: at 200 k files it read every active file of the county for a
   * township's list as it opens (80–100 ms). Each part gives its first `offset + limit` ids in the list's order, and the page
   * is cut from their union in the same order; the total is the sum of the parts' counts (the
   * first part's from the kept counts where it can, `placesTotal`). Only the page's rows are then
   * read whole.
   */
  async page(
    scope: { divisionPrefixes: string[]; heldFileIds: string[] },
    filter: ChildFileFilter,
    offset: number,
    limit: number,
  ): Promise<[ChildFileEntity[], number]> {
    const parts = this.parts(scope, filter);
    if (parts.length === 0) return [[], 0];
    const [ids, counts] = await Promise.all([
      this.pageIds(scope, filter, parts, offset, limit),
      Promise.all(
        parts.map((part, i) =>
          i === 0 && scope.divisionPrefixes.length > 0
            ? this.placesTotal(scope.divisionPrefixes, filter)
            : this.counted(part()),
        ),
      ),
    ]);
    const total = counts.reduce((sum, n) => sum + n, 0);
    if (ids.length === 0) return [[], total];
    const rows = await this.dataSource.getRepository(ChildFileEntity).findBy({ id: In(ids) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return [ids.flatMap((id) => byId.get(id) ?? []), total];
  }

  private async counted(query: SelectQueryBuilder<ObjectLiteral>): Promise<number> {
    const row = await query.select('COUNT(*)', 'n').getRawOne<{ n: string | number }>();
    return Number(row?.n ?? 0);
  }

  /**
   * How many files under the prefixes pass `filter`: summed from the kept counts by place,
   * category list and status (`child_file_counts`, read along its key) when the filter reads
   * nothing else, else counted from the files. At 200 k files a township's 13 k active files took
   * 15 ms to count from their index (issue 17).
   */
  private placesTotal(prefixes: string[], filter: ChildFileFilter): Promise<number> {
    if (filter.priorityOnly || filter.dropout || filter.keys) {
      return this.counted(this.matching(filter).andWhere(underPrefixes('f', prefixes)));
    }
    const query = this.dataSource
      .getRepository(ChildFileCountEntity)
      .createQueryBuilder('k')
      .where('k.status = :status', { status: filter.status })
      .andWhere(underPrefixes('k', prefixes));
    if (filter.division) {
      query.andWhere('k.division_code LIKE :division', { division: `${filter.division}%` });
    }
    if (filter.category) {
      query.andWhere('k.categories LIKE :category', categoryLike(filter.category));
    }
    return query
      .select('SUM(k.count)', 'n')
      .getRawOne<{ n: string | number | null }>()
      .then((row) => Number(row?.n ?? 0));
  }

  /**
   * The page's ids, cut from sources that each give their first `offset + limit` ids in the list's
   * order: the files under the prefixes place by place (`inPlaceOrder`) where they lie in at most
   * `PLACES_READ_ONE_BY_ONE` places, else as one range sorted whole; the held files outside them.
   * A single source gives the page itself.
   */
  private async pageIds(
    scope: { divisionPrefixes: string[] },
    filter: ChildFileFilter,
    parts: (() => SelectQueryBuilder<ChildFileEntity>)[],
    offset: number,
    limit: number,
  ): Promise<string[]> {
    const places =
      scope.divisionPrefixes.length > 0
        ? await this.placesWithFiles(scope.divisionPrefixes, filter)
        : null;
    const sources = parts.flatMap((part, i) =>
      i === 0 && places
        ? places.flatMap((place) => this.inPlaceOrder(filter, place))
        : [inListOrder(part())],
    );
    if (sources.length === 0) return [];
    if (sources.length === 1) {
      const rows = await sources[0].offset(offset).limit(limit).getRawMany<{ id: string }>();
      return rows.map((row) => row.id);
    }
    const queries = sources.map((source) => source.limit(offset + limit).getQueryAndParameters());
    const union = queries.map(([sql], i) => `SELECT * FROM (${sql}) p${i}`).join(' UNION ALL ');
    const rows = (await this.dataSource.query(
      `SELECT u.id AS id FROM (${union}) u
       ORDER BY CASE WHEN u.due IS NULL THEN 1 ELSE 0 END ASC, u.due ASC, u.changed DESC, u.id ASC
       LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
      queries.flatMap(([, parameters]) => parameters),
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /**
   * The places under the prefixes (and the filter's division) where files of the filter's status
   * lie, from the kept counts; null when there are more than `PLACES_READ_ONE_BY_ONE`.
   */
  private async placesWithFiles(
    prefixes: string[],
    filter: ChildFileFilter,
  ): Promise<string[] | null> {
    const query = this.dataSource
      .getRepository(ChildFileCountEntity)
      .createQueryBuilder('k')
      .select('DISTINCT k.division_code', 'place')
      .where('k.status = :status AND k.count > 0', { status: filter.status })
      .andWhere(underPrefixes('k', prefixes))
      .limit(PLACES_READ_ONE_BY_ONE + 1);
    if (filter.division) {
      query.andWhere('k.division_code LIKE :division', { division: `${filter.division}%` });
    }
    const rows = await query.getRawMany<{ place: string }>();
    return rows.length > PLACES_READ_ONE_BY_ONE ? null : rows.map((row) => row.place);
  }

  /**
   * One place's files that pass the filter in the list's order, read from
   * `IDX_child_files_list_order` as far as the page reaches: those with a visit due, then those
   * without (an order by `IS NULL` would have to sort).
   */
  private inPlaceOrder(
    filter: ChildFileFilter,
    place: string,
  ): SelectQueryBuilder<ChildFileEntity>[] {
    const inPlace = () => this.matching(filter).andWhere('f.division_code = :place', { place });
    return [
      listColumns(inPlace().andWhere('f.next_visit_due_at IS NOT NULL'))
        .orderBy('f.next_visit_due_at', 'ASC')
        .addOrderBy('f.updated_at', 'DESC')
        .addOrderBy('f.id', 'ASC'),
      listColumns(inPlace().andWhere('f.next_visit_due_at IS NULL'))
        .orderBy('f.updated_at', 'DESC')
        .addOrderBy('f.id', 'ASC'),
    ];
  }

  /**
   * The scope's parts, each with the filter: the files under the prefixes, and the held files
   * outside them (so that no file is in both). None when the caller's scope is empty.
   */
  private parts(
    scope: { divisionPrefixes: string[]; heldFileIds: string[] },
    filter: ChildFileFilter,
  ): (() => SelectQueryBuilder<ChildFileEntity>)[] {
    const { divisionPrefixes: prefixes, heldFileIds } = scope;
    const parts: (() => SelectQueryBuilder<ChildFileEntity>)[] = [];
    if (prefixes.length > 0) {
      parts.push(() => this.matching(filter).andWhere(underPrefixes('f', prefixes)));
    }
    if (heldFileIds.length > 0) {
      parts.push(() => {
        const query = this.matching(filter).andWhere('f.id IN (:...heldFileIds)', { heldFileIds });
        if (prefixes.length > 0) {
          query.andWhere(new NotBrackets(underPrefixes('f', prefixes).whereFactory));
        }
        return query;
      });
    }
    return parts;
  }

  /** The files that pass `filter`, anywhere, unordered. */
  private matching(filter: ChildFileFilter): SelectQueryBuilder<ChildFileEntity> {
    const query = this.dataSource.getRepository(ChildFileEntity).createQueryBuilder('f');
    query.where('f.status = :status', { status: filter.status });
    if (filter.division) {
      query.andWhere('f.division_code LIKE :division', { division: `${filter.division}%` });
    }
    if (filter.category) {
      query.andWhere('f.categories LIKE :category', categoryLike(filter.category));
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
