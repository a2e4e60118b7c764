import { divisionLevel, type DivisionLevel } from '@shouhu/shared';

/** The whole of a place and the places it is made of, as a filter offers it. */
const WHOLE: Record<DivisionLevel, { whole: string; parts: string; field: string }> = {
  province: { whole: '全省', parts: '全部市', field: '市、县（区）、乡镇、村' },
  city: { whole: '全市', parts: '全部县、区', field: '县（区）、乡镇、村' },
  county: { whole: '全县', parts: '全部乡镇', field: '乡镇、村（社区）' },
  township: { whole: '全镇', parts: '全部村', field: '村（社区）' },
  // A village unit of more than one village (a single one has nothing to choose).
  village: { whole: '全部', parts: '本单位的村', field: '村（社区）' },
};

/**
 * What a place filter calls “all of it” for a worker whose unit holds `prefixes`, by the widest
 * of them: 全县（全部乡镇） for a county's coordinator, 全镇（全部村） for a township's supervisor.
 * `whole` alone is the first step of the filter's path (全县 › 泗城镇).
 */
export function wholeScope(prefixes: readonly string[]): {
  whole: string;
  label: string;
  /** The filter's heading: the levels it chooses among (乡镇、村（社区） for a county). */
  field: string;
} {
  const widest = prefixes.reduce((a, b) => (b.length < a.length ? b : a), prefixes[0] ?? '');
  const { whole, parts, field } = WHOLE[divisionLevel(widest)];
  return { whole, label: `${whole}（${parts}）`, field };
}
