import type { Channel } from './channels';
import type { ChildCategory, ChildFileStatus } from './child-files';
import { CLOCKS, type ClockName } from './clocks';
import { divisionLevel } from './division-scope';
import type { DropoutStateFigure } from './dropouts';
import type { Priority } from './priorities';
import type { OrgType } from './roles';
import type { SituationCode } from './situations';

/**
 * The county's accountability figures (`GET /stats/overview`, issue 16; domain.md,
 * "Accountability"): reports, children on file, clocks kept per unit, reporting delay per
 * institution, satisfaction. Scoped like every list: a township sees its township, the county's
 * coordinator the county.
 */

/** The trend's step: a Beijing day, an ISO week (Monday first), a calendar month. */
export const STATS_GRAINS = ['day', 'week', 'month'] as const;
export type StatsGrain = (typeof STATS_GRAINS)[number];

export const STATS_GRAIN_LABELS: Record<StatsGrain, string> = {
  day: '按日',
  week: '按周（周一起）',
  month: '按月',
};

/** Longest period one request may ask for, in days (from and to both counted). */
export const STATS_MAX_SPAN_DAYS = 366;

/**
 * The period and place of a figure: `from` and `to` are Beijing dates (`YYYY-MM-DD`, both days
 * included); `division` a division code within the caller's scope (default: the caller's own).
 */
export interface StatsQuery {
  from: string;
  to: string;
  division?: string;
  /** The trend's step; default `month` over more than 62 days, else `day`. */
  by?: StatsGrain;
}

/** The clocks the figures count: the four of an order, and a visit due (走访). */
export const STATS_CLOCKS = [...CLOCKS, 'visit'] as const;
export type StatsClock = (typeof STATS_CLOCKS)[number];

export const STATS_CLOCK_LABELS: Record<StatsClock, string> = {
  sign: '签收',
  contact: '接触儿童',
  feedback: '反馈',
  resolve: '办结',
  visit: '走访',
};

/**
 * The steps a duration is shown in (the board's 分钟 / 小时 / 天, one decimal): whole minutes below
 * an hour, tenths of an hour (6 minutes) below 48 hours, tenths of a day (144 minutes) beyond.
 * `below` is in whole minutes; the last step has no bound.
 */
export const SHOWN_DURATION_STEPS = [
  { below: 60, stepMinutes: 1 },
  { below: 48 * 60, stepMinutes: 6 },
  { below: Number.POSITIVE_INFINITY, stepMinutes: 144 },
] as const;

/**
 * Whole minutes rounded to the step they are shown in (`SHOWN_DURATION_STEPS`), a half step up:
 * 64 → 66 (1.1小时), 3,000 → 3,024 (2.1天). A clock's time from start to stop is counted in these
 * values, so the county's kept counts by month (issue 17) hold at most about 830 values per unit
 * and clock however the minutes spread; the database computes the same in integers.
 */
export function shownMinutes(wholeMinutes: number): number {
  const { stepMinutes } = SHOWN_DURATION_STEPS.find((step) => wholeMinutes < step.below)!;
  if (stepMinutes === 1) return wholeMinutes;
  return Math.floor((wholeMinutes + stepMinutes / 2) / stepMinutes) * stepMinutes;
}

/**
 * One unit's one clock over the period: the clocks due in the period. A clock stopped by a
 * return (退回) or a transfer (改派, 转接) before it ran out is `interrupted`: neither kept nor
 * missed (it used to count as kept).
 */
export interface ClockFigure {
  unitId: string | null;
  unitName: string;
  clock: StatsClock;
  /** Kept + late: the clocks that reached their end (stopped, or ran out) in the period. */
  total: number;
  /** Stopped by the deed before its due time. */
  onTime: number;
  /** Stopped after its due time, or still running past it. */
  late: number;
  /** onTime / total, 0–1; null when total is 0. */
  onTimeShare: number | null;
  /**
   * Start to stop of the stopped ones, in minutes, each counted at the step it is shown in
   * (`shownMinutes`): an odd count's median and the p90 are such a value, an even count's median
   * the mean of two. Null when none stopped.
   */
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Reached 100 % (督办). */
  overdue: number;
  /** Reached 200 % (red list). */
  escalated: number;
  interrupted: number;
}

/** Reporting delay (discoveredAt → submitted) of a set of reports. */
export interface ReportingDelayFigure {
  reports: number;
  medianHours: number | null;
  /** Share of the reports submitted more than 24 h after discovery, 0–1; null with none. */
  over24hShare: number | null;
}

/**
 * An institution on the register that filed no report in the period while others reported
 * children of its catchment (its division and below): the "who did not report" list (追责, 通报).
 */
export interface SilentInstitution {
  institutionId: string;
  name: string;
  type: OrgType;
  divisionCode: string;
  placeName: string;
  /** Reports in the period about children of its catchment, filed by others. */
  reportsFromCatchment: number;
}

/** Reports of the period at one place. */
export interface PlaceCount {
  divisionCode: string;
  placeName: string;
  count: number;
}

/**
 * The places the reports of a scope are broken into (the board's place chart): a county, or
 * anything wider, into its townships; a township into its villages (村、社区); a village is one
 * place and has none. `divisionCode` is the scope's (`StatsOverview.divisionCode`).
 */
export function placeBreakdown(divisionCode: string): 'township' | 'village' | null {
  switch (divisionLevel(divisionCode)) {
    case 'village':
      return null;
    case 'township':
      return 'village';
    default:
      return 'township';
  }
}

/** `GET /stats/overview?from=&to=&division=&by=`. Shares are 0–1, never percentages. */
export interface StatsOverview {
  from: string;
  to: string;
  divisionCode: string;
  placeName: string;
  by: StatsGrain;
  reports: {
    total: number;
    /** Share of reports about a child already reported (repeat reports), 0–1; null with none. */
    repeatShare: number | null;
    /** Every step of the period, in order, zeros included: `2026-11-03`, `2026-W45`, `2026-11`. */
    trend: { period: string; count: number }[];
    /** A report counts once under each of its situations. */
    bySituation: { situation: SituationCode; count: number }[];
    byChannel: { channel: Channel; count: number }[];
    byPriority: { priority: Priority; count: number }[];
    /**
     * Each township with reports, by code (the report's first 9 digits; a report placed only in
     * the county counts under the county's code), named 泗城镇.
     */
    byTownship: PlaceCount[];
    /**
     * When the scope is a township (`placeBreakdown` is `village`): each of its villages with
     * reports, by code (the report's first 12 digits; a report placed only in the township counts
     * under the township's code), named by the village's own name (关庙村委会). Empty otherwise.
     */
    byVillage: PlaceCount[];
  };
  /** The register now (not the period): a file counts once under each of its categories. */
  children: {
    byCategory: { category: ChildCategory; count: number }[];
    byStatus: { status: ChildFileStatus; count: number }[];
    dropouts: DropoutStateFigure[];
  };
  clocks: ClockFigure[];
  reportingDelay: {
    all: ReportingDelayFigure;
    byType: ({ type: OrgType } & ReportingDelayFigure)[];
    byInstitution: ({
      institutionId: string;
      name: string;
      type: OrgType;
    } & ReportingDelayFigure)[];
    silent: SilentInstitution[];
  };
  satisfaction: {
    /** Reports rated (by the reporter, 1–5) in the period. */
    rated: number;
    meanScore: number | null;
    /** Share rated 1–2 (`LOW_SCORE_MAX`), 0–1; null with none. */
    lowShare: number | null;
    /** Low ratings the coordinator has reviewed (回访 done). */
    reviewed: number;
  };
}

/**
 * The drill-down from an order clock's bar (`GET /stats/clock-orders`): the orders behind one
 * unit's one clock in the period, `result` picking which of them (answered as `Page<OrderSummary>`).
 */
export const CLOCK_RESULTS = ['on_time', 'late', 'overdue', 'escalated', 'interrupted'] as const;
export type ClockResult = (typeof CLOCK_RESULTS)[number];

export const CLOCK_RESULT_LABELS: Record<ClockResult, string> = {
  on_time: '按时',
  late: '超时',
  overdue: '督办',
  escalated: '红色清单',
  interrupted: '退回或改派中止',
};

/**
 * Who may open the orders behind a unit's bar: a coordinator any unit of their places; a township
 * or village worker their own unit only, since the orders' summaries show other departments' work.
 */
export function mayOpenClockOrders(
  viewer: { roles: readonly string[]; unitId: string | null },
  unitId: string,
): boolean {
  return viewer.roles.includes('coordinator') || viewer.unitId === unitId;
}

export interface ClockOrdersQuery extends StatsQuery {
  unitId: string;
  clock: ClockName;
  result: ClockResult;
  page?: number;
  pageSize?: number;
}
