/** What F2 needs for the value axis: its range, its ticks, and how a tick is written. */
export interface ValueScale {
  min: number;
  max: number;
  ticks: number[];
  format: (value: number) => string;
}

/** At most this many steps on an axis: five lines fit a phone's chart. */
const MAX_STEPS = 4;

/**
 * Counts are whole: the axis steps by whole numbers (never 0.5 件), from 0 to the first multiple of
 * the step at or above the largest count, and at least to 1 so an all-zero chart still has an axis.
 */
export function countScale(values: readonly (number | null)[]): ValueScale {
  const largest = Math.max(1, ...values.map((v) => v ?? 0));
  const step = Math.ceil(largest / MAX_STEPS);
  const max = Math.ceil(largest / step) * step;
  const ticks = Array.from({ length: max / step + 1 }, (_, i) => i * step);
  return { min: 0, max, ticks, format: String };
}

/** A rate is read against the whole: 0 % to 100 %, always, in quarters. */
export function rateScale(): ValueScale {
  return { min: 0, max: 1, ticks: [0, 0.25, 0.5, 0.75, 1], format: percent };
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** How a rate is written in the table: “—” where nothing fell due, not a flattering 100 %. */
export function rateText(value: number | null): string {
  return value === null ? '—' : percent(value);
}

/** The shortest bar drawn for a measured value, as a share of the axis: about 3 px on a phone. */
export const SLIVER = 0.02;

/**
 * How tall a bar is drawn: its value; nothing for null (nothing measured); and, where bars are
 * labelled (`sliver`), at least a sliver for a measured value, so a unit at 0 % shows a bar
 * labelled 0 % rather than an empty place that reads like no figure.
 */
export function barHeight(value: number | null, scale: ValueScale, sliver: boolean): number {
  if (value === null) return scale.min;
  return sliver ? Math.max(value, scale.min + (scale.max - scale.min) * SLIVER) : value;
}
