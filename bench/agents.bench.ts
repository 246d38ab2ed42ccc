/**
 * `npm run bench:agents` — 1,000 simulated node agents (plain `ws` clients in this process)
 * against one API process, first the real Outpost app, then a bare `ws` + `pg` baseline doing
 * the same database work, in the same run. Each server runs in its own child process
 * (bench/agents-server.ts) so its CPU and RSS are measured alone.
 *
 * Every agent sends `hello`, then a `heartbeat` event every 5 s (first one at a random offset so
 * the fleet is spread like real agents). While they run we measure:
 *   - heartbeat → row: a heartbeat is an event without a reply, so we time from the agent sending
 *     it until `node.lastHeartbeatAt` in PostgreSQL shows it (100 sampled agents, polled every
 *     20 ms). Dominated by the 1 s batching both servers use; it grows when the server falls behind.
 *   - command round trip (second half of the window): GET /node/:id/containers on a random agent (~20/s): HTTP → server →
 *     `containers.list` command over the agent's socket → the agent answers → HTTP reply.
 *     Outpost's path includes its guards (auth, domain, permission) and NodeService.find;
 *     the baseline does the same node lookup but no auth.
 *   - ws ping round trip from 50 sampled agents every second: the server's event-loop responsiveness.
 *   - server process CPU (user+system; first half of the window heartbeats only, second half
 *     with the commands too) and RSS.
 * Reported as p50/p95/p99 and ratios Outpost/baseline; never assertions.
 *
 * Env: BENCH_SECONDS (measured window per server, default 60), BENCH_AGENTS (default 1000).
 * BENCH_AGENT_REPLICAS=2: Outpost runs as two API processes (both on the Redis at BENCH_REDIS_URL,
 * default redis://127.0.0.1:6379); agent i connects to replica i mod 2, and the command requests
 * alternate between the replicas like a load balancer's, so half of them are relayed through Redis
 * to the replica that holds the agent's socket (reported apart). CPU and RSS are then the sum of
 * both processes (each one is printed too). Default 1: one process, as before.
 * BENCH_SMOKE=1: 20 agents beating every second, a 2 s window, and every command, heartbeat and
 * ping must arrive (bench/lib/smoke.ts); unless BENCH_AGENT_REPLICAS is set, the smoke run also
 * runs the two-replica phase so that path cannot rot either.
 */
import assert from 'node:assert/strict';
import { ChildProcess, fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import os from 'node:os';
import { Client } from 'pg';
import WebSocket from 'ws';
import { envNumber, percentile, table } from './lib/load';
import { migratedDatabase } from './lib/outpost';
import { expectSane, sized, SMOKE } from './lib/smoke';
import { ratioResult, TARGETS, writeResults } from './lib/results';
import type { ChildMessage, ParentMessage, ServerStats } from './agents-server';

const SECONDS = envNumber('BENCH_SECONDS', sized(60, 2));
const AGENTS = Math.floor(envNumber('BENCH_AGENTS', sized(1000, 20)));
// Smoke: a short period so that the short window still sees every agent beat.
const HEARTBEAT_MS = sized(5000, 1000);
const SAMPLE_HEARTBEAT = Math.min(100, AGENTS);
const POLL_MS = 20;
const COMMAND_EVERY_MS = 50;
const PING_SAMPLE = Math.min(50, AGENTS);
const CONNECT_BATCH = 100;
const PASSWORD = 'bench-password-0123456789';
const REPLICAS = Math.floor(envNumber('BENCH_AGENT_REPLICAS', 1));
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const log = (...a: unknown[]) => console.log(...a);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Fleet {
  tokens: string[];
  nodeIds: string[];
}

// ───────────────────────────── server child ─────────────────────────────

class ServerProcess {
  private nextId = 1;
  private waiters = new Map<number, (s: ServerStats) => void>();
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'stats') {
        this.waiters.get(m.id)?.(m.stats);
        this.waiters.delete(m.id);
      }
    });
  }

  /** `redisUrl`: the Outpost app joins that Redis (replicas relay commands through it). */
  static start(mode: 'outpost' | 'raw', dbUrl: string, redisUrl?: string): Promise<ServerProcess> {
    const env = redisUrl ? { ...process.env, BENCH_AGENTS_REDIS_URL: redisUrl } : process.env;
    const child = fork(join(__dirname, 'agents-server.js'), [mode, dbUrl], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${mode} server did not start within 60 s`));
      }, 60_000);
      child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
      child.on('message', (m: ChildMessage) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve(new ServerProcess(child, m.port));
        } else if (m.type === 'failed') {
          clearTimeout(timer);
          reject(new Error(`${mode} server failed: ${m.error}`));
        }
      });
    });
  }

  stats(): Promise<ServerStats> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('stats timed out')), 10_000);
      this.waiters.set(id, (s) => {
        clearTimeout(timer);
        resolve(s);
      });
      this.child.send({ type: 'stats', id } satisfies ParentMessage);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'stop' } satisfies ParentMessage);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

// ───────────────────────────── simulated agents ─────────────────────────────

class SimAgent {
  ws?: WebSocket;
  lastBeatSentAt = 0;
  beats = 0;
  private timers: NodeJS.Timeout[] = [];
  private readonly startedAt = Date.now();

  constructor(
    readonly index: number,
    readonly nodeId: string,
    private readonly token: string,
  ) {}

  connect(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/agent/ws`, { headers: { 'x-agent-token': this.token }, handshakeTimeout: 20_000 });
      this.ws = ws;
      ws.once('open', () => {
        ws.send(JSON.stringify({ type: 'hello', agentVersion: 'bench-1', hostname: `bench-agent-${this.index}`, nodeId: this.nodeId, protocolVersion: 1 }));
        resolve();
      });
      ws.once('unexpected-response', (_req, res) => reject(new Error(`agent ${this.index}: upgrade refused with ${res.statusCode}`)));
      ws.once('error', reject);
      ws.on('message', (data) => {
        let f: { type?: string; id?: string; command?: string };
        try {
          f = JSON.parse(data.toString());
        } catch {
          return;
        }
        // The only command the bench sends: answer at once with an empty container list.
        if (f.type === 'command') ws.send(JSON.stringify({ type: 'response', id: f.id, ok: true, result: [] }));
      });
    });
  }

  startHeartbeats(): void {
    const beat = () => {
      if (this.ws?.readyState !== WebSocket.OPEN) return;
      this.lastBeatSentAt = Date.now();
      this.beats++;
      this.ws.send(JSON.stringify({ type: 'event', event: 'heartbeat', data: { time: new Date(this.lastBeatSentAt).toISOString(), uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) } }));
    };
    this.timers.push(
      setTimeout(() => {
        beat();
        this.timers.push(setInterval(beat, HEARTBEAT_MS));
      }, Math.random() * HEARTBEAT_MS),
    );
  }

  ping(): Promise<number> {
    return new Promise((resolve, reject) => {
      const ws = this.ws;
      if (!ws || ws.readyState !== WebSocket.OPEN) return reject(new Error('closed'));
      const t0 = performance.now();
      const timer = setTimeout(() => reject(new Error('ping timeout')), 10_000);
      ws.once('pong', () => {
        clearTimeout(timer);
        resolve(performance.now() - t0);
      });
      ws.ping();
    });
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.ws?.terminate();
  }
}

// ───────────────────────────── one phase ─────────────────────────────

interface PhaseResult {
  name: string;
  replicas: number;
  /** Commands sent to a replica that does not hold the agent's socket (relayed through Redis); empty with one replica. */
  relayedLatency: number[];
  /** One line per replica when there are several: agents, CPU, RSS. */
  perReplica: string[];
  connectMs: number;
  onlineMs: number;
  beatLatency: number[];
  commandLatency: number[];
  commandErrors: number;
  pingLatency: number[];
  cpuPercent: number;
  cpuBeatsOnlyPercent: number;
  cpuWithCommandsPercent: number;
  rssStartMiB: number;
  rssPeakMiB: number;
  rssEndMiB: number;
  eluPercent: number;
  beatsSent: number;
  freshRows: number;
}

const cpuPct = (a: ServerStats, b: ServerStats, wallUs: number) => ((b.cpuUserUs - a.cpuUserUs + b.cpuSystemUs - a.cpuSystemUs) / wallUs) * 100;

/** Several server processes' stats as one: CPU times, RSS and event-loop times summed. */
function sumStats(all: ServerStats[]): ServerStats {
  return all.reduce((a, s) => ({
    cpuUserUs: a.cpuUserUs + s.cpuUserUs,
    cpuSystemUs: a.cpuSystemUs + s.cpuSystemUs,
    rss: a.rss + s.rss,
    heapUsed: a.heapUsed + s.heapUsed,
    elu: { idle: a.elu.idle + s.elu.idle, active: a.elu.active + s.elu.active },
  }));
}

async function runPhase(
  mode: 'outpost' | 'raw',
  dbUrl: string,
  fleet: Fleet,
  auth: Record<string, string>,
  pg: Client,
  prepare?: (port: number) => Promise<Record<string, string>>,
  replicas = 1,
): Promise<PhaseResult> {
  const name = replicas > 1 ? `${mode} ×${replicas}` : mode;
  await pg.query(`UPDATE node SET status = 'pending', "lastHeartbeatAt" = NULL`);
  const servers: ServerProcess[] = [];
  // The statistics of all replicas as one process's (a no-op with one).
  const server = { stats: async () => sumStats(await Promise.all(servers.map((s) => s.stats()))) };
  let agents: SimAgent[] = [];
  try {
    for (let r = 0; r < replicas; r++) servers.push(await ServerProcess.start(mode, dbUrl, replicas > 1 ? REDIS_URL : undefined));
    const headers = prepare ? { ...auth, ...(await prepare(servers[0].port)) } : auth;
    agents = fleet.nodeIds.map((id, i) => new SimAgent(i, id, fleet.tokens[i]));
    const rssIdle = (await server.stats()).rss;

    // Connect the fleet in batches (like a control-plane restart with every agent redialling).
    const c0 = performance.now();
    // Agent i on replica i mod replicas.
    for (let i = 0; i < agents.length; i += CONNECT_BATCH) await Promise.all(agents.slice(i, i + CONNECT_BATCH).map((a) => a.connect(servers[a.index % replicas].port)));
    const connectMs = performance.now() - c0;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [{ n }] = (await pg.query(`SELECT count(*)::int AS n FROM node WHERE status = 'online'`)).rows;
      if (n === agents.length) break;
      if (Date.now() > deadline) throw new Error(`${name}: only ${n}/${agents.length} nodes online after 60 s`);
      await sleep(50);
    }
    const onlineMs = performance.now() - c0;
    log(
      `  ${name}: ${agents.length} agents connected${replicas > 1 ? ` (split over ${replicas} replicas)` : ''} in ${connectMs.toFixed(0)} ms, all online in the database after ${onlineMs.toFixed(0)} ms`,
    );
    for (const a of agents) a.startHeartbeats();
    // One heartbeat period to spread the fleet before measuring.
    await sleep(HEARTBEAT_MS);

    const s0 = await server.stats();
    const s0each = await Promise.all(servers.map((s) => s.stats()));
    const t0 = performance.now();
    const end = Date.now() + SECONDS * 1000;
    let rssPeak = s0.rss;
    const beatsAtStart = agents.reduce((a, x) => a + x.beats, 0);

    // Heartbeat → row visible.
    const sample = agents.slice(0, SAMPLE_HEARTBEAT);
    const sampleIds = sample.map((a) => a.nodeId);
    const awaiting = new Map<string, number>();
    // Heartbeats sent before the window are not measured (they may already be visible).
    const seenSent = new Map<string, number>(sample.map((a) => [a.nodeId, a.lastBeatSentAt]));
    const beatLatency: number[] = [];
    const poller = (async () => {
      while (Date.now() < end) {
        for (const a of sample) {
          if (a.lastBeatSentAt && a.lastBeatSentAt !== seenSent.get(a.nodeId)) {
            seenSent.set(a.nodeId, a.lastBeatSentAt);
            awaiting.set(a.nodeId, a.lastBeatSentAt);
          }
        }
        const { rows } = await pg.query<{ id: string; at: Date | null }>(`SELECT id, "lastHeartbeatAt" AS at FROM node WHERE id = ANY($1::uuid[])`, [sampleIds]);
        const now = Date.now();
        for (const r of rows) {
          const sent = awaiting.get(r.id);
          if (sent !== undefined && r.at && r.at.getTime() >= sent) {
            beatLatency.push(now - sent);
            awaiting.delete(r.id);
          }
        }
        await sleep(POLL_MS);
      }
    })();

    // Command round trips through the HTTP API.
    const commandLatency: number[] = [];
    const relayedLatency: number[] = [];
    let commandErrors = 0;
    let commandsSent = 0;
    const mid = Date.now() + (SECONDS * 1000) / 2;
    let sMid: ServerStats | undefined;
    let tMid = 0;
    const commander = (async () => {
      // First half: heartbeats only (the fleet's own cost); second half: plus commands.
      await sleep(Math.max(0, mid - Date.now()));
      sMid = await server.stats();
      tMid = performance.now();
      while (Date.now() < end) {
        const a = agents[Math.floor(Math.random() * agents.length)];
        // Round robin over the replicas, like a load balancer: with two, half land on the one without the agent.
        const target = commandsSent++ % replicas;
        const t = performance.now();
        try {
          const r = await fetch(`http://127.0.0.1:${servers[target].port}/node/${a.nodeId}/containers`, { headers, signal: AbortSignal.timeout(30_000) });
          const body = (await r.json()) as { data: unknown };
          if (r.status === 200 && Array.isArray(body.data)) {
            commandLatency.push(performance.now() - t);
            if (target !== a.index % replicas) relayedLatency.push(performance.now() - t);
          } else commandErrors++;
        } catch {
          commandErrors++;
        }
        await sleep(Math.max(0, COMMAND_EVERY_MS - (performance.now() - t)));
      }
    })();

    // ws pings from sampled agents.
    const pingLatency: number[] = [];
    const pinger = (async () => {
      const pingers = agents.slice(agents.length - PING_SAMPLE);
      while (Date.now() < end) {
        const rtts = await Promise.allSettled(pingers.map((a) => a.ping()));
        for (const r of rtts) if (r.status === 'fulfilled') pingLatency.push(r.value);
        await sleep(1000);
      }
    })();

    const sampler = (async () => {
      while (Date.now() < end) {
        await sleep(1000);
        rssPeak = Math.max(rssPeak, (await server.stats()).rss);
      }
    })();

    await Promise.all([poller, commander, pinger, sampler]);
    const s1 = await server.stats();
    const s1each = await Promise.all(servers.map((s) => s.stats()));
    const wallUs = (performance.now() - t0) * 1000;
    const perReplica =
      replicas > 1
        ? servers.map(
            (_, r) =>
              `replica ${r + 1}: ${agents.filter((a) => a.index % replicas === r).length} agents, CPU ${cpuPct(s0each[r], s1each[r], wallUs).toFixed(1)} % of a core, RSS ${(s1each[r].rss / 2 ** 20).toFixed(1)} MiB at the end`,
          )
        : [];
    rssPeak = Math.max(rssPeak, s1.rss);
    const beatsSent = agents.reduce((a, x) => a + x.beats, 0) - beatsAtStart;
    const [{ n: freshRows }] = (await pg.query(`SELECT count(*)::int AS n FROM node WHERE "lastHeartbeatAt" > now() - interval '7 seconds'`)).rows;
    const eluActive = s1.elu.active - s0.elu.active;
    const eluIdle = s1.elu.idle - s0.elu.idle;
    return {
      name,
      replicas,
      relayedLatency,
      perReplica,
      connectMs,
      onlineMs,
      beatLatency,
      commandLatency,
      commandErrors,
      pingLatency,
      cpuPercent: ((s1.cpuUserUs - s0.cpuUserUs + s1.cpuSystemUs - s0.cpuSystemUs) / wallUs) * 100,
      cpuBeatsOnlyPercent: cpuPct(s0, sMid!, (tMid - t0) * 1000),
      cpuWithCommandsPercent: cpuPct(sMid!, s1, (performance.now() - tMid) * 1000),
      rssStartMiB: rssIdle / 2 ** 20,
      rssPeakMiB: rssPeak / 2 ** 20,
      rssEndMiB: s1.rss / 2 ** 20,
      eluPercent: (eluActive / (eluActive + eluIdle)) * 100,
      beatsSent,
      freshRows,
    };
  } finally {
    for (const a of agents) a.close();
    await Promise.all(servers.map((s) => s.stop()));
  }
}

// ───────────────────────────── main ─────────────────────────────

async function main(): Promise<void> {
  const startedAt = Date.now();
  log(`# bench:agents — ${new Date().toISOString()}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), node ${process.version}`);
  log(`${AGENTS} agents, heartbeat every ${HEARTBEAT_MS / 1000} s, ${SECONDS} s measured per server, 127.0.0.1 only`);
  if (REPLICAS > 1) log(`Outpost as ${REPLICAS} API processes on Redis ${REDIS_URL}: agents split between them, commands round robin (relayed through Redis when the agent is on the other one)`);
  const db = await migratedDatabase();
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  try {
    // The first admin and domain through the real API (a short-lived Outpost process), then the
    // nodes straight into the table with agentTokenHash = sha256(token), as POST /agent/register stores it.
    let domainId = '';
    let token = '';
    const bootstrap = async (port: number) => {
      const r = await fetch(`http://127.0.0.1:${port}/auth/bootstrap`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', email: 'admin@example.com', password: PASSWORD, domainName: 'Agents' }),
      });
      const body = (await r.json()) as { data: { token: string; domainId: string } };
      assert.equal(r.status, 201, JSON.stringify(body));
      token = body.data.token;
      domainId = body.data.domainId;
      const fleetRows = Array.from({ length: AGENTS }, (_, i) => i);
      const tokens = fleetRows.map(() => `outpost_agent_${randomBytes(32).toString('base64url')}`);
      for (let i = 0; i < AGENTS; i += 500) {
        const chunk = fleetRows.slice(i, i + 500);
        const values = chunk.map((_, j) => `($1, $${j * 2 + 2}, '10.0.0.1', 4096, 102400, 400, $${j * 2 + 3})`).join(',');
        await pg.query(`INSERT INTO node ("domainId", name, address, "memoryMiB", "diskMiB", "cpuPercent", "agentTokenHash") VALUES ${values}`, [
          domainId,
          ...chunk.flatMap((k) => [`agent-${String(k).padStart(4, '0')}`, createHash('sha256').update(tokens[k]).digest('hex')]),
        ]);
      }
      const { rows } = await pg.query<{ id: string; name: string }>(`SELECT id, name FROM node ORDER BY name`);
      fleet.tokens = tokens;
      fleet.nodeIds = rows.map((r) => r.id);
      log(`  seeded domain ${domainId} with ${rows.length} nodes (agent tokens stored as sha256)`);
      return { authorization: `Bearer ${token}`, 'x-takaro-domain': domainId };
    };
    const fleet: Fleet = { tokens: [], nodeIds: [] };
    const ms = (xs: number[], p: number) => percentile(Float64Array.from(xs).sort(), p);

    log(REPLICAS > 1 ? `\nOutpost (real app, ${REPLICAS} child processes):` : '\nOutpost (real app, child process):');
    const outpost = await runPhase('outpost', db.url, fleet, {}, pg, bootstrap, REPLICAS);
    for (const line of outpost.perReplica) log(`    ${line}`);
    log('raw baseline (bare ws + pg, child process):');
    const raw = await runPhase('raw', db.url, fleet, { 'x-takaro-domain': domainId }, pg);
    // Smoke runs cover the two-replica path too (unless the run already is one).
    let split: PhaseResult | undefined;
    if (SMOKE && process.env.BENCH_AGENT_REPLICAS === undefined) {
      log('smoke: Outpost again as 2 API processes, agents split, commands relayed through Redis:');
      split = await runPhase('outpost', db.url, fleet, { authorization: `Bearer ${token}`, 'x-takaro-domain': domainId }, pg, undefined, 2);
      for (const line of split.perReplica) log(`    ${line}`);
      log(
        `    command round trip p50 ${ms(split.commandLatency, 50).toFixed(1)} ms (relayed ${ms(split.relayedLatency, 50).toFixed(1)} ms, ${split.relayedLatency.length} of ${split.commandLatency.length}), ${split.commandErrors} errors`,
      );
    }

    const row = (label: string, o: number[], r: number[]): Array<string | number> => {
      const [o50, o95, o99, r50, r95, r99] = [ms(o, 50), ms(o, 95), ms(o, 99), ms(r, 50), ms(r, 95), ms(r, 99)];
      return [
        label,
        `${o50.toFixed(1)} / ${o95.toFixed(1)} / ${o99.toFixed(1)}`,
        `${r50.toFixed(1)} / ${r95.toFixed(1)} / ${r99.toFixed(1)}`,
        `${(o50 / r50).toFixed(2)}× / ${(o99 / r99).toFixed(2)}×`,
        `${o.length} / ${r.length}`,
      ];
    };
    log(
      '\n' +
        table(
          ['latency (ms)', `${outpost.name} p50 / p95 / p99`, 'raw p50 / p95 / p99', 'ratio o/r p50 / p99', 'samples o / r'],
          [
            row('heartbeat → row visible', outpost.beatLatency, raw.beatLatency),
            row('command round trip (HTTP)', outpost.commandLatency, raw.commandLatency),
            ...(outpost.replicas > 1 ? [row('  of which relayed via Redis', outpost.relayedLatency, raw.commandLatency)] : []),
            row('ws ping round trip', outpost.pingLatency, raw.pingLatency),
          ],
        ),
    );
    const f = (n: number) => n.toFixed(1);
    log(
      '\n' +
        table(
          [outpost.replicas > 1 ? `server processes (${outpost.name}: sums)` : 'server process', outpost.name, 'raw', 'ratio o/r'],
          [
            ['CPU %, heartbeats only (1st half)', f(outpost.cpuBeatsOnlyPercent), f(raw.cpuBeatsOnlyPercent), `${(outpost.cpuBeatsOnlyPercent / raw.cpuBeatsOnlyPercent).toFixed(2)}×`],
            ['CPU %, + commands 20/s (2nd half)', f(outpost.cpuWithCommandsPercent), f(raw.cpuWithCommandsPercent), `${(outpost.cpuWithCommandsPercent / raw.cpuWithCommandsPercent).toFixed(2)}×`],
            ['CPU %, whole window', f(outpost.cpuPercent), f(raw.cpuPercent), `${(outpost.cpuPercent / raw.cpuPercent).toFixed(2)}×`],
            ['event-loop utilisation %', f(outpost.eluPercent), f(raw.eluPercent), `${(outpost.eluPercent / raw.eluPercent).toFixed(2)}×`],
            ['RSS before agents, MiB', f(outpost.rssStartMiB), f(raw.rssStartMiB), `${(outpost.rssStartMiB / raw.rssStartMiB).toFixed(2)}×`],
            ['RSS peak, MiB', f(outpost.rssPeakMiB), f(raw.rssPeakMiB), `${(outpost.rssPeakMiB / raw.rssPeakMiB).toFixed(2)}×`],
            [
              'RSS growth with agents, MiB',
              f(outpost.rssPeakMiB - outpost.rssStartMiB),
              f(raw.rssPeakMiB - raw.rssStartMiB),
              `${((outpost.rssPeakMiB - outpost.rssStartMiB) / (raw.rssPeakMiB - raw.rssStartMiB)).toFixed(2)}×`,
            ],
            [`connect ${AGENTS} agents, ms`, outpost.connectMs.toFixed(0), raw.connectMs.toFixed(0), `${(outpost.connectMs / raw.connectMs).toFixed(2)}×`],
            ['all online in DB, ms', outpost.onlineMs.toFixed(0), raw.onlineMs.toFixed(0), `${(outpost.onlineMs / raw.onlineMs).toFixed(2)}×`],
            ['heartbeats sent in window', outpost.beatsSent, raw.beatsSent, ''],
            [`rows beaten in last 7 s (of ${AGENTS})`, outpost.freshRows, raw.freshRows, ''],
            ['command errors', outpost.commandErrors, raw.commandErrors, ''],
          ],
        ),
    );
    log(
      `\nheartbeat → row: agent send time until a poll (every ${POLL_MS} ms, ${SAMPLE_HEARTBEAT} sampled agents) sees node.lastHeartbeatAt ≥ it;` +
        ` both servers batch heartbeats into one UPDATE per second, so ~0–1000 ms is the design floor and growth means the server fell behind.` +
        `\ncommand round trip: GET /node/:id/containers → containers.list over the agent socket → reply; Outpost adds its guards (3 queries) to the baseline's node lookup.` +
        `\nCPU = server process user+system time / wall time, in % of one core; heartbeats and pings run the whole window, commands only in its 2nd half.`,
    );
    writeResults([
      ratioResult({
        path: `${AGENTS} agents${REPLICAS > 1 ? ` on ${REPLICAS} replicas` : ''}: command round trip`,
        metric: 'p50',
        value: ms(outpost.commandLatency, 50),
        baseline: ms(raw.commandLatency, 50),
        unit: 'ms',
        target: TARGETS.agentsCommandP50Ratio,
        direction: 'lower',
        note: `p99 ${ms(outpost.commandLatency, 99).toFixed(1)} vs ${ms(raw.commandLatency, 99).toFixed(1)} ms; ${outpost.commandErrors} errors`,
      }),
      ratioResult({
        path: `${AGENTS} agents${REPLICAS > 1 ? ` on ${REPLICAS} replicas` : ''}: server CPU`,
        metric: 'CPU, whole window',
        value: outpost.cpuPercent,
        baseline: raw.cpuPercent,
        unit: '% of a core',
        target: TARGETS.agentsCpuRatio,
        direction: 'lower',
        note: `heartbeats only ${f(outpost.cpuBeatsOnlyPercent)} vs ${f(raw.cpuBeatsOnlyPercent)} %; RSS before agents ${f(outpost.rssStartMiB)} vs ${f(raw.rssStartMiB)} MiB`,
      }),
    ]);
    for (const r of [outpost, raw, ...(split ? [split] : [])]) {
      expectSane(r.commandErrors === 0 && r.commandLatency.length > 0, `${r.name}: ${r.commandLatency.length} commands answered, ${r.commandErrors} failed`);
      expectSane(r.beatLatency.length > 0, `${r.name}: no sampled heartbeat reached the database`);
      expectSane(r.pingLatency.length > 0, `${r.name}: no ws ping answered`);
      expectSane(r.freshRows === AGENTS, `${r.name}: ${r.freshRows} of ${AGENTS} rows beaten in the last 7 s`);
    }
    log(`total bench time ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  } finally {
    await pg.end();
    await db.drop();
    log(`dropped database ${db.name}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
