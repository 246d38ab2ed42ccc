/**
 * `npm run bench:start` — how much the control plane adds to starting a game server.
 *
 * Outpost: POST /gameserver (places it, reserves a port, creates the container through the agent)
 * then POST /gameserver/:id/start until the reply (container started).
 * Raw baseline, same run, same image and limits: dockerode createContainer + start.
 * Prints median/p90 for both and the ratio (target ≤ 1.5×). Loopback and local Docker only.
 * Env: BENCH_ROUNDS (default 10). BENCH_SMOKE=1: 2 rounds; every create and start must succeed
 * (bench/lib/smoke.ts).
 */
import Docker from 'dockerode';
import { createTestApp } from '../test/helpers/test-app';
import { bootstrapAdmin } from '../test/helpers/fixtures';
import { startNodeWithAgent } from '../test/helpers/agent-node';
import { ECHO_SERVER_IMAGE, ECHO_SERVER_STARTUP } from '@libs/container-driver/test-images';
import { envNumber } from './lib/load';
import { sized } from './lib/smoke';
import { ratioResult, TARGETS, writeResults } from './lib/results';

const ROUNDS = Math.floor(envNumber('BENCH_ROUNDS', sized(10, 2)));

function summary(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p90: at(0.9), min: s[0], max: s[s.length - 1] };
}

async function main() {
  process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const t = await createTestApp();
  const admin = await bootstrapAdmin(t);
  const node = await startNodeWithAgent(t, admin, { memoryMiB: 64 * 1024, cpuPercent: 100 * 64 });
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const workloadId = (await req('POST', '/workload/from-template', { template: 'echo-server' })).body.data.id;
  const docker = new Docker();
  const outpost: number[] = [];
  const raw: number[] = [];
  const cleanup: string[] = [];
  try {
    for (let i = 0; i < ROUNDS + 1; i++) {
      // Outpost
      let t0 = performance.now();
      const created = await req('POST', '/gameserver', { name: `bench-${i}`, workloadId, memoryMiB: 64, cpuPercent: 50 });
      if (created.status !== 201) throw new Error(`create failed: ${created.text}`);
      const started = await req('POST', `/gameserver/${created.body.data.id}/start`);
      if (started.status !== 200) throw new Error(`start failed: ${started.text}`);
      if (i > 0) outpost.push(performance.now() - t0); // first round warms up both paths
      cleanup.push(created.body.data.id);

      // Raw dockerode, same image, limits and a published port like Outpost's
      t0 = performance.now();
      const c = await docker.createContainer({
        name: `outpost-bench-raw-${process.pid}-${i}`,
        Image: ECHO_SERVER_IMAGE,
        Cmd: ['sh', '-c', ECHO_SERVER_STARTUP],
        OpenStdin: true,
        ExposedPorts: { '25565/tcp': {} },
        HostConfig: { Init: true, Memory: 64 * 1024 * 1024, NanoCpus: 0.5e9, PidsLimit: 64, PortBindings: { '25565/tcp': [{ HostIp: '0.0.0.0', HostPort: String(32000 - ROUNDS - 1 + i) }] } },
        Labels: { 'outpost.bench': 'raw' },
      });
      await c.start();
      if (i > 0) raw.push(performance.now() - t0);
      await c.remove({ force: true });
    }
  } finally {
    for (const id of cleanup) await req('DELETE', `/gameserver/${id}`).catch(() => undefined);
    await node.stop();
    await t.close();
  }
  const o = summary(outpost);
  const r = summary(raw);
  const ratio = o.median / r.median;
  console.log(`\nbench:start — ${ROUNDS} rounds (after one warm-up), echo-server image, 64 MiB / 50% CPU`);
  console.log(`  Outpost create+start via API + agent   median ${o.median.toFixed(1)} ms  p90 ${o.p90.toFixed(1)} ms  (min ${o.min.toFixed(1)}, max ${o.max.toFixed(1)})`);
  console.log(`  raw dockerode create+start             median ${r.median.toFixed(1)} ms  p90 ${r.p90.toFixed(1)} ms  (min ${r.min.toFixed(1)}, max ${r.max.toFixed(1)})`);
  console.log(`  ratio Outpost/raw (median): ${ratio.toFixed(2)}×  — target ≤ ${TARGETS.startRatio}×: ${ratio <= TARGETS.startRatio ? 'met' : 'NOT met'}`);
  writeResults([
    ratioResult({
      path: 'create + start a game server',
      metric: 'median time',
      value: o.median,
      baseline: r.median,
      unit: 'ms',
      target: TARGETS.startRatio,
      direction: 'lower',
      note: `p90 ${o.p90.toFixed(0)} vs ${r.p90.toFixed(0)} ms, ${ROUNDS} rounds`,
    }),
  ]);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
