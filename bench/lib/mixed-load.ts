/**
 * A bounded HTTP load of mixed requests (different methods, paths, bodies, credentials) on
 * 127.0.0.1, in a worker thread (bench/lib/mixed-load-worker.ts) so it does not queue behind
 * anything in the bench process. Each of `connections` keep-alive connections sends the next
 * request of the shared schedule as soon as its previous one answered, until `durationMs` or
 * `maxRequests`. A reply whose status is not the request's `expect` counts as an error.
 */
import { percentile, runInWorker } from './load';

export interface MixRequest {
  /** The traffic class it belongs to (e.g. "search nodes"), for the per-class figures. */
  kind: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  /** The status a correct answer has (200, 201…). */
  expect: number;
}

export interface MixedLoadOptions {
  host: '127.0.0.1';
  port: number;
  /** Sent in this order, cycling; build it with weightedSchedule. */
  requests: MixRequest[];
  connections: number;
  durationMs: number;
  maxRequests: number;
  /** A response header counted per value (e.g. haproxy's x-outpost-backend). */
  countHeader?: string;
}

export interface KindResult {
  count: number;
  errors: number;
  statusCounts: Record<string, number>;
  latenciesUs: number[];
}

export interface MixedLoadResult {
  elapsedMs: number;
  byKind: Record<string, KindResult>;
  /** Values of countHeader seen on answers. */
  headerCounts: Record<string, number>;
  /** The first few failures, for the log (status or network error, and the start of the body). */
  errorSamples: string[];
}

export interface MixedSummary {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  count: number;
  errors: number;
  byKind: Record<string, { count: number; errors: number; p50Ms: number; p99Ms: number; statusCounts: Record<string, number> }>;
}

/** Runs the mixed load in a worker thread (it stops by itself at durationMs, plus one request timeout). */
export function runMixedLoad(opts: MixedLoadOptions): Promise<MixedLoadResult> {
  return runInWorker<MixedLoadResult>('mixed-load-worker.js', opts, opts.durationMs + 60_000);
}

const quantiles = (us: number[]) => {
  const sorted = Float64Array.from(us).sort();
  return { p50Ms: percentile(sorted, 50) / 1000, p99Ms: percentile(sorted, 99) / 1000 };
};

export function summarizeMixed(r: MixedLoadResult): MixedSummary {
  const kinds = Object.values(r.byKind);
  const all = kinds.flatMap((k) => k.latenciesUs);
  const count = kinds.reduce((a, k) => a + k.count, 0);
  const byKind: MixedSummary['byKind'] = {};
  for (const [name, k] of Object.entries(r.byKind)) byKind[name] = { count: k.count, errors: k.errors, statusCounts: k.statusCounts, ...quantiles(k.latenciesUs) };
  return { rps: (count / r.elapsedMs) * 1000, count, errors: kinds.reduce((a, k) => a + k.errors, 0), byKind, ...quantiles(all) };
}

/**
 * `n` picks from `weights` (kind → weight) spread evenly (smooth weighted round robin, as nginx
 * balances), so every stretch of the schedule has the mix's proportions; `make(kind, i)` builds
 * the i-th request of that kind.
 */
export function weightedSchedule(weights: Record<string, number>, n: number, make: (kind: string, i: number) => MixRequest): MixRequest[] {
  const kinds = Object.keys(weights);
  const total = kinds.reduce((a, k) => a + weights[k], 0);
  const current = new Map(kinds.map((k) => [k, 0]));
  const perKind = new Map(kinds.map((k) => [k, 0]));
  const out: MixRequest[] = [];
  for (let j = 0; j < n; j++) {
    for (const k of kinds) current.set(k, current.get(k)! + weights[k]);
    const pick = kinds.reduce((best, k) => (current.get(k)! > current.get(best)! ? k : best), kinds[0]);
    current.set(pick, current.get(pick)! - total);
    const i = perKind.get(pick)!;
    perKind.set(pick, i + 1);
    out.push(make(pick, i));
  }
  return out;
}
