// Types for stats.js, so the unit test (TypeScript) can import it.
export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}
export interface Budget {
  on: 'median' | 'p95' | 'ratio' | 'value' | 'overFloor';
  op: '<' | '<=';
  limit: number;
}
export interface Row {
  bench: string;
  name: string;
  unit: string;
  n?: number;
  median?: number;
  p95?: number;
  floor?: number;
  ratio?: number;
  budget?: Budget & { text: string };
  ok?: boolean;
  note?: string;
}
export function percentile(samples: number[], fraction: number): number;
export function median(samples: number[]): number;
export function p95(samples: number[]): number;
export function slope(series: number[]): number;
export function summarize(samples: number[]): Summary;
export function makeRow(input: {
  bench: string;
  name: string;
  unit?: string;
  samples?: number[];
  floorSamples?: number[];
  value?: number;
  budget?: Budget;
  note?: string;
}): Row;
export function budgetText(budget: Budget, unit: string): string;
export function formatNumber(value: number | undefined, unit?: string): string;
