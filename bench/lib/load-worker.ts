/**
 * Load generator thread: N keep-alive connections to 127.0.0.1 each sending requests back to back,
 * bounded by a duration and a request count. Runs in a worker thread so the server under test keeps
 * its own event loop.
 */
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadOptions, LoadResult } from './load';

const REQUEST_TIMEOUT_MS = 10_000;

async function main(opts: LoadOptions): Promise<LoadResult> {
  if (opts.host !== '127.0.0.1') throw new Error('the load generator only targets 127.0.0.1');
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections, maxFreeSockets: opts.connections });
  const bodies = opts.bodies.map((b) => Buffer.from(JSON.stringify(b)));
  const latenciesUs = new Float64Array(opts.maxRequests);
  let count = 0;
  let errors = 0;
  let bytes = 0;
  let next = 0;
  const statusCounts: Record<string, number> = {};
  const started = performance.now();
  const deadline = started + opts.durationMs;

  const one = (body: Buffer) =>
    new Promise<{ status: number; size: number }>((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: opts.host,
          port: opts.port,
          method: 'POST',
          path: opts.path,
          headers: { ...opts.headers, 'content-type': 'application/json', 'content-length': String(body.length) },
          timeout: REQUEST_TIMEOUT_MS,
        },
        (res) => {
          let size = 0;
          res.on('data', (c: Buffer) => (size += c.length));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, size }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', reject);
      req.end(body);
    });

  const loop = async () => {
    while (count + errors < opts.maxRequests && performance.now() < deadline) {
      const body = bodies[next++ % bodies.length];
      const t0 = performance.now();
      try {
        const r = await one(body);
        const us = (performance.now() - t0) * 1000;
        statusCounts[r.status] = (statusCounts[r.status] ?? 0) + 1;
        if (r.status !== 200) {
          errors++;
          continue;
        }
        if (count < latenciesUs.length) latenciesUs[count] = us;
        count++;
        bytes += r.size;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, loop));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { count, errors, bytes, elapsedMs, statusCounts, latenciesUs: latenciesUs.slice(0, count) };
}

main(workerData as LoadOptions).then(
  (r) => parentPort!.postMessage({ ok: true, result: r }, [r.latenciesUs.buffer as unknown as ArrayBuffer]),
  (err: unknown) => parentPort!.postMessage({ ok: false, error: String(err instanceof Error ? err.stack : err) }),
);
