import { Injectable } from '@nestjs/common';
import type {
  Channel,
  ChildCategory,
  ChildFileStatus,
  ClockResult,
  OrgType,
  Priority,
  ReporterPrivacy,
  SituationCode,
  StatsClock,
} from '@shouhu/shared';
import {
  DataSource,
  In,
  type EntityManager,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from 'typeorm';
import { ChildFileCountEntity } from '../children/child-file.entity';
import { ClockCountEntity } from '../orders/clock-count.entity';
import {
  STOPPED_CODES,
  shownMinutesSql,
  stoppedSql,
  type SqlDialect,
} from '../orders/clock-counts-sql';
import { VisitDueEntity } from '../children/visit.entity';
import { TransactionRunner } from '../database/transaction-runner';
import { underPrefixes } from '../database/under-prefixes';
import { InstitutionEntity } from '../institutions/institution.entity';
import {
  OrderClockEntity,
  OrderEntity,
  OrderEventEntity,
  RetiredClockEntity,
} from '../orders/order.entity';
import { ReportEntity } from '../reports/report.entity';
import type { ClockEndCount, ClockGroup, RegisterRow, ReportCounts } from './figures';
import { splitByKeptMonths, type InstantRange } from './kept-months';

/**
 * Where a clock (`c`) ended at `:now`, as `hasClockResult` reads it: 督办 and the red list by
 * the stage it reached; otherwise by `endOf` its facts (an interrupted clock already past due when
 * stopped stays late; a running one is late once due and in no count before).
 */
const CLOCK_RESULT_SQL: Record<ClockResult, string> = {
  overdue: "c.stage IN ('overdue', 'red')",
  escalated: "c.stage = 'red'",
  on_time: 'NOT c.interrupted AND c.stopped_at IS NOT NULL AND c.stopped_at <= c.due_at',
  late: '(c.stopped_at IS NOT NULL AND c.stopped_at > c.due_at) OR (NOT c.interrupted AND c.stopped_at IS NULL AND c.due_at <= :now)',
  interrupted: 'c.interrupted AND (c.stopped_at IS NULL OR c.stopped_at <= c.due_at)',
};

/** A string the database grouped by its bytes (`bytes`): a Buffer from MariaDB, text from SQLite. */
function textOf<T extends string>(value: Buffer | string): T;
function textOf<T extends string>(value: Buffer | string | null): T | null;
function textOf(value: Buffer | string | null): string | null {
  return Buffer.isBuffer(value) ? value.toString('utf8') : value;
}

/** One group of clocks as the database sends it (`ClockGroup`'s columns). */
interface GroupRow {
  unitId: Buffer | string | null;
  clock: Buffer | string;
  interrupted: string | number;
  stopped: string | number;
  dueByNow: string | number;
  overdue: string | number;
  escalated: string | number;
  minutes: string | number | null;
  count: string | number;
}

function groupOf(row: GroupRow): ClockGroup {
  return {
    unitId: textOf(row.unitId),
    clock: textOf<StatsClock>(row.clock),
    interrupted: Number(row.interrupted) === 1,
    stopped: STOPPED_CODES[Number(row.stopped)],
    dueByNow: Number(row.dueByNow) === 1,
    overdue: Number(row.overdue) === 1,
    escalated: Number(row.escalated) === 1,
    minutes: row.minutes === null ? null : Number(row.minutes),
    count: Number(row.count),
  };
}

/** A group's key: every field but the count. */
const groupKey = ({ count: _count, ...key }: ClockGroup) => JSON.stringify(key);

/**
 * `counted` less `takenOff`, group by group; groups netting to 0 are dropped. Both must come from
 * one snapshot: a group taken off more often than counted is a fault, not a figure.
 */
function netGroups(counted: ClockGroup[], takenOff: ClockGroup[]): ClockGroup[] {
  const net = new Map(counted.map((group) => [groupKey(group), { ...group }]));
  for (const group of takenOff) {
    const kept = net.get(groupKey(group));
    if (!kept || kept.count < group.count) {
      throw new Error(`clock_counts holds fewer clocks than were read: ${groupKey(group)}`);
    }
    kept.count -= group.count;
  }
  return [...net.values()].filter((group) => group.count > 0);
}

/** Where and when the figures count: rows under one of `prefixes`, in `[start, end)`. */
export interface StatsWindow {
  prefixes: readonly string[];
  start: Date;
  end: Date;
}

/**
 * The rows behind the accountability figures, each read through an index over the period (named
 * at each query), never every row of a table. Only counts and times leave this class: no name,
 * place detail or text of a report or a child.
 */
@Injectable()
export class StatsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * A string expression to group by, compared by its bytes: on MariaDB comparing utf8mb4 text
   * under its collation was most of a year's grouping (1.3 M clocks by unit and kind: 13.4 s, by
   * their bytes 7.1 s). The ids, codes and JSON lists grouped are equal only as equal bytes.
   * SQLite compares bytes already. Read the value back with `textOf`.
   */
  private bytes(expression: string): string {
    return this.dataSource.options.type === 'better-sqlite3'
      ? expression
      : `CAST(${expression} AS BINARY)`;
  }

  /**
   * A text of ASCII characters only (a JSON list of codes) to group by, compared byte by byte:
   * on MariaDB converted to ASCII, one byte a character, where `bytes` would make a
   * `varchar(400)` 1,600 bytes wide (four a utf8mb4 character) and group it at less than half the
   * speed (a county's year of situations lists: 300 → 135 ms alone). Lossless only for ASCII text.
   */
  private asciiBytes(expression: string): string {
    return this.dataSource.options.type === 'better-sqlite3'
      ? expression
      : `CONVERT(${expression} USING ascii) COLLATE ascii_bin`;
  }

  /**
   * The window's reports counted by the database along each breakdown of the figures
   * (`ReportCounts`); `mayKnow` says from a group's anonymity whether the reader may learn who
   * filed it. Every count is read from an index alone: `IDX_reports_figures` (period first) or
   * `IDX_reports_place_figures` (place first, for a township or a village), whichever reads fewer
   * entries.
   */
  async reportCounts(
    window: StatsWindow,
    mayKnow: (report: ReporterPrivacy) => boolean,
  ): Promise<ReportCounts> {
    const sqlite = this.dataSource.options.type === 'better-sqlite3';
    const day = sqlite
      ? "strftime('%Y-%m-%d', r.created_at, '+8 hours')"
      : "DATE_FORMAT(r.created_at + INTERVAL 8 HOUR, '%Y-%m-%d')";
    const delayMs = sqlite
      ? 'CAST(ROUND((julianday(r.created_at) - julianday(r.discovered_at)) * 86400000) AS INTEGER)'
      : '(TIMESTAMPDIFF(MICROSECOND, r.discovered_at, r.created_at) DIV 1000)';
    /** The window's reports counted by `keys` (expression, alias), as raw rows. */
    const counted = <R>(
      keys: [string, string][],
      where?: string,
    ): Promise<(R & { count: string | number })[]> => {
      const query = this.dataSource
        .getRepository(ReportEntity)
        .createQueryBuilder('r')
        .select('COUNT(*)', 'count')
        .where('r.created_at >= :start AND r.created_at < :end', window);
      for (const [expression, alias] of keys) {
        query.addSelect(expression, alias).addGroupBy(expression);
      }
      if (where) query.andWhere(where);
      return underPrefixes(query, 'r.division_code', window.prefixes).getRawMany();
    };
    const flag = (value: string | number) => Number(value) === 1;
    const [byDay, byKind, bySituations, byDivision, byReporter] = await Promise.all([
      counted<{ day: Buffer | string }>([[this.bytes(day), 'day']]),
      counted<{
        channel: Buffer | string;
        priority: Buffer | string;
        repeatReport: string | number;
      }>([
        [this.bytes('r.channel'), 'channel'],
        [this.bytes('r.priority'), 'priority'],
        ['r.repeat_report', 'repeatReport'],
      ]),
      counted<{ situations: Buffer | string }>([[this.asciiBytes('r.situations'), 'situations']]),
      counted<{ divisionCode: Buffer | string }>([[this.bytes('r.division_code'), 'divisionCode']]),
      counted<{
        institutionId: Buffer | string | null;
        reporterOrgType: Buffer | string | null;
        anonymous: string | number;
        confidential: string | number;
        delayMs: string | number;
      }>(
        [
          [this.bytes('r.institution_id'), 'institutionId'],
          [this.bytes('r.reporter_org_type'), 'reporterOrgType'],
          ['r.reporter_anonymous', 'anonymous'],
          ['r.reporter_confidential', 'confidential'],
          [delayMs, 'delayMs'],
        ],
        '(r.institution_id IS NOT NULL OR r.reporter_org_type IS NOT NULL)',
      ),
    ]);
    return {
      byDay: byDay.map((row) => ({ day: textOf(row.day), count: Number(row.count) })),
      byKind: byKind.map((row) => ({
        channel: textOf<Channel>(row.channel),
        priority: textOf<Priority>(row.priority),
        repeatReport: flag(row.repeatReport),
        count: Number(row.count),
      })),
      bySituations: bySituations.map((row) => ({
        situations: JSON.parse(textOf(row.situations)) as SituationCode[],
        count: Number(row.count),
      })),
      byDivision: byDivision.map((row) => ({
        divisionCode: textOf(row.divisionCode),
        count: Number(row.count),
      })),
      byReporter: byReporter.map((row) => ({
        institutionId: textOf(row.institutionId),
        reporterOrgType: textOf<OrgType>(row.reporterOrgType),
        reporterKnown: mayKnow({
          anonymous: flag(row.anonymous),
          confidential: flag(row.confidential),
        }),
        delayMs: Number(row.delayMs),
        count: Number(row.count),
      })),
    };
  }

  /** How many reports were submitted in the window: `IDX_reports_figures`. */
  async reportCount(window: StatsWindow): Promise<number> {
    const query = this.dataSource
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .select('COUNT(*)', 'count')
      .where('r.created_at >= :start AND r.created_at < :end', window);
    const row = await underPrefixes(query, 'r.division_code', window.prefixes).getRawOne<{
      count: string | number;
    }>();
    return Number(row?.count ?? 0);
  }

  /**
   * Of `institutionIds`, those that filed a report in the window anywhere (the rows of the scope
   * miss a report about a child elsewhere): `IDX_reports_institution_created`.
   */
  async institutionsReporting(
    institutionIds: readonly string[],
    window: Pick<StatsWindow, 'start' | 'end'>,
  ): Promise<Set<string>> {
    if (institutionIds.length === 0) return new Set();
    const rows = await this.dataSource
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .select('DISTINCT r.institution_id', 'institutionId')
      .where('r.institution_id IN (:...institutionIds)', { institutionIds })
      .andWhere('r.created_at >= :start AND r.created_at < :end', window)
      .getRawMany<{ institutionId: string }>();
    return new Set(rows.map((row) => row.institutionId));
  }

  /**
   * The registers of the counties the prefixes lie in (`UQ_institutions_county_name`, county
   * first): every institution a report of the scope may name.
   */
  async register(prefixes: readonly string[]): Promise<RegisterRow[]> {
    const query = this.dataSource
      .getRepository(InstitutionEntity)
      .createQueryBuilder('i')
      .select(['i.id', 'i.name', 'i.type', 'i.divisionCode', 'i.createdAt', 'i.retiredAt']);
    const rows = await underPrefixes(
      query,
      'i.county_code',
      prefixes.map((p) => p.slice(0, 6)),
    ).getMany();
    return rows.map(({ id, name, type, divisionCode, createdAt, retiredAt }) => ({
      id,
      name,
      type,
      divisionCode,
      createdAt,
      retiredAt,
    }));
  }

  /**
   * One page of the orders behind a bar (`GET /stats/clock-orders`): the distinct orders with a
   * clock of `bar.clock` held by `bar.unitId`, due in the window, whose clock ended as
   * `bar.result` at `now` (`hasClockResult`, written here as the database's condition), current
   * and retired clocks alike; ordered by their earliest such due time, then id; `offset`/`limit`
   * in orders. `total` counts the distinct orders. Each table is read in the page's order from
   * `IDX_order_clocks_unit_due` and `IDX_retired_clocks_unit_due` (unit, kind, due time, order,
   * and every column the condition reads), as far as the page reaches, never the whole bar.
   */
  async clockOrderPage(
    window: StatsWindow,
    bar: { unitId: string; clock: string; result: ClockResult },
    now: Date,
    offset: number,
    limit: number,
  ): Promise<{ ids: string[]; total: number }> {
    const matching = (entity: typeof OrderClockEntity | typeof RetiredClockEntity) => {
      const query = this.dataSource
        .getRepository<OrderClockEntity | RetiredClockEntity>(entity)
        .createQueryBuilder('c')
        .select('c.order_id', 'orderId')
        .addSelect('c.due_at', 'dueAt')
        .where('c.unit_id = :unitId AND c.clock = :clock', bar)
        .andWhere('c.due_at >= :start AND c.due_at < :end', window)
        .andWhere(`(${CLOCK_RESULT_SQL[bar.result]})`, { now });
      return underPrefixes(query, 'c.division_code', window.prefixes);
    };
    const [current, retired] = [matching(OrderClockEntity), matching(RetiredClockEntity)].map(
      (query) => query.getQueryAndParameters(),
    );
    const [counted, retiredCounted] = await Promise.all([
      this.dataSource.query<{ total: string | number }[]>(
        `SELECT COUNT(DISTINCT u.orderId) AS total FROM (${current[0]} UNION ALL ${retired[0]}) u`,
        [...current[1], ...retired[1]],
      ),
      this.dataSource.query<{ n: string | number }[]>(
        `SELECT COUNT(*) AS n FROM (${retired[0]}) r`,
        retired[1],
      ),
    ]);
    // An order has one current clock of a kind (its key), so every entry after an order's first
    // is a retired clock: the first `offset + limit + retired` entries by due time, then order,
    // hold the first `offset + limit` orders, each first met at its earliest due time.
    const reach = offset + limit + Number(retiredCounted[0]?.n ?? 0);
    const parts = [matching(OrderClockEntity), matching(RetiredClockEntity)].map((query) =>
      query
        .orderBy('c.due_at', 'ASC')
        .addOrderBy('c.order_id', 'ASC')
        .limit(reach)
        .getQueryAndParameters(),
    );
    const union = parts.map(([sql], i) => `SELECT * FROM (${sql}) p${i}`).join(' UNION ALL ');
    const entries = await this.dataSource.query<{ orderId: string }[]>(
      `SELECT u.orderId AS orderId FROM (${union}) u ORDER BY u.dueAt, u.orderId LIMIT ${Number(reach)}`,
      parts.flatMap(([, parameters]) => parameters),
    );
    const ids = [...new Set(entries.map((entry) => entry.orderId))].slice(offset, offset + limit);
    return { ids, total: Number(counted[0]?.total ?? 0) };
  }

  private get dialect(): SqlDialect {
    return this.dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mariadb';
  }

  /**
   * The order clocks, retired clocks and visits due in the window counted by unit, kind, what
   * `clockEnd` reads of them (`ClockFacts`), whether they reached 督办 or the red list, and their
   * minutes from start to stop at the step they are shown in (`shownMinutes`; `ClockGroup`): the
   * database counts a county's year of clocks into groups instead of sending every clock. The
   * order clocks come from the kept counts (`clock_counts`, their key led by the month) for the
   * Beijing months where that reads fewer clocks, less the parts of those months the window
   * leaves out or that fall due after now, read from the clocks in the same snapshot; the rest
   * of the window from the clocks themselves (`splitByKeptMonths`): `IDX_order_clocks_due_place`
   * alone (each clock carries its order's unit and place), `IDX_retired_clocks_due`. Visits:
   * `IDX_visit_dues_due_figures`, the whole window.
   */
  async clockGroups(window: StatsWindow, now: Date): Promise<ClockGroup[]> {
    const { months, excluded, live } = splitByKeptMonths(window, now);
    const orderClocks = (manager: EntityManager, range: InstantRange, asKept: boolean) => [
      this.groupedClocks(manager, OrderClockEntity, window.prefixes, range, now, asKept),
      this.groupedClocks(manager, RetiredClockEntity, window.prefixes, range, now, asKept),
    ];
    const kept = months
      ? this.transactions.run(async (manager) => {
          const counted = await this.keptClockGroups(manager, window.prefixes, months);
          const takenOff: ClockGroup[] = [];
          for (const range of excluded) {
            takenOff.push(...(await Promise.all(orderClocks(manager, range, true))).flat());
          }
          return netGroups(counted, takenOff);
        }, 'REPEATABLE READ')
      : Promise.resolve([]);
    const groups = await Promise.all([
      kept,
      ...live.flatMap((range) => orderClocks(this.dataSource.manager, range, false)),
      this.groupedVisits(window, now),
    ]);
    return groups.flat();
  }

  /**
   * The clocks of `entity` due in `range` under the prefixes, grouped as `ClockGroup`s;
   * `asKept`: each counted as due by now, as the kept counts count them.
   */
  private async groupedClocks(
    manager: EntityManager,
    entity: typeof OrderClockEntity | typeof RetiredClockEntity,
    prefixes: readonly string[],
    range: InstantRange,
    now: Date,
    asKept: boolean,
  ): Promise<ClockGroup[]> {
    return this.grouped(manager.getRepository<ObjectLiteral>(entity).createQueryBuilder('c'), {
      prefixes,
      range,
      now,
      asKept,
      columns: {
        unitId: 'c.unit_id',
        clock: 'c.clock',
        interrupted: 'c.interrupted',
        startedAt: 'c.started_at',
        stoppedAt: 'c.stopped_at',
        dueAt: 'c.due_at',
        overdue: "c.stage IN ('overdue', 'red')",
        escalated: "c.stage = 'red'",
        place: 'c.division_code',
      },
    });
  }

  /** The visits due in the window, grouped as `ClockGroup`s of kind `visit`. */
  private groupedVisits(window: StatsWindow, now: Date): Promise<ClockGroup[]> {
    return this.grouped(this.dataSource.getRepository(VisitDueEntity).createQueryBuilder('v'), {
      prefixes: window.prefixes,
      range: window,
      now,
      asKept: false,
      columns: {
        unitId: 'v.unit_id',
        clock: "'visit'",
        interrupted: 'v.cancelled_at IS NOT NULL',
        startedAt: 'v.started_at',
        stoppedAt: 'COALESCE(v.cancelled_at, v.done_at)',
        dueAt: 'v.due_at',
        overdue: 'v.escalation_level >= 1',
        escalated: 'v.escalation_level >= 2',
        place: 'v.division_code',
      },
    });
  }

  /** `query`'s rows due in the range under the prefixes, grouped by what `ClockGroup` holds. */
  private async grouped<T extends ObjectLiteral>(
    query: SelectQueryBuilder<T>,
    {
      prefixes,
      range,
      now,
      asKept,
      columns,
    }: {
      prefixes: readonly string[];
      range: InstantRange;
      now: Date;
      asKept: boolean;
      columns: Record<
        | 'unitId'
        | 'clock'
        | 'interrupted'
        | 'startedAt'
        | 'stoppedAt'
        | 'dueAt'
        | 'overdue'
        | 'escalated'
        | 'place',
        string
      >;
    },
  ): Promise<ClockGroup[]> {
    const { interrupted, stoppedAt, dueAt } = columns;
    const keys: [string, string][] = [
      [this.bytes(columns.unitId), 'unitId'],
      [this.bytes(columns.clock), 'clock'],
      [`CASE WHEN ${interrupted} THEN 1 ELSE 0 END`, 'interrupted'],
      [stoppedSql(stoppedAt, dueAt), 'stopped'],
      [`CASE WHEN ${columns.overdue} THEN 1 ELSE 0 END`, 'overdue'],
      [`CASE WHEN ${columns.escalated} THEN 1 ELSE 0 END`, 'escalated'],
      [shownMinutesSql(this.dialect, columns.startedAt, stoppedAt, 'NULL'), 'minutes'],
    ];
    query
      .select('COUNT(*)', 'count')
      .addSelect(asKept ? '1' : `CASE WHEN ${dueAt} <= :now THEN 1 ELSE 0 END`, 'dueByNow');
    if (!asKept) query.addGroupBy(`CASE WHEN ${dueAt} <= :now THEN 1 ELSE 0 END`);
    for (const [expression, alias] of keys) {
      query.addSelect(expression, alias).addGroupBy(expression);
    }
    query.andWhere(`${dueAt} >= :start AND ${dueAt} < :end`, range).setParameter('now', now);
    const rows = await underPrefixes(query, columns.place, prefixes).getRawMany<GroupRow>();
    return rows.map(groupOf);
  }

  /**
   * The order clocks (current and retired) due in the Beijing months `first`–`last` under the
   * prefixes, from the kept counts (`clock_counts`, read by its key's month range), each counted
   * as due by now.
   */
  private async keptClockGroups(
    manager: EntityManager,
    prefixes: readonly string[],
    months: { first: string; last: string },
  ): Promise<ClockGroup[]> {
    const keys: [string, string][] = [
      [this.bytes('k.unit_key'), 'unitId'],
      [this.bytes('k.clock'), 'clock'],
      ['k.interrupted', 'interrupted'],
      ['k.stopped', 'stopped'],
      ['k.overdue', 'overdue'],
      ['k.escalated', 'escalated'],
      ['k.minutes', 'minutes'],
    ];
    const query = manager
      .getRepository(ClockCountEntity)
      .createQueryBuilder('k')
      .select('SUM(k.n)', 'count')
      .addSelect('1', 'dueByNow')
      .where('k.month >= :first AND k.month <= :last', months)
      .andWhere('k.n <> 0');
    for (const [expression, alias] of keys) {
      query.addSelect(expression, alias).addGroupBy(expression);
    }
    const rows = await underPrefixes(query, 'k.division_code', prefixes).getRawMany<GroupRow>();
    return rows.map((row) =>
      groupOf({
        ...row,
        unitId: textOf(row.unitId) || null,
        minutes: Number(row.minutes) < 0 ? null : row.minutes,
      }),
    );
  }

  /**
   * The clocks due in the window counted by kind and by what `clockEnd` reads of them
   * (`ClockEndCount`): the same clocks as `orderClocks` and `visitClocks`, but the database
   * counts them, so a county's half-year is a few rows, not one per clock (the 台账's summary).
   * `IDX_order_clocks_due_place` alone; `IDX_retired_clocks_due`; `IDX_visit_dues_due_figures`.
   */
  async clockEndCounts(window: StatsWindow, now: Date): Promise<ClockEndCount[]> {
    /** `clock`: the column naming the kind, or the one kind every row of the table is. */
    const counted = async <T extends ObjectLiteral>(
      query: SelectQueryBuilder<T>,
      columns: { interrupted: string; stoppedAt: string; dueAt: string; place: string },
      clock: { column: string } | { kind: StatsClock },
    ): Promise<ClockEndCount[]> => {
      const { interrupted, stoppedAt, dueAt } = columns;
      // The facts `clockFacts` takes from a clock read whole, taken here by the database.
      const facts = {
        interrupted: `CASE WHEN ${interrupted} THEN 1 ELSE 0 END`,
        stopped: stoppedSql(stoppedAt, dueAt),
        dueByNow: `CASE WHEN ${dueAt} <= :now THEN 1 ELSE 0 END`,
      };
      query
        .select(facts.interrupted, 'interrupted')
        .addSelect(facts.stopped, 'stopped')
        .addSelect(facts.dueByNow, 'dueByNow')
        .addSelect('COUNT(*)', 'count')
        .andWhere(`${dueAt} >= :start AND ${dueAt} < :end`, window)
        .setParameter('now', now)
        .groupBy(facts.interrupted)
        .addGroupBy(facts.stopped)
        .addGroupBy(facts.dueByNow);
      if ('column' in clock) {
        const kind = this.bytes(clock.column);
        query.addSelect(kind, 'clock').addGroupBy(kind);
      }
      const rows = await underPrefixes(query, columns.place, window.prefixes).getRawMany<{
        clock?: Buffer | string;
        interrupted: string | number;
        stopped: string | number;
        dueByNow: string | number;
        count: string | number;
      }>();
      return rows.map((row) => ({
        clock: 'column' in clock ? textOf<StatsClock>(row.clock!) : clock.kind,
        interrupted: Number(row.interrupted) === 1,
        stopped: STOPPED_CODES[Number(row.stopped)],
        dueByNow: Number(row.dueByNow) === 1,
        count: Number(row.count),
      }));
    };
    const clockColumns = {
      interrupted: 'c.interrupted',
      stoppedAt: 'c.stopped_at',
      dueAt: 'c.due_at',
    };
    const groups = await Promise.all([
      counted(
        this.dataSource.getRepository(OrderClockEntity).createQueryBuilder('c'),
        { ...clockColumns, place: 'c.division_code' },
        { column: 'c.clock' },
      ),
      counted(
        this.dataSource.getRepository(RetiredClockEntity).createQueryBuilder('c'),
        { ...clockColumns, place: 'c.division_code' },
        { column: 'c.clock' },
      ),
      counted(
        this.dataSource.getRepository(VisitDueEntity).createQueryBuilder('v'),
        {
          interrupted: 'v.cancelled_at IS NOT NULL',
          stoppedAt: 'COALESCE(v.cancelled_at, v.done_at)',
          dueAt: 'v.due_at',
          place: 'v.division_code',
        },
        { kind: 'visit' },
      ),
    ]);
    return groups.flat();
  }

  /** Orders by id, in no order (the drill-down pages them). */
  orders(ids: string[]): Promise<OrderEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(OrderEntity).find({ where: { id: In(ids) } });
  }

  /**
   * Children's files under the prefixes now, by their category list and status: the kept counts
   * (`ChildFileCountEntity`) summed from their key, which leads with the place, never the files
   * themselves. Lists whose files all left them (a count of 0) are left out.
   */
  async childFiles(
    prefixes: readonly string[],
  ): Promise<{ categories: ChildCategory[]; status: ChildFileStatus; count: number }[]> {
    const query = this.dataSource
      .getRepository(ChildFileCountEntity)
      .createQueryBuilder('k')
      .select(this.bytes('k.categories'), 'categories')
      .addSelect(this.bytes('k.status'), 'status')
      .addSelect('SUM(k.count)', 'count')
      .where('k.count <> 0')
      .groupBy(this.bytes('k.categories'))
      .addGroupBy(this.bytes('k.status'));
    const rows = await underPrefixes(query, 'k.division_code', prefixes).getRawMany<{
      categories: Buffer | string;
      status: Buffer | string;
      count: string | number;
    }>();
    return rows.map((row) => ({
      categories: JSON.parse(textOf(row.categories)) as ChildCategory[],
      status: textOf<ChildFileStatus>(row.status),
      count: Number(row.count),
    }));
  }

  /**
   * Reporters' ratings given in the window (`IDX_reports_rated` alone: time, place, score), each
   * with whether a low one was reviewed: an order of the report reopened (重新办理) at or after
   * the rating (`IDX_orders_report`, `IDX_order_events_order_at`).
   */
  async ratings(
    window: StatsWindow,
    lowMax: number,
  ): Promise<{ score: number; reviewed: boolean }[]> {
    const reopened = this.dataSource
      .createQueryBuilder()
      .subQuery()
      .select('1')
      .from(OrderEntity, 'o')
      .innerJoin(OrderEventEntity, 'e', 'e.order_id = o.id')
      .where("o.report_id = r.id AND e.kind = 'reopened' AND e.at >= r.rated_at")
      .getQuery();
    const query = this.dataSource
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .select('r.rating_score', 'score')
      .addSelect(
        `CASE WHEN r.rating_score <= :lowMax AND EXISTS ${reopened} THEN 1 ELSE 0 END`,
        'reviewed',
      )
      .where('r.rated_at >= :start AND r.rated_at < :end', window)
      .andWhere('r.rating_score IS NOT NULL')
      .setParameter('lowMax', lowMax);
    const rows = await underPrefixes(query, 'r.division_code', window.prefixes).getRawMany<{
      score: string | number;
      reviewed: string | number;
    }>();
    return rows.map((row) => ({ score: Number(row.score), reviewed: Number(row.reviewed) === 1 }));
  }
}
