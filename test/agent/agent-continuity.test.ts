/**
 * The agent tells the truth after faults, on the real Docker daemon: two agents sharing one host
 * keep to their own containers; console lines survive a dropped socket (buffered) and an agent
 * process killed with SIGKILL (replayed from the runtime's log by the next process).
 * The subject is a busybox container printing `line <n>` every 100 ms.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { AgentError, ConsoleOutputEvent } from '@libs/agent-protocol/protocol';
import { NODE_ID_LABEL } from '@libs/container-driver/container-driver';
import { DockerDriver } from '@libs/container-driver/docker-driver';
import { BUSYBOX_IMAGE, ensureTestImages } from '@libs/container-driver/test-images';
import { Agent } from '../../src/agent/agent';
import { ServerStore } from '../../src/agent/server-store';
import { type AgentProcess, spawnAgent } from '../helpers/agent-process';
import { waitFor } from '../helpers/wait';
import { TestControlPlane } from './test-control-plane';

const run = promisify(execFile);
const suffix = randomBytes(4).toString('hex');
const PRINTER = 'i=0; while true; do i=$((i+1)); echo "line $i"; sleep 0.1; done';

function printerSpec(serverId: string) {
  return {
    serverId,
    name: `outpost-cont-${serverId}`,
    image: BUSYBOX_IMAGE,
    startup: PRINTER,
    env: {},
    limits: { memoryMiB: 32, swapMiB: 0, cpuPercent: 50, pids: 16, diskMiB: 0 },
    ports: [],
    mountPath: '/data',
    openStdin: false,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The numbered lines the control plane got for a server, in arrival order. */
function numbered(cp: TestControlPlane, nodeId: string, serverId: string): Array<{ n: number; time: number; at: number }> {
  return cp.events
    .filter((e) => e.nodeId === nodeId && e.event === 'console.output' && (e.data as ConsoleOutputEvent).serverId === serverId)
    .map((e) => ({ m: /^line (\d+)$/.exec((e.data as ConsoleOutputEvent).line), time: Date.parse((e.data as ConsoleOutputEvent).time), at: e.at }))
    .filter((x) => x.m)
    .map((x) => ({ n: Number(x.m![1]), time: x.time, at: x.at }));
}

describe('agent continuity on real Docker', { timeout: 180_000 }, () => {
  let tmp: string;
  const planes: TestControlPlane[] = [];
  const agents: Agent[] = [];
  const procs: AgentProcess[] = [];
  const containerNames: string[] = [];

  async function controlPlane(): Promise<TestControlPlane> {
    const cp = await new TestControlPlane({ pingIntervalMs: 1000 }).listen();
    planes.push(cp);
    return cp;
  }

  async function inProcessAgent(cp: TestControlPlane, nodeId: string, dataDir: string, reconnect?: { baseMs: number; maxMs: number }): Promise<Agent> {
    const agent = new Agent({ url: cp.url, token: cp.addNode(nodeId).registerToken, dataDir, heartbeatIntervalMs: 500, reconnect });
    agents.push(agent);
    await agent.start();
    await waitFor(`${nodeId} connected`, () => cp.hub.isConnected(nodeId), 15_000);
    return agent;
  }

  async function createPrinter(cp: TestControlPlane, nodeId: string, serverId: string): Promise<string> {
    const spec = printerSpec(serverId);
    containerNames.push(spec.name);
    return (await cp.hub.send(nodeId, 'container.create', { spec }, { timeoutMs: 30_000 })).containerId;
  }

  async function labelsOf(id: string): Promise<Record<string, string>> {
    const { stdout } = await run('docker', ['inspect', '--format', '{{json .Config.Labels}}', id]);
    return JSON.parse(stdout) as Record<string, string>;
  }

  before(async () => {
    await ensureTestImages();
    tmp = await fs.mkdtemp(join(os.tmpdir(), 'outpost-continuity-'));
  });

  after(async () => {
    await Promise.all(procs.map((p) => p.kill('SIGKILL')));
    await Promise.all(agents.map((a) => a.stop()));
    for (const name of containerNames) await run('docker', ['rm', '-f', name]).catch(() => undefined);
    await Promise.all(planes.map((cp) => cp.close()));
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('two agents on one Docker host: each lists, commands, attaches and reports only its own containers', async () => {
    const cp = await controlPlane();
    const [nodeA, nodeB] = [`node-a-${suffix}`, `node-b-${suffix}`];
    const dirA = join(tmp, 'a');
    await inProcessAgent(cp, nodeA, dirA);
    await inProcessAgent(cp, nodeB, join(tmp, 'b'));
    const [srvA, srvB, srvLegacy] = [`a${suffix}`, `b${suffix}`, `legacy${suffix}`];
    const idA = await createPrinter(cp, nodeA, srvA);
    const idB = await createPrinter(cp, nodeB, srvB);
    assert.equal((await labelsOf(idA))[NODE_ID_LABEL], nodeA);
    assert.equal((await labelsOf(idB))[NODE_ID_LABEL], nodeB);

    // A container made by an older agent (no node label) that A's store records as its server's.
    const legacySpec = { ...printerSpec(srvLegacy), dataDir: join(dirA, 'servers', srvLegacy) };
    await fs.mkdir(legacySpec.dataDir, { recursive: true });
    containerNames.push(legacySpec.name);
    const legacy = await new DockerDriver().create(legacySpec);
    assert.equal((await labelsOf(legacy))[NODE_ID_LABEL], undefined);
    await new ServerStore(dirA).put({ serverId: srvLegacy, containerId: legacy, quotaBytes: 0 });

    // Another one whose record A lost with its state: it mounts A's data dir for that server, so it is still A's.
    const srvOrphan = `orphan${suffix}`;
    const orphanSpec = { ...printerSpec(srvOrphan), dataDir: join(dirA, 'servers', srvOrphan) };
    await fs.mkdir(orphanSpec.dataDir, { recursive: true });
    containerNames.push(orphanSpec.name);
    const orphan = await new DockerDriver().create(orphanSpec);

    const inventoryIds = async (nodeId: string) => (await cp.hub.send(nodeId, 'inventory.get', {}, { timeoutMs: 15_000 })).containers.map((c) => c.id).sort();
    assert.deepEqual(await inventoryIds(nodeA), [idA, legacy, orphan].sort());
    assert.deepEqual(await inventoryIds(nodeB), [idB]);
    assert.equal((await cp.hub.send(nodeA, 'server.inspect', { serverId: srvOrphan }))?.id, orphan, 'A finds it by server id and records it again');
    assert.equal(await cp.hub.send(nodeB, 'server.inspect', { serverId: srvOrphan }), null);

    // By server id, B finds none of A's servers.
    for (const serverId of [srvA, srvLegacy]) {
      await assert.rejects(cp.hub.send(nodeB, 'server.start', { serverId }), (e: AgentError) => e.code === 'not_found', serverId);
      await assert.rejects(cp.hub.send(nodeB, 'server.stop', { serverId }), (e: AgentError) => e.code === 'not_found', serverId);
      assert.equal(await cp.hub.send(nodeB, 'server.inspect', { serverId }), null);
    }
    assert.equal((await new DockerDriver().inspect(idA))?.running, false, 'B did not start it');

    // A's starts come first; B handles runtime events in order, so by the time it reports its own
    // start it has already seen (and dropped) A's.
    assert.deepEqual(await cp.hub.send(nodeA, 'server.start', { serverId: srvA }, { timeoutMs: 30_000 }), { alreadyRunning: false });
    await new DockerDriver().start(legacy);
    await cp.waitForEvent('container.event', (e) => e.type === 'start' && e.containerId === legacy, 15_000);
    assert.deepEqual(await cp.hub.send(nodeB, 'server.start', { serverId: srvB }, { timeoutMs: 30_000 }), { alreadyRunning: false });
    await waitFor('B reports its own start', () => cp.eventsOf('container.event', nodeB).some((e) => e.type === 'start' && e.containerId === idB), 15_000);
    assert.deepEqual(
      cp.eventsOf('container.event', nodeB).filter((e) => e.containerId !== idB),
      [],
      'B forwards no event of A’s containers',
    );
    assert.ok(
      cp.eventsOf('container.event', nodeA).every((e) => e.containerId !== idB),
      'A forwards none of B’s',
    );
    const legacyStart = cp.eventsOf('container.event', nodeA).find((e) => e.type === 'start' && e.containerId === legacy);
    assert.equal(legacyStart?.nodeId, undefined, 'the legacy container is A’s through its store record');

    // Consoles: each agent streams its own servers only.
    await waitFor('A streams its console', () => numbered(cp, nodeA, srvA).length >= 3, 15_000);
    await waitFor('A streams the legacy console', () => numbered(cp, nodeA, srvLegacy).length >= 3, 15_000);
    await waitFor('B streams its console', () => numbered(cp, nodeB, srvB).length >= 3, 15_000);
    assert.deepEqual(numbered(cp, nodeB, srvA), []);
    assert.deepEqual(numbered(cp, nodeB, srvLegacy), []);

    // Starting a running server again is a no-op that says so.
    const startedAt = (await new DockerDriver().inspect(idA))?.startedAt;
    assert.deepEqual(await cp.hub.send(nodeA, 'server.start', { serverId: srvA }, { timeoutMs: 30_000 }), { alreadyRunning: true });
    assert.equal((await new DockerDriver().inspect(idA))?.startedAt, startedAt, 'not restarted');
  });

  it('lines printed while the socket was down arrive after the reconnect, in order, none lost or doubled', async () => {
    const cp = await controlPlane();
    const nodeId = `node-gap-${suffix}`;
    const serverId = `gap${suffix}`;
    const agent = await inProcessAgent(cp, nodeId, join(tmp, 'gap'), { baseMs: 100, maxMs: 400 });
    await createPrinter(cp, nodeId, serverId);
    await cp.hub.send(nodeId, 'server.start', { serverId }, { timeoutMs: 30_000 });
    await waitFor('lines before the fault', () => numbered(cp, nodeId, serverId).length >= 5, 15_000);

    const down = new Promise((r) => agent.once('disconnected', r));
    cp.refuseUpgrades = true;
    cp.sockets.get(nodeId)!.terminate();
    await down;
    const downAt = Date.now();
    await sleep(1500); // ~15 lines printed while the control plane refuses the agent
    cp.refuseUpgrades = false;
    await waitFor('reconnected', () => cp.hellos.filter((h) => h.nodeId === nodeId).length === 2, 15_000);
    const helloAt = cp.hellos.filter((h) => h.nodeId === nodeId)[1].at;
    await waitFor('live lines after the reconnect', () => numbered(cp, nodeId, serverId).filter((l) => l.time > helloAt).length >= 5, 15_000);

    const got = numbered(cp, nodeId, serverId);
    const ns = got.map((l) => l.n);
    assert.deepEqual(
      ns,
      Array.from({ length: ns.length }, (_, i) => ns[0] + i),
      'every line exactly once, in order',
    );
    const buffered = got.filter((l) => l.time > downAt && l.time < helloAt);
    assert.ok(buffered.length >= 5, `${buffered.length} lines read while down`);
    assert.ok(
      buffered.every((l) => l.at >= helloAt),
      'they were sent after the reconnect',
    );
  });

  it('agent process SIGKILLed: the next process replays what the container printed meanwhile, without a gap', async () => {
    const cp = await controlPlane();
    const nodeId = `node-kill-${suffix}`;
    const serverId = `kill${suffix}`;
    const dataDir = join(tmp, 'kill');
    const env = { OUTPOST_INVENTORY_INTERVAL_MS: '300', OUTPOST_HEARTBEAT_INTERVAL_MS: '500', OUTPOST_RECONNECT_MAX_MS: '1000' };
    const first = spawnAgent({ url: cp.url, dataDir, token: cp.addNode(nodeId).registerToken, env });
    procs.push(first);
    await waitFor('first agent connected', () => cp.hub.isConnected(nodeId), 20_000).catch((err: Error) => assert.fail(`${err.message}\n${first.output().slice(-3000)}`));
    const containerId = await createPrinter(cp, nodeId, serverId);
    assert.deepEqual(await cp.hub.send(nodeId, 'server.start', { serverId }, { timeoutMs: 30_000 }), { alreadyRunning: false });
    await waitFor('lines from the first agent', () => numbered(cp, nodeId, serverId).length >= 15, 15_000);
    // OUTPOST_INVENTORY_INTERVAL_MS: inventories keep coming on the one connection.
    await waitFor('periodic inventories', () => cp.eventsOf('inventory', nodeId).length >= 3, 10_000);
    assert.equal(cp.hellos.filter((h) => h.nodeId === nodeId).length, 1);

    await first.kill('SIGKILL');
    const killedAt = Date.now();
    const beforeKill = numbered(cp, nodeId, serverId);
    // What the killed process left on disk: saved while it ran (throttled), not on exit.
    const saved = JSON.parse(await fs.readFile(join(dataDir, 'state', `${serverId}.json`), 'utf8')) as { lastOutputAt?: string };
    assert.ok(saved.lastOutputAt, JSON.stringify(saved));
    const lastOutputAt = Date.parse(saved.lastOutputAt);
    assert.ok(lastOutputAt >= beforeKill[4].time, 'saved during the run');

    await sleep(1500); // ~15 lines nobody reads
    assert.equal((await new DockerDriver().inspect(containerId))?.running, true);
    const second = spawnAgent({ url: cp.url, dataDir, env }); // identity from agent.json
    procs.push(second);
    await waitFor('second agent connected', () => cp.hellos.filter((h) => h.nodeId === nodeId).length === 2, 20_000).catch((err: Error) =>
      assert.fail(`${err.message}\n${second.output().slice(-3000)}`),
    );
    const helloAt = cp.hellos.filter((h) => h.nodeId === nodeId)[1].at;
    await waitFor('live lines from the second agent', () => numbered(cp, nodeId, serverId).filter((l) => l.time > helloAt).length >= 5, 15_000);

    const got = numbered(cp, nodeId, serverId);
    const first2 = new Map<number, { time: number; count: number }>();
    for (const l of got) {
      const cur = first2.get(l.n);
      if (cur) cur.count++;
      else first2.set(l.n, { time: l.time, count: 1 });
    }
    const ns = [...first2.keys()].sort((x, y) => x - y);
    assert.deepEqual(
      ns,
      Array.from({ length: ns.length }, (_, i) => ns[0] + i),
      `no gap: ${got.map((l) => l.n).join(',')}`,
    );
    // Replay starts at the saved lastOutputAt: a line first sent at or before it is never sent again;
    // only lines sent after the last save (at most the one-second save period) may come twice.
    for (const [n, { time, count }] of first2) {
      if (time <= lastOutputAt) assert.equal(count, 1, `line ${n} (sent before the saved mark) came ${count} times`);
      else assert.ok(count <= 2, `line ${n} came ${count} times`);
    }
    // The lines printed while no agent ran came from the runtime's log, after the new connection, in order.
    const replayed = got.filter((l) => l.at >= helloAt && l.time > killedAt && l.time < helloAt);
    assert.ok(replayed.length >= 5, `${replayed.length} replayed lines`);
    const afterHello = got.filter((l) => l.at >= helloAt).map((l) => l.n);
    assert.deepEqual(
      afterHello,
      Array.from({ length: afterHello.length }, (_, i) => afterHello[0] + i),
      'after the restart: replay, then live, each line once, in order',
    );
  });
});
