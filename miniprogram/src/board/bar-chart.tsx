import { useEffect, useRef } from 'react';
import Taro from '@tarojs/taro';
import { Canvas as MiniCanvas, Text, View } from '@tarojs/components';
import { Axis, Canvas, Chart, Interval, jsx } from '@antv/f2';
import type { ValueScale } from './board-scales';

export interface Bar {
  label: string;
  /** null: nothing to measure (no bar, and the table says so). */
  value: number | null;
  /** Opens the orders behind the bar. */
  onTap?: () => void;
}

interface BarChartProps {
  /** Unique on the page: the mini-program finds its canvas by id. */
  id: string;
  bars: Bar[];
  color: string;
  /** The value axis: whole numbers for counts, 0–100 % for rates (board-scales). */
  scale: ValueScale;
  /** How a value is written in the table under the chart. */
  format: (value: number | null) => string;
}

const HEIGHT = 200;

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
function surface(id: string): Promise<DrawingSurface | null> {
  const pixelRatio = Taro.getSystemInfoSync().pixelRatio || 2;
  if (process.env.TARO_ENV === 'h5') {
    const canvas = document.getElementById(id) as HTMLCanvasElement | null;
    if (!canvas) return Promise.resolve(null);
    const width = canvas.clientWidth;
    canvas.width = width * pixelRatio;
    canvas.height = HEIGHT * pixelRatio;
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
        found.node.height = HEIGHT * pixelRatio;
        const context = found.node.getContext('2d');
        resolve(context ? { context, width: found.width, pixelRatio } : null);
      }),
  );
}

/**
 * A bar chart drawn by F2, with the same numbers as a table underneath: readable without the
 * picture, and the chart can never be the only place a number is.
 */
export function BarChart({ id, bars, color, scale, format }: BarChartProps) {
  const chart = useRef<Canvas | null>(null);
  // Redraw when the numbers change, not whenever the page re-renders with an equal list.
  const drawn = JSON.stringify(bars.map(({ label, value }) => ({ label, value })));

  useEffect(() => {
    let cancelled = false;
    void Taro.nextTick(async () => {
      const found = await surface(id);
      if (!found || cancelled) return;
      const root = element(
        Canvas,
        {
          context: found.context,
          pixelRatio: found.pixelRatio,
          width: found.width,
          height: HEIGHT,
        },
        element(
          Chart,
          {
            data: bars.map((bar) => ({ label: bar.label, value: bar.value ?? 0 })),
            scale: {
              value: {
                min: scale.min,
                max: scale.max,
                ticks: scale.ticks,
                nice: false,
                formatter: scale.format,
              },
            },
          },
          element(Axis, { field: 'label', style: { label: { fontSize: 12 } } }),
          element(Axis, {
            field: 'value',
            formatter: scale.format,
            style: { label: { fontSize: 12 } },
          }),
          element(Interval, {
            x: 'label',
            y: 'value',
            color,
            animation: { appear: { duration: 0 }, update: { duration: 0 } },
          }),
        ),
      );
      chart.current?.destroy();
      chart.current = new Canvas(root.props);
      await chart.current.render();
    });
    return () => {
      cancelled = true;
    };
    // `drawn` stands for `bars`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, drawn, color, scale.max]);

  useEffect(() => () => chart.current?.destroy(), []);

  return (
    <View className="bar-chart">
      {process.env.TARO_ENV === 'h5' ? (
        <canvas id={id} className="bar-chart-canvas" style={{ width: '100%', height: HEIGHT }} />
      ) : (
        <MiniCanvas
          id={id}
          type="2d"
          className="bar-chart-canvas"
          style={{ width: '100%', height: `${HEIGHT}px` }}
        />
      )}
      <View className="bar-table">
        {bars.map((bar) => (
          <View
            key={bar.label}
            className={`bar-row ${bar.onTap ? 'bar-row-link' : ''}`}
            onClick={bar.onTap}
          >
            <Text className="bar-label">{bar.label}</Text>
            <Text className="bar-value">
              {format(bar.value)}
              {bar.onTap ? ' ›' : ''}
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}
