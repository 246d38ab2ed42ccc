import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, PASSWORD, Session } from '../helpers/fixtures';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';
import { importEsm } from '../../src/core/esm-import';

const FIXTURES = join(__dirname, '../../../src/modules/workload/definition/fixtures');

/** Game servers on the real Docker daemon, through the real agent. */
describe('game servers: templates, placement and lifecycle on real containers', () => {
  let t: TestApp;
  let admin: Session;
  let node: RunningNode;
  let workloadId: string;
  let serverId: string;
  const docker = new Docker();
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const state = async (id = serverId) => (await req('GET', `/gameserver/${id}`)).body.data;
  const seen: string[] = [];
  const watch = (id: string, stop: () => boolean) => {
    const tick = async () => {
      const s = (await state(id))?.state;
      if (s && seen[seen.length - 1] !== s) seen.push(s);
      if (!stop()) setTimeout(() => void tick(), 25);
    };
    void tick();
  };

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
    node = await startNodeWithAgent(t, admin, { tags: ['eu'] });
  });
  after(async () => {
    await removeDomainContainers(admin.domainId);
    await node?.stop();
    await t.close();
  });

  it('imports real Pterodactyl and Pelican eggs and exports them again', async () => {
    for (const file of ['ptdl_v2-paper.pelican.json', 'plcn_v2-python-generic.pelican-eggs.json']) {
      const egg = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
      const r = await req('POST', '/workload/import', { egg });
      assert.equal(r.status, 201, `${file}: ${r.text.slice(0, 300)}`);
      const exported = await req('GET', `/workload/${r.body.data.id}/export`);
      assert.equal(exported.status, 200, exported.text);
      assert.equal(exported.body.data.meta.version, 'PTDL_v2');
      assert.equal(typeof egg.startup, 'string', `${file} has a startup line`);
      assert.equal(exported.body.data.startup, egg.startup);
    }
    const broken = await req('POST', '/workload/import', { egg: { meta: { version: 'PTDL_v9' } } });
    assert.equal(broken.status, 400);
    assert.equal(broken.body.meta.error.code, 'ValidationError');
  });

  it('creates a workload from the built-in echo-server template', async () => {
    const templates = await req('GET', '/workload/templates');
    assert.ok(templates.body.data.some((x: { id: string }) => x.id === 'echo-server'));
    const r = await req('POST', '/workload/from-template', { template: 'echo-server' });
    assert.equal(r.status, 201, r.text);
    workloadId = r.body.data.id;
    const unknown = await req('POST', '/workload/from-template', { template: 'nope' });
    assert.equal(unknown.status, 404, unknown.text);
    assert.equal(unknown.body.meta.error.code, 'NotFoundError');
  });

  it('runs the install script in its own container; its output is the install log; failures are install_failed', async () => {
    const base = (await req('GET', `/workload/${workloadId}`)).body.data.definition;
    const withInstall = (name: string, script: string) => req('POST', '/workload', { definition: { ...base, name, install: { image: 'outpost/busybox:local', entrypoint: 'sh', script } } });
    const good = await withInstall('Echo with install', 'echo "installing for $MOTD"\necho installed > /mnt/server/installed.txt\n');
    assert.equal(good.status, 201, good.text);
    const bad = await withInstall('Echo with broken install', 'echo "about to fail"\nexit 3\n');
    const s1 = await req('POST', '/gameserver', { name: 'Installed', workloadId: good.body.data.id, memoryMiB: 64, cpuPercent: 50 });
    assert.equal(s1.status, 201, s1.text);
    assert.equal(s1.body.data.state, 'installing');
    await waitFor('installed', async () => (await state(s1.body.data.id)).state === 'offline', 30_000);
    const log = (await req('GET', `/gameserver/${s1.body.data.id}/install-logs`)).body.data.log;
    assert.match(log, /installing for Welcome/);
    assert.match(log, /exit code 0/);
    const file = await req('GET', `/gameserver/${s1.body.data.id}/files/content?path=installed.txt`);
    assert.equal(file.body.data?.content, 'installed\n', file.text);

    const s2 = await req('POST', '/gameserver', { name: 'Broken', workloadId: bad.body.data.id, memoryMiB: 64, cpuPercent: 50 });
    const failed = await waitFor(
      'install_failed',
      async () => {
        const x = await state(s2.body.data.id);
        return x.state === 'install_failed' && x;
      },
      30_000,
    );
    assert.match(failed.stateReason, /exit code 3/);
    assert.match((await req('GET', `/gameserver/${s2.body.data.id}/install-logs`)).body.data.log, /about to fail/);
    const startFailed = await req('POST', `/gameserver/${s2.body.data.id}/start`);
    assert.equal(startFailed.status, 409, 'cannot start a server whose install failed');
    assert.equal(startFailed.body.meta.error.code, 'ConflictError');

    const again = await req('POST', `/gameserver/${s1.body.data.id}/reinstall`);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.body.data.state, 'offline');
    for (const id of [s1.body.data.id, s2.body.data.id]) assert.equal((await req('DELETE', `/gameserver/${id}`)).status, 200);
  });

  it('places a new server automatically, explains the fit, and refuses beyond capacity with 409', async () => {
    const fit = await req('POST', '/planner/suggest-fit', { workloadId, tags: ['eu'] });
    assert.equal(fit.body.data.chosen, node.nodeId);
    const badVars = await req('POST', '/gameserver', { name: 'x', workloadId, variables: { MAX_PLAYERS: '1000' } });
    assert.equal(badVars.status, 400);
    assert.equal(badVars.body.meta.error.code, 'ValidationError');
    assert.equal(badVars.body.meta.error.details[0].path, 'variables.MAX_PLAYERS');
    const r = await req('POST', '/gameserver', { name: 'Echo One', workloadId, memoryMiB: 64, cpuPercent: 50, pids: 64, variables: { MOTD: 'hello there' } });
    assert.equal(r.status, 201, r.text);
    serverId = r.body.data.id;
    assert.equal(r.body.data.nodeId, node.nodeId);
    assert.equal(r.body.data.state, 'offline');
    assert.equal(r.body.data.allocations.length, 1);
    const tooBig = await req('POST', '/gameserver', { name: 'huge', workloadId, memoryMiB: 900_000 });
    assert.equal(tooBig.status, 409);
    assert.equal(tooBig.body.meta.error.code, 'ConflictError');
    assert.match(tooBig.body.meta.error.message, /memory/);
    const noFit = await req('POST', '/planner/suggest-fit', { workloadId, tags: ['us'] });
    assert.equal(noFit.body.data.chosen, null);
    assert.match(noFit.body.data.explanation, /missing tags: us/);
  });

  it('starts: offline → starting → running on the ready line; limits are in docker inspect', async () => {
    let done = false;
    seen.length = 0;
    watch(serverId, () => done);
    const r = await req('POST', `/gameserver/${serverId}/start`);
    assert.equal(r.status, 200, r.text);
    await waitFor('running', async () => (await state()).state === 'running');
    await waitFor('watcher saw running', () => seen.includes('running'));
    done = true;
    assert.deepEqual(
      seen.filter((s) => s !== 'offline'),
      ['starting', 'running'],
    );
    const info = await docker.getContainer(`outpost-${serverId}`).inspect();
    assert.equal(info.HostConfig.Memory, 64 * 1024 * 1024);
    assert.equal(info.HostConfig.NanoCpus, 0.5e9);
    assert.equal(info.HostConfig.PidsLimit, 64);
    assert.equal(info.HostConfig.Init, true);
    assert.equal(info.Config.Labels['outpost.server-id'], serverId);
    const again = await req('POST', `/gameserver/${serverId}/start`);
    assert.equal(again.status, 409, 'cannot start a running server');
    assert.equal(again.body.meta.error.code, 'ConflictError');
    const stats = await req('GET', `/gameserver/${serverId}/stats`);
    assert.equal(stats.status, 200);
    assert.ok(stats.body.data.memoryBytes > 0);
  });

  it('concurrent power actions are serialised: one wins, the other gets 409', async () => {
    const [a, b] = await Promise.all([req('POST', `/gameserver/${serverId}/stop`), req('POST', `/gameserver/${serverId}/stop`)]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    assert.equal((await state()).state, 'offline');
  });

  it('a crash (killed from outside) is reported and the server is restarted automatically', async () => {
    await req('POST', `/gameserver/${serverId}/start`);
    await waitFor('running', async () => (await state()).state === 'running');
    await docker.getContainer(`outpost-${serverId}`).kill({ signal: 'SIGKILL' });
    await waitFor('crashed', async () => (await state()).state === 'crashed', 10_000, 20);
    const crashed = await state();
    assert.match(crashed.stateReason, /exited unexpectedly with code 137/);
    await waitFor('auto-restarted to running', async () => (await state()).state === 'running', 20_000);
  });

  it('exceeding the memory limit is reported as an OOM crash', async () => {
    await req('PUT', `/gameserver/${serverId}`, { autoRestart: false });
    const cmd = await req('POST', `/gameserver/${serverId}/command`, { command: 'alloc 256' });
    assert.equal(cmd.status, 200, cmd.text);
    const s = await waitFor(
      'oom crash',
      async () => {
        const x = await state();
        return x.state === 'crashed' && x;
      },
      20_000,
    );
    assert.equal(s.oomKilled, true);
    assert.match(s.stateReason, /out of memory/);
  });

  it('resource changes rebuild the container while stopped, and only then', async () => {
    const r = await req('PUT', `/gameserver/${serverId}`, { memoryMiB: 96 });
    assert.equal(r.status, 200, r.text);
    await req('POST', `/gameserver/${serverId}/start`);
    await waitFor('running', async () => (await state()).state === 'running');
    const info = await docker.getContainer(`outpost-${serverId}`).inspect();
    assert.equal(info.HostConfig.Memory, 96 * 1024 * 1024);
    const busy = await req('PUT', `/gameserver/${serverId}`, { memoryMiB: 128 });
    assert.equal(busy.status, 409);
    assert.equal(busy.body.meta.error.code, 'ConflictError');
  });

  it('running servers build a metrics history', async () => {
    const samples = await waitFor(
      'metrics samples',
      async () => {
        const r = await req('GET', `/gameserver/${serverId}/metrics`);
        return r.body.data?.some((m: { memoryLimitBytes: number }) => m.memoryLimitBytes === 96 * 1024 * 1024) && r.body.data;
      },
      20_000,
    );
    assert.equal(samples[samples.length - 1].memoryLimitBytes, 96 * 1024 * 1024, 'latest sample is after the rebuild');
    assert.ok(samples[0].memoryBytes > 0);
    const backwards = await req('GET', `/gameserver/${serverId}/metrics?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z`);
    assert.equal(backwards.status, 400, backwards.text);
    assert.equal(backwards.body.meta.error.code, 'ValidationError');
  });

  it('the published @takaro/apiclient searches game servers with filters and paging', async () => {
    const second = await req('POST', '/gameserver', { name: 'Echo Two', workloadId, memoryMiB: 64, cpuPercent: 50 });
    assert.equal(second.status, 201);
    const { Client } = await importEsm<any>('@takaro/apiclient');
    const client = new Client({ url: node.url, auth: { username: 'admin', password: PASSWORD }, log: false });
    await client.login();
    client.setHeader('x-takaro-domain', admin.domainId);
    const all = await client.gameserver.gameServerControllerSearch({ sortBy: 'name', sortDirection: 'asc', limit: 1, page: 1 });
    assert.equal(all.data.meta.total, 2);
    assert.equal(all.data.data[0].name, 'Echo Two');
    const running = await client.gameserver.gameServerControllerSearch({ filters: { state: ['running'] } });
    assert.deepEqual(
      running.data.data.map((g: { name: string }) => g.name),
      ['Echo One'],
    );
    const extended = await req('POST', '/gameserver/search', { extend: ['node', 'workload', 'allocations'], filters: { id: serverId } });
    assert.equal(extended.body.data[0].node.id, node.nodeId);
    assert.equal(extended.body.data[0].workload.id, workloadId);
    assert.equal(extended.body.data[0].allocations.length, 1);
  });

  it('viewers may watch but not control; deleting removes the container and its data', async () => {
    const viewer = await createMember(t, admin, admin.domainId, 'watcher', 'Viewer');
    const v = (method: string, path: string, body?: unknown) => t.request(method, path, { token: viewer.token, domain: admin.domainId, body });
    assert.equal((await v('GET', `/gameserver/${serverId}`)).status, 200);
    for (const [path, body] of [
      [`/gameserver/${serverId}/stop`, undefined],
      [`/gameserver/${serverId}/command`, { command: 'hi' }],
    ] as const) {
      const r = await v('POST', path, body);
      assert.equal(r.status, 403, `${path}: ${r.text}`);
      assert.equal(r.body.meta.error.code, 'ForbiddenError');
    }
    // The foreign keys refuse; the error names the reason (not the generic "still referred to").
    const nodeDelete = await req('DELETE', `/node/${node.nodeId}`);
    assert.equal(nodeDelete.status, 409, 'node still has servers');
    assert.equal(nodeDelete.body.meta.error.code, 'ConflictError');
    assert.match(nodeDelete.body.meta.error.message, /^Node "node-\w+" still has game servers; transfer or delete them first$/);
    const workloadDelete = await req('DELETE', `/workload/${workloadId}`);
    assert.equal(workloadDelete.status, 409, 'workload still in use');
    assert.equal(workloadDelete.body.meta.error.code, 'ConflictError');
    assert.equal(workloadDelete.body.meta.error.message, 'Game servers still use this workload; delete or move them first');
    assert.equal((await req('GET', `/node/${node.nodeId}`)).status, 200, 'the node is still there');
    assert.equal((await req('GET', `/workload/${workloadId}`)).status, 200, 'the workload is still there');
    const dataDir = join(node.dataDir, 'servers', serverId);
    assert.equal(existsSync(dataDir), true, 'the server has a data dir before the delete');
    const del = await req('DELETE', `/gameserver/${serverId}`);
    assert.equal(del.status, 200, del.text);
    await assert.rejects(docker.getContainer(`outpost-${serverId}`).inspect(), /no such container/i);
    assert.equal(existsSync(dataDir), false, 'the data dir is gone from the node');
    const gone = await req('GET', `/gameserver/${serverId}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.meta.error.code, 'NotFoundError');
  });
});
