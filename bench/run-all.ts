/**
 * `npm run bench` — every bench, one after the other, each as its own child process
 * (`node dist/bench/<name>.bench.js`, exactly as `npm run bench:<name>` runs it), then
 * bench/report.md and bench/report.svg from the figures each wrote to BENCH_RESULT_FILE.
 *
 *   node dist/bench/run-all.js [--smoke] [--profile] [--only search,console] [--out <dir>]
 *
 * --smoke    BENCH_SMOKE=1 for every bench (tiny sizes; the report says "smoke run" at the top).
 * --profile  also takes CPU profiles (search: its BENCH_CPU_PROFILE switch, the others:
 *            `node --cpu-prof`) and puts an excerpt under each missed target; the figures then
 *            include the profiler's overhead, and the report says so.
 * --only     a comma-separated subset. --out: where report.md/report.svg go (default bench/).
 * A bench that fails is reported as failed (with its last output lines) and the run goes on;
 * the exit code is 1 when any bench failed. Bench output streams through as it runs.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { renderReport, renderSvg, type BenchRun, type ReportInput } from './lib/report';
import type { BenchResult } from './lib/results';

const ROOT = join(__dirname, '..', '..');
const DIST_BENCH = __dirname;

const BENCHES = ['search', 'start', 'console', 'upload', 'agents', 'backup', 'memory', 'load'] as const;

/** How to profile a bench that has no switch of its own. */
function profileHint(bench: string): string {
  if (bench === 'memory') return 'node --heapsnapshot-signal=SIGUSR2 dist/src/main.js, kill -USR2 <pid> once idle, open the .heapsnapshot in Chrome DevTools (Memory)';
  return `node --cpu-prof --cpu-prof-dir=/tmp/outpost-prof dist/bench/${bench}.bench.js; node dist/bench/tools/cpuprofile-summary.js <the largest .cpuprofile>`;
}

interface Options {
  smoke: boolean;
  profile: boolean;
  only: string[];
  out: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { smoke: false, profile: false, only: [...BENCHES], out: join(ROOT, 'bench') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--smoke') o.smoke = true;
    else if (a === '--profile') o.profile = true;
    else if (a === '--only') o.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a === '--out') o.out = argv[++i];
    else throw new Error(`unknown option ${a}\nusage: run-all [--smoke] [--profile] [--only search,console] [--out dir]`);
  }
  const unknown = o.only.filter((b) => !(BENCHES as readonly string[]).includes(b));
  if (unknown.length || !o.only.length) throw new Error(`--only takes some of ${BENCHES.join(', ')}`);
  return o;
}

const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

/** Runs a node program, streaming its output through and keeping the last 60 lines. */
function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; signal: string | null; tail: string }> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
  let tail = '';
  const keep = (c: Buffer) => {
    tail = (tail + c.toString()).split('\n').slice(-60).join('\n');
  };
  child.stdout.on('data', (c: Buffer) => {
    process.stdout.write(c);
    keep(c);
  });
  child.stderr.on('data', (c: Buffer) => {
    process.stderr.write(c);
    keep(c);
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, tail }));
  });
}

/** The top of `cpuprofile-summary`'s output (by package and by function). */
async function summarize(file: string): Promise<string> {
  const r = await runNode([join(DIST_BENCH, 'tools', 'cpuprofile-summary.js'), file, '8'], { ...process.env });
  return r.tail
    .split('\n')
    .filter((l) => !l.startsWith('inclusive') && l.trim())
    .slice(0, 20)
    .join('\n');
}

function largestFile(dir: string): string | undefined {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  return files.map((f) => join(dir, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

async function runBench(bench: string, o: Options, tmp: string): Promise<BenchRun> {
  const resultFile = join(tmp, `${bench}.json`);
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_RESULT_FILE: resultFile };
  if (o.smoke) env.BENCH_SMOKE = '1';
  else delete env.BENCH_SMOKE;
  const args = ['--enable-source-maps'];
  const profDir = join(tmp, `${bench}-prof`);
  let profileFile: string | undefined;
  if (o.profile) {
    mkdirSync(profDir);
    if (bench === 'search') env.BENCH_CPU_PROFILE = profileFile = join(profDir, 'search.cpuprofile');
    else if (bench !== 'memory') args.push('--cpu-prof', `--cpu-prof-dir=${profDir}`);
  }
  const script = join(DIST_BENCH, `${bench}.bench.js`);
  args.push(script);
  const command = `${o.smoke ? 'BENCH_SMOKE=1 ' : ''}node ${relative(ROOT, script)}`;
  console.log(`\n━━━ ${bench}: ${command} ━━━`);
  const loadBefore = load();
  const t0 = Date.now();
  const r = await runNode(args, env);
  const seconds = (Date.now() - t0) / 1000;
  const loadAfter = load();
  let results: BenchResult[] = [];
  let failure = r.code === 0 ? undefined : r.tail;
  try {
    results = JSON.parse(readFileSync(resultFile, 'utf8')) as BenchResult[];
  } catch (err) {
    if (r.code === 0) failure = `exited 0 but wrote no results to BENCH_RESULT_FILE (${(err as Error).message})`;
  }
  let profileSummary: string | undefined;
  if (o.profile && bench !== 'memory') {
    const file = profileFile ?? largestFile(profDir);
    if (file) profileSummary = await summarize(file).catch((e: Error) => `(summary failed: ${e.message})`);
  }
  return {
    bench,
    command,
    exitCode: failure && r.code === 0 ? 1 : r.code,
    signal: r.signal,
    seconds,
    loadBefore,
    loadAfter,
    results,
    failure,
    profileHint: profileHint(bench),
    profileSummary,
  };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const tmp = mkdtempSync(join(os.tmpdir(), 'outpost-bench-run-'));
  const date = new Date().toISOString();
  const loadBefore = load();
  const runs: BenchRun[] = [];
  try {
    for (const bench of o.only) runs.push(await runBench(bench, o, tmp));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const input: ReportInput = {
    smoke: o.smoke,
    profiled: o.profile,
    date,
    command: `node dist/bench/run-all.js ${process.argv.slice(2).join(' ')}`.trim(),
    machine: { cores: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', node: process.version, platform: `${os.platform()} ${os.release()}`, memoryGiB: os.totalmem() / 2 ** 30 },
    loadBefore,
    loadAfter: load(),
    runs,
  };
  mkdirSync(o.out, { recursive: true });
  const md = join(o.out, 'report.md');
  const svg = join(o.out, 'report.svg');
  writeFileSync(md, renderReport(input, 'report.svg'));
  writeFileSync(
    svg,
    renderSvg(
      runs.flatMap((r) => r.results),
      `Outpost / raw baseline${o.smoke ? ' — smoke run, not meaningful' : ''}`,
    ),
  );
  const failed = runs.filter((r) => r.exitCode !== 0);
  console.log(`\nwrote ${relative(process.cwd(), md)} and ${relative(process.cwd(), svg)}${failed.length ? `; FAILED: ${failed.map((r) => r.bench).join(', ')}` : ''}`);
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
