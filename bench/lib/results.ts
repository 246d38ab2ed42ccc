/**
 * Machine-readable bench results. Every bench prints its human output as before and, when
 * BENCH_RESULT_FILE names a file, also writes its headline figures there as a JSON array of
 * BenchResult (bench/run-all.ts collects them into bench/report.md and bench/report.svg).
 *
 * The targets are issue 23's, kept here so each bench's printed verdict and the report agree.
 */
import { writeFileSync } from 'node:fs';

export interface BenchResult {
  /** The hot path, e.g. "POST /node/search (mixed)"; one table row and one chart bar each. */
  path: string;
  /** What was measured, e.g. "throughput". */
  metric: string;
  /** Outpost's figure, in `unit`. */
  value: number;
  /** The raw baseline's figure from the same run, in `unit` (null: no baseline). */
  baseline: number | null;
  /** Outpost relative to the baseline, as the bench defines it (throughput value/baseline, time value/baseline). */
  ratio: number | null;
  unit: string;
  /** The threshold, on `ratio` (targetOn 'ratio') or on `value` (targetOn 'value'); null: informational. */
  target: number | null;
  targetOn: 'ratio' | 'value';
  /** 'higher': met when ≥ target; 'lower': met when ≤ target. */
  direction: 'higher' | 'lower';
  /** null when there is no target. */
  met: boolean | null;
  /** Extra facts for the report (e.g. "lost 0, gaps 0"). */
  note?: string;
  /** How to profile this path, when the bench has a switch for it. */
  profile?: string;
}

/** Issue 23's targets. */
export const TARGETS = {
  searchRatio: 0.8,
  startRatio: 1.1,
  consoleInProcessRatio: 0.9,
  consoleRedisRatio: 0.8,
  uploadRatio: 0.8,
  agentsCommandP50Ratio: 1.5,
  agentsCpuRatio: 1.3,
  backupRatio: 0.8,
  apiIdleMiB: 120,
  agentIdleMiB: 50,
} as const;

export function isMet(direction: 'higher' | 'lower', measured: number, target: number): boolean {
  if (!Number.isFinite(measured)) return false;
  return direction === 'higher' ? measured >= target : measured <= target;
}

/** A result whose target is on the ratio Outpost/baseline (or baseline/Outpost for times: pass `ratio`). */
export function ratioResult(r: {
  path: string;
  metric: string;
  value: number;
  baseline: number;
  unit: string;
  target: number | null;
  direction: 'higher' | 'lower';
  /** Defaults to value / baseline. */
  ratio?: number;
  /** An extra condition the target also needs (e.g. nothing lost). */
  alsoRequires?: boolean;
  note?: string;
  profile?: string;
}): BenchResult {
  const ratio = r.ratio ?? r.value / r.baseline;
  const met = r.target === null ? null : isMet(r.direction, ratio, r.target) && r.alsoRequires !== false;
  return {
    path: r.path,
    metric: r.metric,
    value: r.value,
    baseline: r.baseline,
    ratio,
    unit: r.unit,
    target: r.target,
    targetOn: 'ratio',
    direction: r.direction,
    met,
    ...(r.note ? { note: r.note } : {}),
    ...(r.profile ? { profile: r.profile } : {}),
  };
}

/** A result whose target is an absolute value (idle memory), with the raw baseline for scale. */
export function valueResult(r: {
  path: string;
  metric: string;
  value: number;
  baseline: number | null;
  unit: string;
  target: number;
  direction: 'higher' | 'lower';
  note?: string;
  profile?: string;
}): BenchResult {
  return {
    path: r.path,
    metric: r.metric,
    value: r.value,
    baseline: r.baseline,
    ratio: r.baseline ? r.value / r.baseline : null,
    unit: r.unit,
    target: r.target,
    targetOn: 'value',
    direction: r.direction,
    met: isMet(r.direction, r.value, r.target),
    ...(r.note ? { note: r.note } : {}),
    ...(r.profile ? { profile: r.profile } : {}),
  };
}

/** Writes the results to BENCH_RESULT_FILE when it is set (replacing the file); a no-op otherwise. */
export function writeResults(results: BenchResult[]): void {
  const file = process.env.BENCH_RESULT_FILE;
  if (!file) return;
  // JSON has no NaN/Infinity: a figure that could not be computed becomes null.
  const clean = results.map((r) => JSON.parse(JSON.stringify(r, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as BenchResult);
  writeFileSync(file, JSON.stringify(clean, null, 2) + '\n');
}
