import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { OrgType } from '@shouhu/shared';
import { UserEntity } from '../users/user.entity';
import { InstitutionEntity } from './institution.entity';
import { insertRows } from '../database/insert-rows';

/** Which institutions of a county a list asks for. */
export interface InstitutionFilter {
  countyCode: string;
  type?: OrgType;
  /** The division and those below it. */
  division?: string;
  /** Part of the name. */
  q?: string;
  /** Those taken off the register (停用) instead of those on it. */
  retired: boolean;
}

/**
 * Escapes LIKE's wildcards with `!`, so a name typed with % or _ matches itself. Not a backslash:
 * MariaDB reads one in a string literal as an escape, SQLite does not.
 */
function likeFragment(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

/** The register of mandated institutions, found by county through its unique (county, name) index. */
@Injectable()
export class InstitutionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of the filter's institutions, by name, and how many there are in all. */
  page(
    filter: InstitutionFilter,
    skip: number,
    take: number,
  ): Promise<[InstitutionEntity[], number]> {
    const query = this.dataSource
      .getRepository(InstitutionEntity)
      .createQueryBuilder('i')
      .where('i.county_code = :county', { county: filter.countyCode })
      .andWhere(filter.retired ? 'i.retired_at IS NOT NULL' : 'i.retired_at IS NULL');
    if (filter.type) query.andWhere('i.type = :type', { type: filter.type });
    if (filter.division) {
      query.andWhere('i.division_code LIKE :division', { division: `${filter.division}%` });
    }
    if (filter.q) {
      query.andWhere("i.name LIKE :q ESCAPE '!'", { q: `%${likeFragment(filter.q)}%` });
    }
    return query
      .orderBy('i.name', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .skip(skip)
      .take(take)
      .getManyAndCount();
  }

  findById(id: string, manager?: EntityManager): Promise<InstitutionEntity | null> {
    return (manager ?? this.dataSource.manager).getRepository(InstitutionEntity).findOneBy({ id });
  }

  /**
   * Whether the institution is on the register (not retired), read in the caller's transaction:
   * a report counts for its reporter's institution only then.
   */
  async onRegister(manager: EntityManager, id: string): Promise<boolean> {
    const found = await manager
      .getRepository(InstitutionEntity)
      .findOne({ where: { id }, select: { id: true, retiredAt: true } });
    return found !== null && found.retiredAt === null;
  }

  findByName(
    manager: EntityManager,
    countyCode: string,
    name: string,
  ): Promise<InstitutionEntity | null> {
    return manager.getRepository(InstitutionEntity).findOneBy({ countyCode, name });
  }

  /** The county's institutions among `names` (one query through the unique index). */
  findByNames(
    manager: EntityManager,
    countyCode: string,
    names: readonly string[],
  ): Promise<InstitutionEntity[]> {
    if (names.length === 0) return Promise.resolve([]);
    return manager.getRepository(InstitutionEntity).findBy({ countyCode, name: In([...names]) });
  }

  async insert(manager: EntityManager, institutions: InstitutionEntity[]): Promise<void> {
    if (institutions.length === 0) return;
    await insertRows(manager, InstitutionEntity, institutions);
  }

  async save(manager: EntityManager, institution: InstitutionEntity): Promise<void> {
    const { id, ...fields } = institution;
    await manager.getRepository(InstitutionEntity).update({ id }, fields);
  }

  /**
   * Mandated reporters who joined for each institution and are not disabled, through
   * `IDX_users_institution`; an institution without any is absent.
   */
  async reporterCounts(institutionIds: readonly string[]): Promise<Map<string, number>> {
    if (institutionIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .select('u.institution_id', 'institutionId')
      .addSelect('COUNT(*)', 'count')
      .where('u.institution_id IN (:...ids)', { ids: [...institutionIds] })
      .andWhere('u.disabled = :disabled', { disabled: false })
      .groupBy('u.institution_id')
      .getRawMany<{ institutionId: string; count: string | number }>();
    return new Map(rows.map((row) => [row.institutionId, Number(row.count)]));
  }

  /**
   * The register's name and type copied to the reporters who joined for it, so their next report
   * names the institution as the register does.
   */
  async copyToMembers(
    manager: EntityManager,
    institution: Pick<InstitutionEntity, 'id' | 'name' | 'type'>,
  ): Promise<void> {
    await manager
      .getRepository(UserEntity)
      .update(
        { institutionId: institution.id },
        { orgName: institution.name, orgType: institution.type },
      );
  }
}
