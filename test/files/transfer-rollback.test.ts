import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, Session } from '../helpers/fixtures';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';

const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * A transfer that fails after the data reached the target: 10 MiB of incompressible data fit a
 * 16 MiB quota once, but the archive and its unpacked copy side by side on the target do not.
 * Plus the admin-only raw container routes on the same nodes.
 */
describe('server transfer rollback; raw container actions are admin-only', () => {
  let t: TestApp;
  let admin: Session;
  let member: Session;
  let source: RunningNode;
  let target: RunningNode;
  let serverId: string;
  const docker = new Docker();
  const req = (method: string, path: string, body?: unknown, s: Session = admin) => t.request(method, path, { token: s.token, domain: s.domainId, body });
  const server = async () => (await req('GET', `/gameserver/${serverId}`)).body.data;
  /** The host directories the server's container is bound to. */
  const binds = async () => (await docker.getContainer(`outpost-${serverId}`).inspect()).HostConfig.Binds ?? [];
  const containersOf = async () => docker.listContainers({ all: true, filters: { label: [`outpost.server-id=${serverId}`] } });

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    member = await createMember(t, admin, admin.domainId, 'member');
    source = await startNodeWithAgent(t, admin, { name: 'source' });
    target = await startNodeWithAgent(t, admin, { name: 'target' });
    const workloadId = (await req('POST', '/workload/from-template', { template: 'echo-server' })).body.data.id;
    const created = await req('POST', '/gameserver', { name: 'Heavy', workloadId, nodeId: source.nodeId, memoryMiB: 64, cpuPercent: 50, diskMiB: 16 });
    assert.equal(created.status, 201, created.text);
    serverId = created.body.data.id;
    await waitFor('container created on the source', async () => (await containersOf()).length === 1);
  });
  after(async () => {
    await removeDomainContainers(admin.domainId);
    await source?.stop();
    await target?.stop();
    await t.close();
  });

  it('a transfer failing on the target quota rolls back: server, ports, data and container stay on the source; the target is cleaned up', async () => {
    const dataDir = join(source.dataDir, 'servers', serverId);
    assert.ok((await binds())[0].startsWith(`${dataDir}:`), `bound to the source data dir: ${await binds()}`);
    const world = randomBytes(10 * MiB);
    writeFileSync(join(dataDir, 'world.bin'), world);
    assert.equal((await req('PUT', `/gameserver/${serverId}/files/content`, { path: 'server.properties', content: 'motd=stay\n' })).status, 200);
    const before = await server();
    assert.equal(before.state, 'offline');

    const r = await req('POST', `/gameserver/${serverId}/transfer`, { nodeId: target.nodeId });
    assert.equal(r.status, 413, r.text);
    assert.equal(r.body.meta.error.code, 'PayloadTooLargeError');
    assert.equal(r.body.meta.error.message, `Disk quota exceeded: disk quota of ${16 * MiB} bytes exceeded`);

    const after = await server();
    assert.equal(after.nodeId, source.nodeId);
    assert.equal(after.state, 'offline');
    assert.deepEqual(
      after.allocations.map((a: { port: number; containerPort: number }) => [a.port, a.containerPort]),
      before.allocations.map((a: { port: number; containerPort: number }) => [a.port, a.containerPort]),
      'the source ports are back',
    );
    // Data untouched on the source, through the API and on disk.
    assert.equal(sha(readFileSync(join(dataDir, 'world.bin'))), sha(world));
    assert.equal((await req('GET', `/gameserver/${serverId}/files/content?path=server.properties`)).body.data.content, 'motd=stay\n');
    const listing = (await req('GET', `/gameserver/${serverId}/files`)).body.data.map((e: { name: string }) => e.name).sort();
    assert.deepEqual(listing, ['server.properties', 'world.bin']);
    // The target has neither the data dir nor a container; the one container is the source's, recreated.
    assert.equal(existsSync(join(target.dataDir, 'servers', serverId)), false, 'no data dir left on the target');
    const containers = await containersOf();
    assert.equal(containers.length, 1);
    assert.equal(containers[0].Labels['outpost.node-id'], source.nodeId);
    assert.ok((await binds())[0].startsWith(`${dataDir}:`));

    // And it still runs where it is.
    assert.equal((await req('POST', `/gameserver/${serverId}/start`)).status, 200);
    await waitFor('running on the source', async () => (await server()).state === 'running');
    assert.equal((await req('POST', `/gameserver/${serverId}/stop`)).status, 200);
  });

  it('raw container actions: a member without nodes.manage gets 403 "Missing permission nodes.manage"; an admin starts and kills', async () => {
    // A raw kill would otherwise count as a crash and be restarted.
    assert.equal((await req('PUT', `/gameserver/${serverId}`, { autoRestart: false })).status, 200);
    const container = `outpost-${serverId}`;
    const refusals = [
      await req('GET', `/node/${source.nodeId}/containers`, undefined, member),
      await req('GET', `/node/${source.nodeId}/containers/${container}/logs`, undefined, member),
      await req('POST', `/node/${source.nodeId}/containers/${container}/start`, {}, member),
      await req('POST', `/node/${source.nodeId}/containers/${container}/kill`, { signal: 'SIGKILL' }, member),
    ];
    for (const r of refusals) {
      assert.equal(r.status, 403, r.text);
      assert.equal(r.body.meta.error.code, 'ForbiddenError');
      assert.equal(r.body.meta.error.message, 'Missing permission nodes.manage');
    }
    assert.equal((await docker.getContainer(container).inspect()).State.Running, false, 'the refused start did nothing');

    const started = await req('POST', `/node/${source.nodeId}/containers/${container}/start`, {});
    assert.equal(started.status, 200, started.text);
    assert.equal((await docker.getContainer(container).inspect()).State.Running, true);
    const list = await req('GET', `/node/${source.nodeId}/containers`);
    assert.equal(list.status, 200);
    assert.equal(list.body.data.filter((c: { labels: Record<string, string> }) => c.labels['outpost.server-id'] === serverId).length, 1);
    const killed = await req('POST', `/node/${source.nodeId}/containers/${container}/kill`, { signal: 'SIGKILL' });
    assert.equal(killed.status, 200, killed.text);
    const info = await docker.getContainer(container).inspect();
    assert.equal(info.State.Running, false);
    assert.equal(info.State.ExitCode, 137);
  });
});
