import { Injectable } from '@nestjs/common';
import { DataSource, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { ChildFileEntity } from '../children/child-file.entity';
import { VisitEntity } from '../children/visit.entity';
import { underPrefixes } from '../database/under-prefixes';
import { DivisionEntity } from '../divisions/division.entity';
import { InstitutionEntity } from '../institutions/institution.entity';
import { OrderClockEntity, OrderEntity } from '../orders/order.entity';
import { ReportEntity } from '../reports/report.entity';

/** What the 台账 reads of a report: its columns, no description, place or comment text. */
const REPORT_FIELDS = [
  'id',
  'trackingCode',
  'channel',
  'priority',
  'situations',
  'discoveredAt',
  'divisionCode',
  'childSealed',
  'reporterAnonymous',
  'reporterConfidential',
  'reporterSealed',
  'reporterOrgName',
  'reporterOrgType',
  'institutionId',
  'childFileId',
  'repeatReport',
  'ratingScore',
  'createdAt',
  'purgedAt',
] as const satisfies readonly (keyof ReportEntity)[];
export type LedgerReport = Pick<ReportEntity, (typeof REPORT_FIELDS)[number]>;

/** What the 台账 reads of an order: who holds it, how far it went, and what decides who sees it. */
const ORDER_FIELDS = [
  'id',
  'reportId',
  'department',
  'unitId',
  'divisionCode',
  'status',
  'outcome',
  'signedAt',
  'contactedAt',
  'resolvedAt',
  'createdAt',
] as const satisfies readonly (keyof OrderEntity)[];
export type LedgerOrderFields = Pick<OrderEntity, (typeof ORDER_FIELDS)[number]>;

const CLOCK_FIELDS = [
  'orderId',
  'clock',
  'dueAt',
  'stoppedAt',
] as const satisfies readonly (keyof OrderClockEntity)[];
export type LedgerClock = Pick<OrderClockEntity, (typeof CLOCK_FIELDS)[number]>;

/** What the 台账 reads of a child's file: no guardian, carer, help or search keys. */
const FILE_FIELDS = [
  'id',
  'status',
  'divisionCode',
  'unitId',
  'categories',
  'childSealed',
  'childGender',
  'lastVisitAt',
  'nextVisitDueAt',
  'dropoutState',
  'createdAt',
] as const satisfies readonly (keyof ChildFileEntity)[];
export type LedgerChildFile = Pick<ChildFileEntity, (typeof FILE_FIELDS)[number]>;

/**
 * Ids per `IN (…)` list. MariaDB turns a list of `in_predicate_conversion_threshold` (1000) ids or
 * more into a join on a temporary table: at 400,000 orders the orders of a page of 1,000 reports
 * took 280 ms that way, against 15 ms for the index range two lists of 500 get.
 */
const IN_LIST_MAX = 500;

/** `read` over `ids` in lists of at most `IN_LIST_MAX`, the answers in the lists' order. */
async function inLists<T>(
  ids: readonly string[],
  read: (list: string[]) => Promise<T[]>,
): Promise<T[]> {
  const found: T[] = [];
  for (let i = 0; i < ids.length; i += IN_LIST_MAX) {
    found.push(...(await read(ids.slice(i, i + IN_LIST_MAX))));
  }
  return found;
}

/** Where a keyset page starts: after this row in `(created_at, id)` order; null for the first page. */
export interface Keyset {
  createdAt: Date;
  id: string;
}

/** TypeORM's `select` of `find` for these fields. */
function selected<K extends string>(fields: readonly K[]): Record<K, true> {
  return Object.fromEntries(fields.map((field) => [field, true])) as Record<K, true>;
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
  ): Promise<LedgerReport[]> {
    const query = this.dataSource
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .select(REPORT_FIELDS.map((field) => `r.${field}`))
      .where('r.created_at >= :start AND r.created_at < :end', { start, end });
    return after(underPrefixes(query, 'r.division_code', prefixes), 'r', keyset)
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .take(limit)
      .getMany();
  }

  /**
   * The orders of these reports, each report's in the order they were made (one intake's by
   * department): `IDX_orders_report`.
   */
  ordersOf(reportIds: readonly string[]): Promise<LedgerOrderFields[]> {
    return inLists(reportIds, (list) =>
      this.dataSource.getRepository(OrderEntity).find({
        select: selected(ORDER_FIELDS),
        where: { reportId: In(list) },
        order: { createdAt: 'ASC', department: 'ASC', id: 'ASC' },
      }),
    );
  }

  clocksOf(orderIds: readonly string[]): Promise<LedgerClock[]> {
    return inLists(orderIds, (list) =>
      this.dataSource
        .getRepository(OrderClockEntity)
        .find({ select: selected(CLOCK_FIELDS), where: { orderId: In(list) } }),
    );
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
  ): Promise<LedgerChildFile[]> {
    const query = this.dataSource
      .getRepository(ChildFileEntity)
      .createQueryBuilder('f')
      .select(FILE_FIELDS.map((field) => `f.${field}`));
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
