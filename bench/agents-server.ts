/**
 * Server process for `bench:agents` (forked by agents.bench.ts so its CPU and RSS are its own):
 *   node dist/bench/agents-server.js outpost <databaseUrl>  — the real Outpost app (createApp)
 *   node dist/bench/agents-server.js raw <databaseUrl>      — bare `ws` + `pg` doing the same work
 * Both listen on 127.0.0.1 (random port), tell the parent the port over IPC, answer `stats`
 * requests with process.cpuUsage()/memoryUsage(), and stop on `stop`.
 */
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { Pool } from 'pg';
import { WebSocket, WebSocketServer } from 'ws';

export interface ServerStats {
  cpuUserUs: number;
  cpuSystemUs: number;
  rss: number;
  heapUsed: number;
  /** Event-loop utilisation since the process started (0..1). */
  elu: { idle: number; active: number };
}

export type ParentMessage = { type: 'stats'; id: number } | { type: 'stop' };
export type ChildMessage = { type: 'ready'; port: number } | { type: 'stats'; id: number; stats: ServerStats } | { type: 'stopped' } | { type: 'failed'; error: string };

const send = (m: ChildMessage) => process.send?.(m);

/** Same statement as NodeRepository.recordHeartbeats. */
function heartbeatSql(n: number): string {
  const values = Array.from({ length: n }, (_, i) => `($${i * 2 + 1}::uuid, $${i * 2 + 2}::timestamptz)`).join(',');
  return `UPDATE node SET "lastHeartbeatAt" = v.at, status = 'online' FROM (VALUES ${values}) AS v(id, at) WHERE node.id = v.id`;
}

/** The baseline: token lookup on upgrade, hello → online, heartbeats batched every 1 s, offline sweep every 5 s, one command route. */
async function startRaw(dbUrl: string): Promise<{ port: number; stop(): Promise<void> }> {
  const pool = new Pool({ connectionString: dbUrl, max: 20 });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  const sockets = new Map<string, WebSocket>();
  const pendingCommands = new Map<string, { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  let pendingBeats = new Map<string, Date>();

  const onRequest = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const m = /^\/node\/([0-9a-f-]{36})\/containers$/.exec(req.url ?? '');
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ meta: { serverTime: new Date().toISOString() }, data: body }));
    };
    if (!m || req.method !== 'GET') return reply(404, null);
    const domainId = req.headers['x-takaro-domain'];
    try {
      // Same lookup as NodeService.find (scoped by domain), then the command round trip.
      const { rows } = await pool.query('SELECT id FROM node WHERE "domainId" = $1 AND id = $2', [domainId, m[1]]);
      const ws = sockets.get(m[1]);
      if (!rows.length || !ws || ws.readyState !== ws.OPEN) return reply(404, null);
      const id = randomUUID();
      const result = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => pendingCommands.delete(id) && reject(new Error('timeout')), 30_000);
        pendingCommands.set(id, { resolve, reject, timer });
        ws.send(JSON.stringify({ type: 'command', id, command: 'containers.list', payload: { all: true, onlyOutpost: false }, timeoutMs: 30_000 }));
      });
      reply(200, result);
    } catch (err) {
      reply(500, String(err));
    }
  };
  const server = http.createServer((req, res) => void onRequest(req, res));

  const onUpgrade = async (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number) => {
      socket.write(`HTTP/1.1 ${status} No\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    if (!req.url || new URL(req.url, 'http://x').pathname !== '/agent/ws') return refuse(404);
    const token = req.headers['x-agent-token'];
    if (typeof token !== 'string' || !token) return refuse(401);
    try {
      const { rows } = await pool.query('SELECT id, "domainId" FROM node WHERE "agentTokenHash" = $1', [createHash('sha256').update(token).digest('hex')]);
      if (!rows.length) return refuse(401);
      const nodeId: string = rows[0].id;
      wss.handleUpgrade(req, socket, head, (ws) => {
        let said = false;
        ws.on('message', (data, isBinary) => {
          if (isBinary) return;
          let f: any;
          try {
            f = JSON.parse(data.toString());
          } catch {
            return;
          }
          if (f.type === 'hello' && !said) {
            said = true;
            sockets.set(nodeId, ws);
            void pool
              .query(`UPDATE node SET status = 'online', "lastHeartbeatAt" = $2, "agentVersion" = $3, "updatedAt" = now() WHERE id = $1`, [nodeId, new Date(), String(f.agentVersion)])
              .catch(() => undefined);
          } else if (f.type === 'event' && said) {
            if (f.event === 'heartbeat') pendingBeats.set(nodeId, new Date());
          } else if (f.type === 'response') {
            const p = pendingCommands.get(f.id);
            if (!p) return;
            pendingCommands.delete(f.id);
            clearTimeout(p.timer);
            if (f.ok) p.resolve(f.result ?? null);
            else p.reject(new Error(f.error?.message ?? 'agent error'));
          }
        });
        ws.on('close', () => {
          if (sockets.get(nodeId) !== ws) return;
          sockets.delete(nodeId);
          pendingBeats.delete(nodeId);
          void pool.query(`UPDATE node SET status = 'offline', "updatedAt" = now() WHERE id = $1`, [nodeId]).catch(() => undefined);
        });
      });
    } catch {
      refuse(503);
    }
  };
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void onUpgrade(req, socket, head));

  const flush = async () => {
    if (!pendingBeats.size) return;
    const beats = [...pendingBeats];
    pendingBeats = new Map();
    await pool
      .query(
        heartbeatSql(beats.length),
        beats.flatMap(([id, at]) => [id, at]),
      )
      .catch((err) => console.error('flush failed', err));
  };
  const sweep = () =>
    pool
      .query(`UPDATE node SET status = 'offline' WHERE status = 'online' AND ("lastHeartbeatAt" IS NULL OR "lastHeartbeatAt" < $1) RETURNING id, "domainId"`, [new Date(Date.now() - 20_000)])
      .catch(() => undefined);
  const timers = [setInterval(() => void flush(), 1000), setInterval(() => void sweep(), 5000)];

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async stop() {
      for (const t of timers) clearInterval(t);
      for (const c of wss.clients) c.terminate();
      await flush();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

async function startOutpostServer(dbUrl: string): Promise<{ port: number; stop(): Promise<void> }> {
  // Loaded lazily so the raw server's process never loads Nest/TypeORM (its RSS stays its own).
  const { createApp } = await import('../src/app.factory');
  const { loadConfig } = await import('../src/core/config/app-config');
  const { BENCH_APP_ENV } = await import('./lib/outpost');
  const app = await createApp(loadConfig({ DATABASE_URL: dbUrl, ...BENCH_APP_ENV, REDIS_URL: process.env.BENCH_AGENTS_REDIS_URL }), { quiet: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: (app.getHttpServer().address() as AddressInfo).port, stop: () => app.close() };
}

async function main(): Promise<void> {
  const [mode, dbUrl] = process.argv.slice(2);
  if ((mode !== 'outpost' && mode !== 'raw') || !dbUrl) throw new Error('usage: agents-server.js outpost|raw <databaseUrl>');
  const server = mode === 'raw' ? await startRaw(dbUrl) : await startOutpostServer(dbUrl);
  process.on('message', (m: ParentMessage) => {
    if (m.type === 'stats') {
      const cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      const elu = performance.eventLoopUtilization();
      send({ type: 'stats', id: m.id, stats: { cpuUserUs: cpu.user, cpuSystemUs: cpu.system, rss: mem.rss, heapUsed: mem.heapUsed, elu: { idle: elu.idle, active: elu.active } } });
    } else if (m.type === 'stop') {
      const force = setTimeout(() => process.exit(0), 10_000);
      void server.stop().finally(() => {
        clearTimeout(force);
        send({ type: 'stopped' });
        process.disconnect?.();
        process.exit(0);
      });
    }
  });
  // The parent going away must not leave this process behind.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port: server.port });
}

main().catch((err) => {
  send({ type: 'failed', error: String(err instanceof Error ? err.stack : err) });
  process.exit(1);
});
