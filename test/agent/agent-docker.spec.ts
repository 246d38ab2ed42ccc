/**
 * System test: control plane stand-in + AgentHub + a real Agent with its default DockerDriver
 * against the real Docker daemon and the locally built echo-server image.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { AgentError } from '@libs/agent-protocol/protocol';
import { Agent } from '../../src/agent/agent';
import { TestControlPlane, waitFor } from './test-control-plane';

const run = promisify(execFile);
const repoRoot = resolve(__dirname, '../../..');
const ECHO_IMAGE = 'outpost/echo-server:local';

describe('Agent with Docker', () => {
  let cp: TestControlPlane;
  let tmp: string;
  let agent: Agent;
  const nodeId = 'node-docker';
  let agentToken: string;
  const serverId = `agt${Date.now().toString(36)}`;
  const containerName = `outpost-agent-spec-${serverId}`;

  before(async () => {
    await run('bash', [join(repoRoot, 'scripts/ensure-docker.sh')]);
    await run('bash', [join(repoRoot, 'scripts/build-test-image.sh')]);
    cp = await new TestControlPlane().listen();
    tmp = await fs.mkdtemp(join(os.tmpdir(), 'outpost-agent-docker-'));
    agentToken = cp.addNode(nodeId).agentToken;
    agent = new Agent({ url: cp.url, token: agentToken, dataDir: tmp, heartbeatIntervalMs: 200, serverStatsIntervalMs: 200 });
    await agent.start();
    await waitFor(() => cp.hub.isConnected(nodeId), 10_000, 'hello');
  });

  after(async () => {
    await agent?.stop();
    await cp?.close();
    await run('docker', ['rm', '-f', containerName]).catch(() => undefined);
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('reports the real Docker version in the inventory', async () => {
    const inv = await cp.waitForEvent('inventory');
    const { stdout } = await run('docker', ['version', '--format', '{{.Server.Version}} {{.Server.APIVersion}}']);
    const [version, apiVersion] = stdout.trim().split(' ');
    assert.equal(inv.docker?.version, version);
    assert.equal(inv.docker?.apiVersion, apiVersion);
    assert.equal(inv.system.hostname, os.hostname());
    assert.equal(inv.system.memoryBytes, os.totalmem());
    const images = await cp.hub.send(nodeId, 'images.list', {});
    assert.ok(images.some((i) => i.tags.includes(ECHO_IMAGE)));
  });

  it('creates, starts, talks to, stops and removes the echo server', { timeout: 90_000 }, async () => {
    const since = Date.now();
    await cp.hub.send(nodeId, 'images.ensure', { ref: ECHO_IMAGE }, { timeoutMs: 60_000 });
    const { containerId } = await cp.hub.send(
      nodeId,
      'container.create',
      {
        spec: {
          serverId,
          name: containerName,
          image: ECHO_IMAGE,
          startup: '/srv/echo-server.sh',
          env: { STARTUP_DELAY: '0.3' },
          limits: { memoryMiB: 64, swapMiB: 0, cpuPercent: 100, pids: 64, diskMiB: 16 },
          ports: [],
          mountPath: '/data',
          openStdin: true,
        },
      },
      { timeoutMs: 30_000 },
    );
    assert.ok(containerId.length >= 12);
    const dataDir = join(tmp, 'servers', serverId);
    assert.ok((await fs.stat(dataDir)).isDirectory());
    const created = await cp.hub.send(nodeId, 'server.inspect', { serverId });
    assert.equal(created?.running, false);

    await cp.hub.send(nodeId, 'server.start', { serverId }, { timeoutMs: 30_000 });
    await cp.waitForEvent('container.event', (e) => e.type === 'start' && e.containerId === containerId, 10_000, since);
    await cp.waitForEvent('console.output', (d) => d.serverId === serverId && d.line === 'Done! Server ready', 15_000, since);

    await cp.hub.send(nodeId, 'server.command', { serverId, command: 'hello' });
    const echo = await cp.waitForEvent('console.output', (d) => d.serverId === serverId && d.line === 'echo: hello', 10_000, since);
    assert.ok(!Number.isNaN(Date.parse(echo.time)));

    const stats = await cp.hub.send(nodeId, 'server.stats', { serverId }, { timeoutMs: 15_000 });
    assert.ok(stats.memoryBytes > 0 && stats.memoryBytes < 64 * 1024 * 1024, `memory ${stats.memoryBytes}`);
    assert.equal(stats.memoryLimitBytes, 64 * 1024 * 1024);
    assert.ok(stats.cpuPercent >= 0 && stats.cpuPercent <= 100 * os.cpus().length);
    assert.ok(stats.pids >= 1 && stats.pids <= 64);
    await cp.waitForEvent('server.stats', (d) => d.serverId === serverId, 15_000, since);

    const logs = await cp.hub.send(nodeId, 'server.logs', { serverId, tail: 50 });
    assert.ok(logs.some((l) => l.line === 'Done! Server ready'));

    // Files land in the bind-mounted data dir the container sees.
    await cp.hub.send(nodeId, 'files.write', { serverId, path: 'hello.txt', content: 'from the agent\n' });
    assert.equal(await fs.readFile(join(dataDir, 'hello.txt'), 'utf8'), 'from the agent\n');
    const { stdout } = await run('docker', ['exec', containerName, 'cat', '/data/hello.txt']);
    assert.equal(stdout, 'from the agent\n');

    const inv = await cp.hub.send(nodeId, 'inventory.get', {});
    assert.ok(inv.containers.some((c) => c.id === containerId && c.state === 'running'));
    const all = await cp.hub.send(nodeId, 'containers.list', { all: true });
    assert.ok(all.some((c) => c.id === containerId));
    assert.ok((await cp.hub.send(nodeId, 'container.logs', { containerId, tail: 5 })).length > 0);

    // Agent restart while the server runs: the new agent re-attaches the console.
    await agent.stop();
    const after = Date.now();
    agent = new Agent({ url: cp.url, token: agentToken, dataDir: tmp, heartbeatIntervalMs: 200, serverStatsIntervalMs: 200 });
    await agent.start();
    await waitFor(() => cp.hub.isConnected(nodeId), 10_000, 'reconnect');
    await cp.waitForEvent('inventory', (i) => i.containers.some((c) => c.id === containerId), 10_000, after);
    await cp.hub.send(nodeId, 'server.command', { serverId, command: 'again' });
    await cp.waitForEvent('console.output', (d) => d.serverId === serverId && d.line === 'echo: again', 10_000, after);

    await cp.hub.send(nodeId, 'server.stop', { serverId, stop: { command: 'stop', timeoutMs: 10_000 } }, { timeoutMs: 20_000 });
    const die = await cp.waitForEvent('container.event', (e) => e.type === 'die' && e.containerId === containerId, 15_000, since);
    assert.equal(die.exitCode, 0);
    assert.equal(die.serverId, serverId);
    const stopped = await cp.hub.send(nodeId, 'server.inspect', { serverId });
    assert.equal(stopped?.running, false);
    assert.equal(stopped?.exitCode, 0);

    // A crash reports its exit code.
    const crashSince = Date.now();
    await cp.hub.send(nodeId, 'server.start', { serverId }, { timeoutMs: 30_000 });
    await cp.waitForEvent('console.output', (d) => d.serverId === serverId && d.line === 'Done! Server ready', 15_000, crashSince);
    await cp.hub.send(nodeId, 'server.command', { serverId, command: 'crash' });
    const crash = await cp.waitForEvent('container.event', (e) => e.type === 'die' && e.containerId === containerId, 15_000, crashSince);
    assert.equal(crash.exitCode, 3);

    await cp.hub.send(nodeId, 'server.remove', { serverId, deleteData: true }, { timeoutMs: 30_000 });
    await assert.rejects(fs.stat(dataDir), { code: 'ENOENT' });
    await assert.rejects(run('docker', ['inspect', containerName]));
    assert.equal(await cp.hub.send(nodeId, 'server.inspect', { serverId }), null);
    await assert.rejects(cp.hub.send(nodeId, 'server.start', { serverId }), (e: AgentError) => e.code === 'not_found');
  });
});
