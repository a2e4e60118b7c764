import { Injectable } from '@nestjs/common';
import { DataSource, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { ChildFileEntity } from '../children/child-file.entity';
import { VisitEntity } from '../children/visit.entity';
import { underPrefixes } from '../database/under-prefixes';
import { DivisionEntity } from '../divisions/division.entity';
import { InstitutionEntity } from '../institutions/institution.entity';
import { OrderClockEntity, OrderEntity } from '../orders/order.entity';
import { ReportEntity } from '../reports/report.entity';

/** Where a keyset page starts: after this row in `(created_at, id)` order; null for the first page. */
export interface Keyset {
  createdAt: Date;
  id: string;
}

function after<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  keyset: Keyset | null,
): SelectQueryBuilder<T> {
  if (!keyset) return query;
  return query.andWhere(
    `(${alias}.created_at > :afterAt OR (${alias}.created_at = :afterAt AND ${alias}.id > :afterId))`,
    { afterAt: keyset.createdAt, afterId: keyset.id },
  );
}

/**
 * The 台账's reads: reports and files in keyset pages by `(created_at, id)` (reports through
 * `IDX_reports_created`), so a county's year is read a page at a time and never held whole; the
 * orders, clocks and institutions of one page; the visits made in a half-year.
 */
@Injectable()
export class LedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Reports submitted in `[start, end)` under the prefixes, after `keyset`, oldest first. */
  reportsPage(
    prefixes: readonly string[],
    start: Date,
    end: Date,
    keyset: Keyset | null,
    limit: number,
  ): Promise<ReportEntity[]> {
    const query = this.dataSource
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .where('r.created_at >= :start AND r.created_at < :end', { start, end });
    return after(underPrefixes(query, 'r.division_code', prefixes), 'r', keyset)
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .take(limit)
      .getMany();
  }

  /** The orders of these reports, in the order they were made (one intake's by department). */
  ordersOf(reportIds: readonly string[]): Promise<OrderEntity[]> {
    if (reportIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(OrderEntity).find({
      where: { reportId: In([...reportIds]) },
      order: { createdAt: 'ASC', department: 'ASC', id: 'ASC' },
    });
  }

  clocksOf(orderIds: readonly string[]): Promise<OrderClockEntity[]> {
    if (orderIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(OrderClockEntity).findBy({ orderId: In([...orderIds]) });
  }

  /** The register's names of these institutions. */
  async institutionNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(InstitutionEntity)
      .find({ select: { id: true, name: true }, where: { id: In([...ids]) } });
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** The names of these division codes (a township's, a village's), as the register spells them. */
  async divisionNames(codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(DivisionEntity)
      .find({ select: { code: true, name: true }, where: { code: In([...codes]) } });
    return new Map(rows.map((row) => [row.code, row.name]));
  }

  /** Children's files under the prefixes (open and closed), after `keyset`, oldest first. */
  filesPage(
    prefixes: readonly string[],
    keyset: Keyset | null,
    limit: number,
  ): Promise<ChildFileEntity[]> {
    const query = this.dataSource.getRepository(ChildFileEntity).createQueryBuilder('f');
    return after(underPrefixes(query, 'f.division_code', prefixes), 'f', keyset)
      .orderBy('f.created_at', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .take(limit)
      .getMany();
  }

  /** Visits made in `[start, end)` to children on file under the prefixes. */
  visitsDone(prefixes: readonly string[], start: Date, end: Date): Promise<number> {
    const query = this.dataSource
      .getRepository(VisitEntity)
      .createQueryBuilder('v')
      .innerJoin(ChildFileEntity, 'f', 'f.id = v.child_file_id')
      .where('v.at >= :start AND v.at < :end', { start, end });
    return underPrefixes(query, 'f.division_code', prefixes).getCount();
  }
}
