import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from '../../src/agent/agent';
import { ensureTestImages } from '@libs/container-driver/test-images';
import { Reply, TestApp } from './test-app';
import { reservePortBlock } from './port-blocks';
import { waitFor } from './wait';

export interface RunningNode {
  nodeId: string;
  agent: Agent;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Listens on a random port (once) and creates a node in the domain with a free block of host ports; returns its register token. */
export async function createNodeForAgent(
  t: TestApp,
  session: { token: string; domainId: string },
  node: Partial<{ name: string; memoryMiB: number; diskMiB: number; cpuPercent: number; tags: string[]; portRangeStart: number; portRangeEnd: number; shared: boolean }> = {},
): Promise<{ nodeId: string; url: string; registerToken: string }> {
  await ensureTestImages();
  const server = t.app.getHttpServer();
  if (!server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: session.token, domain: session.domainId, body });
  // Host ports must be free on this machine: give every node its own slice.
  const base = await reservePortBlock();
  const created = await req('POST', '/node', {
    name: 'node-' + Math.random().toString(36).slice(2, 7),
    address: '127.0.0.1',
    memoryMiB: 4096,
    diskMiB: 20480,
    cpuPercent: 400,
    portRangeStart: base,
    portRangeEnd: base + 99,
    ...node,
  });
  assert.equal(created.status, 201, created.text);
  const nodeId = created.body.data.id;
  const registerToken = (await req('POST', `/node/${nodeId}/register-token`)).body.data.token;
  return { nodeId, url, registerToken };
}

/** Listens on a random port (once), creates a node in the domain and runs a real agent for it. */
export async function startNodeWithAgent(t: TestApp, session: { token: string; domainId: string }, node: Parameters<typeof createNodeForAgent>[2] = {}): Promise<RunningNode> {
  const { nodeId, url, registerToken: token } = await createNodeForAgent(t, session, node);
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: session.token, domain: session.domainId, body });
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-agent-'));
  const agent = new Agent({ url, token, dataDir, heartbeatIntervalMs: 500, metricsIntervalMs: 5000, serverStatsIntervalMs: 1000 });
  await agent.start();
  await waitFor('node online', async () => (await req('GET', `/node/${nodeId}`)).body.data.state === 'online');
  return {
    nodeId,
    agent,
    url,
    dataDir,
    async stop() {
      await agent.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Requests as one user in one domain: `(method, path, body?) → reply`. */
export type DomainRequester = (method: string, path: string, body?: unknown) => Promise<Reply>;

/** Creates an echo-server game server on `nodeId`, starts it and waits for its ready line (`running`). */
export async function startEchoServer(req: DomainRequester, nodeId: string, name: string): Promise<string> {
  const workloadId = (await req('POST', '/workload/from-template', { template: 'echo-server' })).body.data.id;
  const created = await req('POST', '/gameserver', { name, workloadId, nodeId, memoryMiB: 64, cpuPercent: 50 });
  assert.equal(created.status, 201, created.text);
  const id = created.body.data.id;
  assert.equal((await req('POST', `/gameserver/${id}/start`)).status, 200);
  await waitFor(`${name} running`, async () => (await req('GET', `/gameserver/${id}`)).body.data.state === 'running');
  return id;
}
