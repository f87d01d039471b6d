// Statistics and the verdict of one benchmark row. Every figure is a median (or a percentile)
// over repeats, and is compared with a floor measured in the same run, because a single timing
// on a shared machine says little and a ratio travels from machine to machine.

/** The value below which `fraction` of the samples lie (nearest rank: always a measured value). */
export function percentile(samples, fraction) {
  if (!Array.isArray(samples) || samples.length === 0) throw new Error('percentile of no samples');
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`percentile fraction must be 0–1, got ${fraction}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1];
}

/** The middle sample, or the mean of the two middle ones. */
export function median(samples) {
  if (!Array.isArray(samples) || samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function p95(samples) {
  return percentile(samples, 0.95);
}

/**
 * The least-squares slope of a series taken at equal steps (per step): how fast it grows, from
 * every point rather than from the first and the last alone, so one noisy reading moves it little.
 */
export function slope(series) {
  if (!Array.isArray(series) || series.length < 2) throw new Error('slope of fewer than two points');
  const n = series.length;
  const meanX = (n - 1) / 2;
  const meanY = series.reduce((sum, y) => sum + y, 0) / n;
  let num = 0;
  let den = 0;
  series.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
}

/** Median, p95, count and extremes of one series. */
export function summarize(samples) {
  return {
    n: samples.length,
    median: median(samples),
    p95: p95(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}

const COMPARE = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
};

/**
 * One row of the table. `budget` (optional) is `{ on, op, limit }`: `on` names the figure it
 * applies to ('median', 'p95', 'ratio', 'value', or 'overFloor': the median less the floor's,
 * what Story Bank adds to work that has a fixed cost of its own), `op` is '<' or '<='. A row
 * without a budget is shown for context only.
 */
export function makeRow({ bench, name, unit = 'ms', samples, floorSamples, value, budget, note }) {
  const stats = samples ? summarize(samples) : null;
  const floor = floorSamples ? median(floorSamples) : undefined;
  const center = stats ? stats.median : value;
  const ratio = floor !== undefined && floor > 0 && center !== undefined ? center / floor : undefined;
  const overFloor = floor !== undefined && center !== undefined ? center - floor : undefined;
  const figures = { median: stats?.median, p95: stats?.p95, ratio, value: value ?? stats?.median, overFloor };
  let ok;
  if (budget) {
    if (!COMPARE[budget.op]) throw new Error(`unknown budget operator ${budget.op}`);
    const measured = figures[budget.on];
    if (measured === undefined) throw new Error(`${name}: the budget is on ${budget.on}, which this row lacks`);
    ok = COMPARE[budget.op](measured, budget.limit);
  }
  return {
    bench,
    name,
    unit,
    n: stats?.n,
    median: stats?.median ?? value,
    p95: stats?.p95,
    floor,
    ratio,
    budget: budget ? { ...budget, text: budgetText(budget, unit) } : undefined,
    ok,
    ...(note ? { note } : {}),
  };
}

export function budgetText(budget, unit) {
  const op = budget.op === '<=' ? '≤' : '<';
  if (budget.on === 'ratio') return `ratio ${op} ${budget.limit}`;
  if (budget.on === 'overFloor') return `median − floor ${op} ${budget.limit} ${unit}`;
  const label = budget.on === 'value' ? '' : `${budget.on} `;
  return `${label}${op} ${budget.limit}${unit === '%' ? '%' : ` ${unit}`}`;
}

/** A number as the table shows it: three significant figures, no exponent. */
export function formatNumber(value, unit = '') {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = value.toFixed(digits);
  return unit === '%' ? `${text}%` : unit ? `${text} ${unit}` : text;
}
