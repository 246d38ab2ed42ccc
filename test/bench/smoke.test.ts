/**
 * Every benchmark's smoke mode (BENCH_SMOKE=1, bench/lib/smoke.ts): the bench's own code path at
 * tiny sizes, as a child process exactly like `npm run bench:*` runs it. A bench that no longer
 * runs against today's app (changed SQL, routes, events…) or whose run is not sane (failed
 * requests, lost lines, short uploads) exits non-zero and fails here. No timing is checked.
 * upload and start need the Docker daemon (npm test starts one); backup needs GNU tar.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const BENCH_DIR = join(__dirname, '..', '..', 'bench');
// Generous: the runs themselves take seconds, but the machine may be busy with other test files.
const TIMEOUT_MS = 240_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runSmoke(bench: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_SMOKE: '1' };
  // The bench is a program of its own, not a child test file of this runner.
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, ['--enable-source-maps', join(BENCH_DIR, `${bench}.bench.js`)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  const killer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS - 10_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const tail = (s: string) => s.split('\n').slice(-40).join('\n');

// Two at a time: each is mostly waiting (app start, sockets, Docker), and nothing here is timed.
describe('benchmarks run in smoke mode', { concurrency: 2 }, () => {
  for (const bench of ['search', 'agents', 'console', 'upload', 'start', 'backup', 'memory', 'load']) {
    it(`${bench}: exits 0, its sanity checks hold, and pg prints no deprecation`, { timeout: TIMEOUT_MS }, async () => {
      const run = await runSmoke(bench);
      const output = `--- stdout ---\n${tail(run.stdout)}\n--- stderr ---\n${tail(run.stderr)}`;
      assert.equal(run.signal, null, `bench:${bench} was killed by ${run.signal}\n${output}`);
      assert.equal(run.code, 0, `bench:${bench} exited with ${run.code}\n${output}`);
      // pg's deprecations (one client used by two queries at once, …) become errors in pg 9.
      assert.doesNotMatch(run.stderr, /DeprecationWarning[^\n]*pg@9/, `bench:${bench} triggered a pg deprecation\n${output}`);
    });
  }
});
