import {
  CHANNELS,
  LOW_SCORE_MAX,
  PRIORITIES,
  SITUATION_CODES,
  STATS_CLOCKS,
  reportingDelayHours,
  TOWNSHIP_CODE_LENGTH,
  VILLAGE_CODE_LENGTH,
  shownMinutes,
  statsStepOf,
  statsSteps,
  type Channel,
  type ClockFigure,
  type ClockResult,
  type OrgType,
  type PlaceCount,
  type Priority,
  type ReportingDelayFigure,
  type SituationCode,
  type StatsClock,
  type StatsGrain,
  type StatsOverview,
} from '@shouhu/shared';

/**
 * The arithmetic of the accountability figures (README, "Accountability figures"), on the rows
 * the stats repository reads through its indexes. Pure, so every definition is tested here once.
 */

const MINUTE_MS = 60_000;

/** A clock of the period as the repository reads it: an order's, a retired one, or a visit due. */
export interface ClockRow {
  /** The order, or for a visit the visit due. */
  subjectId: string;
  unitId: string | null;
  clock: StatsClock;
  startedAt: Date;
  dueAt: Date;
  stoppedAt: Date | null;
  /** Stopped by a return, a move (改派, 转办) or, for a visit, a cancellation. */
  interrupted: boolean;
  /** Reached 100 % (督办): stage `overdue` or `red`, a visit's escalation level ≥ 1. */
  overdue: boolean;
  /** Reached 200 % (red list): stage `red`, a visit's escalation level 2. */
  escalated: boolean;
}

/** Where a clock ended (`clockEnd`); null while it runs and is not due yet (not counted). */
export type ClockEnd = 'on_time' | 'late' | 'interrupted' | null;

/**
 * All `clockEnd` reads of a clock, so the database can count clocks by them (`ClockEndCount`)
 * without the rule being written again in SQL: whether a return or a move stopped it, whether it
 * stopped (`by_due`: at or before its due time, `after_due`: after it), whether it is due by `now`.
 */
export interface ClockFacts {
  interrupted: boolean;
  stopped: 'no' | 'by_due' | 'after_due';
  dueByNow: boolean;
}

/** How many clocks of one kind share the same facts: the database's count of one group. */
export interface ClockEndCount extends ClockFacts {
  clock: StatsClock;
  count: number;
}

export function clockFacts(row: ClockRow, now: Date): ClockFacts {
  return {
    interrupted: row.interrupted,
    stopped: !row.stoppedAt ? 'no' : row.stoppedAt <= row.dueAt ? 'by_due' : 'after_due',
    dueByNow: row.dueAt <= now,
  };
}

/**
 * Where a clock with these facts ended: on time (stopped by the deed by its due time), late
 * (stopped after it, or still running past it), interrupted (stopped by a return or a transfer
 * before it ran out; one already past due when it was stopped stays late: a move does not wipe a
 * missed deadline); null while it runs and is not due yet (not counted).
 */
export function endOf({ interrupted, stopped, dueByNow }: ClockFacts): ClockEnd {
  if (interrupted) return stopped === 'after_due' ? 'late' : 'interrupted';
  if (stopped !== 'no') return stopped === 'by_due' ? 'on_time' : 'late';
  return dueByNow ? 'late' : null;
}

/** Where a clock ended at `now` (`endOf` its facts). */
export function clockEnd(row: ClockRow, now: Date): ClockEnd {
  return endOf(clockFacts(row, now));
}

/** Whether a clock belongs to the bar's `result` (the drill-down, `GET /stats/clock-orders`). */
export function hasClockResult(row: ClockRow, result: ClockResult, now: Date): boolean {
  if (result === 'overdue') return row.overdue;
  if (result === 'escalated') return row.escalated;
  return clockEnd(row, now) === result;
}

/** The median of sorted values: the middle one, or the mean of the two middle ones. */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The 90th percentile by nearest rank: the value at rank ⌈0.9 n⌉ of the sorted values. */
export function p90(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.ceil(sorted.length * 0.9) - 1];
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** How a set of clocks ended; those still running and not yet due are in none of the counts. */
export interface ClockTally {
  onTime: number;
  late: number;
  interrupted: number;
  /** on time / (on time + late); null when none counted. */
  onTimeShare: number | null;
}

/**
 * The tally of clocks counted by their facts (`endOf`): one definition for the figures and the
 * 台账's half-year summary, which has the database count a half-year's clocks instead of reading them.
 */
export function clockTallyOf(counts: readonly (ClockFacts & { count: number })[]): ClockTally {
  const tally = { on_time: 0, late: 0, interrupted: 0 };
  for (const group of counts) {
    const end = endOf(group);
    if (end) tally[end] += group.count;
  }
  return {
    onTime: tally.on_time,
    late: tally.late,
    interrupted: tally.interrupted,
    onTimeShare: share(tally.on_time, tally.on_time + tally.late),
  };
}

/** The tally of a set of clocks by `clockEnd` at `now`. */
export function clockTally(rows: readonly ClockRow[], now: Date): ClockTally {
  return clockTallyOf(rows.map((row) => ({ ...clockFacts(row, now), count: 1 })));
}

/**
 * Clocks of one unit and kind that share their facts, their 督办 and red-list marks and their
 * minutes from start to stop at the step they are shown in (`shownMinutes`; null while running):
 * the database's count of one group, so the figures of a county's year are computed from groups,
 * not every clock, and the kept counts by month hold a bounded number of minute values.
 */
export interface ClockGroup extends ClockFacts {
  unitId: string | null;
  clock: StatsClock;
  overdue: boolean;
  escalated: boolean;
  minutes: number | null;
  count: number;
}

/** The group of one clock as `clockFigures` reads it at `now`. */
export function clockGroupOf(row: ClockRow, now: Date): ClockGroup {
  return {
    ...clockFacts(row, now),
    unitId: row.unitId,
    clock: row.clock,
    overdue: row.overdue,
    escalated: row.escalated,
    minutes: row.stoppedAt
      ? shownMinutes(Math.round((row.stoppedAt.getTime() - row.startedAt.getTime()) / MINUTE_MS))
      : null,
    count: 1,
  };
}

/**
 * The value at 0-based `rank` of values given as `[value, how many]`, ascending: what `sorted[rank]`
 * is once the histogram is written out.
 */
function valueAtRank(histogram: readonly [number, number][], rank: number): number {
  let seen = 0;
  for (const [value, times] of histogram) {
    seen += times;
    if (rank < seen) return value;
  }
  throw new RangeError(`rank ${rank} of ${seen} values`);
}

/** `median` of the values a histogram (`[value, how many]`, ascending) holds. */
export function histogramMedian(histogram: readonly [number, number][]): number | null {
  const n = histogram.reduce((sum, [, times]) => sum + times, 0);
  if (n === 0) return null;
  const mid = Math.floor(n / 2);
  return n % 2 === 1
    ? valueAtRank(histogram, mid)
    : (valueAtRank(histogram, mid - 1) + valueAtRank(histogram, mid)) / 2;
}

/** `p90` of the values a histogram (`[value, how many]`, ascending) holds. */
export function histogramP90(histogram: readonly [number, number][]): number | null {
  const n = histogram.reduce((sum, [, times]) => sum + times, 0);
  if (n === 0) return null;
  return valueAtRank(histogram, Math.ceil(n * 0.9) - 1);
}

/**
 * One figure per unit and clock that has any clock due in the period, ordered by unit name, then
 * sign, contact, feedback, resolve, visit. Minutes run from start to stop of the clocks stopped
 * by the deed (on time or late), interrupted ones left out, each counted at the step it is shown
 * in (`shownMinutes`: an odd count's median and the p90 show as the clocks' own shown times, an
 * even count's median is the mean of two). From the clocks' groups (`ClockGroup`).
 */
export function clockFiguresOf(
  groups: readonly ClockGroup[],
  unitName: (unitId: string | null) => string,
): ClockFigure[] {
  const byBar = new Map<string, ClockGroup[]>();
  for (const group of groups) {
    const key = `${group.unitId ?? ''}|${group.clock}`;
    const bar = byBar.get(key);
    if (bar) bar.push(group);
    else byBar.set(key, [group]);
  }
  const figures = [...byBar.values()].map((bar): ClockFigure => {
    const { unitId, clock } = bar[0];
    const { onTime, late, interrupted, onTimeShare } = clockTallyOf(bar);
    const minutes = new Map<number, number>();
    for (const group of bar) {
      if (group.minutes === null || endOf(group) === 'interrupted') continue;
      minutes.set(group.minutes, (minutes.get(group.minutes) ?? 0) + group.count);
    }
    const histogram = [...minutes].sort(([a], [b]) => a - b);
    const counted = (mark: 'overdue' | 'escalated') =>
      bar.reduce((sum, group) => sum + (group[mark] ? group.count : 0), 0);
    return {
      unitId,
      unitName: unitName(unitId),
      clock,
      total: onTime + late,
      onTime,
      late,
      onTimeShare,
      medianMinutes: histogramMedian(histogram),
      p90Minutes: histogramP90(histogram),
      overdue: counted('overdue'),
      escalated: counted('escalated'),
      interrupted,
    };
  });
  return figures.sort(
    (a, b) =>
      a.unitName.localeCompare(b.unitName, 'zh-CN') ||
      STATS_CLOCKS.indexOf(a.clock) - STATS_CLOCKS.indexOf(b.clock),
  );
}

/** `clockFiguresOf` the clocks read whole, at `now`. */
export function clockFigures(
  rows: readonly ClockRow[],
  now: Date,
  unitName: (unitId: string | null) => string,
): ClockFigure[] {
  return clockFiguresOf(
    rows.map((row) => clockGroupOf(row, now)),
    unitName,
  );
}

/**
 * Reports of the period filed for an institution or by a typed 单位 that share who filed them and
 * their delay: the database's count of one group (no personal detail).
 */
export interface ReporterGroup {
  institutionId: string | null;
  reporterOrgType: OrgType | null;
  /** Whether the reader of the figures may learn who filed them (`mayKnowReporter`). */
  reporterKnown: boolean;
  /** Milliseconds from discovery to filing; below 0 when a fast phone clock put the discovery after. */
  delayMs: number;
  count: number;
}

/**
 * The period's reports as the database counts them along each breakdown the figures show, so a
 * county's year is a few thousand groups, not every report.
 */
export interface ReportCounts {
  /** By Beijing date of submission, `YYYY-MM-DD`. */
  byDay: { day: string; count: number }[];
  byKind: { channel: Channel; priority: Priority; repeatReport: boolean; count: number }[];
  /** By the list of situations as filed. */
  bySituations: { situations: SituationCode[]; count: number }[];
  /** By the report's own division code. */
  byDivision: { divisionCode: string; count: number }[];
  /** Those filed for an institution or by a typed 单位 (`ReporterGroup`). */
  byReporter: ReporterGroup[];
}

const sumOf = (groups: readonly { count: number }[]): number =>
  groups.reduce((sum, group) => sum + group.count, 0);

/**
 * Reports by place: each code the reports' first `digits` digits make (a report placed less
 * precisely counts under its own, shorter code), by code, with the places that have reports only.
 */
export function placeCounts(
  byDivision: readonly { divisionCode: string; count: number }[],
  digits: number,
  placeName: (code: string) => string,
): PlaceCount[] {
  const counts = new Map<string, number>();
  for (const group of byDivision) {
    const place = group.divisionCode.slice(0, digits);
    counts.set(place, (counts.get(place) ?? 0) + group.count);
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([divisionCode, count]) => ({ divisionCode, placeName: placeName(divisionCode), count }));
}

/** How many of the counted reports lie under `prefix`. */
export function reportsUnder(
  byDivision: readonly { divisionCode: string; count: number }[],
  prefix: string,
): number {
  return sumOf(byDivision.filter((group) => group.divisionCode.startsWith(prefix)));
}

/**
 * The reports section: the trend over every step of the period (Beijing days of submission),
 * each situation (a code a report lists twice counted once), channel and priority (zeros
 * included), each township with reports, and each village when `places.villageName` is given
 * (the scope is a township: `placeBreakdown`).
 */
export function reportFigures(
  counts: ReportCounts,
  period: { from: string; to: string; by: StatsGrain },
  places: { placeName: (code: string) => string; villageName?: (code: string) => string },
): StatsOverview['reports'] {
  const steps = new Map(statsSteps(period.from, period.to, period.by).map((s) => [s, 0]));
  for (const { day, count } of counts.byDay) {
    const step = statsStepOf(day, period.by);
    steps.set(step, (steps.get(step) ?? 0) + count);
  }
  const total = sumOf(counts.byDay);
  const countEach = <K extends string>(
    all: readonly K[],
    keyOf: (kind: ReportCounts['byKind'][number]) => K,
  ) =>
    all.map((key) => ({ key, count: sumOf(counts.byKind.filter((kind) => keyOf(kind) === key)) }));
  return {
    total,
    repeatShare: share(sumOf(counts.byKind.filter((kind) => kind.repeatReport)), total),
    trend: [...steps].map(([step, count]) => ({ period: step, count })),
    bySituation: SITUATION_CODES.map((situation) => ({
      situation,
      count: sumOf(counts.bySituations.filter((group) => group.situations.includes(situation))),
    })),
    byChannel: countEach(CHANNELS, (kind) => kind.channel).map(({ key, count }) => ({
      channel: key,
      count,
    })),
    byPriority: countEach(PRIORITIES, (kind) => kind.priority).map(({ key, count }) => ({
      priority: key,
      count,
    })),
    byTownship: placeCounts(counts.byDivision, TOWNSHIP_CODE_LENGTH, places.placeName),
    byVillage: places.villageName
      ? placeCounts(counts.byDivision, VILLAGE_CODE_LENGTH, places.villageName)
      : [],
  };
}

/**
 * The reporting delay of a set of reports: median hours (one decimal), share over 24 h; each
 * report's delay by shared `reportingDelayHours` (a discovery a fast phone clock put after the
 * filing counts 0), from groups sharing one delay.
 */
export function delayFigure(
  groups: readonly Pick<ReporterGroup, 'delayMs' | 'count'>[],
): ReportingDelayFigure {
  const hoursOf = (delayMs: number) => reportingDelayHours(new Date(0), new Date(delayMs));
  const byHours = new Map<number, number>();
  for (const { delayMs, count } of groups) {
    const hours = hoursOf(delayMs);
    byHours.set(hours, (byHours.get(hours) ?? 0) + count);
  }
  const reports = sumOf(groups);
  const middle = histogramMedian([...byHours].sort(([a], [b]) => a - b));
  return {
    reports,
    medianHours: middle === null ? null : Math.round(middle * 10) / 10,
    over24hShare: share(sumOf(groups.filter((group) => hoursOf(group.delayMs) > 24)), reports),
  };
}

/** An institution of the register as the figures need it. */
export interface RegisterRow {
  id: string;
  name: string;
  type: OrgType;
  divisionCode: string;
  /** When it came onto the register: it answers for reports filed since, not before. */
  createdAt: Date;
  /** When it was taken off the register (停用): it answers for no report filed since. */
  retiredAt: Date | null;
}

/**
 * The part `[start, end)` of the period `[start, end)` the institution was on the register: it
 * answers for the reports filed in it only (from the instant it came on, until the instant it was
 * retired); null when it was on for none of it.
 */
export function onRegisterDuring(
  institution: Pick<RegisterRow, 'createdAt' | 'retiredAt'>,
  period: { start: Date; end: Date },
): { start: Date; end: Date } | null {
  const start = institution.createdAt > period.start ? institution.createdAt : period.start;
  const end =
    institution.retiredAt !== null && institution.retiredAt < period.end
      ? institution.retiredAt
      : period.end;
  return start < end ? { start, end } : null;
}

/**
 * The reporting delay section over the reports filed for an institution (a register's, or a typed
 * 单位 type): all, by type (the register's type when the report names an institution, else the
 * typed one), by institution of the register (those with reports, by name), and the silent list:
 * institutions of `candidates` (those placed within the caller's scope) with no report of their
 * own in the period, neither among `byReporter` nor `reportedElsewhere` (those that filed in the
 * period about a child outside the scope), while `catchment(institution)` reports about children
 * of their catchment were filed by others while it was on the register (`onRegisterDuring`).
 * `register` names every institution a report may be filed for. An institution is named with a
 * report only where the reader may learn who filed it (`reporterKnown`): an anonymous report
 * names nobody's institution, as in the 台账.
 */
export function reportingDelayFigures(
  byReporter: readonly ReporterGroup[],
  register: readonly RegisterRow[],
  candidates: readonly RegisterRow[],
  reportedElsewhere: ReadonlySet<string>,
  catchment: (institution: RegisterRow) => number,
  placeName: (code: string) => string,
): StatsOverview['reportingDelay'] {
  const institutions = new Map(register.map((i) => [i.id, i]));
  const typeOf = (group: ReporterGroup): OrgType | null =>
    (group.institutionId ? institutions.get(group.institutionId)?.type : undefined) ??
    group.reporterOrgType;
  const filed = byReporter.filter((group) => typeOf(group) !== null);
  const types = [...new Set(filed.map((group) => typeOf(group)!))].sort();
  const named = byReporter.filter((group) => group.reporterKnown);
  const own = register.filter((i) => named.some((group) => group.institutionId === i.id));
  return {
    all: delayFigure(filed),
    byType: types.map((type) => ({
      type,
      ...delayFigure(filed.filter((group) => typeOf(group) === type)),
    })),
    byInstitution: own
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
      .map((i) => ({
        institutionId: i.id,
        name: i.name,
        type: i.type,
        ...delayFigure(named.filter((group) => group.institutionId === i.id)),
      })),
    silent: silentCandidates(byReporter, candidates, reportedElsewhere)
      .map((i) => ({ institution: i, reportsFromCatchment: catchment(i) }))
      .filter(({ reportsFromCatchment }) => reportsFromCatchment > 0)
      .sort(
        (a, b) =>
          b.reportsFromCatchment - a.reportsFromCatchment ||
          a.institution.name.localeCompare(b.institution.name, 'zh-CN'),
      )
      .map(({ institution, reportsFromCatchment }) => ({
        institutionId: institution.id,
        name: institution.name,
        type: institution.type,
        divisionCode: institution.divisionCode,
        placeName: placeName(institution.divisionCode),
        reportsFromCatchment,
      })),
  };
}

/**
 * The candidates that filed no report of their own in the period: none among `byReporter` (the
 * scope's) nor in `reportedElsewhere`. Only these are counted for the silent list.
 */
export function silentCandidates(
  byReporter: readonly Pick<ReporterGroup, 'institutionId'>[],
  candidates: readonly RegisterRow[],
  reportedElsewhere: ReadonlySet<string>,
): RegisterRow[] {
  const reported = new Set(byReporter.map((group) => group.institutionId));
  return candidates.filter((i) => !reportedElsewhere.has(i.id) && !reported.has(i.id));
}

/** Ratings of the period: 1–5 each, and whether a low one was reviewed. */
export function satisfactionFigures(
  ratings: readonly { score: number; reviewed: boolean }[],
): StatsOverview['satisfaction'] {
  const low = ratings.filter((r) => r.score <= LOW_SCORE_MAX);
  const sum = ratings.reduce((total, r) => total + r.score, 0);
  return {
    rated: ratings.length,
    meanScore: ratings.length === 0 ? null : Math.round((sum / ratings.length) * 100) / 100,
    lowShare: share(low.length, ratings.length),
    reviewed: low.filter((r) => r.reviewed).length,
  };
}
