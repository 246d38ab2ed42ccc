/**
 * Worker thread of bench/lib/mixed-load.ts: N keep-alive node:http connections to 127.0.0.1, each
 * sending the schedule's next request when its previous one answered, bounded by a duration and a
 * request count.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { KindResult, MixedLoadOptions, MixedLoadResult } from './mixed-load';

// Generous: a slow answer under 200 connections on a busy machine is a figure, not an error.
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_ERROR_SAMPLES = 10;

async function main(opts: MixedLoadOptions): Promise<MixedLoadResult> {
  if (opts.host !== '127.0.0.1') throw new Error('the load generator only targets 127.0.0.1');
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections, maxFreeSockets: opts.connections });
  const prepared = opts.requests.map((r) => ({ ...r, payload: r.body === undefined ? undefined : Buffer.from(JSON.stringify(r.body)) }));
  const byKind: Record<string, KindResult> = {};
  for (const r of prepared) byKind[r.kind] ??= { count: 0, errors: 0, statusCounts: {}, latenciesUs: [] };
  const headerCounts: Record<string, number> = {};
  const errorSamples: string[] = [];
  let sent = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + opts.durationMs;

  const one = (r: (typeof prepared)[number]) =>
    new Promise<{ status: number; header?: string; text: string }>((resolve, reject) => {
      const headers: Record<string, string> = { ...r.headers };
      if (r.payload) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(r.payload.length);
      }
      const req = http.request({ agent, host: opts.host, port: opts.port, method: r.method, path: r.path, headers, timeout: REQUEST_TIMEOUT_MS }, (res) => {
        const status = res.statusCode ?? 0;
        let text = '';
        res.setEncoding('utf8');
        // Only a failure's body is kept (the start of it, for the log).
        res.on('data', (c: string) => {
          if (status !== r.expect && text.length < 300) text += c;
        });
        res.on('end', () => {
          const h = opts.countHeader ? res.headers[opts.countHeader] : undefined;
          resolve({ status, header: typeof h === 'string' ? h : undefined, text });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', reject);
      req.end(r.payload);
    });

  const loop = async () => {
    while (sent < opts.maxRequests && performance.now() < deadline) {
      sent++;
      const r = prepared[next++ % prepared.length];
      const k = byKind[r.kind];
      const t0 = performance.now();
      try {
        const res = await one(r);
        k.statusCounts[res.status] = (k.statusCounts[res.status] ?? 0) + 1;
        if (res.header) headerCounts[res.header] = (headerCounts[res.header] ?? 0) + 1;
        if (res.status !== r.expect) {
          k.errors++;
          if (errorSamples.length < MAX_ERROR_SAMPLES) errorSamples.push(`${r.method} ${r.path} → ${res.status} ${res.text.slice(0, 200)}`);
          continue;
        }
        k.latenciesUs.push((performance.now() - t0) * 1000);
        k.count++;
      } catch (err) {
        k.errors++;
        k.statusCounts.network = (k.statusCounts.network ?? 0) + 1;
        if (errorSamples.length < MAX_ERROR_SAMPLES) errorSamples.push(`${r.method} ${r.path} → ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, loop));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { elapsedMs, byKind, headerCounts, errorSamples };
}

main(workerData as MixedLoadOptions).then(
  (r) => parentPort!.postMessage({ ok: true, result: r }),
  (err: unknown) => parentPort!.postMessage({ ok: false, error: String(err instanceof Error ? err.stack : err) }),
);
