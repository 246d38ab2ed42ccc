import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface LoadOptions {
  host: '127.0.0.1';
  port: number;
  path: string;
  headers: Record<string, string>;
  /** Sent round-robin. */
  bodies: unknown[];
  connections: number;
  durationMs: number;
  /** Hard cap on requests (the loop also stops at durationMs). */
  maxRequests: number;
}

export interface LoadResult {
  count: number;
  errors: number;
  bytes: number;
  elapsedMs: number;
  statusCounts: Record<string, number>;
  latenciesUs: Float64Array;
}

export interface LoadSummary {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  count: number;
  errors: number;
  avgBytes: number;
  statusCounts: Record<string, number>;
}

/**
 * Runs `script` (a file next to this one) in a worker thread with `data` and resolves with the result it
 * posts (`{ ok, result | error }`): a load generator gets its own event loop, so it does not queue
 * behind the server. The worker stops by itself; `guardMs` only guards against a hung one.
 */
export function runInWorker<T>(script: string, data: unknown, guardMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, script), { workerData: data });
    const guard = setTimeout(() => void worker.terminate().then(() => reject(new Error('load worker hung'))), guardMs);
    worker.once('message', (m: { ok: boolean; result?: T; error?: string }) => {
      clearTimeout(guard);
      void worker.terminate();
      if (m.ok) resolve(m.result!);
      else reject(new Error(m.error));
    });
    worker.once('error', (err) => {
      clearTimeout(guard);
      reject(err);
    });
  });
}

/** Runs one bounded load in a worker thread (it stops by itself at durationMs). */
export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  return runInWorker<LoadResult>('load-worker.js', opts, opts.durationMs + 30_000);
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(r: LoadResult): LoadSummary {
  const sorted = Float64Array.from(r.latenciesUs).sort();
  return {
    rps: (r.count / r.elapsedMs) * 1000,
    p50Ms: percentile(sorted, 50) / 1000,
    p99Ms: percentile(sorted, 99) / 1000,
    count: r.count,
    errors: r.errors,
    avgBytes: r.count ? r.bytes / r.count : 0,
    statusCounts: r.statusCounts,
  };
}

/** Plain-text table with right-aligned numeric columns. */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return n;
}
