import { divisionLevel, type DivisionLevel } from '@shouhu/shared';

/** The whole of a place and the places it is made of, as a filter offers it. */
const WHOLE: Record<DivisionLevel, { whole: string; parts: string }> = {
  province: { whole: '全省', parts: '全部市' },
  city: { whole: '全市', parts: '全部县、区' },
  county: { whole: '全县', parts: '全部乡镇' },
  township: { whole: '全镇', parts: '全部村' },
  // A village unit of more than one village (a single one has nothing to choose).
  village: { whole: '全部', parts: '本单位的村' },
};

/**
 * What a place filter calls “all of it” for a worker whose unit holds `prefixes`, by the widest
 * of them: 全县（全部乡镇） for a county's coordinator, 全镇（全部村） for a township's supervisor.
 * `whole` alone is the first step of the filter's path (全县 › 泗城镇).
 */
export function wholeScope(prefixes: readonly string[]): { whole: string; label: string } {
  const widest = prefixes.reduce((a, b) => (b.length < a.length ? b : a), prefixes[0] ?? '');
  const { whole, parts } = WHOLE[divisionLevel(widest)];
  return { whole, label: `${whole}（${parts}）` };
}
