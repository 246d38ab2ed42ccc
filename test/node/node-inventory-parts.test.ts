import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import Docker from 'dockerode';
import { DataSource } from 'typeorm';
import { AgentChannel } from '../../src/modules/node/agent-channel.service';
import { parsePasswd } from '../../src/agent/processes';
import { ECHO_SERVER_IMAGE, ECHO_SERVER_STARTUP } from '@libs/container-driver/test-images';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';

interface Proc {
  pid: number;
  user: string;
  uid: number;
  command: string;
  cpuPercent: number;
  memoryBytes: number;
}

/**
 * Node inventory parts (processes, system users, …) and container restart, with real agents on the
 * real Docker daemon. On a shared node a tenant sees no host processes or accounts.
 */
describe('node inventory parts and container restart', () => {
  let t: TestApp;
  let admin: Session; // instance admin of Alpha
  let alphaMember: Session; // Alpha's Admin role, not an instance admin
  let betaId: string;
  let beta: Session;
  let own: RunningNode;
  let shared: RunningNode;
  const docker = new Docker();
  const serverId = `restart-test-${process.pid}`;
  let containerId = '';

  const as = (s: Session, domain: string) => (method: string, path: string, body?: unknown) => t.request(method, path, { token: s.token, domain, body });
  const inventoryOf = async (req: ReturnType<typeof as>, nodeId: string) =>
    waitFor(`inventory of ${nodeId}`, async () => {
      const r = await req('GET', `/node/${nodeId}/inventory`);
      return r.status === 200 && r.body.data;
    });

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    alphaMember = await createMember(t, admin, admin.domainId, 'alpha-admin', 'Admin');
    betaId = await createDomain(t, admin.token, 'Beta');
    beta = await createMember(t, admin, betaId, 'beta-owner', 'Admin');
    own = await startNodeWithAgent(t, admin, { name: 'own-box' });
    shared = await startNodeWithAgent(t, admin, { name: 'shared-box', shared: true });
  });
  after(async () => {
    if (containerId)
      await docker
        .getContainer(containerId)
        .remove({ force: true })
        .catch(() => undefined);
    await own?.stop();
    await shared?.stop();
    await t?.close();
  });

  it("the domain's own node: processes and system users of the machine, in the full inventory and its parts", async () => {
    const req = as(alphaMember, admin.domainId);
    const inv = await inventoryOf(req, own.nodeId);
    assert.equal(inv.scope, 'node');
    const procs = inv.processes as Proc[];
    assert.ok(procs.length > 0 && procs.length <= 200, `${procs.length} processes`);
    for (const p of procs) {
      assert.ok(Number.isInteger(p.pid) && p.pid > 0);
      assert.equal(typeof p.user, 'string');
      assert.ok(p.command.length > 0 && p.command.length <= 256);
      assert.ok(p.cpuPercent >= 0 && p.memoryBytes >= 0);
    }
    const sorted = [...procs].sort((a, b) => b.cpuPercent - a.cpuPercent);
    assert.deepEqual(
      procs.map((p) => p.cpuPercent),
      sorted.map((p) => p.cpuPercent),
      'highest CPU first',
    );
    // The agent runs in this process, on this machine: its accounts are this machine's /etc/passwd.
    const passwd = parsePasswd(readFileSync('/etc/passwd', 'utf8'));
    assert.deepEqual(inv.systemUsers, passwd);
    assert.ok(passwd.some((u) => u.name === 'root' && u.uid === 0));
    const root = procs.find((p) => p.uid === 0);
    if (root) assert.equal(root.user, 'root', 'uids are named from /etc/passwd');

    for (const [part, expected] of [
      ['users', inv.systemUsers],
      ['system', inv.system],
      ['disks', inv.disks],
      ['network', inv.network],
      ['containers', inv.containers],
    ] as const) {
      const r = await req('GET', `/node/${own.nodeId}/inventory/${part}`);
      assert.equal(r.status, 200, `${part}: ${r.text}`);
      assert.deepEqual(r.body.data, expected, part);
    }
    const parts = await req('GET', `/node/${own.nodeId}/inventory/processes`);
    assert.equal(parts.status, 200, parts.text);
    assert.ok(parts.body.data.length > 0);
    const missing = await req('GET', `/node/${own.nodeId}/inventory/secrets`);
    assert.equal(missing.status, 404, missing.text);
    // A Viewer (nodes.read, no nodes.manage) sees the machine but not its command lines or accounts.
    const viewer = as(await createMember(t, admin, admin.domainId, 'alpha-viewer', 'Viewer'), admin.domainId);
    const seen = await inventoryOf(viewer, own.nodeId);
    assert.deepEqual([seen.processes, seen.systemUsers], [[], []]);
    assert.equal(typeof seen.system.cpuCount, 'number');
    for (const part of ['processes', 'users']) {
      const r = await viewer('GET', `/node/${own.nodeId}/inventory/${part}`);
      assert.equal(r.status, 403, r.text);
      assert.equal(r.body.meta.error.message, 'Missing permission nodes.manage');
    }
  });

  it('a tenant of a shared node gets no host processes or system users; the instance admin gets them', async () => {
    const tenant = as(beta, betaId);
    const inv = await inventoryOf(tenant, shared.nodeId);
    assert.equal(inv.scope, 'domain');
    assert.deepEqual(inv.processes, []);
    assert.deepEqual(inv.systemUsers, []);
    for (const part of ['processes', 'users', 'network', 'containers']) {
      const r = await tenant('GET', `/node/${shared.nodeId}/inventory/${part}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.data, [], part);
    }
    const system = await tenant('GET', `/node/${shared.nodeId}/inventory/system`);
    assert.equal(system.body.data.hostname, undefined);
    assert.equal(typeof system.body.data.cpuCount, 'number');

    const adminView = await inventoryOf(as(admin, admin.domainId), shared.nodeId);
    assert.equal(adminView.scope, 'node');
    assert.ok(adminView.processes.length > 0, 'the instance admin sees processes');
    assert.ok(adminView.systemUsers.length > 0, 'the instance admin sees accounts');
    const raw = JSON.stringify(inv);
    for (const u of adminView.systemUsers as Array<{ home: string }>) if (u.home.length > 5) assert.ok(!raw.includes(`"${u.home}"`), u.home);
    // Another domain's member sees neither node's parts of a node it cannot use.
    const foreign = await tenant('GET', `/node/${own.nodeId}/inventory/processes`);
    assert.equal(foreign.status, 404, foreign.text);
    assert.equal(foreign.body.meta.error.code, 'NotFoundError');
  });

  it('restarts a container on the real daemon through the agent, audited; start/stop/kill still work', async () => {
    const channel = t.app.get(AgentChannel);
    ({ containerId } = await channel.send(own.nodeId, 'container.create', {
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
    const req = as(alphaMember, admin.domainId);
    const action = (a: string, id = containerId) => req('POST', `/node/${own.nodeId}/containers/${id}/${a}`, {});
    assert.equal((await action('start')).status, 200);
    const before = await docker.getContainer(containerId).inspect();
    assert.equal(before.State.Running, true);

    const restarted = await action('restart');
    assert.equal(restarted.status, 200, restarted.text);
    const afterRestart = await docker.getContainer(containerId).inspect();
    assert.equal(afterRestart.State.Running, true);
    assert.notEqual(afterRestart.State.StartedAt, before.State.StartedAt, 'a new start');
    assert.notEqual(afterRestart.State.Pid, before.State.Pid, 'a new process');

    const [row] = await t.app
      .get(DataSource)
      .query(`SELECT action, "targetId", "actorName", details FROM audit_log WHERE "domainId" = $1 AND action = 'node.containerAction' ORDER BY "createdAt" DESC LIMIT 1`, [admin.domainId]);
    assert.equal(row.targetId, own.nodeId);
    assert.equal(row.actorName, 'alpha-admin');
    assert.equal(row.details.route, '/node/:id/containers/:containerId/:action');

    assert.equal((await action('stop')).status, 200);
    assert.equal((await docker.getContainer(containerId).inspect()).State.Running, false);
    // Restarting a stopped container starts it.
    assert.equal((await action('restart')).status, 200);
    assert.equal((await docker.getContainer(containerId).inspect()).State.Running, true);
    assert.equal((await action('kill')).status, 200);
    assert.equal((await docker.getContainer(containerId).inspect()).State.Running, false);

    const unknown = await action('reboot');
    assert.equal(unknown.status, 404, unknown.text);
    assert.equal(unknown.body.meta.error.code, 'NotFoundError');
    const badId = await action('restart', 'bad!id');
    assert.equal(badId.status, 400, badId.text);
    assert.equal(badId.body.meta.error.code, 'ValidationError');
    const gone = await action('restart', 'outpost-no-such-container');
    assert.equal(gone.status, 404, gone.text);
  });

  it("a tenant of a shared node cannot restart the machine's containers (like start/stop/kill); another domain cannot reach an own node", async () => {
    for (const a of ['start', 'stop', 'kill', 'restart']) {
      const r = await as(beta, betaId)('POST', `/node/${shared.nodeId}/containers/outpost-anything/${a}`, {});
      assert.equal(r.status, 403, `${a}: ${r.text}`);
      assert.equal(r.body.meta.error.code, 'ForbiddenError');
      const foreign = await as(beta, betaId)('POST', `/node/${own.nodeId}/containers/${containerId}/${a}`, {});
      assert.equal(foreign.status, 404, `${a}: ${foreign.text}`);
    }
    assert.equal((await docker.getContainer(containerId).inspect()).State.Running, false, 'untouched by the refused calls');
  });
});
