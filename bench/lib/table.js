// The results as an aligned plain-text table (the terminal) and as markdown (docs/performance.md).
import { formatNumber } from './stats.js';

const HEADERS = ['benchmark', 'median', 'p95', 'floor', 'ratio', 'budget', 'result'];

function cells(row) {
  return [
    row.name,
    formatNumber(row.median, row.unit),
    formatNumber(row.p95, row.unit),
    formatNumber(row.floor, row.unit),
    row.ratio === undefined ? '—' : `${formatNumber(row.ratio)}×`,
    row.budget?.text ?? '—',
    row.ok === undefined ? 'info' : row.ok ? 'ok' : 'OVER',
  ];
}

export function textTable(rows) {
  const lines = [HEADERS, ...rows.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  const numeric = new Set([1, 2, 3, 4]);
  const format = (line) =>
    line.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [
    format(HEADERS),
    rule,
    ...rows.map((row) => format(cells(row)) + (row.ok === false ? '   <<< OVER BUDGET' : '')),
  ].join('\n');
}

export function markdownTable(rows) {
  const escape = (text) => text.replace(/\|/g, '\\|');
  const lines = [
    `| ${HEADERS.join(' | ')} |`,
    `|${HEADERS.map((_, i) => (i === 0 || i >= 5 ? '---' : '---:')).join('|')}|`,
  ];
  for (const row of rows) {
    const line = cells(row).map(escape);
    if (row.ok === false) line[6] = '**OVER**';
    lines.push(`| ${line.join(' | ')} |`);
  }
  return lines.join('\n');
}
