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

/**
 * For each hot path that may miss its target: where the rest of the time goes, as found by
 * profiling it (issue 23's sessions), and what would close the gap. The report prints it under the
 * path's profile excerpt. Matched against the start of BenchResult.path.
 */
export const REMAINING_COST: Array<{ path: RegExp; text: string }> = [
  {
    path: /^POST \/node\/search/,
    text: "Of the busy time: fastify serialising the reply (JSON.stringify of the envelope, ~12 %), socket writes (~12 %, the guards' three round trips the raw baseline does not make: user, refresh-token family, membership+role), TypeORM hydration (transformColumns and date parsing, ~7 %), the output mapper (~3 %) and class-validator's metadata lookup (~3 %). What would close it: a response schema for the search reply (fast-json-stringify through Fastify), raw rows mapped straight to the DTO instead of entities, and one raw SQL for the three guard reads or a short per-token cache of principal and membership dropped on a role, membership, suspension or session change (published through Redis so every replica drops it).",
  },
  {
    path: /^create \+ start/,
    text: "Over raw dockerode, Outpost adds the API request, the state rows (creating → offline → starting → running, each a compare-and-set write) and the agent's WebSocket round trip; the CPU profile of the API process is mostly its start-up (module loading, outside the timed rounds), i.e. the timed gap is waiting, not CPU. With the profiler attached the ratio reads higher than without (1.06× unprofiled when issue 23 was filed). What would close it: not pinned down to one cost yet; the candidates are the separate commits per state transition and the audit row on the request path (a trace of one round with timestamps per step would tell).",
  },
  {
    path: /^console fan-out/,
    text: "The viewers' own JSON parsing (the same work as for raw ws) is most of the window; of Outpost's own cost what is left is the batched history INSERT (one per 250 ms, now INSERT … SELECT FROM unnest) and, via Redis, each process receiving its own published batch. What would close the Redis gap: publish only the seq range and let the other processes read the lines from the Redis list (one round trip for them, none for the sender).",
  },
  {
    path: /^upload/,
    text: "The product makes two loopback HTTP hops (client → API → agent, about 1.5 ms CPU per MiB each on this VM) where the baseline makes one in-process write; the API's share is socket writes and busboy parsing, the agent's is writev (now batched) and GC. Multipart does not fsync while TUS and the baseline do. What would close it: copy into two reused 1 MiB buffers in the agent's BatchWriter (fewer young-generation GCs), and an upload straight to the agent with a signed one-use URL (Wings-style), which removes the API hop.",
  },
  {
    path: /agents: /,
    text: 'Heartbeats cost about what the baseline costs (1.06×); commands are the gap: three guard queries per command (user, refresh-token family, membership), while the baseline authenticates nothing and runs one query. The node lookup per command is gone when the agent is connected to the serving process. Outpost also runs pg-boss polling (~15 queries/s) that the baseline has no equivalent of. What would close it: the guard cache or single query described for search.',
  },
  {
    path: /^idle memory, API/,
    text: 'Module code before any request (RSS after require, node 20): @nestjs/core +27.6 MiB, typeorm +11.5, class-validator +11.5, pg-boss +7.3, @nestjs/platform-fastify +5.6, @nestjs/swagger +3.1, @aws-sdk/client-s3 +3.1 — about 70 MiB over a bare node process (39 MiB) before the app builds its metadata, OpenAPI document, pools and caches. What would close it: serve the committed openapi.json instead of building it at boot (swagger and its metadata walk), and load the S3 SDK, nodemailer and tar only when a backup target, mail or git deploy is first used; Nest, TypeORM and class-validator are the framework and stay.',
  },
  {
    path: /^idle memory, agent/,
    text: 'A bare node 20 process with ws already holds about 53 MiB RSS, above the 50 MiB target; the agent adds dockerode and its own buffers. What would close it: nothing inside the agent alone — the target needs a smaller runtime (node --max-semi-space-size / a single-file build with fewer dependencies gains a few MiB) or a target relative to the bare process.',
  },
];

export function remainingCost(path: string): string | undefined {
  return REMAINING_COST.find((r) => r.path.test(path))?.text;
}

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
