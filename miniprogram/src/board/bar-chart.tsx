import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Canvas as MiniCanvas, Text, View } from '@tarojs/components';
import { Axis, Canvas, Chart, Interval, TextGuide, createRef, jsx } from '@antv/f2';
import { barHeight, type ValueScale } from './board-scales';
import { axisName, barBands, chartHeight, type PlotBox } from './chart-layout';

export interface Bar {
  /** The bar's name in the table, and under the bar unless `short` is given. */
  label: string;
  /** Under the bar, where a phone has room for a few characters: 12/3 for 12月3日. */
  short?: string;
  /** null: nothing to measure (no bar, and the table says so). */
  value: number | null;
  /** Opens the orders behind the bar, from the bar and from its row of the table. */
  onTap?: () => void;
  /** Lines under the bar's row of the table: what else is known of it, in words. */
  detail?: readonly string[];
}

interface BarChartProps {
  /** Unique on the page: the mini-program finds its canvas by id. */
  id: string;
  bars: Bar[];
  color: string;
  /** The value axis: whole numbers for counts, 0–100 % for rates (board-scales). */
  scale: ValueScale;
  /** How a value is written in the table under the chart, and over its bar when `labelled`. */
  format: (value: number | null) => string;
  /**
   * Each bar carries its value, and a measured value is never drawn as nothing (`barHeight`): for
   * a few bars that are read one by one, such as the units' on-time shares.
   */
  labelled?: boolean;
  /**
   * The bars are a sequence (days, weeks, months): they stand along the bottom, and where their
   * labels do not fit some are left out. Otherwise they are names, each bar on its own row with its
   * name beside it (`chart-layout`).
   */
  sequence?: boolean;
}

const FONT_SIZE = 12;
/**
 * F2 writes its own sizes (paddings, lines) in pixels of a 750-wide design, which it scales by the
 * page's root font size: Taro's H5 sets that for its rem, the mini-program has none, so the same
 * chart came out at two sizes. Half, as on a 375-wide phone, on both.
 */
const px2hd = (px: number) => px / 2;

/**
 * F2's element factory, typed loosely: its declared types expect F2's own JSX setup, which this
 * React file cannot use; F2 checks the props itself when it renders.
 */
const element = jsx as unknown as (
  type: unknown,
  props: Record<string, unknown>,
  ...children: unknown[]
) => { props: ConstructorParameters<typeof Canvas>[0] };

interface DrawingSurface {
  context: CanvasRenderingContext2D;
  width: number;
  pixelRatio: number;
}

/** H5 draws on a DOM canvas; WeChat on its 2d canvas node, found after the page has laid out. */
function surface(id: string, height: number): Promise<DrawingSurface | null> {
  const pixelRatio = Taro.getSystemInfoSync().pixelRatio || 2;
  if (process.env.TARO_ENV === 'h5') {
    const canvas = document.getElementById(id) as HTMLCanvasElement | null;
    if (!canvas) return Promise.resolve(null);
    const width = canvas.clientWidth;
    canvas.width = width * pixelRatio;
    canvas.height = height * pixelRatio;
    const context = canvas.getContext('2d');
    return Promise.resolve(context ? { context, width, pixelRatio } : null);
  }
  return new Promise((resolve) =>
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((result: { node?: HTMLCanvasElement; width?: number }[]) => {
        const found = result[0];
        if (!found?.node || !found.width) return resolve(null);
        found.node.width = found.width * pixelRatio;
        found.node.height = height * pixelRatio;
        const context = found.node.getContext('2d');
        resolve(context ? { context, width: found.width, pixelRatio } : null);
      }),
  );
}

/** The one F2 canvas of a chart, on its surface, and the height it was last drawn at. */
interface Drawing {
  canvas: Canvas;
  surface: DrawingSurface;
  height: number;
}

const canvasProps = (found: DrawingSurface, height: number) => ({
  context: found.context,
  pixelRatio: found.pixelRatio,
  width: found.width,
  height,
  animate: false,
  px2hd,
});

/** Where each bar is: its value written at its end, sideways or upright. */
function valueLabel(sideways: boolean) {
  return sideways
    ? { offsetX: 4, style: { textAlign: 'start', textBaseline: 'middle' } }
    : { offsetY: -4, style: { textAlign: 'center', textBaseline: 'bottom' } };
}

/**
 * A bar chart drawn by F2, with the same numbers as a table underneath: readable without the
 * picture, and the chart can never be the only place a number is. A bar with `onTap` is tapped
 * through a transparent band laid over it (a canvas has no taps of its own in the mini-program),
 * as its row of the table is.
 */
export function BarChart({
  id,
  bars,
  color,
  scale,
  format,
  labelled = false,
  sequence = false,
}: BarChartProps) {
  const sideways = !sequence;
  const height = chartHeight(bars.length, sideways);
  // One F2 canvas for the chart's life, updated with each new set of bars: a new canvas on the
  // same element for each set left the old picture up after a period changed.
  const drawing = useRef<Promise<Drawing | null> | null>(null);
  const [plot, setPlot] = useState<{ box: PlotBox; width: number } | null>(null);
  // Redraw when the numbers change, not whenever the page re-renders with an equal list.
  const drawn = JSON.stringify(bars.map(({ label, short, value }) => [label, short, value]));

  useEffect(() => {
    let live = true;
    drawing.current ??= new Promise((resolve) =>
      Taro.nextTick(() =>
        surface(id, height).then((found) =>
          resolve(
            found && { canvas: new Canvas(canvasProps(found, height)), surface: found, height },
          ),
        ),
      ),
    );
    void drawing.current.then(async (current) => {
      if (!current || !live) return;
      if (current.height !== height) {
        current.height = height;
        await current.canvas.resize(current.surface.width, height);
      }
      const chart = createRef();
      const keys = bars.map((_, i) => String(i));
      const half = 1 / (2 * Math.max(bars.length, 1));
      await current.canvas.update({
        ...canvasProps(current.surface, height),
        children: element(
          Chart,
          {
            ref: chart,
            data: bars.map((bar, i) => ({
              key: keys[i],
              value: barHeight(bar.value, scale, labelled),
            })),
            coord: { transposed: sideways },
            // Room at the end of the longest bar for its value.
            style: labelled ? { padding: [15, 40, 15, 15] } : undefined,
            scale: {
              // Sideways, the first bar on top, as in the table.
              key: sideways ? { values: keys, range: [1 - half, half] } : { values: keys },
              value: {
                min: scale.min,
                max: scale.max,
                ticks: scale.ticks,
                nice: false,
                formatter: scale.format,
              },
            },
          },
          element(Axis, {
            field: 'key',
            formatter: (key: string) => {
              const bar = bars[Number(key)];
              if (!bar) return '';
              return bar.short ?? (sideways ? axisName(bar.label) : bar.label);
            },
            // F2 measures the room between the first two labels: with one bar there is none.
            labelAutoHide: !sideways && bars.length > 1,
            style: { label: { fontSize: FONT_SIZE } },
          }),
          element(Axis, {
            field: 'value',
            formatter: scale.format,
            style: { label: { fontSize: FONT_SIZE } },
          }),
          element(Interval, { x: 'key', y: 'value', color }),
          ...(labelled
            ? bars.map((bar, i) => {
                const place = valueLabel(sideways);
                return element(TextGuide, {
                  records: [{ key: keys[i], value: barHeight(bar.value, scale, true) }],
                  content: format(bar.value),
                  ...place,
                  style: { ...place.style, fill: '#1d2129', fontSize: FONT_SIZE },
                });
              })
            : []),
        ),
      });
      const coord = (chart.current as Chart | null)?.getCoord();
      if (live && coord) {
        const { left, top, width, height: plotHeight } = coord;
        setPlot({ box: { left, top, width, height: plotHeight }, width: current.surface.width });
      }
    });
    return () => {
      live = false;
    };
    // `drawn` stands for `bars`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, drawn, color, scale.max, labelled, sideways, height]);

  useEffect(() => () => void drawing.current?.then((current) => current?.canvas.destroy()), []);

  const bands = plot ? barBands(plot.box, bars.length, sideways, plot.width) : [];
  return (
    <View className="bar-chart">
      <View className="bar-chart-plot">
        {process.env.TARO_ENV === 'h5' ? (
          <canvas id={id} className="bar-chart-canvas" style={{ width: '100%', height }} />
        ) : (
          <MiniCanvas
            id={id}
            type="2d"
            className="bar-chart-canvas"
            style={{ width: '100%', height: `${height}px` }}
          />
        )}
        {bands.map((band, i) => (
          <View
            key={i}
            className={`bar-hit ${bars[i]?.onTap ? 'bar-hit-link' : ''}`}
            style={{
              left: `${band.left}px`,
              top: `${band.top}px`,
              width: `${band.width}px`,
              height: `${band.height}px`,
            }}
            onClick={bars[i]?.onTap}
          />
        ))}
      </View>
      <View className="bar-table">
        {bars.map((bar) => (
          <View key={bar.label} className={bar.detail ? 'bar-entry' : undefined}>
            <View className={`bar-row ${bar.onTap ? 'bar-row-link' : ''}`} onClick={bar.onTap}>
              <Text className="bar-label">{bar.label}</Text>
              <Text className="bar-value">
                {format(bar.value)}
                {bar.onTap ? ' ›' : ''}
              </Text>
            </View>
            {bar.detail && (
              <View className="bar-detail" onClick={bar.onTap}>
                {bar.detail.map((line) => (
                  <Text key={line} className="bar-detail-line">
                    {line}
                  </Text>
                ))}
              </View>
            )}
          </View>
        ))}
      </View>
    </View>
  );
}
