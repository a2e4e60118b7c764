import {
  CHILD_CATEGORIES,
  CHILD_CATEGORY_LABELS,
  CLOCKS,
  CLOCK_LABELS,
  DROPOUT_STATES,
  DROPOUT_STATE_LABELS,
  SITUATION_CATEGORIES,
  SITUATION_CATEGORY_SHORT_LABELS,
  situation,
  type StatsClock,
} from '@shouhu/shared';
import { clockTallyOf, type ClockEndCount, type ClockTally } from '../stats/figures';
import type { HalfYear } from './half-years';
import type { LedgerChildFile, LedgerReport } from './ledger.repository';
import type { Cell, LedgerOrder } from './ledger-rows';

/**
 * What one half-year's figures read from the database rather than the rows: visits made, and
 * the clocks due in it (the order clocks, retired ones included, and the visits due), the same
 * clocks the stats repository reads for `GET /stats/overview`, counted by the database by what
 * `clockEnd` reads of them (a county's half-year is a million clocks: counted, not read).
 */
export interface HalfYearReads {
  visitsDone: number;
  clocks: readonly ClockEndCount[];
}

interface HalfFigures {
  reports: number;
  byCategory: Map<string, number>;
  resolvedOrders: number;
}

const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

/** A row of the summary sheet; `share`: its numbers are on-time shares (0–1), not counts. */
export interface SummaryRow {
  cells: Cell[];
  share: boolean;
}

/**
 * 半年汇总 (云溪区: 每半年…报): the half-years' report figures, tallied from the very rows the
 * 台账 lists as they stream past, so the summary and the rows agree (人账相符) and nothing is read
 * twice. Per half-year, of the reports submitted in it: how many, under each situation category
 * (a report counts once under each of its categories), their orders resolved. Of the files on the
 * register now: active children per category, dropouts per state. The clocks are counted as
 * `GET /stats/overview` counts them (`clockTallyOf`: clocks due in the half-year, a return or a
 * move neither kept nor missed), so the office reads the same share in both.
 */
export class HalfYearSummary {
  private readonly figures: HalfFigures[];
  private readonly filesByCategory = new Map<string, number>();
  private readonly dropouts = new Map<string, number>();

  constructor(private readonly halves: readonly HalfYear[]) {
    this.figures = halves.map(() => ({
      reports: 0,
      byCategory: new Map(),
      resolvedOrders: 0,
    }));
  }

  addReport(report: LedgerReport, orders: readonly LedgerOrder[]): void {
    const index = this.halves.findIndex(
      (half) => report.createdAt >= half.start && report.createdAt < half.end,
    );
    if (index < 0) return;
    const figures = this.figures[index];
    figures.reports += 1;
    new Set(report.situations.map((code) => situation(code).category)).forEach((category) =>
      count(figures.byCategory, category),
    );
    for (const { order } of orders) {
      if (order.status === 'resolved') figures.resolvedOrders += 1;
    }
  }

  addFile(file: LedgerChildFile): void {
    if (file.status === 'active') file.categories.forEach((c) => count(this.filesByCategory, c));
    if (file.dropoutState) count(this.dropouts, file.dropoutState);
  }

  /**
   * The sheet: a heading row (one column per half-year), the period figures, then the register
   * now. Shares are numbers 0–1 in rows marked `share` (the sheet shows them as percentages);
   * '—' when none counted. Every other number is a count.
   */
  rows(reads: readonly HalfYearReads[]): SummaryRow[] {
    const perHalf = (
      label: string,
      value: (f: HalfFigures, i: number) => Cell,
      share = false,
    ): SummaryRow => ({ cells: [label, ...this.figures.map(value)], share });
    const counts = (cells: Cell[]): SummaryRow => ({ cells, share: false });
    return [
      counts(['项目', ...this.halves.map((half) => half.label)]),
      perHalf('统计区间', (_f, i) => `${this.halves[i].from} 至 ${this.halves[i].to}`),
      perHalf('报告总数', (f) => f.reports),
      ...SITUATION_CATEGORIES.map((category) =>
        perHalf(
          `其中：${SITUATION_CATEGORY_SHORT_LABELS[category]}`,
          (f) => f.byCategory.get(category) ?? 0,
        ),
      ),
      perHalf('工单办结数', (f) => f.resolvedOrders),
      ...CLOCKS.map((clock) =>
        perHalf(
          `${CLOCK_LABELS[clock]}按时率`,
          (_f, i) => this.tally(reads[i], clock).onTimeShare ?? '—',
          true,
        ),
      ),
      perHalf('走访完成（次）', (_f, i) => reads[i].visitsDone),
      perHalf('走访逾期（次）', (_f, i) => this.tally(reads[i], 'visit').late),
      counts([]),
      counts(['截至导出时']),
      ...CHILD_CATEGORIES.map((category) =>
        counts([
          `在册儿童：${CHILD_CATEGORY_LABELS[category]}`,
          this.filesByCategory.get(category) ?? 0,
        ]),
      ),
      ...DROPOUT_STATES.map((state) =>
        counts([`控辍保学：${DROPOUT_STATE_LABELS[state]}`, this.dropouts.get(state) ?? 0]),
      ),
    ];
  }

  /** The half-year's clocks of one kind, tallied as the figures tally them. */
  private tally(reads: HalfYearReads, clock: StatsClock): ClockTally {
    return clockTallyOf(reads.clocks.filter((group) => group.clock === clock));
  }
}
