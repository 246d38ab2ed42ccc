import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';

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
    t = await createTestApp({}, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
    first = await startNodeWithAgent(t, admin, { name: 'first' });
    second = await startNodeWithAgent(t, admin, { name: 'second' });
  });
  after(async () => {
    if (serverId) await req('DELETE', `/gameserver/${serverId}`).catch(() => undefined);
    await removeDomainContainers(admin.domainId);
    await first?.stop();
    await second?.stop();
    await t.close();
  });

  it('moves the data, the ports and the container; the server runs on the target', async () => {
    const workloadId = (await req('POST', '/workload/from-template', { template: 'echo-server' })).body.data.id;
    const created = await req('POST', '/gameserver', { name: 'Mover', workloadId, nodeId: first.nodeId, memoryMiB: 64, cpuPercent: 50 });
    assert.equal(created.status, 201, created.text);
    serverId = created.body.data.id;
    // The nodes get disjoint blocks of host ports, so a port tells which node handed it out.
    const range = async (id: string) => {
      const n = (await req('GET', `/node/${id}`)).body.data;
      return { start: n.portRangeStart as number, end: n.portRangeEnd as number };
    };
    const [from, to] = [await range(first.nodeId), await range(second.nodeId)];
    assert.ok(from.end < to.start || to.end < from.start, `disjoint ranges ${JSON.stringify([from, to])}`);
    const within = (r: { start: number; end: number }, ports: number[]) => ports.length > 0 && ports.every((p) => p >= r.start && p <= r.end);
    const ports = (s: { allocations: Array<{ port: number }> }) => s.allocations.map((a) => a.port);
    assert.ok(within(from, ports(created.body.data)), `ports ${ports(created.body.data)} from the source node ${JSON.stringify(from)}`);
    await req('POST', `/gameserver/${serverId}/files/mkdir`, { path: 'world' });
    await req('PUT', `/gameserver/${serverId}/files/content`, { path: 'world/level.dat', content: 'the whole world' });
    await req('PUT', `/gameserver/${serverId}/files/content`, { path: 'server.properties', content: 'motd=moved\n' });

    await req('POST', `/gameserver/${serverId}/start`);
    await waitFor('running', async () => (await req('GET', `/gameserver/${serverId}`)).body.data.state === 'running');
    const busy = await req('POST', `/gameserver/${serverId}/transfer`, { nodeId: second.nodeId });
    assert.equal(busy.status, 409, 'a running server is not moved');
    assert.equal(busy.body.meta.error.code, 'ConflictError');
    await req('POST', `/gameserver/${serverId}/stop`);

    const moved = await req('POST', `/gameserver/${serverId}/transfer`, { nodeId: second.nodeId });
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.body.data.nodeId, second.nodeId);
    const server = (await req('GET', `/gameserver/${serverId}`)).body.data;
    assert.ok(within(to, ports(server)), `ports ${ports(server)} from the target node ${JSON.stringify(to)}`);

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
    const published = Object.values(info.HostConfig.PortBindings ?? {}).flatMap((b) => (b as Array<{ HostPort: string }>).map((x) => Number(x.HostPort)));
    assert.deepEqual([...new Set(published)].sort(), [...new Set(ports(server))].sort(), 'the container publishes the target ports');
  });

  it('refuses a target without room, and a server already there', async () => {
    await req('POST', `/gameserver/${serverId}/stop`);
    const same = await req('POST', `/gameserver/${serverId}/transfer`, { nodeId: second.nodeId });
    assert.equal(same.status, 400, same.text);
    assert.equal(same.body.meta.error.code, 'BadRequestError');
    assert.equal((await req('PUT', `/node/${first.nodeId}`, { memoryMiB: 64 })).status, 200);
    const filler = await req('POST', '/gameserver', {
      name: 'Filler',
      workloadId: (await req('GET', `/gameserver/${serverId}`)).body.data.workloadId,
      nodeId: first.nodeId,
      memoryMiB: 64,
      cpuPercent: 10,
    });
    assert.equal(filler.status, 201, filler.text);
    try {
      const full = await req('POST', `/gameserver/${serverId}/transfer`, { nodeId: first.nodeId });
      assert.equal(full.status, 409, full.text);
      assert.equal(full.body.meta.error.code, 'ConflictError');
      assert.match(full.body.meta.error.message, /memory/);
      assert.equal((await req('GET', `/gameserver/${serverId}`)).body.data.nodeId, second.nodeId, 'nothing changed');
    } finally {
      assert.equal((await req('DELETE', `/gameserver/${filler.body.data.id}`)).status, 200);
    }
  });
});
