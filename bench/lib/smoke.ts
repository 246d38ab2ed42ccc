/**
 * Smoke mode (BENCH_SMOKE=1): every bench runs its full code path at tiny sizes and checks that
 * the run produced sane results (every request answered, nothing lost), never timings. CI runs it
 * (test/bench/smoke.test.ts) so a bench cannot rot unnoticed; full runs stay manual.
 */
export const SMOKE = process.env.BENCH_SMOKE === '1';

/** The smoke value under BENCH_SMOKE=1, else the full-run value. An explicit env var still wins (envNumber). */
export function sized<T>(full: T, smoke: T): T {
  return SMOKE ? smoke : full;
}

/**
 * A sanity condition on a run's results. It fails the run in smoke mode; in a full run it is
 * printed, because the figures are still worth reading when, say, one request of 100,000 timed out.
 */
export function expectSane(ok: boolean, message: string): void {
  if (ok) return;
  if (SMOKE) throw new Error(`bench smoke check failed: ${message}`);
  console.log(`  ! ${message}`);
}
