/**
 * `npm run bench:upload` — upload speed through the real API (multipart and TUS, API → agent →
 * disk) vs. a raw disk write of the same bytes to the same filesystem, in the same run. The API
 * runs in this process with the client; the agent runs in its own process, as deployed
 * (`node dist/src/agent/main.js`). Prints MiB/s, CPU per MiB and the ratio (API / raw); never a
 * timed assertion.
 *
 * Env: BENCH_UPLOAD_MB (default 1024), BENCH_UPLOAD_RUNS (default 2; the best run counts).
 * BENCH_SMOKE=1: 8 MiB, one run; every upload must be accepted and land whole (bench/lib/smoke.ts).
 */
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as http from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import Docker from 'dockerode';
import { ensureTestImages } from '@libs/container-driver/test-images';
import { bootstrapAdmin } from '../test/helpers/fixtures';
import type { TestApp } from '../test/helpers/test-app';
import { waitFor } from '../test/helpers/wait';
import { envNumber } from './lib/load';
import { migratedDatabase, startOutpost } from './lib/outpost';
import { expectSane, sized } from './lib/smoke';
import { ratioResult, TARGETS, writeResults } from './lib/results';

const MiB = 1024 * 1024;
const SIZE = Math.floor(envNumber('BENCH_UPLOAD_MB', sized(1024, 8))) * MiB;
const RUNS = Math.max(1, Math.floor(envNumber('BENCH_UPLOAD_RUNS', sized(2, 1))));
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

/** A node and a real agent for it in a child process (register token → agent token, like `npm run agent`). */
async function startAgentProcess(t: TestApp & { port: number }, admin: { token: string; domainId: string }, diskMiB: number) {
  await ensureTestImages();
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  // Host ports for the game server's allocation: a slice below the ephemeral range, spread by pid.
  const portBase = 20000 + (process.pid % 120) * 100;
  const created = await req('POST', '/node', { name: 'bench-node', address: '127.0.0.1', memoryMiB: 4096, diskMiB, cpuPercent: 400, portRangeStart: portBase, portRangeEnd: portBase + 99 });
  assert.equal(created.status, 201, created.text);
  const nodeId = created.body.data.id as string;
  const token = (await req('POST', `/node/${nodeId}/register-token`)).body.data.token as string;
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-bench-agent-'));
  const agentMain = join(__dirname, '..', 'src', 'agent', 'main.js');
  const child: ChildProcess = spawn(process.execPath, [agentMain, '--url', `http://127.0.0.1:${t.port}`, '--token', token, '--data-dir', dataDir, '--log-level', 'warn'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor('bench agent online', async () => {
    if (child.exitCode !== null) throw new Error(`the agent exited with ${child.exitCode}`);
    return (await req('GET', `/node/${nodeId}`)).body.data.state === 'online';
  });
  return {
    dataDir,
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The uploaded file has every byte on the node's disk; then it goes, so the next run starts clean. */
function landedWhole(path: string): void {
  const size = statSync(path).size;
  expectSane(size === SIZE, `${path}: ${size} bytes on disk, ${SIZE} uploaded`);
  rmSync(path);
}

/** User + system CPU seconds of another process (Linux /proc; NaN elsewhere). Clock ticks are 100/s on Linux. */
function processCpuSeconds(pid: number | undefined): number {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return NaN;
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Timing {
  seconds: number;
  /** CPU seconds of this process (client + API, or the raw writer) during the run. */
  cpuSeconds: number;
  /** CPU seconds of the agent process during the run. */
  agentCpuSeconds: number;
}

/** The best of RUNS runs (by wall time), with the CPU both processes spent in it. */
async function timed(agentPid: number | undefined, fn: () => Promise<void>): Promise<Timing> {
  let best: Timing = { seconds: Infinity, cpuSeconds: NaN, agentCpuSeconds: NaN };
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const a0 = processCpuSeconds(agentPid);
    await fn();
    const c = process.cpuUsage(c0);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (seconds < best.seconds) best = { seconds, cpuSeconds: (c.user + c.system) / 1e6, agentCpuSeconds: processCpuSeconds(agentPid) - a0 };
  }
  return best;
}

async function main(): Promise<void> {
  const db = await migratedDatabase();
  const t = await startOutpost(db);
  const docker = new Docker();
  const admin = await bootstrapAdmin(t);
  const node = await startAgentProcess(t, admin, 1024 * 1024);
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  try {
    const wl = await req('POST', '/workload/from-template', { template: 'echo-server' });
    const s = await req('POST', '/gameserver', { name: 'bench', workloadId: wl.body.data.id, memoryMiB: 64, cpuPercent: 50, pids: 64, diskMiB: Math.ceil((3 * SIZE) / MiB) + 64 });
    assert.equal(s.status, 201, s.text);
    const id = s.body.data.id as string;
    const root = join(node.dataDir, 'servers', id);
    const base = `http://127.0.0.1:${t.port}/gameserver/${id}/files`;
    const auth = { authorization: `Bearer ${admin.token}`, 'x-takaro-domain': admin.domainId };

    const raw = await timed(undefined, async () => {
      const p = join(node.dataDir, 'raw.bin');
      await pipeline(data(SIZE), createWriteStream(p));
      const fh = await open(p, 'r+');
      await fh.sync();
      await fh.close();
      rmSync(p);
    });

    const multipart = await timed(node.pid, async () => {
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
      landedWhole(join(root, 'mp.bin'));
    });

    const tus = await timed(node.pid, async () => {
      const created = await new Promise<string>((resolve, reject) => {
        const r = http.request(
          `${base}/tus`,
          { method: 'POST', headers: { ...auth, 'tus-resumable': '1.0.0', 'upload-length': String(SIZE), 'upload-metadata': `filename ${Buffer.from('tus.bin').toString('base64')}` } },
          (res) => {
            res.resume();
            res.on('end', () => (res.statusCode === 201 ? resolve(String(res.headers.location)) : reject(new Error(`create → ${res.statusCode}`))));
          },
        );
        r.on('error', reject);
        r.end();
      });
      const status = await send(
        `http://127.0.0.1:${t.port}${created}`,
        'PATCH',
        { ...auth, 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(SIZE) },
        data(SIZE),
      );
      assert.equal(status, 204);
      landedWhole(join(root, 'tus.bin'));
    });

    const mib = SIZE / MiB;
    const perMiB = (cpuSeconds: number) => (Number.isNaN(cpuSeconds) ? '' : ((cpuSeconds * 1000) / mib).toFixed(2)).padStart(6);
    const line = (label: string, r: Timing, ratio: string) =>
      console.log(
        `  ${label.padEnd(33)} ${(mib / r.seconds).toFixed(0).padStart(6)} MiB/s  ${r.seconds.toFixed(2).padStart(6)} s  CPU ms/MiB ${perMiB(r.cpuSeconds)} + agent ${perMiB(r.agentCpuSeconds)}  ${ratio}`,
      );
    console.log(`\nupload of ${mib} MiB (best of ${RUNS}); client and API in this process, the agent in its own, one filesystem`);
    line('raw disk write (stream + fsync)', raw, '');
    line('API multipart (API→agent→disk)', multipart, `ratio ${(raw.seconds / multipart.seconds).toFixed(2)}`);
    line('API TUS, one PATCH', tus, `ratio ${(raw.seconds / tus.seconds).toFixed(2)}`);
    console.log('  ratio = API throughput / raw throughput (1.00 = as fast as writing the disk directly)');
    console.log('  CPU ms/MiB = CPU time per MiB uploaded of this process (client + API, or the raw writer) + of the agent process');
    const upload = (path: string, r: Timing) =>
      ratioResult({
        path,
        metric: `throughput, ${mib} MiB`,
        value: mib / r.seconds,
        baseline: mib / raw.seconds,
        unit: 'MiB/s',
        target: TARGETS.uploadRatio,
        direction: 'higher',
        note: `CPU ms/MiB ${perMiB(r.cpuSeconds).trim()} + agent ${perMiB(r.agentCpuSeconds).trim()} (raw ${perMiB(raw.cpuSeconds).trim()})`,
      });
    writeResults([upload('upload, multipart', multipart), upload('upload, TUS (one PATCH)', tus)]);
  } finally {
    const list = await docker.listContainers({ all: true, filters: { label: [`outpost.domain-id=${admin.domainId}`] } });
    for (const c of list)
      await docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined);
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
