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
import { AgentError } from '@libs/agent-protocol/protocol';
import { Agent, type AgentOptions } from '../../src/agent/agent';
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
    await agent.start();
    assert.deepEqual(await failed, { status: 401 });
    await new Promise((r) => setTimeout(r, 1500));
    const attempts = cp.upgrades.slice(before);
    assert.equal(attempts.length, 1);
    assert.equal(attempts[0].status, 401);
    assert.equal(agent.currentState, 'auth_failed');
  });

  it('with retryOnAuthFailure keeps trying, slowly', async () => {
    const before = cp.upgrades.length;
    const agent = makeAgent({ token: 'outpost_agent_wrong2', dataDir: join(tmp, 'bad2'), retryOnAuthFailure: true, reconnect: { baseMs: 100, maxMs: 400 } });
    await agent.start();
    await new Promise((r) => setTimeout(r, 1200));
    const n = cp.upgrades.length - before;
    // At the max backoff (200-400 ms) that is 3-6 attempts in 1.2 s, not hundreds.
    assert.ok(n >= 2 && n <= 7, `${n} attempts`);
  });

  it('reconnects with growing backoff when the server drops it, re-sending hello + inventory', async () => {
    const nodeId = 'node-flaky';
    const { agentToken } = cp.addNode(nodeId);
    const agent = makeAgent({ token: agentToken, dataDir: join(tmp, 'flaky'), reconnect: { baseMs: 100, maxMs: 5000, stableAfterMs: 5000 } });
    await agent.start();
    const connectTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      await waitFor(() => cp.hellos.filter((h) => h.nodeId === nodeId).length > i, 10_000, `connection ${i + 1}`);
      await waitFor(() => cp.events.filter((e) => e.nodeId === nodeId && e.event === 'inventory').length > i, 5000, `inventory ${i + 1}`);
      connectTimes.push(cp.hellos.filter((h) => h.nodeId === nodeId)[i].at);
      cp.sockets.get(nodeId)!.terminate();
    }
    const gaps = connectTimes.slice(1).map((t, i) => t - connectTimes[i]);
    // Equal jitter: attempt n waits 50-100%% of 100·2^n ms → ~[50-100], [100-200], [200-400], [400-800].
    assert.ok(gaps[0] < 400, `gaps ${gaps}`);
    assert.ok(gaps[3] >= 400, `gaps ${gaps}`);
    assert.ok(gaps[3] > gaps[0], `gaps ${gaps}`);
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
  it('derives the socket URL from the base URL', () => {
    assert.equal(wsUrl('http://host:3000', '/agent/ws'), 'ws://host:3000/agent/ws');
    assert.equal(wsUrl('https://cp.example.com/api/', '/agent/ws'), 'wss://cp.example.com/api/agent/ws');
    assert.equal(wsUrl('wss://cp.example.com', '/agent/ws'), 'wss://cp.example.com/agent/ws');
    assert.equal(httpUrl('ws://h:1'), 'http://h:1');
  });
});
