/**
 * The agent against a stand-in control plane (node:http + ws + AgentHub), with an in-memory
 * driver: registration, hello/inventory/heartbeats/metrics, auth refusal, reconnect with backoff,
 * command errors and timeouts, malformed frames. The Docker-backed flow is in agent-docker.spec.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { execFile } from 'node:child_process';
import { AGENT_CLOSE_RECONNECT_NOW, AgentError, type ConsoleOutputEvent } from '@libs/agent-protocol/protocol';
import { NODE_ID_LABEL } from '@libs/container-driver/container-driver';
import { Agent, type AgentOptions } from '../../src/agent/agent';
import { ConsoleBuffer } from '../../src/agent/console-buffer';
import { silentLogger } from '../../src/agent/logger';
import { ServerStore } from '../../src/agent/server-store';
import { ServerStreams } from '../../src/agent/server-streams';
import { FakeDriver } from './fake-driver';
import { parseArgs } from '../../src/agent/main';
import { httpUrl, wsUrl } from '../../src/agent/registration';
import { TestControlPlane, waitFor } from './test-control-plane';

describe('Agent', () => {
  let cp: TestControlPlane;
  let tmp: string;
  const agents: Agent[] = [];

  before(async () => {
    cp = await new TestControlPlane({ pingIntervalMs: 1000 }).listen();
    tmp = await fs.mkdtemp(join(os.tmpdir(), 'outpost-agent-spec-'));
  });
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.stop()));
  });
  after(async () => {
    await cp.close();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  function makeAgent(o: Partial<AgentOptions> & { token?: string; dataDir: string }): Agent {
    const a = new Agent({ url: cp.url, driver: new FakeDriver(), heartbeatIntervalMs: 100, metricsIntervalMs: 200, reconnect: { baseMs: 100, maxMs: 2000 }, ...o });
    agents.push(a);
    return a;
  }

  it('registers with a register token, saves agent.json 0600, says hello and reports a true inventory', async () => {
    const nodeId = 'node-register';
    const { registerToken } = cp.addNode(nodeId);
    const dataDir = join(tmp, 'reg');
    const agent = makeAgent({ token: registerToken, dataDir });
    await agent.start();
    await waitFor(() => cp.hub.isConnected(nodeId), 5000, 'hello');

    assert.equal(cp.registrations.length, 1);
    assert.equal(cp.registrations[0].hostname, os.hostname());
    const saved = JSON.parse(await fs.readFile(join(dataDir, 'agent.json'), 'utf8'));
    assert.equal(saved.nodeId, nodeId);
    assert.match(saved.agentToken, /^outpost_agent_/);
    assert.equal(saved.registerToken, undefined, 'the register token itself is not stored');
    assert.equal((await fs.stat(join(dataDir, 'agent.json'))).mode & 0o777, 0o600);

    const hello = cp.hellos.find((h) => h.nodeId === nodeId)!.hello;
    assert.equal(hello.nodeId, nodeId);
    assert.equal(hello.hostname, os.hostname());

    const inv = await cp.waitForEvent('inventory', () => true, 5000);
    assert.equal(inv.system.hostname, os.hostname());
    assert.equal(inv.system.memoryBytes, os.totalmem());
    assert.equal(inv.system.cpuCount, os.cpus().length);
    assert.equal(inv.system.arch, os.arch());
    assert.equal(inv.system.kernel, os.release());
    assert.ok(inv.disks.length >= 1 && inv.disks.every((d) => d.totalBytes > 0 && d.freeBytes <= d.totalBytes));
    assert.ok(
      inv.network.some((n) => n.addresses.some((a) => a.internal)),
      'loopback is listed',
    );
    assert.deepEqual(inv.docker, { version: '0.0.0-fake', apiVersion: '1.41' });
    assert.deepEqual(inv.containers, []);

    // Heartbeats every 100 ms, after the inventory.
    const invAt = cp.events.find((e) => e.nodeId === nodeId && e.event === 'inventory')!.at;
    await waitFor(() => cp.events.filter((e) => e.nodeId === nodeId && e.event === 'heartbeat').length >= 3, 3000, 'heartbeats');
    const beats = cp.events.filter((e) => e.nodeId === nodeId && e.event === 'heartbeat');
    assert.ok(beats[0].at >= invAt);
    assert.ok(typeof (beats[0].data as { uptimeSeconds: number }).uptimeSeconds === 'number');

    const m = await cp.waitForEvent('metrics', () => true, 3000);
    assert.ok(m.cpuPercent >= 0 && m.cpuPercent <= 100);
    assert.equal(m.memoryTotalBytes, os.totalmem());
    assert.ok(m.memoryUsedBytes > 0 && m.memoryUsedBytes <= m.memoryTotalBytes);
    assert.ok(m.diskTotalBytes > 0 && m.diskUsedBytes <= m.diskTotalBytes);
    assert.equal(m.load.length, 3);
    assert.ok(m.networkRxBytes >= 0 && m.networkTxBytes >= 0);
    await agent.stop();

    // Same (already spent) register token again: agent.json wins, no second registration.
    const again = makeAgent({ token: registerToken, dataDir });
    await again.start();
    await waitFor(() => cp.hub.isConnected(nodeId), 5000, 'reconnect with saved token');
    assert.equal(cp.registrations.length, 1);
    await again.stop();

    // A different register token means a deliberate re-enrolment: registers and overwrites.
    const other = cp.addNode('node-register-2');
    const re = makeAgent({ token: other.registerToken, dataDir });
    await re.start();
    await waitFor(() => cp.hub.isConnected('node-register-2'), 5000, 're-enrolled node');
    assert.equal(cp.registrations.length, 2);
    assert.equal(JSON.parse(await fs.readFile(join(dataDir, 'agent.json'), 'utf8')).nodeId, 'node-register-2');
  });

  it('refuses a used register token with a clear error', async () => {
    const { registerToken } = cp.addNode('node-used');
    cp.registerTokens.delete(registerToken);
    const agent = makeAgent({ token: registerToken, dataDir: join(tmp, 'used') });
    await assert.rejects(agent.start(), /register rejected \(HTTP 401\)/);
  });

  it('stops retrying after a 401 on upgrade (no hammering)', async () => {
    const before = cp.upgrades.length;
    const agent = makeAgent({ token: 'outpost_agent_wrong', dataDir: join(tmp, 'bad') });
    const failed = new Promise((r) => agent.once('auth_failed', r));
    const scheduled: unknown[] = [];
    agent.on('reconnect_scheduled', (info) => scheduled.push(info));
    await agent.start();
    assert.deepEqual(await failed, { status: 401 });
    // The decision not to retry is taken with the 401: no reconnect was scheduled.
    assert.deepEqual(scheduled, []);
    const attempts = cp.upgrades.slice(before);
    assert.equal(attempts.length, 1);
    assert.equal(attempts[0].status, 401);
    assert.equal(agent.currentState, 'auth_failed');
  });

  it('with retryOnAuthFailure keeps trying, each retry at the maximum backoff', async () => {
    const before = cp.upgrades.length;
    const agent = makeAgent({ token: 'outpost_agent_wrong2', dataDir: join(tmp, 'bad2'), retryOnAuthFailure: true, reconnect: { baseMs: 100, maxMs: 400 } });
    const scheduled: Array<{ attempt: number; delayMs: number }> = [];
    agent.on('reconnect_scheduled', (info) => scheduled.push(info));
    await agent.start();
    await waitFor(() => scheduled.length >= 3, 5000, '3 retries');
    // Equal jitter at the maximum (400 ms): every delay is 200-400 ms, from the first refusal on.
    for (const s of scheduled) assert.ok(s.delayMs >= 200 && s.delayMs <= 400, JSON.stringify(scheduled));
    assert.ok(cp.upgrades.slice(before).every((u) => u.status === 401));
    assert.ok(cp.upgrades.length - before >= 3, 'each retry is a new upgrade attempt');
  });

  it('reconnects with growing backoff when the server drops it, re-sending hello + inventory', async () => {
    const nodeId = 'node-flaky';
    const { agentToken } = cp.addNode(nodeId);
    const agent = makeAgent({ token: agentToken, dataDir: join(tmp, 'flaky'), reconnect: { baseMs: 100, maxMs: 5000, stableAfterMs: 5000 } });
    const scheduled: Array<{ attempt: number; delayMs: number }> = [];
    agent.on('reconnect_scheduled', (info) => scheduled.push(info));
    await agent.start();
    for (let i = 0; i < 5; i++) {
      await waitFor(() => cp.hellos.filter((h) => h.nodeId === nodeId).length > i, 10_000, `connection ${i + 1}`);
      await waitFor(() => cp.events.filter((e) => e.nodeId === nodeId && e.event === 'inventory').length > i, 5000, `inventory ${i + 1}`);
      cp.sockets.get(nodeId)!.terminate();
    }
    await waitFor(() => scheduled.length >= 5, 5000, '5 reconnects scheduled');
    // Equal jitter: after drop n the wait is 50-100 % of 100·2^(n-1) ms → [50-100], [100-200], [200-400], [400-800], [800-1600].
    assert.deepEqual(
      scheduled.map((s) => s.attempt),
      [1, 2, 3, 4, 5],
    );
    scheduled.forEach((s, n) => {
      const d = 100 * 2 ** n;
      assert.ok(s.delayMs >= d / 2 && s.delayMs <= d, `attempt ${s.attempt}: ${s.delayMs} ms, expected ${d / 2}-${d} (${JSON.stringify(scheduled)})`);
    });
  });

  it('answers unknown commands, bad payloads and malformed frames with errors, and keeps working', async () => {
    const nodeId = 'node-errors';
    const { agentToken } = cp.addNode(nodeId);
    const agent = makeAgent({ token: agentToken, dataDir: join(tmp, 'errors') });
    await agent.start();
    await waitFor(() => cp.hub.isConnected(nodeId), 5000, 'hello');

    await assert.rejects(cp.hub.send(nodeId, 'no.such.thing' as 'images.list', {}), (e: AgentError) => e.code === 'unknown_command');
    await assert.rejects(cp.hub.send(nodeId, 'server.start', { serverId: '../etc' }), (e: AgentError) => e.code === 'invalid_payload');
    await assert.rejects(cp.hub.send(nodeId, 'server.start', { serverId: 'nope' }), (e: AgentError) => e.code === 'not_found');
    await assert.rejects(cp.hub.send(nodeId, 'server.command', { serverId: 'x', command: 'a\nop me' }), (e: AgentError) => e.code === 'invalid_payload');
    await assert.rejects(cp.hub.send(nodeId, 'container.create', { spec: { serverId: 'x' } } as never), (e: AgentError) => e.code === 'invalid_payload');

    const ws = cp.sockets.get(nodeId)!;
    const replies: any[] = [];
    ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
    ws.send('{{{ not json');
    ws.send(JSON.stringify({ type: 'command', id: 'c-1', command: 'images.list', timeoutMs: -5 }));
    ws.send(JSON.stringify({ type: 'what' }));
    ws.send(Buffer.from([0, 1, 2]), { binary: true });
    ws.send(JSON.stringify({ type: 'command', id: 'c-2', command: '__proto__', payload: {}, timeoutMs: 1000 }));
    await waitFor(() => replies.length >= 5, 3000, 'replies to malformed frames');
    assert.equal(replies.filter((r) => r.type === 'error' && r.code === 'invalid_frame').length, 3);
    assert.deepEqual(replies.find((r) => r.id === 'c-1')?.error?.code, 'invalid_frame');
    assert.deepEqual(replies.find((r) => r.id === 'c-2')?.error?.code, 'unknown_command');

    assert.equal(cp.hub.isConnected(nodeId), true);
    assert.equal((await cp.hub.send(nodeId, 'images.list', {})).length, 1);
  });

  it('times out slow commands on both sides with code timeout', async () => {
    const nodeId = 'node-slow';
    const { agentToken } = cp.addNode(nodeId);
    const driver = new FakeDriver();
    const agent = makeAgent({ token: agentToken, dataDir: join(tmp, 'slow'), driver });
    await agent.start();
    await waitFor(() => cp.hub.isConnected(nodeId), 5000, 'hello');
    driver.delayMs = 500;
    await assert.rejects(cp.hub.send(nodeId, 'images.list', {}, { timeoutMs: 100 }), (e: AgentError) => e.code === 'timeout');
    // The agent enforces the frame's timeoutMs too: its own error arrives before the hub's longer wait.
    const ws = cp.sockets.get(nodeId)!;
    const replies: any[] = [];
    ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
    ws.send(JSON.stringify({ type: 'command', id: 'slow-1', command: 'images.ensure', payload: { ref: 'x' }, timeoutMs: 100 }));
    const r = await waitFor(() => replies.find((x) => x.id === 'slow-1'), 2000, 'agent-side timeout');
    assert.equal(r.error.code, 'timeout');
    driver.delayMs = 0;
    assert.equal(cp.hub.isConnected(nodeId), true);
  });

  it('runs a server end to end on the fake driver: console, command, stop event, files with quota', async () => {
    const nodeId = 'node-fake-run';
    const { agentToken } = cp.addNode(nodeId);
    const dataDir = join(tmp, 'fake-run');
    const agent = makeAgent({ token: agentToken, dataDir, serverStatsIntervalMs: 50 });
    await agent.start();
    await waitFor(() => cp.hub.isConnected(nodeId), 5000, 'hello');
    const spec = {
      serverId: 'srv1',
      name: 'outpost-srv1',
      image: 'outpost/echo-server:local',
      startup: '/srv/echo-server.sh',
      env: {},
      limits: { memoryMiB: 64, swapMiB: 0, cpuPercent: 50, pids: 64, diskMiB: 1 },
      ports: [],
      mountPath: '/data',
      openStdin: true,
    };
    const { containerId } = await cp.hub.send(nodeId, 'container.create', { spec });
    assert.match(containerId, /^[0-9a-f]{64}$/);
    assert.ok((await fs.stat(join(dataDir, 'servers', 'srv1'))).isDirectory());
    await assert.rejects(cp.hub.send(nodeId, 'container.create', { spec }), (e: AgentError) => e.code === 'conflict');

    const since = Date.now();
    await cp.hub.send(nodeId, 'server.start', { serverId: 'srv1' });
    await cp.waitForEvent('console.output', (d) => d.serverId === 'srv1' && d.line === 'Done! Server ready', 3000, since);
    await cp.hub.send(nodeId, 'server.command', { serverId: 'srv1', command: 'hello' });
    await cp.waitForEvent('console.output', (d) => d.line === 'echo: hello', 3000, since);
    await cp.waitForEvent('server.stats', (d) => d.serverId === 'srv1' && d.stats.pids === 2, 3000, since);

    await cp.hub.send(nodeId, 'files.write', { serverId: 'srv1', path: 'server.properties', content: 'motd=hi\n' });
    assert.equal((await cp.hub.send(nodeId, 'files.read', { serverId: 'srv1', path: 'server.properties' })).content, 'motd=hi\n');
    assert.deepEqual(
      (await cp.hub.send(nodeId, 'files.list', { serverId: 'srv1' })).map((e) => e.name),
      ['server.properties'],
    );
    await assert.rejects(cp.hub.send(nodeId, 'files.read', { serverId: 'srv1', path: '../../agent.json' }), (e: AgentError) => e.code === 'path_unsafe');
    await assert.rejects(cp.hub.send(nodeId, 'files.write', { serverId: 'srv1', path: 'big.bin', content: 'x'.repeat(2 * 1024 * 1024) }), (e: AgentError) => e.code === 'quota_exceeded');
    await assert.rejects(cp.hub.send(nodeId, 'files.stat', { serverId: 'srv1', path: 'missing.txt' }), (e: AgentError) => e.code === 'not_found');
    const usage = await cp.hub.send(nodeId, 'files.usage', { serverId: 'srv1' });
    assert.deepEqual(usage, { usedBytes: 8, quotaBytes: 1024 * 1024 });

    await cp.hub.send(nodeId, 'server.stop', { serverId: 'srv1', stop: { command: 'stop', timeoutMs: 5000 } });
    const die = await cp.waitForEvent('container.event', (d) => d.type === 'die' && d.serverId === 'srv1', 3000, since);
    assert.equal(die.exitCode, 0);
    assert.equal((await cp.hub.send(nodeId, 'server.inspect', { serverId: 'srv1' }))?.exitCode, 0);

    await cp.hub.send(nodeId, 'server.remove', { serverId: 'srv1', deleteData: true });
    await assert.rejects(fs.stat(join(dataDir, 'servers', 'srv1')), { code: 'ENOENT' });
    assert.equal(await cp.hub.send(nodeId, 'server.inspect', { serverId: 'srv1' }), null);
    // Idempotent.
    await cp.hub.send(nodeId, 'server.remove', { serverId: 'srv1', deleteData: true });
  });

  // ───────────── truth after faults: ownership, restarts, disconnects (fake runtime) ─────────────

  /** A registered agent (register token, so it knows its node id), connected. */
  async function registeredAgent(nodeId: string, o: Partial<AgentOptions> & { dataDir: string }): Promise<Agent> {
    const { registerToken } = cp.addNode(nodeId);
    const agent = makeAgent({ token: registerToken, ...o });
    await agent.start();
    await waitFor(() => cp.hub.isConnected(nodeId), 5000, `${nodeId} connected`);
    assert.equal(agent.nodeId, nodeId);
    return agent;
  }

  const linesOf = (nodeId: string, serverId: string): ConsoleOutputEvent[] => cp.eventsOf('console.output', nodeId).filter((d) => d.serverId === serverId);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('server.start on a running container answers alreadyRunning: true and does not start it again', async () => {
    const nodeId = 'node-already';
    const driver = new FakeDriver();
    await registeredAgent(nodeId, { dataDir: join(tmp, 'already'), driver });
    await cp.hub.send(nodeId, 'container.create', { spec: fakeSpec('already1') });
    assert.deepEqual(await cp.hub.send(nodeId, 'server.start', { serverId: 'already1' }), { alreadyRunning: false });
    const starts = () => driver.calls.filter((c) => c.startsWith('start ')).length;
    assert.equal(starts(), 1);
    assert.deepEqual(await cp.hub.send(nodeId, 'server.start', { serverId: 'already1' }), { alreadyRunning: true });
    assert.equal(starts(), 1, 'no second start call');
    await cp.hub.send(nodeId, 'server.stop', { serverId: 'already1', stop: { timeoutMs: 1000 } });
    assert.deepEqual(await cp.hub.send(nodeId, 'server.start', { serverId: 'already1' }), { alreadyRunning: false });
    assert.equal(starts(), 2);
  });

  it('on a runtime shared by two agents, each sees, commands and reports only its own containers', async () => {
    const shared = new FakeDriver(); // one "Docker host"
    const dirA = join(tmp, 'share-a');
    await registeredAgent('node-share-a', { dataDir: dirA, driver: shared });
    await registeredAgent('node-share-b', { dataDir: join(tmp, 'share-b'), driver: shared });

    const idA = (await cp.hub.send('node-share-a', 'container.create', { spec: { ...fakeSpec('share-srv-a'), labels: { [NODE_ID_LABEL]: 'forged' } } })).containerId;
    const idB = (await cp.hub.send('node-share-b', 'container.create', { spec: fakeSpec('share-srv-b') })).containerId;
    assert.equal(shared.containers.get(idA)?.state.labels[NODE_ID_LABEL], 'node-share-a', "the agent's own node label wins over the payload");
    assert.equal(shared.containers.get(idB)?.state.labels[NODE_ID_LABEL], 'node-share-b');
    // A container of an older agent (no node label) that A's store records, and one nobody records.
    const legacy = await shared.create({ ...fakeSpec('share-legacy'), dataDir: join(dirA, 'servers', 'share-legacy') });
    const orphan = await shared.create({ ...fakeSpec('share-orphan'), dataDir: join(tmp, 'orphan') });
    await new ServerStore(dirA).put({ serverId: 'share-legacy', containerId: legacy, quotaBytes: 0 });

    const idsOf = async (nodeId: string) => (await cp.hub.send(nodeId, 'inventory.get', {})).containers.map((c) => c.id).sort();
    assert.deepEqual(await idsOf('node-share-a'), [idA, legacy].sort());
    assert.deepEqual(await idsOf('node-share-b'), [idB]);
    assert.ok(!(await idsOf('node-share-a')).includes(orphan));

    // By server id, B finds none of A's servers (not even through the label fallback).
    for (const serverId of ['share-srv-a', 'share-legacy', 'share-orphan'])
      await assert.rejects(cp.hub.send('node-share-b', 'server.start', { serverId }), (e: AgentError) => e.code === 'not_found', serverId);
    assert.equal(shared.containers.get(idA)?.state.running, false);

    // Events are handled in runtime order: once B reported its own start, A's earlier ones were dropped, not delayed.
    const since = Date.now();
    await cp.hub.send('node-share-a', 'server.start', { serverId: 'share-srv-a' });
    await shared.start(legacy);
    await cp.hub.send('node-share-b', 'server.start', { serverId: 'share-srv-b' });
    await cp.waitForEvent('container.event', (e) => e.type === 'start' && e.containerId === idB, 5000, since);
    await waitFor(() => cp.eventsOf('container.event', 'node-share-a').some((e) => e.type === 'start' && e.containerId === legacy), 5000, 'legacy start on A');
    const bEvents = cp.eventsOf('container.event', 'node-share-b');
    assert.deepEqual(
      bEvents.filter((e) => e.containerId !== idB),
      [],
      'B forwards no event of containers that are not its own',
    );
    assert.ok(!cp.eventsOf('container.event', 'node-share-a').some((e) => e.containerId === idB || e.containerId === orphan));
    // Consoles: each agent attached only its own.
    await waitFor(() => linesOf('node-share-a', 'share-srv-a').some((l) => l.line === 'Done! Server ready'), 5000, 'A console');
    await waitFor(() => linesOf('node-share-b', 'share-srv-b').some((l) => l.line === 'Done! Server ready'), 5000, 'B console');
    assert.deepEqual(linesOf('node-share-b', 'share-srv-a'), []);
    assert.deepEqual(linesOf('node-share-b', 'share-legacy'), []);
    // Install containers carry the node label too.
    const limits = { memoryMiB: 0, swapMiB: 0, cpuPercent: 0, pids: 0, diskMiB: 0 };
    await cp.hub.send('node-share-b', 'server.install', { serverId: 'share-srv-b', image: 'img', entrypoint: 'sh', script: 'true', env: {}, limits, timeoutMs: 5000 });
    assert.deepEqual(shared.installs.at(-1)?.labels, { [NODE_ID_LABEL]: 'node-share-b' });
  });

  it('sends the inventory periodically on one connection', async () => {
    const nodeId = 'node-periodic';
    await registeredAgent(nodeId, { dataDir: join(tmp, 'periodic'), inventoryIntervalMs: 150 });
    await waitFor(() => cp.eventsOf('inventory', nodeId).length >= 4, 5000, '4 inventories');
    assert.equal(cp.hellos.filter((h) => h.nodeId === nodeId).length, 1, 'not from reconnects');
  });

  it('close code 4012 reconnects at once and resets the backoff', async () => {
    const nodeId = 'node-reconnect-now';
    const agent = await registeredAgent(nodeId, { dataDir: join(tmp, 'reconnect-now'), reconnect: { baseMs: 100, maxMs: 5000, stableAfterMs: 60_000 } });
    const scheduled: Array<{ attempt: number; delayMs: number }> = [];
    agent.on('reconnect_scheduled', (info) => scheduled.push(info));
    const hellos = () => cp.hellos.filter((h) => h.nodeId === nodeId).length;

    // Some failed attempts first: the backoff grows (100·2^n ms).
    cp.refuseUpgrades = true;
    try {
      cp.sockets.get(nodeId)!.terminate();
      await waitFor(() => scheduled.length >= 5, 10_000, '5 reconnect attempts');
    } finally {
      cp.refuseUpgrades = false;
    }
    await waitFor(() => hellos() === 2, 10_000, 'reconnected');
    const grown = scheduled[scheduled.length - 1];
    assert.ok(grown.attempt >= 5 && grown.delayMs >= 800, JSON.stringify(scheduled));

    scheduled.length = 0;
    cp.sockets.get(nodeId)!.close(AGENT_CLOSE_RECONNECT_NOW, 'restarting');
    await waitFor(() => scheduled.length >= 1, 5000, 'reconnect scheduled');
    assert.equal(scheduled[0].attempt, 1, 'attempt counter reset');
    assert.ok(scheduled[0].delayMs >= 0 && scheduled[0].delayMs <= 250, `delay ${scheduled[0].delayMs}`);
    await waitFor(() => hellos() === 3, 5000, 'reconnected after 4012');

    // The next ordinary drop starts again from the base delay (attempt 2: 100-200 ms), not from 1.6 s+.
    scheduled.length = 0;
    cp.sockets.get(nodeId)!.terminate();
    await waitFor(() => scheduled.length >= 1, 5000, 'reconnect scheduled');
    assert.equal(scheduled[0].attempt, 2);
    assert.ok(scheduled[0].delayMs >= 100 && scheduled[0].delayMs <= 200, `delay ${scheduled[0].delayMs}`);
  });

  it('keeps console lines read while disconnected and sends them after the reconnect inventory, in order', async () => {
    const nodeId = 'node-console-buffer';
    const driver = new FakeDriver();
    const agent = await registeredAgent(nodeId, { dataDir: join(tmp, 'console-buffer'), driver, reconnect: { baseMs: 50, maxMs: 200 } });
    const { containerId } = await cp.hub.send(nodeId, 'container.create', { spec: fakeSpec('cbuf') });
    await cp.hub.send(nodeId, 'server.start', { serverId: 'cbuf' });
    await waitFor(() => linesOf(nodeId, 'cbuf').some((l) => l.line === 'Done! Server ready'), 5000, 'ready line');

    const down = new Promise((r) => agent.once('disconnected', r));
    cp.refuseUpgrades = true;
    cp.sockets.get(nodeId)!.terminate();
    await down;
    for (let i = 1; i <= 30; i++) driver.printLine(containerId, `down ${i}`);
    await waitFor(() => cp.upgrades.filter((u) => u.status === 503).length >= 2, 5000, 'refused reconnects');
    const reconnectFrom = cp.events.length;
    cp.refuseUpgrades = false;
    await waitFor(() => linesOf(nodeId, 'cbuf').some((l) => l.line === 'down 30'), 5000, 'buffered lines');
    driver.printLine(containerId, 'live again');
    await waitFor(() => linesOf(nodeId, 'cbuf').some((l) => l.line === 'live again'), 5000, 'live line');

    const after = cp.events.slice(reconnectFrom).filter((e) => e.nodeId === nodeId);
    const firstInventory = after.findIndex((e) => e.event === 'inventory');
    const consoleAfter = after.filter((e) => e.event === 'console.output').map((e) => e.data as ConsoleOutputEvent);
    assert.ok(firstInventory >= 0 && firstInventory < after.findIndex((e) => e.event === 'console.output'), 'inventory first');
    assert.deepEqual(
      consoleAfter.map((l) => l.line),
      [...Array.from({ length: 30 }, (_, i) => `down ${i + 1}`), 'live again'],
    );
    // Each line keeps the time it was read (while disconnected), not the time it was sent.
    const helloAt = cp.hellos.filter((h) => h.nodeId === nodeId)[1].at;
    assert.ok(consoleAfter.slice(0, 30).every((l) => Date.parse(l.time) <= helloAt));
    assert.equal(linesOf(nodeId, 'cbuf').filter((l) => l.line.startsWith('down ')).length, 30, 'each line once');
  });

  it('bounds the console buffer (oldest dropped first) and tells the control plane how many lines were lost', async () => {
    const nodeId = 'node-console-bound';
    const driver = new FakeDriver();
    const agent = await registeredAgent(nodeId, { dataDir: join(tmp, 'console-bound'), driver, reconnect: { baseMs: 50, maxMs: 200 }, consoleBuffer: { perServer: 5 } });
    const { containerId } = await cp.hub.send(nodeId, 'container.create', { spec: fakeSpec('cbound') });
    await cp.hub.send(nodeId, 'server.start', { serverId: 'cbound' });
    await waitFor(() => linesOf(nodeId, 'cbound').some((l) => l.line === 'Done! Server ready'), 5000, 'ready line');
    // Confirmed lines are not sent again, so only the flood counts against the bound.
    await waitFor(() => agent.unconfirmedConsoleLines === 0, 5000, 'lines confirmed');
    const down = new Promise((r) => agent.once('disconnected', r));
    cp.refuseUpgrades = true;
    cp.sockets.get(nodeId)!.terminate();
    await down;
    for (let i = 1; i <= 12; i++) driver.printLine(containerId, `flood ${i}`);
    cp.refuseUpgrades = false;
    await waitFor(() => linesOf(nodeId, 'cbound').some((l) => l.line === 'flood 12'), 5000, 'buffered lines');
    const got = linesOf(nodeId, 'cbound').map((l) => l.line);
    assert.deepEqual(got.slice(got.indexOf('flood 8') - 1), [
      '[outpost-agent] 7 console line(s) lost while the control plane was unreachable',
      'flood 8',
      'flood 9',
      'flood 10',
      'flood 11',
      'flood 12',
    ]);
  });

  it('lines the control plane never read (its socket cut before their pong) are sent again after the reconnect, flagged resent, and arrive once', async () => {
    const nodeId = 'node-console-resend';
    const driver = new FakeDriver();
    const agent = await registeredAgent(nodeId, { dataDir: join(tmp, 'console-resend'), driver, reconnect: { baseMs: 50, maxMs: 200 } });
    const { containerId } = await cp.hub.send(nodeId, 'container.create', { spec: fakeSpec('cresend') });
    await cp.hub.send(nodeId, 'server.start', { serverId: 'cresend' });
    await waitFor(() => linesOf(nodeId, 'cresend').some((l) => l.line === 'Done! Server ready'), 5000, 'ready line');
    await waitFor(() => agent.unconfirmedConsoleLines === 0, 5000, 'the ready line confirmed');
    // The control plane stops reading: the lines (and the ping after them) sit in its socket, no pong comes back.
    const socket = cp.sockets.get(nodeId)!;
    const copiesBefore = cp.droppedResent; // other nodes' tests may have had copies dropped
    socket.pause();
    const inFlight = ['in flight 1', 'in flight 2', 'in flight 3'];
    for (const line of inFlight) driver.printLine(containerId, line);
    await waitFor(() => agent.unconfirmedConsoleLines === 3, 5000, 'three lines sent, none confirmed');
    const down = new Promise((r) => agent.once('disconnected', r));
    socket.terminate(); // what it had not read is gone
    await down;
    driver.printLine(containerId, 'after the cut');
    await waitFor(() => linesOf(nodeId, 'cresend').some((l) => l.line === 'after the cut'), 5000, 'the line after the reconnect');
    const lines = linesOf(nodeId, 'cresend');
    const ready = lines.findIndex((l) => l.line === 'Done! Server ready');
    assert.deepEqual(
      lines.slice(ready + 1).map((l) => [l.line, l.resent ?? false]),
      [...inFlight.map((l) => [l, true]), ['after the cut', false]],
    );
    assert.equal(cp.droppedResent, copiesBefore, 'nothing was a copy: the control plane had read none of them');
  });

  it('after an agent restart, replays what the running container printed meanwhile, once', async () => {
    const nodeId = 'node-replay';
    const driver = new FakeDriver();
    const dataDir = join(tmp, 'replay');
    const { registerToken } = cp.addNode(nodeId);
    const first = makeAgent({ token: registerToken, dataDir, driver });
    await first.start();
    await waitFor(() => cp.hub.isConnected(nodeId), 5000, 'connected');
    const { containerId } = await cp.hub.send(nodeId, 'container.create', { spec: fakeSpec('replay1') });
    await cp.hub.send(nodeId, 'server.start', { serverId: 'replay1' });
    await waitFor(() => linesOf(nodeId, 'replay1').some((l) => l.line === 'Done! Server ready'), 5000, 'ready line');
    driver.printLine(containerId, 'before');
    await waitFor(() => linesOf(nodeId, 'replay1').some((l) => l.line === 'before'), 5000, 'before');
    await first.stop();
    // Saved on detach: when the last sent line was read.
    const saved = JSON.parse(await fs.readFile(join(dataDir, 'state', 'replay1.json'), 'utf8'));
    const lastSent = linesOf(nodeId, 'replay1').at(-1)!;
    assert.equal(saved.lastOutputAt, lastSent.time);

    await sleep(5); // the runtime stamps lines in ms here: keep the gap lines after the last sent one
    for (let i = 1; i <= 5; i++) driver.printLine(containerId, `gap ${i}`);
    const second = makeAgent({ dataDir, driver }); // identity from agent.json
    await second.start();
    await waitFor(() => linesOf(nodeId, 'replay1').some((l) => l.line === 'gap 5'), 5000, 'replayed lines');
    driver.printLine(containerId, 'live');
    await waitFor(() => linesOf(nodeId, 'replay1').some((l) => l.line === 'live'), 5000, 'live line');
    assert.deepEqual(
      linesOf(nodeId, 'replay1').map((l) => l.line),
      ['Server starting...', 'Done! Server ready', 'before', 'gap 1', 'gap 2', 'gap 3', 'gap 4', 'gap 5', 'live'],
    );
  });
});

/** The spec of an echo server on the fake runtime (the fake ignores limits and the data dir unless given). */
function fakeSpec(serverId: string) {
  return {
    serverId,
    name: `outpost-${serverId}`,
    image: 'outpost/echo-server:local',
    startup: '/srv/echo-server.sh',
    env: {},
    limits: { memoryMiB: 64, swapMiB: 0, cpuPercent: 50, pids: 64, diskMiB: 0 },
    ports: [],
    mountPath: '/data',
    openStdin: true,
  };
}
/** A container on the fake runtime, for tests of the console streams alone. */
function createBare(driver: FakeDriver, serverId: string, dataDir: string): Promise<string> {
  return driver.create({ ...fakeSpec(serverId), dataDir });
}

describe('ServerStreams console replay', () => {
  it('joins the replay and the live lines without a gap or a doubled seam', async () => {
    const dir = await fs.mkdtemp(join(os.tmpdir(), 'outpost-streams-'));
    try {
      const driver = new FakeDriver();
      const id = await createBare(driver, 'seam', dir);
      await driver.start(id);
      await waitFor(() => driver.containers.get(id)!.logs.length === 2, 2000, 'ready line');
      driver.printLine(id, 'unread 1');
      driver.printLine(id, 'unread 2');
      // Printed while the attach is being set up: in the runtime's log and on the live stream.
      const realAttach = driver.attach.bind(driver);
      driver.attach = async (cid) => {
        const a = await realAttach(cid);
        setImmediate(() => ['seam 1', 'seam 2'].forEach((l) => driver.printLine(cid, l)));
        await new Promise((r) => setImmediate(r));
        return a;
      };
      const lines: string[] = [];
      const streams = new ServerStreams({ driver, logger: silentLogger, store: new ServerStore(dir), statsIntervalMs: 1000, onLine: (_s, line) => lines.push(line), onStats: () => undefined });
      await streams.attach('seam', id, { stats: false });
      driver.printLine(id, 'live');
      await waitFor(() => lines.includes('live'), 2000, 'live line');
      assert.deepEqual(lines, ['Server starting...', 'Done! Server ready', 'unread 1', 'unread 2', 'seam 1', 'seam 2', 'live']);
      await streams.closeAll();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
  it("a run started from outside after a stop is replayed whole, even when the old run's last line was read after the new run began", async () => {
    const dir = await fs.mkdtemp(join(os.tmpdir(), 'outpost-streams-'));
    try {
      const driver = new FakeDriver();
      const id = await createBare(driver, 'rerun', dir);
      const lines: string[] = [];
      const streams = new ServerStreams({ driver, logger: silentLogger, store: new ServerStore(dir), statsIntervalMs: 1000, onLine: (_s, line) => lines.push(line), onStats: () => undefined });
      await streams.attach('rerun', id, { stats: false });
      await driver.start(id);
      await waitFor(() => lines.includes('Done! Server ready'), 2000, 'first ready line');
      await driver.stop(id, { timeoutMs: 1000 });
      streams.containerEnded(id, 'rerun'); // the die event
      // Started again from outside; a lagging agent stamped the old run's last line 500 ms after the
      // new run's lines were logged (the runtime's clock), as seen under CI load.
      await driver.start(id);
      await waitFor(() => driver.containers.get(id)!.logs.filter((l) => l.line === 'Done! Server ready').length === 2, 2000, 'second ready line');
      const c = driver.containers.get(id)!;
      const shift = (iso: string, ms: number) => new Date(Date.parse(iso) - ms).toISOString();
      c.state = { ...c.state, startedAt: shift(c.state.startedAt!, 500) };
      c.logs.forEach((x, i) => (x.timestamp = shift(x.timestamp, i < c.logs.length - 2 ? 1000 : 500)));
      lines.length = 0;
      await streams.attach('rerun', id, { stats: false });
      assert.deepEqual(lines, ['Server starting...', 'Done! Server ready']);
      await streams.closeAll();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('ConsoleBuffer', () => {
  const line = (serverId: string, n: number): ConsoleOutputEvent => ({ serverId, stream: 'stdout', line: `${serverId} ${n}`, time: new Date(n).toISOString() });

  it('drains in arrival order across servers and counts drops per server and in total', () => {
    const b = new ConsoleBuffer(3, 5);
    for (let i = 1; i <= 4; i++) b.push(line('a', i), i); // a1 dropped (per server)
    b.push(line('b', 5), 5);
    b.push(line('b', 6), 6);
    b.push(line('b', 7), 7); // total 6 > 5: the oldest overall (a 2) is dropped
    assert.equal(b.size, 5);
    const { lines, dropped } = b.drain();
    assert.deepEqual(
      lines.map((l) => l.event.line),
      ['a 3', 'a 4', 'b 5', 'b 6', 'b 7'],
    );
    assert.deepEqual([...dropped], [['a', 2]]);
    assert.equal(b.size, 0);
    assert.deepEqual(b.drain(), { lines: [], dropped: new Map() });
  });
});

describe('agent CLI and URLs', () => {
  it('parses flags and env', () => {
    assert.deepEqual(parseArgs(['--url', 'http://h:3000', '--token=outpost_agent_x', '--data-dir', '/tmp/a'], {}), {
      url: 'http://h:3000',
      token: 'outpost_agent_x',
      dataDir: '/tmp/a',
      logLevel: 'info',
      retryOnAuthFailure: false,
    });
    const fromEnv = parseArgs([], { OUTPOST_URL: 'https://cp', OUTPOST_TOKEN: 't', OUTPOST_DATA_DIR: '/d', OUTPOST_RETRY_AUTH: '1' });
    assert.equal(fromEnv.url, 'https://cp');
    assert.equal(fromEnv.retryOnAuthFailure, true);
    assert.throws(() => parseArgs([], {}), /--url/);
    assert.throws(() => parseArgs(['--url', 'x', '--bogus'], {}), /unknown argument/);
  });
  it('reads the tuning settings from the environment and refuses bad values', async () => {
    const cli = parseArgs(['--url', 'http://h'], { OUTPOST_INVENTORY_INTERVAL_MS: '1500', OUTPOST_HEARTBEAT_INTERVAL_MS: '250', OUTPOST_RECONNECT_MAX_MS: ' 2000 ' });
    assert.equal(cli.inventoryIntervalMs, 1500);
    assert.equal(cli.heartbeatIntervalMs, 250);
    assert.equal(cli.reconnectMaxMs, 2000);
    for (const bad of ['0', '-5', '1.5', 'abc', '1e3', '99999999999999999999'])
      assert.throws(() => parseArgs(['--url', 'http://h'], { OUTPOST_RECONNECT_MAX_MS: bad }), /OUTPOST_RECONNECT_MAX_MS must be a positive integer/, bad);
    // The program itself exits 1 with that message.
    const main = join(__dirname, '../../src/agent/main.js');
    const outcome = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [main, '--url', 'http://127.0.0.1:9'], { env: { ...process.env, OUTPOST_INVENTORY_INTERVAL_MS: 'soon' } }, (_err, _out, stderr) =>
        resolve({ code: child.exitCode, stderr }),
      );
    });
    assert.equal(outcome.code, 1);
    assert.match(outcome.stderr, /OUTPOST_INVENTORY_INTERVAL_MS must be a positive integer \(milliseconds\), got "soon"/);
  });
  it('derives the socket URL from the base URL', () => {
    assert.equal(wsUrl('http://host:3000', '/agent/ws'), 'ws://host:3000/agent/ws');
    assert.equal(wsUrl('https://cp.example.com/api/', '/agent/ws'), 'wss://cp.example.com/api/agent/ws');
    assert.equal(wsUrl('wss://cp.example.com', '/agent/ws'), 'wss://cp.example.com/agent/ws');
    assert.equal(httpUrl('ws://h:1'), 'http://h:1');
  });
});
