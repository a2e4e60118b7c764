import {
  CHANNEL_LABELS,
  CLOCK_LABELS,
  SHOWN_DURATION_STEPS,
  STATS_CLOCK_LABELS,
  TOWNSHIP_CODE_LENGTH,
  VILLAGE_CODE_LENGTH,
  placeBreakdown,
  type ClockFigure,
  type ClockName,
  type ClockResult,
  type StatsClock,
  type StatsOverview,
} from '@shouhu/shared';

/** The clocks of an order, named as the order page names them; 走访 for a visit due. */
export function clockLabel(clock: StatsClock): string {
  return clock === 'visit' ? STATS_CLOCK_LABELS.visit : CLOCK_LABELS[clock];
}

/** Only an order's clock has orders behind it to open. */
export function isOrderClock(clock: StatsClock): clock is ClockName {
  return clock !== 'visit';
}

export const channelLabel = (channel: keyof typeof CHANNEL_LABELS) => CHANNEL_LABELS[channel];

/** A time as people say it, in the steps of `SHOWN_DURATION_STEPS`: 42分钟, 2.5小时, 3.0天. */
export function durationText(minutes: number | null): string {
  if (minutes === null) return '—';
  const [inMinutes, inHours] = SHOWN_DURATION_STEPS;
  if (minutes < inMinutes.below) return `${Math.round(minutes)}分钟`;
  if (minutes < inHours.below) return `${(minutes / 60).toFixed(1)}小时`;
  return `${(minutes / 1440).toFixed(1)}天`;
}

export const hoursText = (hours: number | null) => durationText(hours === null ? null : hours * 60);

/**
 * The result the drill-down opens on: the first that has orders, the worst first (a coordinator
 * taps a unit to see what went wrong); 按时 when nothing did.
 */
export function firstResult(figure: ClockFigure): ClockResult {
  const worstFirst: [ClockResult, number][] = [
    ['escalated', figure.escalated],
    ['overdue', figure.overdue],
    ['late', figure.late],
    ['interrupted', figure.interrupted],
  ];
  return worstFirst.find(([, count]) => count > 0)?.[0] ?? 'on_time';
}

/** Each unit's figure of one clock, the units with most clocks first. */
export function unitsOfClock(clocks: readonly ClockFigure[], clock: StatsClock): ClockFigure[] {
  return clocks.filter((c) => c.clock === clock).sort((a, b) => b.total - a.total);
}

const PLACE_CHARTS = {
  township: { title: '各乡镇报告数', digits: TOWNSHIP_CODE_LENGTH, vague: '未写到乡镇' },
  village: { title: '各村（社区）报告数', digits: VILLAGE_CODE_LENGTH, vague: '未写到村' },
};

/**
 * The reports by place the figures' scope breaks into (`placeBreakdown`): the townships of a
 * county, the villages of a township; none for a village, which is one place. Reports placed less
 * precisely than the chart's places (only the county, only the township) say so in their label,
 * and beside their bar, where the place's own name would pass for one of the chart's places.
 */
export function placeChart(
  figures: StatsOverview,
): { title: string; places: { label: string; short?: string; count: number }[] } | null {
  const breakdown = placeBreakdown(figures.divisionCode);
  if (!breakdown) return null;
  const { title, digits, vague } = PLACE_CHARTS[breakdown];
  const counts = breakdown === 'village' ? figures.reports.byVillage : figures.reports.byTownship;
  return {
    title,
    places: counts.map((place) =>
      place.divisionCode.length < digits
        ? { label: `${place.placeName}（${vague}）`, short: vague, count: place.count }
        : { label: place.placeName, count: place.count },
    ),
  };
}
