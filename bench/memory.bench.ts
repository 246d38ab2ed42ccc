/**
 * `npm run bench:memory` — idle memory (RSS) of the API and of the agent, as deployed, against raw
 * baselines in the same run:
 *   - API: `node dist/src/main.js` (the production entry: migrations check, createApp, listen) on a
 *     throwaway database, with one agent connected; baseline: a process with a bare `ws` server and a
 *     `pg` Pool holding a connection (bench/memory-raw.ts).
 *   - agent: `node dist/src/agent/main.js`, registered with a register token, connected to that API;
 *     baseline: a process with a bare `ws` client connected to the raw server.
 * Both run as `npm start` / `npm run agent` run them (no --enable-source-maps, which costs memory).
 * Each process is left to settle, then until its CPU use over a second is below 2 % of a core
 * (bounded wait), then its RSS is read from /proc several times, 1 s apart; the median counts.
 * Targets (issue 23) are absolute: API ≤ 120 MiB, agent ≤ 50 MiB.
 *
 * Env: BENCH_SETTLE_SECONDS (default 20), BENCH_MEMORY_SAMPLES (default 5). Linux only (/proc).
 * BENCH_SMOKE=1: 1 s settle, 2 samples; every process must start, the agent must come online, and
 * every RSS must be read (bench/lib/smoke.ts).
 */
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { envNumber } from './lib/load';
import { BENCH_APP_ENV, migratedDatabase } from './lib/outpost';
import { TARGETS, valueResult, writeResults } from './lib/results';
import { expectSane, sized } from './lib/smoke';

const SETTLE_SECONDS = envNumber('BENCH_SETTLE_SECONDS', sized(20, 1));
const SAMPLES = Math.max(1, Math.floor(envNumber('BENCH_MEMORY_SAMPLES', sized(5, 2))));
const IDLE_CPU_PERCENT = 2;
const IDLE_WAIT_MS = sized(30_000, 3_000);
const PASSWORD = 'bench-password-0123456789';
const ROOT = join(__dirname, '..');
const MiB = 1024 * 1024;

const log = (...a: unknown[]) => console.log(...a);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Resident set size in bytes (/proc/<pid>/status VmRSS). */
function rssBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}

/** user + system CPU seconds (/proc/<pid>/stat; 100 ticks/s on Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  /** stdout lines seen so far (the raw baselines report their port there). */
  lines: string[];
  stop(): Promise<void>;
}

function start(name: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (l) => lines.push(l));
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()).length > 20_000 && (stderr = stderr.slice(-10_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    if (code !== 0 && code !== null && signal === null) console.error(`${name} exited with ${code}\n${stderr.slice(-4000)}`);
  });
  assert.ok(child.pid, `${name} did not start`);
  return {
    name,
    child,
    pid: child.pid,
    lines,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined> | T | undefined, proc?: Proc): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (proc && proc.child.exitCode !== null) throw new Error(`${proc.name} exited with ${proc.child.exitCode} while waiting for ${what}`);
    const v = await Promise.resolve()
      .then(probe)
      .catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** Waits SETTLE_SECONDS, then (bounded) until every process used < 2 % of a core over one second; median RSS of SAMPLES reads. */
async function idleRss(procs: Proc[]): Promise<Map<Proc, { rssMiB: number; idleCpuPercent: number }>> {
  await sleep(SETTLE_SECONDS * 1000);
  const deadline = Date.now() + IDLE_WAIT_MS;
  let cpu = new Map<Proc, number>();
  for (;;) {
    const before = procs.map((p) => cpuSeconds(p.pid));
    const t0 = performance.now();
    await sleep(1000);
    const wall = (performance.now() - t0) / 1000;
    cpu = new Map(procs.map((p, i) => [p, ((cpuSeconds(p.pid) - before[i]) / wall) * 100]));
    if ([...cpu.values()].every((c) => c < IDLE_CPU_PERCENT) || Date.now() > deadline) break;
  }
  const samples = new Map<Proc, number[]>(procs.map((p) => [p, []]));
  for (let i = 0; i < SAMPLES; i++) {
    if (i) await sleep(1000);
    for (const p of procs) samples.get(p)!.push(rssBytes(p.pid));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return new Map(procs.map((p) => [p, { rssMiB: median(samples.get(p)!) / MiB, idleCpuPercent: cpu.get(p)! }]));
}

async function main(): Promise<void> {
  log(`# bench:memory — ${new Date().toISOString()}, ${os.cpus().length} cores, node ${process.version}; settle ${SETTLE_SECONDS} s, median of ${SAMPLES} RSS reads`);
  const db = await migratedDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-memory-'));
  const procs: Proc[] = [];
  try {
    // Outpost: the API as `npm start` runs it, then a real agent registered against it.
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...BENCH_APP_ENV, DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(dataDir, 'api') };
    const api = start('API (dist/src/main.js)', [join(ROOT, 'src', 'main.js')], env);
    procs.push(api);
    await until('the API to answer /health/live', 60_000, async () => ((await fetch(`${base}/health/live`)).status === 200 ? true : undefined), api);
    const boot = await fetch(`${base}/auth/bootstrap`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', email: 'admin@example.com', password: PASSWORD, domainName: 'Memory' }),
    });
    const admin = ((await boot.json()) as { data: { token: string; domainId: string } }).data;
    assert.equal(boot.status, 201, 'bootstrap');
    const req = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${admin.token}`, 'x-takaro-domain': admin.domainId, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: r.status, body: (await r.json()) as { data: Record<string, unknown> } };
    };
    const node = await req('POST', '/node', { name: 'memory-node', address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });
    assert.equal(node.status, 201, JSON.stringify(node.body));
    const nodeId = node.body.data.id as string;
    const registerToken = (await req('POST', `/node/${nodeId}/register-token`)).body.data.token as string;
    const agent = start(
      'agent (dist/src/agent/main.js)',
      [join(ROOT, 'src', 'agent', 'main.js'), '--url', base, '--token', registerToken, '--data-dir', join(dataDir, 'agent'), '--log-level', 'warn'],
      process.env,
    );
    procs.push(agent);
    await until('the agent to come online', 60_000, async () => ((await req('GET', `/node/${nodeId}`)).body.data.state === 'online' ? true : undefined), agent);
    log('  API and agent up, agent online');

    // Raw baselines: bare ws server + pg pool, bare ws client connected to it.
    const rawServer = start('raw ws + pg server', [join(__dirname, 'memory-raw.js'), 'server', db.url], { PATH: process.env.PATH });
    procs.push(rawServer);
    const rawPort = await until('the raw server port', 30_000, () => rawServer.lines.map((l) => (JSON.parse(l) as { port?: number }).port).find((p) => p), rawServer);
    const rawAgent = start('raw ws client', [join(__dirname, 'memory-raw.js'), 'agent', `ws://127.0.0.1:${rawPort}`], { PATH: process.env.PATH });
    procs.push(rawAgent);
    await until('the raw client to connect', 30_000, () => (rawAgent.lines.length ? true : undefined), rawAgent);
    log('  raw baselines up');

    const rss = await idleRss(procs);
    for (const p of procs) expectSane(rss.get(p)!.rssMiB > 0, `${p.name}: no RSS read`);
    const row = (p: Proc) => `  ${p.name.padEnd(32)} ${rss.get(p)!.rssMiB.toFixed(1).padStart(7)} MiB   (CPU when sampled ${rss.get(p)!.idleCpuPercent.toFixed(1)} % of a core)`;
    log('\nidle RSS (median)');
    for (const p of procs) log(row(p));
    const apiMiB = rss.get(api)!.rssMiB;
    const agentMiB = rss.get(agent)!.rssMiB;
    const rawServerMiB = rss.get(rawServer)!.rssMiB;
    const rawAgentMiB = rss.get(rawAgent)!.rssMiB;
    const verdict = (v: number, t: number) => `${v.toFixed(1)} MiB — target ≤ ${t} MiB: ${v <= t ? 'met' : 'NOT met'}`;
    log(`\nAPI   ${verdict(apiMiB, TARGETS.apiIdleMiB)} (raw ws + pg ${rawServerMiB.toFixed(1)} MiB, ratio ${(apiMiB / rawServerMiB).toFixed(2)}×)`);
    log(`agent ${verdict(agentMiB, TARGETS.agentIdleMiB)} (raw ws client ${rawAgentMiB.toFixed(1)} MiB, ratio ${(agentMiB / rawAgentMiB).toFixed(2)}×)`);
    writeResults([
      valueResult({
        path: 'idle memory, API',
        metric: 'RSS, one agent connected',
        value: apiMiB,
        baseline: rawServerMiB,
        unit: 'MiB',
        target: TARGETS.apiIdleMiB,
        direction: 'lower',
        note: 'baseline: bare ws server + pg Pool',
        profile: 'node --heapsnapshot-signal=SIGUSR2 dist/src/main.js, kill -USR2 <pid> once idle, open the .heapsnapshot in Chrome DevTools (Memory)',
      }),
      valueResult({
        path: 'idle memory, agent',
        metric: 'RSS, connected',
        value: agentMiB,
        baseline: rawAgentMiB,
        unit: 'MiB',
        target: TARGETS.agentIdleMiB,
        direction: 'lower',
        note: 'baseline: bare ws client',
        profile: 'node --heapsnapshot-signal=SIGUSR2 dist/src/agent/main.js --url … --token …, kill -USR2 <pid> once idle, open the .heapsnapshot in Chrome DevTools (Memory)',
      }),
    ]);
  } finally {
    // The agent first, so the API does not see it reconnect; the raw client before its server.
    for (const p of [...procs].reverse()) await p.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
