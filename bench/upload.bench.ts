/**
 * `npm run bench:upload` — upload speed through the real API (multipart and TUS, API → agent →
 * disk, with the real agent in this process) vs. a raw disk write of the same bytes to the same
 * filesystem, in the same run. Prints MiB/s and the ratio (API / raw); never a timed assertion.
 *
 * Env: BENCH_UPLOAD_MB (default 1024), BENCH_UPLOAD_RUNS (default 2; the best run counts).
 */
import assert from 'node:assert/strict';
import { createWriteStream, rmSync } from 'node:fs';
import * as http from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import Docker from 'dockerode';
import { bootstrapAdmin } from '../test/helpers/fixtures';
import { startNodeWithAgent } from '../test/helpers/agent-node';
import { envNumber } from './lib/load';
import { migratedDatabase, startOutpost } from './lib/outpost';

const MiB = 1024 * 1024;
const SIZE = Math.floor(envNumber('BENCH_UPLOAD_MB', 1024)) * MiB;
const RUNS = Math.max(1, Math.floor(envNumber('BENCH_UPLOAD_RUNS', 2)));
const BLOCK = randomBytes(MiB);

function data(size: number): Readable {
  return Readable.from(
    (function* () {
      for (let pos = 0, i = 0; pos < size; pos += MiB, i++) {
        const b = Buffer.from(BLOCK.subarray(0, Math.min(MiB, size - pos)));
        b.writeDoubleLE(i, 0);
        yield b;
      }
    })(),
  );
}

function send(url: string, method: string, headers: Record<string, string>, body: Readable): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    body.pipe(req);
  });
}

async function timed(fn: () => Promise<void>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best;
}

async function main(): Promise<void> {
  const db = await migratedDatabase();
  const t = await startOutpost(db);
  const docker = new Docker();
  const admin = await bootstrapAdmin(t);
  const node = await startNodeWithAgent(t, admin, { diskMiB: 1024 * 1024 });
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  try {
    const wl = await req('POST', '/workload/from-template', { template: 'echo-server' });
    const s = await req('POST', '/gameserver', { name: 'bench', workloadId: wl.body.data.id, memoryMiB: 64, cpuPercent: 50, pids: 64, diskMiB: Math.ceil((3 * SIZE) / MiB) + 64 });
    assert.equal(s.status, 201, s.text);
    const id = s.body.data.id as string;
    const root = join(node.dataDir, 'servers', id);
    const base = `http://127.0.0.1:${t.port}/gameserver/${id}/files`;
    const auth = { authorization: `Bearer ${admin.token}`, 'x-takaro-domain': admin.domainId };

    const raw = await timed(async () => {
      const p = join(node.dataDir, 'raw.bin');
      await pipeline(data(SIZE), createWriteStream(p));
      const fh = await open(p, 'r+');
      await fh.sync();
      await fh.close();
      rmSync(p);
    });

    const multipart = await timed(async () => {
      const boundary = '----bench' + randomBytes(6).toString('hex');
      const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="mp.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const body = Readable.from(
        (async function* () {
          yield head;
          for await (const c of data(SIZE)) yield c as Buffer;
          yield tail;
        })(),
      );
      const status = await send(`${base}/upload`, 'POST', { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + SIZE + tail.length) }, body);
      assert.equal(status, 201);
      rmSync(join(root, 'mp.bin'));
    });

    const tus = await timed(async () => {
      const created = await new Promise<string>((resolve, reject) => {
        const r = http.request(`${base}/tus`, { method: 'POST', headers: { ...auth, 'tus-resumable': '1.0.0', 'upload-length': String(SIZE), 'upload-metadata': `filename ${Buffer.from('tus.bin').toString('base64')}` } }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 201 ? resolve(String(res.headers.location)) : reject(new Error(`create → ${res.statusCode}`))));
        });
        r.on('error', reject);
        r.end();
      });
      const status = await send(`http://127.0.0.1:${t.port}${created}`, 'PATCH', { ...auth, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(SIZE) }, data(SIZE));
      assert.equal(status, 204);
      rmSync(join(root, 'tus.bin'));
    });

    const mbps = (sec: number) => SIZE / MiB / sec;
    console.log(`\nupload of ${SIZE / MiB} MiB (best of ${RUNS}), same process, same filesystem`);
    console.log(`  raw disk write (stream + fsync)  ${mbps(raw).toFixed(0).padStart(6)} MiB/s  ${raw.toFixed(2)} s`);
    console.log(`  API multipart (API→agent→disk)   ${mbps(multipart).toFixed(0).padStart(6)} MiB/s  ${multipart.toFixed(2)} s  ratio ${(raw / multipart).toFixed(2)}`);
    console.log(`  API TUS, one PATCH               ${mbps(tus).toFixed(0).padStart(6)} MiB/s  ${tus.toFixed(2)} s  ratio ${(raw / tus).toFixed(2)}`);
    console.log('  ratio = API throughput / raw throughput (1.00 = as fast as writing the disk directly)');
  } finally {
    const list = await docker.listContainers({ all: true, filters: { label: [`outpost.domain-id=${admin.domainId}`] } });
    for (const c of list) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
    await node.stop();
    await t.close();
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
