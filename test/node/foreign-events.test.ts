import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import Docker from 'dockerode';
import { AGENT_REGISTER_PATH, AGENT_TOKEN_HEADER, AGENT_WS_PATH, EventFrame, PROTOCOL_VERSION } from '@libs/agent-protocol/protocol';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { createNodeForAgent, RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';

/** Node A's agent, hand-made: registers with A's register token, says hello and answers every command with success. */
async function fakeAgent(t: TestApp, url: string, registerToken: string): Promise<{ send(frame: EventFrame): void; close(): Promise<void> }> {
  const reg = await t.request('POST', AGENT_REGISTER_PATH, { body: { registerToken, hostname: 'fake-a', agentVersion: 'test' } });
  assert.equal(reg.status, 200, reg.text);
  const ws = new WebSocket(`${url.replace('http', 'ws')}${AGENT_WS_PATH}`, { headers: { [AGENT_TOKEN_HEADER]: reg.body.data.agentToken } });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.on('message', (raw) => {
    const f = JSON.parse(raw.toString());
    if (f.type !== 'command') return;
    // Enough for the API to place a server here: a container id on create, {} for the rest.
    const result = f.command === 'container.create' ? { containerId: 'fake-container-on-a' } : {};
    ws.send(JSON.stringify({ type: 'response', id: f.id, ok: true, result }));
  });
  ws.send(JSON.stringify({ type: 'hello', agentVersion: 'test', hostname: 'fake-a', protocolVersion: PROTOCOL_VERSION }));
  return {
    send: (frame) => ws.send(JSON.stringify(frame)),
    close: () =>
      new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}

/** Agent events name a server; only the agent of the node the server is on may speak for it. */
describe('agent events about a server on another node are ignored', () => {
  let t: TestApp;
  let admin: Session;
  let nodeB: RunningNode;
  let agentA: Awaited<ReturnType<typeof fakeAgent>>;
  let nodeA: string;
  let onA: string;
  let onB: string;
  const docker = new Docker();
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const logLines = async (id: string): Promise<string[]> => (await req('GET', `/gameserver/${id}/logs`)).body.data.lines.map((l: { line: string }) => l.line);
  const metrics = async (id: string): Promise<Array<{ pids: number; cpuPercent: number }>> => (await req('GET', `/gameserver/${id}/metrics`)).body.data;
  const stats = (serverId: string, pids: number) => ({
    type: 'event' as const,
    event: 'server.stats' as const,
    data: { serverId, stats: { cpuPercent: 77.7, memoryBytes: 1234, memoryLimitBytes: 5678, networkRxBytes: 1, networkTxBytes: 2, pids, timestamp: new Date().toISOString() } },
  });

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    nodeB = await startNodeWithAgent(t, admin, { name: 'b' });
    const a = await createNodeForAgent(t, admin, { name: 'a' });
    nodeA = a.nodeId;
    agentA = await fakeAgent(t, a.url, a.registerToken);
    await waitFor('node A online', async () => (await req('GET', `/node/${nodeA}`)).body.data.status === 'online');
    onB = await startEchoServer(req, nodeB.nodeId, 'On B');
    const workloadId = (await req('POST', '/workload/from-template', { template: 'echo-server' })).body.data.id;
    const created = await req('POST', '/gameserver', { name: 'On A', workloadId, nodeId: nodeA, memoryMiB: 64, cpuPercent: 50 });
    assert.equal(created.status, 201, created.text);
    onA = created.body.data.id;
  });
  after(async () => {
    await agentA?.close();
    await removeDomainContainers(admin.domainId);
    await nodeB?.stop();
    await t.close();
  });

  it("node A's die / console.output / server.stats for B's server change nothing on B; the same socket's events for A's server apply", async () => {
    const before = (await req('GET', `/gameserver/${onB}`)).body.data;
    assert.equal(before.state, 'running');
    const time = new Date().toISOString();
    agentA.send({ type: 'event', event: 'container.event', data: { type: 'die', containerId: (await docker.getContainer(`outpost-${onB}`).inspect()).Id, serverId: onB, exitCode: 1, time } });
    agentA.send({ type: 'event', event: 'console.output', data: { serverId: onB, stream: 'stdout', line: 'forged by node A', time } });
    agentA.send(stats(onB, 4242));
    // The control: the same socket, after the forged events, about the server that is on A.
    agentA.send({ type: 'event', event: 'console.output', data: { serverId: onA, stream: 'stdout', line: 'from node A about its own server', time } });
    agentA.send(stats(onA, 4343));
    await waitFor('A speaks for its own server (console)', async () => (await logLines(onA)).includes('from node A about its own server'));
    await waitFor('A speaks for its own server (stats)', async () => (await metrics(onA)).some((m) => m.pids === 4343));

    // B's own agent still owns B's console (a forged lookup must not poison it): its next line arrives.
    assert.equal((await req('POST', `/gameserver/${onB}/command`, { command: 'still mine' })).status, 200);
    await waitFor("B's real line stored", async () => (await logLines(onB)).includes('echo: still mine'));

    const afterB = (await req('GET', `/gameserver/${onB}`)).body.data;
    assert.equal(afterB.state, 'running');
    assert.equal(afterB.stateReason, null);
    assert.equal(afterB.lastExitCode, null);
    assert.deepEqual(afterB.recentCrashes, []);
    assert.equal(afterB.updatedAt, before.updatedAt, 'the row was not touched');
    assert.ok(!(await logLines(onB)).includes('forged by node A'), 'no forged line in B history');
    assert.ok(!(await metrics(onB)).some((m) => m.pids === 4242), 'no forged sample in B metrics');
  });
});
