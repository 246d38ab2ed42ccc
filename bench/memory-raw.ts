/**
 * The raw baselines of `bench:memory` (spawned by memory.bench.ts, one process each):
 *   node dist/bench/memory-raw.js server <databaseUrl>  — a bare `ws` server + a `pg` Pool (one
 *     query run, so the pool holds a connection like the idle API does); prints {"port":N}.
 *   node dist/bench/memory-raw.js agent <ws-url>       — a bare `ws` client connected to it, with
 *     a heartbeat frame every 5 s like the agent; prints {"connected":true}.
 * Both then idle until SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import WebSocket, { WebSocketServer } from 'ws';

async function server(dbUrl: string): Promise<void> {
  const pool = new Pool({ connectionString: dbUrl, max: 20 });
  await pool.query('SELECT 1');
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  wss.on('connection', (ws) => ws.on('message', () => undefined));
  process.stdout.write(JSON.stringify({ port: (wss.address() as AddressInfo).port }) + '\n');
  process.once('SIGTERM', () => {
    wss.close();
    void pool.end().then(() => process.exit(0));
  });
}

async function agent(url: string): Promise<void> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const timer = setInterval(() => ws.send(JSON.stringify({ type: 'event', event: 'heartbeat', data: { time: new Date().toISOString() } })), 5000);
  process.stdout.write(JSON.stringify({ connected: true }) + '\n');
  process.once('SIGTERM', () => {
    clearInterval(timer);
    ws.terminate();
    process.exit(0);
  });
}

const [mode, arg] = process.argv.slice(2);
(mode === 'server' ? server(arg) : mode === 'agent' ? agent(arg) : Promise.reject(new Error('usage: memory-raw.js server <databaseUrl> | agent <ws-url>'))).catch((err) => {
  console.error(err);
  process.exit(1);
});
