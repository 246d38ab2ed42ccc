import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Docker from 'dockerode';
import { after, before, describe, it } from 'node:test';
import { ECHO_SERVER_READY_LINE } from '@libs/container-driver/test-images';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';
import { agentNodeFixture } from './v1-nodes.contract';

/**
 * Seed 001's Node and Planner endpoints over /v1 with real replies: a node registered through
 * /v1 and run by a real agent on the real Docker daemon, its inventory, metrics and a container;
 * cordon/drain honoured by the planner; another organization's owner gets 404 on every id route;
 * a Viewer reads but cannot change; a shared node's containers are the instance admin's.
 */
describe('/v1 nodes and planner', () => {
  let t: TestApp;
  let admin: Session; // instance admin, Owner of Alpha
  let viewer: Session; // Viewer in Alpha
  let betaOwner: Session; // Owner of Beta only
  const docker = new Docker();
  const as =
    (s: Session) =>
    (method: string, url: string, body?: unknown): Promise<Reply> =>
      t.request(method, url, { token: s.token, domain: s.domainId, body });
  const keys = (v: unknown) => Object.keys(v as object).sort();
  const assertError = (r: Reply, status: number, message?: RegExp) => {
    assert.equal(r.status, status, r.text);
    assert.deepEqual(keys(r.body), ['error'], r.text);
    if (message) assert.match(r.body.error, message);
  };
  const NEW_NODE = { address: '10.1.2.3', memory_mib: 2048, disk_mib: 10240, cpu_percent: 200 };
  const box = agentNodeFixture(
    () => t,
    (method, url, o = {}) => t.request(method, url, { token: o.token, body: o.body, domain: admin.domainId }),
    () => admin.token,
    'v1-nodes-box',
  );

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    viewer = await createMember(t, admin, admin.domainId, 'alpha-viewer', 'Viewer');
    const betaId = await createDomain(t, admin.token, 'Beta');
    betaOwner = await createMember(t, admin, betaId, 'beta-owner', 'Owner');
  });
  after(async () => {
    await t?.close();
  });

  it('register-token creates the node → get → update → list → delete, snake_case throughout', async () => {
    const req = as(admin);
    const reg = await req('POST', '/v1/nodes/register-token', { name: 'round-trip', ...NEW_NODE, tags: ['eu'], location: 'fsn1' });
    assert.equal(reg.status, 201, reg.text);
    assert.match(reg.body.token, /^outpost_reg_/);
    assert.ok(Date.parse(reg.body.expires_at) > Date.now());
    assert.ok(reg.body.command.includes(reg.body.token), 'the install command carries the token');
    const id = reg.body.node_id as string;

    const got = await req('GET', `/v1/nodes/${id}`);
    assert.equal(got.status, 200, got.text);
    assert.deepEqual(
      { ...got.body, created_at: undefined, updated_at: undefined, port_range_start: undefined, port_range_end: undefined },
      {
        id,
        organization_id: admin.domainId,
        shared: false,
        name: 'round-trip',
        address: '10.1.2.3',
        tags: ['eu'],
        location: 'fsn1',
        memory_mib: 2048,
        disk_mib: 10240,
        cpu_percent: 200,
        overallocation_percent: 0,
        state: 'pending',
        status: 'pending',
        scheduling: 'active',
        last_heartbeat_at: null,
        agent_version: null,
        created_at: undefined,
        updated_at: undefined,
        port_range_start: undefined,
        port_range_end: undefined,
      },
    );

    const put = await req('PUT', `/v1/nodes/${id}`, { name: 'renamed', memory_mib: 4096, port_range_start: 30000, port_range_end: 30099 });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.name, 'renamed');
    assert.equal(put.body.memory_mib, 4096);
    assert.equal(put.body.disk_mib, 10240, 'fields not sent are kept');
    assert.deepEqual([put.body.port_range_start, put.body.port_range_end], [30000, 30099]);
    assert.equal((await req('GET', `/v1/nodes/${id}`)).body.name, 'renamed');
    assertError(await req('PUT', `/v1/nodes/${id}`, { port_range_start: 40000, port_range_end: 39000 }), 400, /portRangeEnd/);
    assertError(await req('PUT', `/v1/nodes/${id}`, { memoryMiB: 1 }), 400, /memoryMiB/);

    const again = await req('POST', '/v1/nodes/register-token', { node_id: id });
    assert.equal(again.status, 201, again.text);
    assert.equal(again.body.node_id, id, 'a new token for the same node');
    assert.notEqual(again.body.token, reg.body.token);

    const list = await req('GET', '/v1/nodes?limit=100');
    assert.equal(list.status, 200);
    assert.ok(list.body.some((n: { id: string; name: string }) => n.id === id && n.name === 'renamed'));

    const del = await req('DELETE', `/v1/nodes/${id}`);
    assert.equal(del.status, 204, del.text);
    assert.equal(del.text, '');
    assertError(await req('GET', `/v1/nodes/${id}`), 404, /Node not found/);
    assertError(await req('POST', '/v1/nodes/register-token', { name: 'no-capacity', address: '10.0.0.1' }), 400, /memory_mib/);
  });

  it("a real agent: inventory, its parts, metrics, a container's logs and start/stop/restart/kill on the daemon", async () => {
    const { nodeId, containerId } = await box();
    const req = as(admin);
    const node = (await req('GET', `/v1/nodes/${nodeId}`)).body;
    assert.equal(node.state, 'online');
    assert.ok(node.agent_version, 'the agent reported its version');

    const inv = await req('GET', `/v1/nodes/${nodeId}/inventory`);
    assert.equal(inv.status, 200, inv.text);
    assert.equal(inv.body.connected, true);
    assert.equal(inv.body.scope, 'node');
    assert.ok(inv.body.system.cpu_count > 0 && inv.body.system.memory_bytes > 0);
    assert.ok(inv.body.processes.length > 0 && inv.body.system_users.some((u: { name: string }) => u.name === 'root'));
    const system = (await req('GET', `/v1/nodes/${nodeId}/inventory/system`)).body;
    assert.deepEqual(system, inv.body.system);
    const disks = (await req('GET', `/v1/nodes/${nodeId}/inventory/disks`)).body;
    assert.ok(disks.length > 0, 'the node reports its disks');
    assert.ok(disks.every((d: { total_bytes: number; free_bytes: number }) => d.total_bytes > 0 && d.total_bytes >= d.free_bytes));
    const containers = (await req('GET', `/v1/nodes/${nodeId}/inventory/containers`)).body;
    assert.ok(containers.some((c: { id: string; image: string }) => c.id === containerId && c.image.startsWith('outpost/echo-server')));
    const metrics = (await req('GET', `/v1/nodes/${nodeId}/metrics/history`)).body;
    assert.ok(metrics[0].memory_total_bytes > 0 && typeof metrics[0].cpu_percent === 'number');
    assertError(await req('GET', `/v1/nodes/${nodeId}/metrics/history?from=yesterday`), 400, /from/);

    const logs = await req('GET', `/v1/nodes/${nodeId}/containers/${containerId}/logs?tail=50`);
    assert.equal(logs.status, 200, logs.text);
    assert.ok(
      logs.body.some((l: { line: string; stream: string }) => l.line.includes(ECHO_SERVER_READY_LINE)),
      logs.text,
    );

    const action = (a: string) => req('POST', `/v1/nodes/${nodeId}/containers/${containerId}/${a}`, {});
    const stopped = await action('stop');
    assert.deepEqual(stopped.body, { container_id: containerId, action: 'stop', success: true });
    assert.equal((await docker.getContainer(containerId).inspect()).State.Running, false);
    assert.equal((await action('start')).status, 200);
    assert.equal((await docker.getContainer(containerId).inspect()).State.Running, true);
    const pid = (await docker.getContainer(containerId).inspect()).State.Pid;
    assert.equal((await action('restart')).status, 200);
    assert.notEqual((await docker.getContainer(containerId).inspect()).State.Pid, pid, 'a new process');
    assert.equal((await action('kill')).status, 200);
    assert.equal((await docker.getContainer(containerId).inspect()).State.Running, false);
    assertError(await req('POST', `/v1/nodes/${nodeId}/containers/bad!id/start`, {}), 400, /containerId/);
    assertError(await req('POST', `/v1/nodes/${nodeId}/containers/outpost-no-such-container/start`, {}), 404);
    assert.equal((await action('start')).status, 200);
  });

  it('cordon and drain take the node out of the planner; uncordon puts it back', async () => {
    const { nodeId } = await box();
    const req = as(admin);
    const fit = async () => {
      const r = await req('POST', '/v1/planner/suggest-fit', { memory_mib: 128, cpu_percent: 50, disk_mib: 256 });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.requirements, { memory_mib: 128, cpu_percent: 50, disk_mib: 256, tags: [] });
      return { chosen: r.body.node_id as string | null, mine: r.body.candidates.find((c: { node_id: string }) => c.node_id === nodeId) };
    };
    const open = await fit();
    assert.equal(open.chosen, nodeId, JSON.stringify(open));
    assert.equal(open.mine.fits, true);

    const cordoned = await req('POST', `/v1/nodes/${nodeId}/cordon`);
    assert.equal(cordoned.status, 200, cordoned.text);
    assert.deepEqual([cordoned.body.scheduling, cordoned.body.state], ['cordoned', 'cordoned']);
    const refused = await fit();
    assert.equal(refused.chosen, null);
    assert.equal(refused.mine.fits, false);
    assert.deepEqual(refused.mine.reasons, ['node is cordoned']);
    // The same rule places instances: recommend and recommend-for-template agree.
    assert.equal((await req('POST', '/v1/planner/recommend', { memory_mib: 128 })).body.node_id, null);
    const template = await req('POST', '/v1/planner/recommend-for-template', { template: 'echo-server' });
    assert.equal(template.status, 200, template.text);
    assert.equal(template.body.node_id, null);

    assert.equal((await req('POST', `/v1/nodes/${nodeId}/uncordon`)).body.scheduling, 'active');
    assert.equal((await fit()).chosen, nodeId);
    assert.equal((await req('POST', `/v1/planner/recommend-for-template`, { template: 'echo-server' })).body.node_id, nodeId);

    assert.equal((await req('POST', `/v1/nodes/${nodeId}/drain`)).body.state, 'draining');
    assert.deepEqual((await fit()).mine.reasons, ['node is draining']);
    assert.equal((await req('POST', `/v1/nodes/${nodeId}/uncordon`)).status, 200);
    assertError(await req('POST', '/v1/planner/recommend-for-template', { template: 'no-such-template' }), 404, /Template/);
    const templates = await req('GET', '/v1/planner/templates');
    assert.ok(templates.body.some((tp: { id: string; defaults: { memory_mib: number } }) => tp.id === 'echo-server' && tp.defaults.memory_mib > 0));
  });

  it("another organization's owner gets 404 { error } on every node id route, with valid bodies, and changes nothing", async () => {
    const { nodeId, containerId } = await box();
    // What the caller controls (heartbeats move last_heartbeat_at and updated_at meanwhile).
    const settings = async () => {
      const { name, location, tags, scheduling, memory_mib } = (await as(admin)('GET', `/v1/nodes/${nodeId}`)).body;
      return { name, location, tags, scheduling, memory_mib };
    };
    const before = await settings();
    const running = (await docker.getContainer(containerId).inspect()).State.Running;
    const beta = as(betaOwner);
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/v1/nodes/${nodeId}`],
      ['PUT', `/v1/nodes/${nodeId}`, { name: 'stolen', location: 'x' }],
      ['DELETE', `/v1/nodes/${nodeId}`],
      ['POST', '/v1/nodes/register-token', { node_id: nodeId }],
      ['POST', `/v1/nodes/${nodeId}/cordon`, {}],
      ['POST', `/v1/nodes/${nodeId}/uncordon`, {}],
      ['POST', `/v1/nodes/${nodeId}/drain`, {}],
      ['GET', `/v1/nodes/${nodeId}/inventory`],
      ['GET', `/v1/nodes/${nodeId}/inventory/system`],
      ['GET', `/v1/nodes/${nodeId}/inventory/network`],
      ['GET', `/v1/nodes/${nodeId}/inventory/disks`],
      ['GET', `/v1/nodes/${nodeId}/inventory/users`],
      ['GET', `/v1/nodes/${nodeId}/inventory/processes`],
      ['GET', `/v1/nodes/${nodeId}/inventory/containers`],
      ['GET', `/v1/nodes/${nodeId}/metrics/history`],
      ['GET', `/v1/nodes/${nodeId}/containers/${containerId}/logs`],
      ['POST', `/v1/nodes/${nodeId}/containers/${containerId}/start`, {}],
      ['POST', `/v1/nodes/${nodeId}/containers/${containerId}/stop`, {}],
      ['POST', `/v1/nodes/${nodeId}/containers/${containerId}/restart`, {}],
      ['POST', `/v1/nodes/${nodeId}/containers/${containerId}/kill`, { signal: 'SIGKILL' }],
    ];
    for (const [method, url, body] of calls) assertError(await beta(method, url, body), 404, /not found/);
    const list = await beta('GET', '/v1/nodes');
    assert.equal(list.status, 200);
    assert.ok(!list.body.some((n: { id: string }) => n.id === nodeId), 'not listed');
    const fit = await beta('POST', '/v1/planner/suggest-fit', { memory_mib: 128 });
    assert.ok(!fit.body.candidates.some((c: { node_id: string }) => c.node_id === nodeId), "not a candidate of Beta's planner");
    assert.deepEqual(await settings(), before, 'unchanged');
    assert.equal((await docker.getContainer(containerId).inspect()).State.Running, running, 'the container untouched');
  });

  it('a Viewer reads nodes but cannot create, change, delete or act; a shared node is changed by instance admins only', async () => {
    const { nodeId, containerId } = await box();
    const v = as(viewer);
    assert.equal((await v('GET', `/v1/nodes/${nodeId}`)).status, 200);
    assert.equal((await v('GET', `/v1/nodes/${nodeId}/inventory`)).body.processes.length, 0, 'processes need nodes.manage');
    assertError(await v('POST', '/v1/nodes/register-token', { name: 'viewer-node', ...NEW_NODE }), 403);
    assertError(await v('DELETE', `/v1/nodes/${nodeId}`), 403);
    assertError(await v('PUT', `/v1/nodes/${nodeId}`, { name: 'viewer' }), 403);
    assertError(await v('POST', `/v1/nodes/${nodeId}/cordon`, {}), 403);
    assertError(await v('GET', `/v1/nodes/${nodeId}/inventory/processes`), 403);
    assertError(await v('POST', `/v1/nodes/${nodeId}/containers/${containerId}/kill`, {}), 403);
    assertError(await v('POST', '/v1/planner/suggest-fit', { memory_mib: 128 }), 403);
    assert.equal((await as(admin)('GET', `/v1/nodes/${nodeId}`)).body.state, 'online', 'still there');

    // A shared node (instance admins create it): every organization sees it; only instance admins change it or its containers.
    assertError(await as(betaOwner)('POST', '/v1/nodes/register-token', { name: 'beta-shared', ...NEW_NODE, shared: true }), 403, /instance administrators/);
    const shared = await as(admin)('POST', '/v1/nodes/register-token', { name: 'shared-box', ...NEW_NODE, shared: true });
    assert.equal(shared.status, 201, shared.text);
    const sharedId = shared.body.node_id;
    const beta = as(betaOwner);
    const seen = await beta('GET', `/v1/nodes/${sharedId}`);
    assert.equal(seen.status, 200, seen.text);
    assert.deepEqual([seen.body.shared, seen.body.organization_id], [true, null]);
    for (const a of ['start', 'stop', 'restart', 'kill'])
      assertError(await beta('POST', `/v1/nodes/${sharedId}/containers/outpost-anything/${a}`, {}), 403, /Shared nodes are managed by instance administrators/);
    assertError(await beta('GET', `/v1/nodes/${sharedId}/containers/outpost-anything/logs`), 403, /instance administrators/);
    assertError(await beta('POST', `/v1/nodes/${sharedId}/cordon`, {}), 403, /instance administrators/);
    assertError(await beta('DELETE', `/v1/nodes/${sharedId}`), 403);
    assert.equal((await as(admin)('DELETE', `/v1/nodes/${sharedId}`)).status, 204);
  });

  it('unknown ids and the routes Outpost does not offer', async () => {
    const req = as(admin);
    assertError(await req('GET', `/v1/nodes/${randomUUID()}`), 404, /Node not found/);
    assertError(await req('GET', '/v1/nodes/not-a-uuid'), 400);
    assertError(await req('GET', `/v1/nodes/${randomUUID()}/terminal`), 501, /host terminal is not available/);
    assertError(await req('POST', `/v1/nodes/${randomUUID()}/processes/1/kill`, {}), 501, /not available/);
    assertError(await req('GET', '/v1/planner/pricing'), 501, /pricing is not available/);
  });
});
