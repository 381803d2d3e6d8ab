import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Timing {
  label: string;
  seconds: number;
}

export interface BenchResult {
  /** Stable id, e.g. 'registry.import'. */
  name: string;
  /** What was measured, in words. */
  description: string;
  /** The figure itself (seconds, rows/s, ms …) and its unit. */
  figure: number;
  unit: string;
  /** The raw-SQL floor measured in the same run, in the same unit. */
  floor: number;
  /** figure / floor for times (lower is better); floor / figure for throughputs is stated in `ratioMeaning`. */
  ratio: number;
  ratioMeaning: string;
  target?: string;
  isTargetMet?: boolean;
  /** Scale and anything a reader needs to trust the figure. */
  context: Record<string, unknown>;
}

const RESULTS_FILE = new URL('./results/latest.json', import.meta.url).pathname;

/** Times one async step with the monotonic clock. */
export async function measure(label: string, step: () => Promise<unknown>): Promise<Timing> {
  const start = performance.now();
  await step();
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(`  ${label}: ${seconds.toFixed(3)} s\n`);
  return { label, seconds };
}

/** p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Prints a result and merges it into bench/results/latest.json (keyed by name). */
export function recordResult(result: BenchResult): void {
  const line = `${result.name}: ${formatNumber(result.figure)} ${result.unit} | floor ${formatNumber(result.floor)} ${result.unit} | ratio ${result.ratio.toFixed(2)} (${result.ratioMeaning})${result.target ? ` | target ${result.target}: ${result.isTargetMet ? 'met' : 'NOT met'}` : ''}`;
  process.stdout.write(`${line}\n`);
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  const existing: { generatedAt?: string; results: Record<string, BenchResult & { measuredAt: string }> } =
    fs.existsSync(RESULTS_FILE) ? JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) : { results: {} };
  existing.results[result.name] = { ...result, measuredAt: new Date().toISOString() };
  existing.generatedAt = new Date().toISOString();
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(existing, null, 2)}\n`);
}

function formatNumber(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(3);
}
