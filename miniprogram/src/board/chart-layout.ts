/**
 * Where a bar chart's bars stand on a phone. Names (units, townships, villages) lie along the
 * side, one bar to a row, so a long name is read whole and a row is a thumb's height; a sequence
 * of days or months stands along the bottom.
 */

/** One bar's row, in CSS pixels: a comfortable tap and a line of 12 px text. */
export const ROW_HEIGHT = 36;
/** A sequence's chart, and what a chart of names keeps for its value axis and margins. */
export const SEQUENCE_HEIGHT = 200;
const AXIS_ROOM = 50;
/** A name under this many characters is written whole beside its bar; the table has it whole. */
export const AXIS_NAME_CHARS = 8;

export function chartHeight(bars: number, sideways: boolean): number {
  return sideways ? Math.max(bars, 2) * ROW_HEIGHT + AXIS_ROOM : SEQUENCE_HEIGHT;
}

/** A name beside its bar: whole up to `AXIS_NAME_CHARS`, else cut short with “…”. */
export function axisName(name: string): string {
  const chars = Array.from(name);
  return chars.length <= AXIS_NAME_CHARS
    ? name
    : `${chars.slice(0, AXIS_NAME_CHARS - 1).join('')}…`;
}

/** The plot F2 laid out (its coordinate box), in CSS pixels from the canvas's top left. */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Band {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The band of each bar, first bar first, for the taps laid over the canvas: the plot split
 * evenly (F2 gives each category an equal band). Sideways, a band is the bar's whole row, its name
 * included (`canvasWidth`); upright, the bar's column of the plot.
 */
export function barBands(
  plot: PlotBox,
  bars: number,
  sideways: boolean,
  canvasWidth: number,
): Band[] {
  return Array.from({ length: bars }, (_, i) =>
    sideways
      ? {
          left: 0,
          top: plot.top + (plot.height / bars) * i,
          width: canvasWidth,
          height: plot.height / bars,
        }
      : {
          left: plot.left + (plot.width / bars) * i,
          top: plot.top,
          width: plot.width / bars,
          height: plot.height,
        },
  );
}
