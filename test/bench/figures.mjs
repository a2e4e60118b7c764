// The arithmetic and the wording of the bench's figures: percentiles of latencies, rates, ratios
// within one run, the goals, and the one markdown table `npm run bench` prints.

/** The value below which `p` % of `values` lie (nearest rank, as test/support/faults.ts); NaN for none. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** p50, p99 and max of latencies in ms, and how many there were. */
export function latencies(values) {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.length === 0 ? NaN : Math.max(...values),
  };
}

/** `a / b`, NaN when either is missing or `b` is 0 (a ratio of nothing says nothing). */
export function ratio(a, b) {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN;
}

const DASH = '–';

/** Milliseconds as people read them: one decimal under 10 ms, whole above; a dash for none. */
export function ms(value) {
  if (!Number.isFinite(value)) return DASH;
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value).toLocaleString('en-US')} ms`;
}

/** Seconds with one decimal. */
export function seconds(valueMs) {
  return Number.isFinite(valueMs) ? `${(valueMs / 1000).toFixed(1)} s` : DASH;
}

/** A whole number with thousands separators (1,000,000). */
export function count(value) {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : DASH;
}

/** A rate per second, whole. */
export function perSecond(value, unit = '/s') {
  return Number.isFinite(value) ? `${count(value)}${unit}` : DASH;
}

/** A ratio with two decimals (0.21), or `2.3×` with `times`. */
export function times(value, { suffix = '' } = {}) {
  return Number.isFinite(value) ? `${value.toFixed(2)}${suffix}` : DASH;
}

/** A share as a percentage with one decimal. */
export function share(part, whole) {
  const value = ratio(part, whole);
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)} %` : DASH;
}

/** MB with one decimal; KB below 1 MB. */
export function bytes(value) {
  if (!Number.isFinite(value)) return DASH;
  return value < 1024 * 1024
    ? `${(value / 1024).toFixed(1)} KB`
    : `${(value / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * An issue goal checked against a measured value: `at most` (latency) or `at least` (throughput,
 * ratio). `met` is null when nothing was measured.
 * @param {'at most' | 'at least'} direction
 */
export function goal(value, direction, target, text) {
  const met = Number.isFinite(value)
    ? direction === 'at most'
      ? value <= target
      : value >= target
    : null;
  return { text, met };
}

const COLUMNS = ['section', 'figure', 'value', 'ratio', 'goal'];

function goalCell(row) {
  if (!row.goal) return '';
  const mark = row.goal.met === null ? '?' : row.goal.met ? 'met' : 'not met';
  return `${row.goal.text}: ${mark}`;
}

function escape(cell) {
  return String(cell ?? '').replaceAll('|', '\\|');
}

/**
 * The closing table: one row per figure, `{ section, figure, value, ratio?, goal? }`, the
 * section named on its first row only. Markdown, so README and the issue can quote it.
 */
export function markdownTable(rows) {
  const lines = [`| ${COLUMNS.join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`];
  let section = null;
  for (const row of rows) {
    const cells = [
      row.section === section ? '' : row.section,
      row.figure,
      row.value,
      row.ratio ?? '',
      goalCell(row),
    ];
    section = row.section;
    lines.push(`| ${cells.map(escape).join(' | ')} |`);
  }
  return lines.join('\n');
}
