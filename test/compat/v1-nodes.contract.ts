import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { after } from 'node:test';
import { Agent } from '../../src/agent/agent';
import { AgentChannel } from '../../src/modules/node/agent-channel.service';
import { ECHO_SERVER_IMAGE, ECHO_SERVER_READY_LINE, ECHO_SERVER_STARTUP, ensureTestImages } from '@libs/container-driver/test-images';
import { Reply, TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait';

/**
 * The contract cases of the nodes, workloads and planner groups (test/compat/v1-contract.test.ts
 * spreads them into its CASES). Node rows use a real agent on the real Docker daemon, registered
 * with a token from POST /v1/nodes/register-token, with one Outpost container on it.
 */

interface Call {
  path: Record<string, string>;
  body?: unknown;
  token?: string;
  after?: (r: Reply) => void;
}
type V1 = (method: string, url: string, options?: { token?: string; body?: unknown }) => Promise<Reply>;

export interface AgentNode {
  nodeId: string;
  containerId: string;
}

/** Registers a node through /v1, runs a real agent for it and one Outpost container on it; stops both in `after`. */
export function agentNodeFixture(getApp: () => TestApp, v1: V1, token: () => string, name = 'v1-agent-box'): () => Promise<AgentNode> {
  let running: Promise<AgentNode> | undefined;
  let agent: Agent | undefined;
  let dataDir = '';
  let containerId = '';
  after(async () => {
    if (containerId)
      await new Docker()
        .getContainer(containerId)
        .remove({ force: true })
        .catch(() => undefined);
    await agent?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return () =>
    (running ??= (async () => {
      const t = getApp();
      await ensureTestImages();
      const server = t.app.getHttpServer();
      if (!server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const base = 21000 + (process.pid % 80) * 100;
      const reg = await v1('POST', '/v1/nodes/register-token', {
        token: token(),
        body: { name, address: '127.0.0.1', memory_mib: 4096, disk_mib: 20480, cpu_percent: 400, port_range_start: base, port_range_end: base + 99 },
      });
      assert.equal(reg.status, 201, reg.text);
      const nodeId = reg.body.node_id as string;
      dataDir = mkdtempSync(join(tmpdir(), 'outpost-v1-agent-'));
      agent = new Agent({ url, token: reg.body.token, dataDir, heartbeatIntervalMs: 300, metricsIntervalMs: 300, serverStatsIntervalMs: 1000, inventoryIntervalMs: 300 });
      await agent.start();
      await waitFor('node online', async () => (await v1('GET', `/v1/nodes/${nodeId}`, { token: token() })).body.state === 'online');
      const serverId = `v1-contract-${process.pid}-${name}`;
      ({ containerId } = await t.app.get(AgentChannel).send(nodeId, 'container.create', {
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
      }));
      await t.app.get(AgentChannel).send(nodeId, 'container.start', { containerId });
      await waitFor('the container in the inventory', async () => {
        const r = await v1('GET', `/v1/nodes/${nodeId}/inventory/containers`, { token: token() });
        return r.status === 200 && r.body.some((c: { id: string }) => c.id === containerId);
      });
      await waitFor('a metrics sample', async () => (await v1('GET', `/v1/nodes/${nodeId}/metrics/history`, { token: token() })).body.length > 0);
      await waitFor('the ready line in the logs', async () => {
        const r = await v1('GET', `/v1/nodes/${nodeId}/containers/${containerId}/logs`, { token: token() });
        return r.status === 200 && r.body.some((l: { line: string }) => l.line.includes(ECHO_SERVER_READY_LINE));
      });
      return { nodeId, containerId };
    })());
}

const NEW_NODE = { address: '10.0.0.7', memory_mib: 2048, disk_mib: 10240, cpu_percent: 200 };

export function v1NodeWorkloadPlannerCases(getApp: () => TestApp, v1: V1, token: () => string): Record<string, () => Promise<Call>> {
  const box = agentNodeFixture(getApp, v1, token);
  let n = 0;
  const ids: Record<string, string> = {};
  const pendingNode = async () => {
    const r = await v1('POST', '/v1/nodes/register-token', { token: token(), body: { name: `v1-pending-${++n}`, ...NEW_NODE } });
    assert.equal(r.status, 201, r.text);
    return r.body.node_id as string;
  };
  const workload = async (name: string) => {
    const r = await v1('POST', '/v1/workloads/from-template', { token: token(), body: { template: 'echo-server', name } });
    assert.equal(r.status, 201, r.text);
    return r.body as { id: string; definition: Record<string, unknown> };
  };
  const onBox = (path: string) => async (): Promise<Call> => ({ path: { id: (await box()).nodeId }, token: token(), body: path.startsWith('POST') ? {} : undefined });
  const container = async (): Promise<Call> => {
    const b = await box();
    return { path: { id: b.nodeId, containerId: b.containerId }, token: token(), body: {} };
  };
  return {
    'GET /v1/nodes': async () => (await box(), { path: {}, token: token() }),
    'GET /v1/nodes/{id}': onBox('GET'),
    'PUT /v1/nodes/{id}': async () => ({ path: { id: (await box()).nodeId }, token: token(), body: { location: 'fsn1', tags: ['eu'] } }),
    'DELETE /v1/nodes/{id}': async () => ({ path: { id: await pendingNode() }, token: token() }),
    'POST /v1/nodes/register-token': async () => ({ path: {}, token: token(), body: { name: 'v1-registered', ...NEW_NODE } }),
    'POST /v1/nodes/{id}/cordon': async () => ({ path: { id: (ids.lifecycle = await pendingNode()) }, token: token() }),
    'POST /v1/nodes/{id}/uncordon': async () => ({ path: { id: ids.lifecycle }, token: token() }),
    'POST /v1/nodes/{id}/drain': async () => ({ path: { id: ids.lifecycle }, token: token() }),
    'GET /v1/nodes/{id}/inventory': onBox('GET'),
    'GET /v1/nodes/{id}/inventory/system': onBox('GET'),
    'GET /v1/nodes/{id}/inventory/network': onBox('GET'),
    'GET /v1/nodes/{id}/inventory/disks': onBox('GET'),
    'GET /v1/nodes/{id}/inventory/users': onBox('GET'),
    'GET /v1/nodes/{id}/inventory/processes': onBox('GET'),
    'GET /v1/nodes/{id}/inventory/containers': onBox('GET'),
    'GET /v1/nodes/{id}/metrics/history': onBox('GET'),
    'GET /v1/nodes/{id}/containers/{containerId}/logs': async () => ({ ...(await container()), body: undefined }),
    'POST /v1/nodes/{id}/containers/{containerId}/start': container,
    'POST /v1/nodes/{id}/containers/{containerId}/stop': container,
    'POST /v1/nodes/{id}/containers/{containerId}/restart': container,
    'POST /v1/nodes/{id}/containers/{containerId}/kill': container,
    'GET /v1/workloads': async () => (await workload('listed'), { path: {}, token: token() }),
    'POST /v1/workloads': async () => {
      const { definition } = await workload('source');
      return { path: {}, token: token(), body: { definition: { ...definition, name: 'created-from-definition' } }, after: (r) => (ids.workload = r.body.id) };
    },
    'GET /v1/workloads/{id}': async () => ({ path: { id: ids.workload }, token: token() }),
    'PUT /v1/workloads/{id}': async () => ({ path: { id: ids.workload }, token: token(), body: { name: 'renamed', description: 'changed' } }),
    'DELETE /v1/workloads/{id}': async () => ({ path: { id: (await workload('doomed')).id }, token: token() }),
    'GET /v1/workloads/{id}/export': async () => ({ path: { id: ids.workload }, token: token(), after: (r) => (ids.egg = JSON.stringify(r.body)) }),
    'POST /v1/workloads/from-template': async () => ({ path: {}, token: token(), body: { template: 'echo-server', name: 'from-template' } }),
    'POST /v1/workloads/import-egg': async () => ({ path: {}, token: token(), body: { egg: JSON.parse(ids.egg) } }),
    'POST /v1/planner/recommend': async () => ({ path: {}, token: token(), body: { memory_mib: 128 } }),
    'POST /v1/planner/suggest-fit': async () => ({ path: {}, token: token(), body: { memory_mib: 128, cpu_percent: 50, disk_mib: 256 } }),
    'GET /v1/planner/templates': async () => ({ path: {}, token: token() }),
    'POST /v1/planner/recommend-for-template': async () => ({ path: {}, token: token(), body: { template: 'echo-server' } }),
  };
}
