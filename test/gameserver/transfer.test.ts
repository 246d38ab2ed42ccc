import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';

/** Moving a stopped server and its files between two real nodes (two agents on this machine). */
describe('game server transfer between nodes', () => {
  let t: TestApp;
  let admin: Session;
  let first: RunningNode;
  let second: RunningNode;
  let serverId: string;
  const docker = new Docker();
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    first = await startNodeWithAgent(t, admin, { name: 'first' });
    second = await startNodeWithAgent(t, admin, { name: 'second' });
  });
  after(async () => {
    if (serverId) await req('DELETE', `/gameserver/${serverId}`).catch(() => undefined);
    await first?.stop();
    await second?.stop();
    await t.close();
  });

  it('moves the data, the ports and the container; the server runs on the target', async () => {
    const workloadId = (await req('POST', '/workload/from-template', { template: 'echo-server' })).body.data.id;
    const created = await req('POST', '/gameserver', { name: 'Mover', workloadId, nodeId: first.nodeId, memoryMiB: 64, cpuPercent: 50 });
    assert.equal(created.status, 201, created.text);
    serverId = created.body.data.id;
    await req('POST', `/gameserver/${serverId}/files/mkdir`, { path: 'world' });
    await req('PUT', `/gameserver/${serverId}/files/content`, { path: 'world/level.dat', content: 'the whole world' });
    await req('PUT', `/gameserver/${serverId}/files/content`, { path: 'server.properties', content: 'motd=moved\n' });

    await req('POST', `/gameserver/${serverId}/start`);
    await waitFor('running', async () => (await req('GET', `/gameserver/${serverId}`)).body.data.state === 'running');
    const busy = await req('POST', `/gameserver/${serverId}/transfer`, { nodeId: second.nodeId });
    assert.equal(busy.status, 409, 'a running server is not moved');
    await req('POST', `/gameserver/${serverId}/stop`);

    const moved = await req('POST', `/gameserver/${serverId}/transfer`, { nodeId: second.nodeId });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.body.data.nodeId, second.nodeId);
    const server = (await req('GET', `/gameserver/${serverId}`)).body.data;
    assert.ok(
      server.allocations.every((a: { port: number }) => a.port >= 20000),
      'ports from the target node',
    );

    assert.equal((await req('GET', `/gameserver/${serverId}/files/content?path=world/level.dat`)).body.data.content, 'the whole world');
    assert.equal((await req('GET', `/gameserver/${serverId}/files/content?path=server.properties`)).body.data.content, 'motd=moved\n');
    const listing = (await req('GET', `/gameserver/${serverId}/files`)).body.data.map((e: { name: string }) => e.name).sort();
    assert.deepEqual(listing, ['server.properties', 'world'], 'no transfer archive left behind');

    await req('POST', `/gameserver/${serverId}/start`);
    await waitFor('running on the target', async () => (await req('GET', `/gameserver/${serverId}`)).body.data.state === 'running');
    const sourceContainers = (await req('GET', `/node/${first.nodeId}/containers`)).body.data;
    const targetContainers = (await req('GET', `/node/${second.nodeId}/containers`)).body.data;
    const mine = (list: Array<{ labels: Record<string, string> }>) => list.filter((c) => c.labels['outpost.server-id'] === serverId);
    // Both agents share this machine's Docker daemon, so both list the one container; its data dir tells where it lives.
    assert.equal(mine(sourceContainers).length, 1);
    const info = await docker.getContainer(`outpost-${serverId}`).inspect();
    assert.ok(info.HostConfig.Binds?.[0].startsWith(second.dataDir), `container bound to the target's data dir: ${info.HostConfig.Binds}`);
    assert.equal(mine(targetContainers).length, 1);
  });

  it('refuses a target without room, and a server already there', async () => {
    await req('POST', `/gameserver/${serverId}/stop`);
    const same = await req('POST', `/gameserver/${serverId}/transfer`, { nodeId: second.nodeId });
    assert.equal(same.status, 400);
    await req('PUT', `/node/${first.nodeId}`, { memoryMiB: 64 });
    await req('POST', '/gameserver', { name: 'Filler', workloadId: (await req('GET', `/gameserver/${serverId}`)).body.data.workloadId, nodeId: first.nodeId, memoryMiB: 64, cpuPercent: 10 });
    const full = await req('POST', `/gameserver/${serverId}/transfer`, { nodeId: first.nodeId });
    assert.equal(full.status, 409);
    assert.match(full.body.meta.error.message, /memory/);
    assert.equal((await req('GET', `/gameserver/${serverId}`)).body.data.nodeId, second.nodeId, 'nothing changed');
  });
});
