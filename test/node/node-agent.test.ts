import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { Agent } from '../../src/agent/agent';
import { AgentChannel } from '../../src/modules/node/agent-channel.service';
import { NodeRepository } from '../../src/modules/node/node.repository';
import { ECHO_SERVER_IMAGE, ECHO_SERVER_READY_LINE, ECHO_SERVER_STARTUP, ensureTestImages } from '@libs/container-driver/test-images';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, Session } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';

/** The real agent against the real control plane and the real Docker daemon. */
describe('nodes and the node agent', () => {
  let t: TestApp;
  let admin: Session;
  let url: string;
  let nodeId: string;
  let agent: Agent | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-agent-'));
  const docker = new Docker();
  const serverId = `node-test-${process.pid}`;

  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const node = async () => (await req('GET', `/node/${nodeId}`)).body.data;

  before(async () => {
    await ensureTestImages();
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  after(async () => {
    await agent?.stop();
    await removeDomainContainers(admin.domainId);
    await docker
      .getContainer(`outpost-${serverId}`)
      .remove({ force: true })
      .catch(() => undefined);
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates a node that is pending until its agent connects', async () => {
    const r = await req('POST', '/node', { name: 'box-1', address: '127.0.0.1', memoryMiB: 4096, diskMiB: 20480, cpuPercent: 200, tags: ['eu'] });
    assert.equal(r.status, 201, r.text);
    nodeId = r.body.data.id;
    assert.equal(r.body.data.state, 'pending');
    const bad = await req('POST', '/node', { name: 'x', address: 'bad address!', memoryMiB: 1, diskMiB: 1, cpuPercent: 1 });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.meta.error.code, 'ValidationError');
    assert.ok(bad.body.meta.error.details.length >= 3);
  });

  it('a bad register token or agent token is refused', async () => {
    const reg = await t.request('POST', '/agent/register', { body: { registerToken: 'outpost_reg_nope-nope-nope', hostname: 'h', agentVersion: '1' } });
    assert.equal(reg.status, 401);
    assert.equal(reg.body.meta.error.code, 'UnauthorizedError');
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${url.replace('http', 'ws')}/agent/ws`, { headers: { 'x-agent-token': 'outpost_agent_forged' } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    assert.equal(status, 401);
  });

  it('registers with a one-time token, goes online and reports a true inventory', async () => {
    const tok = await req('POST', `/node/${nodeId}/register-token`);
    assert.equal(tok.status, 200);
    assert.match(tok.body.data.command, /^curl -fsSL \S+\/agent\/install\.sh \| OUTPOST_TOKEN=outpost_reg_\S+ sh -s -- --url \S+ --data-dir \/var\/lib\/outpost-agent$/);
    agent = new Agent({ url, token: tok.body.data.token, dataDir, heartbeatIntervalMs: 300, metricsIntervalMs: 300 });
    await agent.start();
    await waitFor('node online', async () => (await node()).state === 'online');
    const inv = await waitFor('inventory', async () => {
      const r = await req('GET', `/node/${nodeId}/inventory`);
      return r.status === 200 && r.body.data;
    });
    assert.equal(inv.system.hostname, hostname());
    assert.equal(inv.system.memoryBytes, totalmem());
    assert.ok(inv.docker?.version, 'docker version reported');
    const reuse = await t.request('POST', '/agent/register', { body: { registerToken: tok.body.data.token, hostname: 'h', agentVersion: '1' } });
    assert.equal(reuse.status, 401, 'register tokens are one-time');
    assert.equal(reuse.body.meta.error.code, 'UnauthorizedError');
    const [row] = await t.app.get(DataSource).query('SELECT "agentTokenHash" FROM node WHERE id = $1', [nodeId]);
    assert.match(row.agentTokenHash, /^[0-9a-f]{64}$/, 'agent token stored hashed');
    const metrics = await waitFor('metrics history', async () => {
      const r = await req('GET', `/node/${nodeId}/metrics`);
      return r.body.data?.length > 0 && r.body.data;
    });
    assert.ok(metrics[0].memoryTotalBytes > 0);
  });

  it('runs a container on the real daemon through the agent and reads its stats', async () => {
    const channel = t.app.get(AgentChannel);
    const { containerId } = await channel.send(nodeId, 'container.create', {
      spec: {
        serverId,
        name: `outpost-${serverId}`,
        image: ECHO_SERVER_IMAGE,
        startup: ECHO_SERVER_STARTUP,
        env: {},
        limits: { memoryMiB: 64, swapMiB: 0, cpuPercent: 50, pids: 64, diskMiB: 64 },
        ports: [],
        mountPath: '/data',
        openStdin: true,
      },
    });
    await channel.send(nodeId, 'server.start', { serverId });
    const inspected = await docker.getContainer(containerId).inspect();
    assert.equal(inspected.State.Running, true);
    assert.equal(inspected.HostConfig.Memory, 64 * 1024 * 1024);
    assert.equal(inspected.HostConfig.NanoCpus, 0.5e9);
    await waitFor('ready line', async () => {
      const l = await channel.send(nodeId, 'server.logs', { serverId, tail: 50 });
      return l.some((x) => x.line.includes(ECHO_SERVER_READY_LINE));
    });
    const stats = await channel.send(nodeId, 'server.stats', { serverId });
    assert.ok(stats.memoryBytes > 0 && stats.memoryLimitBytes === 64 * 1024 * 1024);
    const listed = await req('GET', `/node/${nodeId}/containers`);
    assert.ok(listed.body.data.some((c: { id: string }) => c.id === containerId));
  });

  it('goes offline when the agent stops; when it returns, a server whose container died meanwhile is reconciled to crashed', async () => {
    // A game server without ports (the node's default port range is not reserved for this test), running.
    const base = (await req('POST', '/workload/from-template', { template: 'echo-server' })).body.data.definition;
    const wl = await req('POST', '/workload', { definition: { ...base, name: 'Echo without ports', defaults: { ...base.defaults, ports: [] } } });
    assert.equal(wl.status, 201, wl.text);
    const created = await req('POST', '/gameserver', { name: 'Reconciled', workloadId: wl.body.data.id, nodeId, memoryMiB: 64, cpuPercent: 50, autoRestart: false });
    assert.equal(created.status, 201, created.text);
    const id = created.body.data.id;
    assert.equal((await req('POST', `/gameserver/${id}/start`)).status, 200);
    await waitFor('running', async () => (await req('GET', `/gameserver/${id}`)).body.data.state === 'running');

    await agent!.stop();
    await waitFor('node offline', async () => (await node()).state === 'offline');
    // Dies while nobody watches: no exit event reaches the API, only the next inventory can tell.
    await docker.getContainer(`outpost-${id}`).kill({ signal: 'SIGKILL' });
    assert.equal((await req('GET', `/gameserver/${id}`)).body.data.state, 'running', 'the API has not heard of it yet');
    agent = new Agent({ url, dataDir, heartbeatIntervalMs: 300, metricsIntervalMs: 300 }); // token from agent.json
    await agent.start();
    await waitFor('node online again', async () => (await node()).state === 'online');
    const reconciled = await waitFor('the server reconciled from the inventory', async () => {
      const s = (await req('GET', `/gameserver/${id}`)).body.data;
      return s.state !== 'running' && s;
    });
    assert.equal(reconciled.state, 'crashed');
    assert.match(reconciled.stateReason, /exited unexpectedly with code 137/);
    const inv = (await req('GET', `/node/${nodeId}/inventory`)).body.data;
    assert.ok(
      inv.containers.some((c: { labels: Record<string, string> }) => c.labels['outpost.server-id'] === serverId),
      'the inventory lists the container made through the agent',
    );
    assert.equal((await req('DELETE', `/gameserver/${id}`)).status, 200);
  });

  it("markSilentOffline (the sweeper's query) marks a node without recent heartbeats offline; its next heartbeat brings it back", async () => {
    const repo = t.app.get(NodeRepository);
    const gone = await repo.markSilentOffline(new Date(Date.now() + 60_000));
    assert.ok(gone.some((n) => n.id === nodeId));
    await t.app.get(AgentChannel).flushHeartbeats();
    await waitFor('heartbeat brings it back', async () => (await node()).state === 'online');
  });

  it('cordon and drain change scheduling; another domain cannot see or drive the node', async () => {
    // What the planner makes of this node (the domain's only one) in each state.
    const placement = async () => {
      const r = await req('POST', '/planner/suggest-fit', { memoryMiB: 64 });
      assert.equal(r.status, 200, r.text);
      const mine = r.body.data.candidates.find((c: { nodeId: string }) => c.nodeId === nodeId);
      return { chosen: r.body.data.chosen, fits: mine.fits, reasons: mine.reasons };
    };
    assert.deepEqual(await placement(), { chosen: nodeId, fits: true, reasons: [] });
    assert.equal((await req('POST', `/node/${nodeId}/cordon`)).body.data.state, 'cordoned');
    assert.deepEqual(await placement(), { chosen: null, fits: false, reasons: ['node is cordoned'] });
    assert.equal((await req('POST', `/node/${nodeId}/drain`)).body.data.state, 'draining');
    assert.deepEqual(await placement(), { chosen: null, fits: false, reasons: ['node is draining'] });
    assert.equal((await req('POST', `/node/${nodeId}/uncordon`)).body.data.state, 'online');
    assert.deepEqual(await placement(), { chosen: nodeId, fits: true, reasons: [] });
    const other = await createDomain(t, admin.token, 'Other');
    for (const [method, path] of [
      ['GET', `/node/${nodeId}`],
      ['GET', `/node/${nodeId}/containers`],
      ['POST', `/node/${nodeId}/cordon`],
      ['POST', `/node/${nodeId}/drain`],
    ] as const) {
      const r = await t.request(method, path, { token: admin.token, domain: other });
      assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
      assert.equal(r.body.meta.error.code, 'NotFoundError');
    }
    assert.equal((await node()).state, 'online', "the other domain's cordon and drain changed nothing");
    const search = await req('POST', '/node/search', { filters: { tags: 'eu' }, search: { name: 'box' } });
    assert.deepEqual(
      search.body.data.map((n: { id: string }) => n.id),
      [nodeId],
    );
  });
});
