import { Inject, Injectable } from '@nestjs/common';
import {
  CHILD_CATEGORIES,
  CHILD_FILE_STATUSES,
  LOW_SCORE_MAX,
  VILLAGE_CODE_LENGTH,
  defaultStatsGrain,
  dropoutStateFigures,
  mayKnowReporter,
  mayOpenClockOrders,
  placeBreakdown,
  withinPrefixes,
  type OrderSummary,
  type DisclosureViewer,
  type Page,
  type StatsOverview,
} from '@shouhu/shared';
import { hasRole, type Actor } from '../access/actor';
import { AuditService } from '../audit/audit.service';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../common/clock';
import { DivisionsService } from '../divisions/divisions.service';
import { DropoutFiguresRepository } from '../dropouts/dropout-figures.repository';
import { OrderSummaries } from '../orders/order-summaries';
import type { ClockOrdersQueryDto, StatsQueryDto } from './dto/stats-query.dto';
import {
  clockFiguresOf,
  onRegisterDuring,
  reportFigures,
  reportingDelayFigures,
  reportsUnder,
  satisfactionFigures,
  silentCandidates,
  type RegisterRow,
  type ReportCounts,
} from './figures';
import { statsPeriod } from './stats-period';
import { checkKnownDivision, statsScope, type StatsScope } from './stats-scope';
import { StatsRepository, type StatsWindow } from './stats.repository';

/** The caller's places over the period `from`–`to`; 400 naming the field for a bad period. */
function windowOf(query: StatsQueryDto, scope: StatsScope): StatsWindow {
  return { ...statsPeriod(query.from, query.to), prefixes: scope.prefixes };
}

/**
 * The accountability figures (issue 16; README, "Accountability figures"): reports, children on
 * file, clocks per unit, reporting delay, satisfaction, over a period and the caller's places
 * (`statsScope`), and the orders behind a clock's bar. Counts and times only, no child or
 * reporter; every read is audited as `stats.overview` or `stats.clock_orders`.
 */
/**
 * The reader of the figures as the disclosure rules see them: they hold no order through the
 * figures, so a worker is a handler of no police order, and a coordinator a coordinator
 * (`mayKnowReporter`: an anonymous report names nobody; a confidential one only to coordinators).
 */
function figuresReader(actor: Actor): DisclosureViewer {
  return {
    capacity: hasRole(actor, 'coordinator') ? 'coordinator' : 'handler',
    department: 'township',
  };
}

@Injectable()
export class StatsService {
  constructor(
    private readonly stats: StatsRepository,
    private readonly dropouts: DropoutFiguresRepository,
    private readonly summaries: OrderSummaries,
    private readonly divisions: DivisionsService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** 403 outside the caller's places (`statsScope`); 400 naming `from` or `to` for a bad period. */
  async overview(actor: Actor, query: StatsQueryDto): Promise<StatsOverview> {
    const scope = statsScope(actor, query.division);
    await checkKnownDivision(this.divisions, query.division);
    const window = windowOf(query, scope);
    const by = query.by ?? defaultStatsGrain(query.from, query.to);
    const now = this.clock.now();
    await this.audit.recordRead(actor, {
      action: 'stats.overview',
      targetType: 'stats',
      targetId: null,
      divisionCode: scope.divisionCode,
      detail: { from: query.from, to: query.to, division: query.division ?? null, by },
    });
    const [reports, register, clockGroups, files, dropouts, ratings, unitNames] = await Promise.all(
      [
        this.stats.reportCounts(window, (report) => mayKnowReporter(report, figuresReader(actor))),
        this.stats.register(scope.prefixes),
        this.stats.clockGroups(window, now),
        this.stats.childFiles(scope.prefixes),
        Promise.all(scope.prefixes.map((prefix) => this.dropouts.groups({ prefixes: [prefix] }))),
        this.stats.ratings(window, LOW_SCORE_MAX),
        this.summaries.unitNames(),
      ],
    );
    const candidates = register.filter((i) => withinPrefixes(i.divisionCode, scope.prefixes));
    const reportedElsewhere = await this.stats.institutionsReporting(
      candidates.map((i) => i.id),
      window,
    );
    const catchments = await this.catchments(
      silentCandidates(reports.byReporter, candidates, reportedElsewhere),
      reports.byDivision,
      window,
    );
    const reportPlaces = reports.byDivision.map((group) => group.divisionCode);
    const places = await this.divisions.placeNames([
      scope.divisionCode,
      ...reportPlaces.map((code) => code.slice(0, 9)),
      ...candidates.map((i) => i.divisionCode),
    ]);
    const placeName = (code: string) => places.get(code) ?? '';
    const villageNames =
      placeBreakdown(scope.divisionCode) === 'village'
        ? await this.divisions.ownNames(
            reportPlaces.map((code) => code.slice(0, VILLAGE_CODE_LENGTH)),
          )
        : null;
    const active = files.filter((f) => f.status === 'active');
    return {
      from: query.from,
      to: query.to,
      divisionCode: scope.divisionCode,
      placeName: placeName(scope.divisionCode),
      by,
      reports: reportFigures(
        reports,
        { from: query.from, to: query.to, by },
        {
          placeName,
          villageName: villageNames ? (code) => villageNames.get(code) ?? '' : undefined,
        },
      ),
      children: {
        byCategory: CHILD_CATEGORIES.map((category) => ({
          category,
          count: active
            .filter((f) => f.categories.includes(category))
            .reduce((sum, f) => sum + f.count, 0),
        })),
        byStatus: CHILD_FILE_STATUSES.map((status) => ({
          status,
          count: files.filter((f) => f.status === status).reduce((sum, f) => sum + f.count, 0),
        })),
        dropouts: dropoutStateFigures(dropouts.flat(), now),
      },
      clocks: clockFiguresOf(clockGroups, (unitId) =>
        unitId ? (unitNames.get(unitId) ?? '已删除的单位') : '未分派（管理员队列）',
      ),
      reportingDelay: reportingDelayFigures(
        reports.byReporter,
        register,
        candidates,
        reportedElsewhere,
        (institution) => catchments.get(institution.id) ?? 0,
        placeName,
      ),
      satisfaction: satisfactionFigures(ratings),
    };
  }

  /**
   * Institution id → the reports of the window under its division filed while it was on the
   * register (`onRegisterDuring`): from the window's counts by division when it was on the whole
   * window, else counted in the database over the part it was on.
   */
  private async catchments(
    institutions: readonly RegisterRow[],
    byDivision: ReportCounts['byDivision'],
    window: StatsWindow,
  ): Promise<Map<string, number>> {
    const counts = await Promise.all(
      institutions.map(async (i): Promise<[string, number]> => {
        const during = onRegisterDuring(i, window);
        if (!during) return [i.id, 0];
        const whole =
          during.start.getTime() === window.start.getTime() &&
          during.end.getTime() === window.end.getTime();
        if (whole) {
          return [i.id, reportsUnder(byDivision, i.divisionCode)];
        }
        return [i.id, await this.stats.reportCount({ ...during, prefixes: [i.divisionCode] })];
      }),
    );
    return new Map(counts);
  }

  /**
   * The orders behind one bar, oldest due first. A coordinator drills into any unit of their
   * places; a township or village worker into their own unit's only (403 otherwise), since the
   * summaries show other departments' work.
   */
  async clockOrders(actor: Actor, query: ClockOrdersQueryDto): Promise<Page<OrderSummary>> {
    const scope = statsScope(actor, query.division);
    await checkKnownDivision(this.divisions, query.division);
    const window = windowOf(query, scope);
    if (!mayOpenClockOrders({ roles: actor.roles, unitId: actor.unit?.id ?? null }, query.unitId)) {
      throw ApiException.forbidden('只能查看本单位的工单');
    }
    const now = this.clock.now();
    await this.audit.recordRead(actor, {
      action: 'stats.clock_orders',
      targetType: 'stats',
      targetId: null,
      divisionCode: scope.divisionCode,
      detail: {
        from: query.from,
        to: query.to,
        division: query.division ?? null,
        unitId: query.unitId,
        clock: query.clock,
        result: query.result,
        page: query.page,
      },
    });
    const { ids, total } = await this.stats.clockOrderPage(
      window,
      query,
      now,
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    const byId = new Map((await this.stats.orders(ids)).map((o) => [o.id, o]));
    const orders = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    return { items: await this.summaries.of(orders, now), total };
  }
}
