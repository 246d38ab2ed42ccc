import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { DataSource } from 'typeorm';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';

const IMAGE = 'outpost/echo-server:local';

/**
 * Skyport's panel API (seed 002), route by route and error by error, against the real app with a
 * real agent and Docker for deploys. Keys are Outpost API tokens sent as x-api-key.
 */
describe('Skyport panel API compatibility (/api, x-api-key)', () => {
  let t: TestApp;
  let admin: Session;
  let node: RunningNode;
  let portStart: number;
  let keyA: string;
  let keyB: string;
  let keyReadOnly: string;
  let domainB: string;
  let nodeB: string;
  let userB: string;
  let memberId: string;
  let instanceId: string;
  let containerId: string;
  const docker = new Docker();
  const replies: string[] = [];

  const api = async (method: string, path: string, body?: unknown, key: string | null = keyA, headers: Record<string, string> = {}): Promise<Reply> => {
    const r = await t.request(method, path, { body, headers: { ...(key ? { 'x-api-key': key } : {}), ...headers } });
    replies.push(r.text);
    return r;
  };
  const outpost = (method: string, path: string, body?: unknown, domain = admin.domainId) => t.request(method, path, { token: admin.token, domain, body });
  const newKey = async (domain: string, permissions?: string[]) => {
    const r = await outpost('POST', '/apitoken', { name: `skyport-${Math.random().toString(36).slice(2, 6)}`, ...(permissions ? { permissions } : {}) }, domain);
    assert.equal(r.status, 201, r.text);
    return r.body.data.token as string;
  };
  const assertError = (r: Reply, status: number, message?: string | RegExp) => {
    assert.equal(r.status, status, r.text);
    assert.equal(typeof r.body.error, 'string', `Skyport error shape: ${r.text}`);
    assert.equal(r.body.meta, undefined, 'no Outpost envelope');
    if (typeof message === 'string') assert.equal(r.body.error, message);
    else if (message) assert.match(r.body.error, message);
  };

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t, 'Alpha');
    node = await startNodeWithAgent(t, admin);
    portStart = (await outpost('GET', `/node/${node.nodeId}`)).body.data.portRangeStart;
    assert.equal((await outpost('POST', '/workload/from-template', { template: 'echo-server', name: 'Echo A' })).status, 201);
    keyA = await newKey(admin.domainId);
    keyReadOnly = await newKey(admin.domainId, ['gameserver.read', 'members.read']);

    // Tenant B, with its own node, workload, member and key.
    domainB = await createDomain(t, admin.token, 'Bravo');
    const nb = await outpost('POST', '/node', { name: 'node-of-bravo', address: '10.9.9.9', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 }, domainB);
    assert.equal(nb.status, 201, nb.text);
    nodeB = nb.body.data.id;
    assert.equal((await outpost('POST', '/workload/from-template', { template: 'busybox-shell', name: 'workload-of-bravo' }, domainB)).status, 201);
    userB = (await createMember(t, admin, domainB, 'bravo-member')).userId;
    keyB = await newKey(domainB);
  });

  after(async () => {
    for (const d of [admin?.domainId, domainB].filter(Boolean)) {
      const list = await docker.listContainers({ all: true, filters: { label: [`outpost.domain-id=${d}`] } });
      for (const c of list)
        await docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined);
    }
    await node?.stop();
    await t?.close();
  });

  // ───────────── authentication ─────────────

  it('401 { error: "API key is required" } without x-api-key', async () => {
    assertError(await api('GET', '/api/users', undefined, null), 401, 'API key is required');
    assertError(await api('POST', '/api/getUser', { type: 'username', value: 'admin' }, null), 401, 'API key is required');
  });

  it('401 { error: "Invalid API key" } for a wrong, malformed or revoked key', async () => {
    assertError(await api('GET', '/api/users', undefined, 'not-a-key'), 401, 'Invalid API key');
    assertError(await api('GET', '/api/instances', undefined, `outpost_00000000-0000-4000-8000-000000000000_${'x'.repeat(43)}`), 401, 'Invalid API key');
    const key = await newKey(admin.domainId);
    const id = (await outpost('POST', '/apitoken/search', { filters: { prefix: key.slice(0, 16) } })).body.data[0].id;
    assert.equal((await api('GET', '/api/nodes', undefined, key)).status, 200);
    assert.equal((await outpost('DELETE', `/apitoken/${id}`)).status, 200);
    assertError(await api('GET', '/api/nodes', undefined, key), 401, 'Invalid API key');
  });

  it('bearer tokens are refused: a user JWT (bearer or in x-api-key) and a bearer API token', async () => {
    const bearers: Array<Record<string, string>> = [
      { authorization: `Bearer ${admin.token}` },
      { authorization: `Bearer ${admin.token}`, 'x-takaro-domain': admin.domainId },
      { authorization: `Bearer ${keyA}` },
    ];
    for (const headers of bearers) {
      const r = await api('GET', '/api/users', undefined, null, headers);
      assertError(r, 401, 'API key is required');
    }
    assertError(await api('GET', '/api/users', undefined, admin.token), 401, 'Invalid API key');
    assertError(await api('GET', '/api/users', undefined, keyA, { authorization: `Bearer ${admin.token}` }), 401, 'Invalid API key');
    // A key bound to A can't be pointed at B.
    assertError(await api('GET', '/api/users', undefined, keyA, { 'x-takaro-domain': domainB }), 403, 'This API token is bound to another domain');
  });

  it("403 in Skyport's shape when the key lacks the route's permission", async () => {
    assertError(await api('POST', '/api/users/create', { username: 'nobody', email: 'nobody@example.com', password: 'long-enough-password' }, keyReadOnly), 403, /members\.manage/);
    assertError(await api('GET', '/api/nodes', undefined, keyReadOnly), 403, /nodes\.read/);
    assertError(await api('POST', '/api/instances/deploy', {}, keyReadOnly), 403, /gameserver\.create/);
    assert.equal((await api('GET', '/api/instances', undefined, keyReadOnly)).status, 200);
  });

  // ───────────── users ─────────────

  it("GET /api/users → 200 the domain's members, without secrets or other domains' users", async () => {
    const r = await api('GET', '/api/users');
    assert.equal(r.status, 200, r.text);
    assert.ok(Array.isArray(r.body));
    const me = r.body.find((u: { username: string }) => u.username === 'admin');
    assert.deepEqual(Object.keys(me).sort(), ['accessTo', 'admin', 'email', 'userId', 'username']);
    assert.equal(me.userId, admin.userId);
    assert.equal(me.admin, true);
    assert.ok(!r.body.some((u: { username: string }) => u.username === 'bravo-member'));
    const b = await api('GET', '/api/users', undefined, keyB);
    assert.ok(b.body.some((u: { userId: string }) => u.userId === userB));
  });

  it('POST /api/users/create → 201 { userId, email, username, admin } and a membership in the domain', async () => {
    const r = await api('POST', '/api/users/create', { username: 'skyuser', email: 'skyuser@example.com', password: 'a-long-password-1' });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(Object.keys(r.body).sort(), ['admin', 'email', 'userId', 'username']);
    assert.equal(r.body.username, 'skyuser');
    assert.equal(r.body.admin, false);
    memberId = r.body.userId;
    const m = await outpost('POST', '/membership/search', { filters: { userId: memberId }, extend: ['role'] });
    assert.equal(m.body.data[0].role.name, 'Member');
    const login = await t.request('POST', '/login', { body: { username: 'skyuser', password: 'a-long-password-1' } });
    assert.equal(login.status, 200, 'the password works');
  });

  it("POST /api/users/create with admin: true → the domain's Admin role, never instance admin", async () => {
    const r = await api('POST', '/api/users/create', { username: 'skyadmin', email: 'skyadmin@example.com', password: 'a-long-password-2', admin: true, userId: 'ignored-id' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.admin, true);
    const m = await outpost('POST', '/membership/search', { filters: { userId: r.body.userId }, extend: ['role', 'user'] });
    assert.equal(m.body.data[0].role.name, 'Admin');
    assert.equal(m.body.data[0].user.isInstanceAdmin, false);
    const listed = (await api('GET', '/api/users')).body.find((u: { userId: string }) => u.userId === r.body.userId);
    assert.equal(listed.admin, true);
    // A key with fewer permissions than Admin can't mint an admin.
    const limited = await newKey(admin.domainId, ['members.manage', 'members.read']);
    assertError(
      await api('POST', '/api/users/create', { username: 'sneaky', email: 'sneaky@example.com', password: 'a-long-password-3', admin: true }, limited),
      403,
      /^You cannot assign the role Admin: it has permissions you do not hold: /,
    );
  });

  it('POST /api/users/create → 400 missing parameters, 409 user already exists', async () => {
    assertError(await api('POST', '/api/users/create', { username: 'x1' }), 400, 'Username, email, and password are required');
    assertError(await api('POST', '/api/users/create', {}), 400, 'Username, email, and password are required');
    assertError(await api('POST', '/api/users/create', { username: 'skyuser', email: 'other@example.com', password: 'a-long-password-1' }), 409, 'User already exists');
    assertError(await api('POST', '/api/users/create', { username: 'fresh', email: 'SKYUSER@example.com', password: 'a-long-password-1' }), 409, 'User already exists');
    assertError(
      await api('POST', '/api/users/create', { username: 'bad name!', email: 'bad@example.com', password: 'a-long-password-1' }),
      400,
      'username must be 3-32 characters: letters, digits, _ . -',
    );
    assertError(await api('POST', '/api/users/create', { username: 'shortpw', email: 'shortpw@example.com', password: 'short' }), 400, 'password must be 10-256 characters');
  });

  it("unknown body keys and wrong types → 400 in Skyport's shape", async () => {
    const r = await api('POST', '/api/users/create', { username: 'u9', email: 'u9@example.com', password: 'a-long-password-9', role: 'god' });
    assertError(r, 400, /role/);
    assertError(await api('POST', '/api/users/create', { username: 'u9', email: 'u9@example.com', password: 'a-long-password-9', admin: 'yes' }), 400, /admin/);
    assertError(await api('POST', '/api/getUser', { type: 'username', value: { $ne: null } }), 400, 'Validation failed: value must be a string or a number');
  });

  it('a malformed JSON body → 400 without the envelope', async () => {
    const r = await api('POST', '/api/getUser', '{"type": "username", ', keyA, { 'content-type': 'application/json' });
    assertError(r, 400, /not valid JSON/);
  });

  it('POST /api/getUser → 201 the user by username or email', async () => {
    const byName = await api('POST', '/api/getUser', { type: 'username', value: 'skyuser' });
    assert.equal(byName.status, 201, byName.text);
    assert.deepEqual(byName.body, { userId: memberId, username: 'skyuser', email: 'skyuser@example.com', admin: false, accessTo: [] });
    const byEmail = await api('POST', '/api/getUser', { type: 'email', value: 'skyuser@example.com' });
    assert.equal(byEmail.status, 201);
    assert.equal(byEmail.body.userId, memberId);
  });

  it("POST /api/getUser → 400 missing or invalid parameters, or user not found (also for other domains' users)", async () => {
    assertError(await api('POST', '/api/getUser', { type: 'email' }), 400, 'Type and value are required');
    assertError(await api('POST', '/api/getUser', {}), 400, 'Type and value are required');
    assertError(await api('POST', '/api/getUser', { type: 'id', value: memberId }), 400, 'Invalid search type. Use "email" or "username".');
    assertError(await api('POST', '/api/getUser', { type: 'username', value: 'nobody-here' }), 400, 'User not found');
    assertError(await api('POST', '/api/getUser', { type: 'username', value: 'bravo-member' }), 400, 'User not found');
    assertError(await api('POST', '/api/getUser', { type: 'username', value: 'skyuser' }, keyB), 400, 'User not found');
  });

  // ───────────── nodes ─────────────

  it("GET /api/nodes → 200 the domain's nodes with ram/disk in GB and processor in cores", async () => {
    const r = await api('GET', '/api/nodes');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.length, 1);
    const n = r.body[0];
    assert.equal(n.id, node.nodeId);
    assert.equal(n.ram, 4);
    assert.equal(n.disk, 20);
    assert.equal(n.processor, 4);
    assert.equal(n.status, 'Online');
    assert.ok(!r.text.includes('node-of-bravo'));
    for (const k of ['registerTokenHash', 'agentTokenHash', 'apiKey', 'inventory']) assert.equal(n[k], undefined, k);
  });

  let createdNode: string;
  it('POST /api/nodes/create → 201 { Message: node } with the GB/cores mapping and the agent configure command', async () => {
    const r = await api('POST', '/api/nodes/create', { name: 'sky-node', tags: 'eu, fast', ram: '8', disk: '100', processor: '4 cores', address: '10.0.0.5', port: '8080' });
    assert.equal(r.status, 201, r.text);
    const n = r.body.Message;
    createdNode = n.id;
    assert.equal(n.name, 'sky-node');
    assert.deepEqual(n.tags, ['eu', 'fast']);
    assert.equal(n.memoryMiB, 8192);
    assert.equal(n.diskMiB, 102400);
    assert.equal(n.cpuPercent, 400);
    assert.equal(n.ram, '8', 'the given text comes back');
    assert.equal(n.processor, '4 cores');
    assert.equal(n.status, 'Unconfigured');
    assert.match(n.configureKey, /^outpost_reg_/);
    assert.match(n.configureCommand, /\/agent\/install\.sh \| OUTPOST_TOKEN=outpost_reg_\S+ sh -s -- --url \S+ --data-dir \//);
    const got = await outpost('GET', `/node/${createdNode}`);
    assert.equal(got.body.data.memoryMiB, 8192);
    const numeric = await api('POST', '/api/nodes/create', { name: 'sky-node-2', tags: ['x'], ram: 2, disk: 10, processor: 2, address: 'node2.example.com', port: 443 });
    assert.equal(numeric.status, 201, numeric.text);
    assert.equal(numeric.body.Message.cpuPercent, 200);
    assert.equal(numeric.body.Message.ram, '2');
    assert.equal((await api('DELETE', '/api/nodes/delete', { nodeId: numeric.body.Message.id })).status, 201);
  });

  it('POST /api/nodes/create → 201 for free-form ram/disk/processor (seed 002: "4GB", "4096", "x86", "Intel Xeon E5"); the text is kept', async () => {
    const r = await api('POST', '/api/nodes/create', { name: 'free-form', tags: 'eu', ram: '4GB', disk: '4096', processor: 'x86', address: '10.0.0.7', port: '8080' });
    assert.equal(r.status, 201, r.text);
    const n = r.body.Message;
    assert.deepEqual([n.ram, n.disk, n.processor], ['4GB', '4096', 'x86']);
    assert.equal(n.memoryMiB, 4096, 'the unit in the text wins');
    assert.equal(n.diskMiB, 4096 * 1024, 'a bare number is GB');
    assert.equal(n.cpuPercent, 200, 'no core count in "x86": the default 2 cores');
    const [row] = await t.app.get(DataSource).query('SELECT "hardwareText", "memoryMiB", "cpuPercent" FROM node WHERE id = $1', [n.id]);
    assert.deepEqual(row, { hardwareText: { ram: '4GB', disk: '4096', processor: 'x86' }, memoryMiB: 4096, cpuPercent: 200 });
    const listed = (await api('GET', '/api/nodes')).body.find((x: { id: string }) => x.id === n.id);
    assert.deepEqual([listed.ram, listed.disk, listed.processor], ['4GB', '4096', 'x86'], 'listing returns the stored text');
    const xeon = await api('POST', '/api/nodes/create', { name: 'xeon', tags: 'eu', ram: '512MB', disk: '2TB', processor: 'Intel Xeon E5', address: '10.0.0.8', port: '8080' });
    assert.equal(xeon.status, 201, xeon.text);
    assert.deepEqual([xeon.body.Message.memoryMiB, xeon.body.Message.diskMiB, xeon.body.Message.cpuPercent], [512, 2 * 1024 * 1024, 200]);
    assert.equal(xeon.body.Message.processor, 'Intel Xeon E5');
    const vague = await api('POST', '/api/nodes/create', { name: 'vague', tags: 'eu', ram: 'lots', disk: 'big', processor: 'fast', address: '10.0.0.9', port: '8080' });
    assert.equal(vague.status, 201, vague.text);
    assert.deepEqual([vague.body.Message.memoryMiB, vague.body.Message.diskMiB, vague.body.Message.cpuPercent], [4096, 51200, 200], 'documented defaults');
    for (const id of [n.id, xeon.body.Message.id, vague.body.Message.id]) assert.equal((await api('DELETE', '/api/nodes/delete', { nodeId: id })).status, 201);
  });

  it('POST /api/nodes/create → 400 missing or invalid parameters', async () => {
    assertError(await api('POST', '/api/nodes/create', { name: 'x', ram: '8' }), 400, 'Missing parameters');
    assertError(await api('POST', '/api/nodes/create', {}), 400, 'Missing parameters');
    const base = { name: 'n', tags: 'a', ram: '8', disk: '100', processor: '4', address: '10.0.0.6', port: '8080' };
    assertError(await api('POST', '/api/nodes/create', { ...base, ram: '' }), 400, 'Missing parameters');
    assertError(await api('POST', '/api/nodes/create', { ...base, processor: 'x'.repeat(129) }), 400, /processor must be at most 128 characters/);
    assertError(await api('POST', '/api/nodes/create', { ...base, disk: { size: 4 } }), 400, /disk must be a string or a number/);
    assertError(await api('POST', '/api/nodes/create', { ...base, port: '99999' }), 400, /port/);
    assertError(await api('POST', '/api/nodes/create', { ...base, address: 'not an address!' }), 400, /address/);
    assertError(await api('POST', '/api/nodes/create', { ...base, apiKey: 'x' }), 400, /apiKey/);
  });

  it("DELETE /api/nodes/delete → 400 invalid or missing node ID (another domain's node is invalid too)", async () => {
    assertError(await api('DELETE', '/api/nodes/delete', {}), 400, 'Invalid node');
    assertError(await api('DELETE', '/api/nodes/delete', { nodeId: 'nope' }), 400, 'Invalid node');
    assertError(await api('DELETE', '/api/nodes/delete', { nodeId: nodeB }), 400, 'Invalid node');
    assert.equal((await outpost('GET', `/node/${nodeB}`, undefined, domainB)).status, 200, "B's node survived");
  });

  it('DELETE /api/nodes/delete → 201 { Message }', async () => {
    const r = await api('DELETE', '/api/nodes/delete', { nodeId: createdNode });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.body, { Message: 'The node has successfully deleted.' });
    const gone = await outpost('GET', `/node/${createdNode}`);
    assert.equal(gone.status, 404, gone.text);
    assert.equal(gone.body.meta.error.code, 'NotFoundError');
  });

  // ───────────── images ─────────────

  it("GET /api/images → 200 the images of the domain's workloads (deployable) and of its nodes", async () => {
    const r = await api('GET', '/api/images');
    assert.equal(r.status, 200, r.text);
    const echo = r.body.find((i: { Image: string }) => i.Image === IMAGE);
    assert.equal(echo.Deployable, true);
    assert.equal(echo.Source, 'workload');
    assert.equal(echo.Name, 'Echo A');
    assert.ok(echo.Env.includes('MOTD=Welcome'));
    assert.ok(!r.text.includes('workload-of-bravo'));
    const fromNode = r.body.filter((i: { Source: string }) => i.Source === 'node');
    assert.ok(fromNode.length > 0, 'the node reports its images');
    assert.ok(fromNode.every((i: { Deployable: boolean; Nodes: string[] }) => !i.Deployable && i.Nodes.includes(node.nodeId)));
    const b = await api('GET', '/api/images', undefined, keyB);
    assert.deepEqual(
      b.body.map((i: { Image: string }) => i.Image),
      ['outpost/busybox:local'],
    );
  });

  // ───────────── instances ─────────────

  it('POST /api/instances/deploy → 400 Missing parameters', async () => {
    assertError(await api('POST', '/api/instances/deploy', {}), 400, 'Missing parameters');
    assertError(await api('POST', '/api/instances/deploy', { image: IMAGE, memory: '64', cpu: '1', nodeId: node.nodeId, name: 'x', user: admin.userId, primary: '1' }), 400, 'Missing parameters');
  });

  it('POST /api/instances/deploy → 400 for an invalid node, image, user, ports or primary; unknown keys refused', async () => {
    const good = { image: IMAGE, memory: '64', cpu: '1', ports: `25565:${portStart + 1}`, nodeId: node.nodeId, name: 'bad', user: admin.userId, primary: String(portStart + 1) };
    assertError(await api('POST', '/api/instances/deploy', { ...good, nodeId: nodeB }), 400, 'Invalid node');
    assertError(await api('POST', '/api/instances/deploy', { ...good, nodeId: 'abc' }), 400, 'Invalid node');
    assertError(await api('POST', '/api/instances/deploy', { ...good, image: 'outpost/busybox:local' }), 400, /Invalid image/);
    assertError(await api('POST', '/api/instances/deploy', { ...good, user: userB }), 400, 'User not found');
    assertError(await api('POST', '/api/instances/deploy', { ...good, ports: '25565' }), 400, /ports/);
    assertError(await api('POST', '/api/instances/deploy', { ...good, ports: `25565:${portStart + 1},25566:${portStart + 1}` }), 400, /twice/);
    assertError(await api('POST', '/api/instances/deploy', { ...good, ports: '25565:1025', primary: '1025' }), 400, /outside .* port range/);
    assertError(await api('POST', '/api/instances/deploy', { ...good, primary: '4242' }), 400, /primary/);
    assertError(await api('POST', '/api/instances/deploy', { ...good, memory: 'lots' }), 400, /memory/);
    assertError(await api('POST', '/api/instances/deploy', { ...good, cpu: '-1' }), 400, /cpu/);
    assertError(await api('POST', '/api/instances/deploy', { ...good, variables: {} }), 400, /variables/);
    assertError(await api('POST', '/api/instances/deploy', good, keyB), 400, 'Invalid node');
    const noControl = await newKey(admin.domainId, ['gameserver.create', 'gameserver.read']);
    assertError(await api('POST', '/api/instances/deploy', good, noControl), 403, /gameserver\.control/);
    assert.equal((await outpost('POST', '/gameserver/search', {})).body.data.length, 0, 'nothing was created');
  });

  it('POST /api/instances/deploy → 201, a real container starts with the CPU and memory limits applied', async () => {
    const ports = `25565:${portStart + 10},25575:${portStart + 11}`;
    const r = await api('POST', '/api/instances/deploy', { image: IMAGE, memory: '96', cpu: '0.5', ports, nodeId: node.nodeId, name: 'sky-echo', user: memberId, primary: String(portStart + 10) });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.Message, "Container created successfully and added to user's servers");
    instanceId = r.body.Id;
    containerId = r.body.ContainerId;
    assert.ok(containerId);
    assert.equal(r.body.VolumeId, instanceId);
    const info = await docker.getContainer(`outpost-${instanceId}`).inspect();
    assert.equal(info.HostConfig.NanoCpus, 0.5e9, 'cpu "0.5" = half a core, enforced');
    assert.equal(info.HostConfig.Memory, 96 * 1024 * 1024);
    assert.deepEqual(info.HostConfig.PortBindings['25565/tcp'], [{ HostIp: '0.0.0.0', HostPort: String(portStart + 10) }]);
    assert.deepEqual(info.HostConfig.PortBindings['25575/udp'], [{ HostIp: '0.0.0.0', HostPort: String(portStart + 11) }]);
    assert.ok(info.State.Running, 'the container runs');
    assert.ok(info.Id.startsWith(containerId) || containerId.startsWith(info.Id.slice(0, 12)));
  });

  it("GET /api/instances → 200 the instance in Skyport's shape, running eventually", async () => {
    const inst = await waitFor(
      'running via /api/instances',
      async () => {
        const r = await api('GET', '/api/instances');
        assert.equal(r.status, 200, r.text);
        const x = r.body.find((i: { Id: string }) => i.Id === instanceId);
        return x?.State === 'running' && x;
      },
      20_000,
    );
    assert.equal(inst.Name, 'sky-echo');
    assert.equal(inst.User, memberId);
    assert.equal(inst.Image, IMAGE);
    assert.equal(inst.Memory, 96);
    assert.equal(inst.Cpu, 0.5);
    assert.equal(inst.Ports, `25565:${portStart + 10},25575:${portStart + 11}`);
    assert.equal(inst.Primary, String(portStart + 10));
    assert.equal(inst.ContainerId, containerId);
    assert.equal(inst.InternalState, 'READY');
    assert.equal(inst.Node.id, node.nodeId);
    assert.deepEqual(inst.PortBindings['25565/tcp'], [{ HostPort: String(portStart + 10) }]);
    const b = await api('GET', '/api/instances', undefined, keyB);
    assert.deepEqual(b.body, [], "B's key sees none of A's instances");
  });

  it('POST /api/instances/deploy → 409 when a host port is already taken', async () => {
    const r = await api('POST', '/api/instances/deploy', {
      image: IMAGE,
      memory: '64',
      cpu: '0.5',
      ports: `25565:${portStart + 10}`,
      nodeId: node.nodeId,
      name: 'clash',
      user: memberId,
      primary: String(portStart + 10),
    });
    assertError(r, 409, /already in use/);
    const tooBig = await api('POST', '/api/instances/deploy', {
      image: IMAGE,
      memory: '900000',
      cpu: '0.5',
      ports: `25565:${portStart + 20}`,
      nodeId: node.nodeId,
      name: 'huge',
      user: memberId,
      primary: String(portStart + 20),
    });
    assertError(tooBig, 409, /memory/);
  });

  it('POST /api/getInstance → 200 by Id or ContainerId; 400 missing ID or not found (also across domains)', async () => {
    const byId = await api('POST', '/api/getInstance', { id: instanceId });
    assert.equal(byId.status, 200, byId.text);
    assert.equal(byId.body.Id, instanceId);
    const byContainer = await api('POST', '/api/getInstance', { id: containerId });
    assert.equal(byContainer.status, 200);
    assert.equal(byContainer.body.Id, instanceId);
    assertError(await api('POST', '/api/getInstance', {}), 400, 'Parameter "id" is required');
    assertError(await api('POST', '/api/getInstance', { id: '00000000-0000-4000-8000-000000000000' }), 400, 'Instance not found');
    assertError(await api('POST', '/api/getInstance', { id: instanceId }, keyB), 400, 'Instance not found');
    assertError(await api('POST', '/api/getInstance', { id: containerId }, keyB), 400, 'Instance not found');
  });

  it("POST /api/getUserInstance → 200 the user's instances; 400 missing user ID or user not found", async () => {
    const r = await api('POST', '/api/getUserInstance', { userId: memberId });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.body.map((i: { Id: string }) => i.Id),
      [instanceId],
    );
    const none = await api('POST', '/api/getUserInstance', { userId: admin.userId });
    assert.deepEqual(none.body, []);
    assertError(await api('POST', '/api/getUserInstance', {}), 400, 'Parameter "userId" is required');
    assertError(await api('POST', '/api/getUserInstance', { userId: 'nobody' }), 400, 'User not found');
    assertError(await api('POST', '/api/getUserInstance', { userId: memberId }, keyB), 400, 'User not found');
    const user = (await api('POST', '/api/getUser', { type: 'username', value: 'skyuser' })).body;
    assert.deepEqual(user.accessTo, [instanceId]);
  });

  it('DELETE /api/nodes/delete → 409 while the node has instances', async () => {
    assertError(await api('DELETE', '/api/nodes/delete', { nodeId: node.nodeId }), 409, /^Node "node-\w+" still has game servers; transfer or delete them first$/);
  });

  it("DELETE /api/instance/delete → 400 missing ID or not found; another domain's key cannot delete", async () => {
    assertError(await api('DELETE', '/api/instance/delete', {}), 400, 'Missing ID parameter');
    assertError(await api('DELETE', '/api/instance/delete', { id: 'does-not-exist' }), 400, 'Instance not found');
    assertError(await api('DELETE', '/api/instance/delete', { id: instanceId }, keyB), 400, 'Instance not found');
    assert.ok((await docker.getContainer(`outpost-${instanceId}`).inspect()).State.Running, 'still running');
  });

  it('DELETE /api/instance/delete → 201 { Message } and the container is gone', async () => {
    const r = await api('DELETE', '/api/instance/delete', { id: containerId });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.body, { Message: 'The instance has successfully been deleted.' });
    await assert.rejects(docker.getContainer(`outpost-${instanceId}`).inspect(), /no such container/i);
    assert.deepEqual((await api('GET', '/api/instances')).body, []);
  });

  // ───────────── cross-cutting ─────────────

  it('no reply ever carried a password hash, a token hash or another secret', () => {
    assert.ok(replies.length > 50);
    for (const text of replies) {
      for (const bad of ['passwordHash', 'secretHash', '$argon2', 'agentTokenHash', 'registerTokenHash', 'mfaSecret']) assert.ok(!text.includes(bad), `${bad} in ${text.slice(0, 200)}`);
    }
  });

  it('the routes are in openapi.json under the skyport tag', async () => {
    const spec = (await t.request('GET', '/openapi.json')).body;
    const routes: Array<[string, string]> = [
      ['/api/users', 'get'],
      ['/api/getUser', 'post'],
      ['/api/users/create', 'post'],
      ['/api/instances', 'get'],
      ['/api/instances/deploy', 'post'],
      ['/api/instance/delete', 'delete'],
      ['/api/getUserInstance', 'post'],
      ['/api/getInstance', 'post'],
      ['/api/images', 'get'],
      ['/api/nodes', 'get'],
      ['/api/nodes/create', 'post'],
      ['/api/nodes/delete', 'delete'],
    ];
    for (const [path, method] of routes) assert.deepEqual(spec.paths[path]?.[method]?.tags, ['skyport'], `${method} ${path}`);
  });
});
