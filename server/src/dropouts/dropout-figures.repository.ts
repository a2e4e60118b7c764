import { Injectable } from '@nestjs/common';
import { medianRows, type DropoutState, type DropoutStateGroup } from '@shouhu/shared';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import { ChildFileEntity } from '../children/child-file.entity';

/** Where the figures count: files under one of `prefixes`, narrowed to `division` when given. */
export interface DropoutFigureScope {
  prefixes: string[];
  division?: string;
}

/**
 * The county's 控辍保学 figures, counted by the database through `IDX_child_files_dropout_place`
 * (state, status, place, since) alone: the files on the list per state, then per state the one with the oldest
 * `since` and the median's one or two rows. Only files on the list are read, never every file.
 * Files 在册 only: a closed file (moved out, turned 18) is no longer followed.
 */
@Injectable()
export class DropoutFiguresRepository {
  constructor(private readonly dataSource: DataSource) {}

  async groups(scope: DropoutFigureScope): Promise<DropoutStateGroup[]> {
    if (scope.prefixes.length === 0) return [];
    const counts = await this.onList(scope)
      .select('f.dropout_state', 'state')
      .addSelect('COUNT(*)', 'count')
      .groupBy('f.dropout_state')
      .getRawMany<{ state: DropoutState; count: string | number }>();
    const groups: DropoutStateGroup[] = [];
    for (const { state, count } of counts) {
      const n = Number(count);
      const { offset, limit } = medianRows(n);
      const [oldest, median] = await Promise.all([
        this.sinces(scope, state, 0, 1),
        this.sinces(scope, state, offset, limit),
      ]);
      groups.push({ state, count: n, oldestSince: oldest[0], medianSinces: median });
    }
    return groups;
  }

  /** The `since` of the files of a state, longest in it first, from `offset`. */
  private async sinces(
    scope: DropoutFigureScope,
    state: DropoutState,
    offset: number,
    limit: number,
  ): Promise<Date[]> {
    const rows = await this.onList(scope)
      .select(['f.id', 'f.dropoutSince'])
      .andWhere('f.dropout_state = :state', { state })
      .orderBy('f.dropout_since', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .offset(offset)
      .limit(limit)
      .getMany();
    return rows.flatMap((row) => (row.dropoutSince ? [row.dropoutSince] : []));
  }

  /** Active files on the list, under the scope's prefixes (and the division's). */
  private onList(scope: DropoutFigureScope): SelectQueryBuilder<ChildFileEntity> {
    const query = this.dataSource
      .getRepository(ChildFileEntity)
      .createQueryBuilder('f')
      .where('f.dropout_state IS NOT NULL')
      .andWhere('f.status = :active', { active: 'active' })
      .andWhere(
        new Brackets((where) => {
          where.where('1 = 0');
          scope.prefixes.forEach((prefix, i) => {
            where.orWhere(`f.division_code LIKE :prefix${i}`, { [`prefix${i}`]: `${prefix}%` });
          });
        }),
      );
    if (scope.division) {
      query.andWhere('f.division_code LIKE :division', { division: `${scope.division}%` });
    }
    return query;
  }
}
