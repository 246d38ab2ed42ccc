/**
 * `npm run bench:console` — console fan-out: lines per second delivered to 100 WebSocket
 * subscribers on 127.0.0.1 through the real Outpost app (agent event → ownership check →
 * sequence numbers → ring buffer → pub/sub → every socket), with seq-gap (loss) detection,
 * against a raw `ws` broadcast of the same frames in the same run. Runs in-process fan-out and,
 * when Redis answers, fan-out through Redis. Prints the ratio; never a timed assertion.
 *
 * Env: BENCH_LINES (default 20000), BENCH_SUBSCRIBERS (default 100), BENCH_CHUNK (lines injected
 * per event-loop turn, default 500), BENCH_REDIS_URL (default redis://127.0.0.1:6379; "off" skips).
 * BENCH_SMOKE=1: 1,000 lines to 5 subscribers, and every subscriber must get every line in
 * sequence (bench/lib/smoke.ts).
 */
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import WebSocket, { WebSocketServer } from 'ws';
import Redis from 'ioredis';
import { ConsoleHub } from '../src/modules/console/console-hub.service';
import { EventBus } from '../src/core/events/event-bus';
import { bootstrapAdmin } from '../test/helpers/fixtures';
import { createTestApp } from '../test/helpers/test-app';
import { envNumber } from './lib/load';
import { expectSane, sized } from './lib/smoke';
import { ratioResult, TARGETS, writeResults } from './lib/results';

const LINES = Math.floor(envNumber('BENCH_LINES', sized(20_000, 1000)));
const SUBSCRIBERS = Math.floor(envNumber('BENCH_SUBSCRIBERS', sized(100, 5)));
const CHUNK = Math.floor(envNumber('BENCH_CHUNK', sized(500, 100)));
// How long to wait for the last line; a lost line otherwise stalls the run until then.
const DELIVERY_TIMEOUT_MS = sized(120_000, 20_000);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Result {
  seconds: number;
  linesPerSecond: number;
  deliveriesPerSecond: number;
  lost: number;
  gaps: number;
}

const tick = () => new Promise((r) => setImmediate(r));

/** Subscribers count lines and gaps; resolves when every one has `LINES` lines (or times out). */
function track(sockets: WebSocket[], firstSeq: () => number | null) {
  const state = sockets.map(() => ({ count: 0, last: 0, gaps: 0 }));
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => (resolveAll = r));
  let complete = 0;
  sockets.forEach((ws, i) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { event: string; args: Array<{ seq: number; line: string }> };
      if (msg.event !== 'console output') return;
      const s = state[i];
      for (const l of msg.args) {
        if (!l.line.startsWith('bench ')) continue;
        const base = firstSeq();
        if (s.last && l.seq !== s.last + 1) s.gaps++;
        else if (!s.last && base !== null && l.seq !== base) s.gaps++;
        s.last = l.seq;
        s.count++;
        if (s.count === LINES) {
          complete++;
          if (complete === sockets.length) resolveAll();
        }
      }
    });
  });
  return { state, all };
}

async function measure(inject: () => Promise<void>, sockets: WebSocket[], firstSeq: () => number | null): Promise<Result> {
  const { state, all } = track(sockets, firstSeq);
  const started = process.hrtime.bigint();
  await inject();
  const timeout = new Promise<void>((r) => setTimeout(r, DELIVERY_TIMEOUT_MS).unref());
  await Promise.race([all, timeout]);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lost = state.reduce((n, s) => n + (LINES - s.count), 0);
  const gaps = state.reduce((n, s) => n + s.gaps, 0);
  for (const ws of sockets) ws.removeAllListeners('message');
  return { seconds, linesPerSecond: LINES / seconds, deliveriesPerSecond: (LINES * SUBSCRIBERS - lost) / seconds, lost, gaps };
}

const open = (url: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_q, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });

/** The raw baseline: a bare ws server broadcasting the same frames (one per injected chunk). */
async function rawBaseline(): Promise<Result> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise((r) => wss.once('listening', r));
  const port = (wss.address() as AddressInfo).port;
  const sockets = await Promise.all(Array.from({ length: SUBSCRIBERS }, () => open(`ws://127.0.0.1:${port}`)));
  const time = new Date().toISOString();
  let seq = 0;
  const result = await measure(
    async () => {
      for (let i = 0; i < LINES; i += CHUNK) {
        const lines = [];
        for (let j = i; j < Math.min(LINES, i + CHUNK); j++) lines.push({ seq: ++seq, line: `bench ${j}`, time, stream: 'stdout' });
        const frame = JSON.stringify({ event: 'console output', args: lines });
        for (const client of wss.clients) client.send(frame);
        await tick();
      }
    },
    sockets,
    () => 1,
  );
  for (const ws of sockets) ws.terminate();
  await new Promise((r) => wss.close(r));
  return result;
}

async function outpost(redisUrl: string | null): Promise<Result> {
  const t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000000', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) });
  try {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const admin = await bootstrapAdmin(t);
    const req = (method: string, url: string, body?: unknown) => t.request(method, url, { token: admin.token, domain: admin.domainId, body });
    const node = await req('POST', '/node', { name: 'bench-node', address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });
    const workload = await req('POST', '/workload/from-template', { template: 'echo-server', name: 'bench' });
    const [server] = await t.app
      .get(DataSource)
      .query(
        `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", image, "memoryMiB", "cpuPercent", "diskMiB", pids) VALUES ($1, 'bench', $2, $3, 'outpost/echo-server:local', 64, 50, 64, 64) RETURNING id`,
        [admin.domainId, workload.body.data.id, node.body.data.id],
      );
    const hub = t.app.get(ConsoleHub);
    hub.options.linesPerSecond = Number.MAX_SAFE_INTEGER; // measure delivery, not the flood limit
    const token = (await req('POST', `/gameserver/${server.id}/console-token`)).body.data.token as string;
    const sockets = await Promise.all(Array.from({ length: SUBSCRIBERS }, () => open(`ws://127.0.0.1:${port}/gameserver/${server.id}/console?token=${encodeURIComponent(token)}`)));
    const bus = t.app.get(EventBus);
    // Warm the ownership cache and learn where the sequence starts.
    let firstSeq: number | null = null;
    const before = hub.stats.linesPublished;
    bus.emit('agent.event', { nodeId: node.body.data.id, event: 'console.output', data: { serverId: server.id, stream: 'stdout', line: 'warm-up', time: new Date().toISOString() } });
    while (hub.stats.linesPublished === before) await new Promise((r) => setTimeout(r, 10));
    const buffered = await hub.buffer(server.id);
    firstSeq = buffered[buffered.length - 1].seq + 1;
    await new Promise((r) => setTimeout(r, 100));
    const time = new Date().toISOString();
    const result = await measure(
      async () => {
        for (let i = 0; i < LINES; i += CHUNK) {
          for (let j = i; j < Math.min(LINES, i + CHUNK); j++)
            bus.emit('agent.event', { nodeId: node.body.data.id, event: 'console.output', data: { serverId: server.id, stream: 'stdout', line: `bench ${j}`, time } });
          await tick();
        }
      },
      sockets,
      () => firstSeq,
    );
    for (const ws of sockets) ws.terminate();
    return result;
  } finally {
    await t.close();
  }
}

function row(name: string, r: Result): string {
  return `${name.padEnd(28)} ${r.seconds.toFixed(2).padStart(7)} s ${Math.round(r.linesPerSecond).toLocaleString('en').padStart(10)} lines/s ${Math.round(r.deliveriesPerSecond).toLocaleString('en').padStart(12)} deliveries/s   lost ${r.lost}  gaps ${r.gaps}`;
}

async function main() {
  console.log(`console fan-out: ${LINES.toLocaleString('en')} lines to ${SUBSCRIBERS} WebSocket subscribers on 127.0.0.1, injected ${CHUNK} per event-loop turn\n`);
  const raw = await rawBaseline();
  console.log(row('raw ws broadcast (baseline)', raw));
  const memory = await outpost(null);
  console.log(row('outpost, in-process', memory));
  let redis: Result | null = null;
  if (REDIS_URL !== 'off') {
    const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const up = await probe
      .connect()
      .then(() => probe.ping())
      .then(
        () => true,
        () => false,
      );
    probe.disconnect();
    if (up) {
      redis = await outpost(REDIS_URL);
      console.log(row('outpost, through Redis', redis));
    } else console.log(`(Redis at ${REDIS_URL} not answering: Redis fan-out skipped)`);
  }
  console.log(`\nratio in-process / raw: ${(memory.linesPerSecond / raw.linesPerSecond).toFixed(2)}`);
  if (redis) console.log(`ratio Redis      / raw: ${(redis.linesPerSecond / raw.linesPerSecond).toFixed(2)}`);
  const loss = memory.lost + memory.gaps + (redis ? redis.lost + redis.gaps : 0);
  console.log(loss ? `LOSS: ${loss} missing or out-of-sequence deliveries` : 'no loss: every subscriber got every line, seqs contiguous');
  const fanOut = (path: string, r: Result | null, target: number) =>
    ratioResult({
      path,
      metric: `lines/s to ${SUBSCRIBERS} viewers, 0 lost`,
      value: r ? r.linesPerSecond : NaN,
      baseline: raw.linesPerSecond,
      unit: 'lines/s',
      target,
      direction: 'higher',
      alsoRequires: r !== null && r.lost + r.gaps === 0,
      note: r ? `lost ${r.lost}, gaps ${r.gaps}` : `not run: Redis at ${REDIS_URL} not answering`,
    });
  writeResults([fanOut('console fan-out, in-process', memory, TARGETS.consoleInProcessRatio), fanOut('console fan-out, via Redis', redis, TARGETS.consoleRedisRatio)]);
  expectSane(raw.lost + raw.gaps + loss === 0, `${loss} lines lost or out of sequence through Outpost, ${raw.lost + raw.gaps} in the raw baseline`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
