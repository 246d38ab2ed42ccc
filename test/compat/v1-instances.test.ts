import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, PASSWORD, Session } from '../helpers/fixtures';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { removeDomainContainers } from '../helpers/containers';
import { waitFor } from '../helpers/wait';
import { INSTANCE as INSTANCE_FIELDS } from './v1-endpoints';

/**
 * Seed 001's instance endpoints over /v1 on a real agent and a real container (one echo server):
 * the seed's flow (login → list → create → start → running → console → files → backup/restore →
 * stop → delete), snake_case replies, tenant isolation of every id route, and permissions.
 */

const INSTANCE = [...INSTANCE_FIELDS].sort();
const BACKUP = ['id', 'instance_id', 'name', 'status', 'error', 'storage', 'size_bytes', 'sha256', 'locked', 'restore_status', 'restore_error', 'created_at', 'completed_at'].sort();
const keys = (v: unknown) => Object.keys(v as object).sort();

describe('Shardlyn /v1 instances on a real agent (seed 001)', () => {
  let t: TestApp;
  let admin: Session;
  let node: RunningNode;
  let token: string;
  let workloadId: string;
  let id: string;
  let backupId: string;
  const docker = new Docker();
  const v1 = (method: string, url: string, body?: unknown, as = token) => t.request(method, url, { token: as, domain: admin.domainId, body });
  const instance = async () => (await v1('GET', `/v1/instances/${id}`)).body;
  const assertError = (r: Reply, status: number, message?: RegExp) => {
    assert.equal(r.status, status, r.text);
    assert.deepEqual(keys(r.body), ['error'], r.text);
    if (message) assert.match(r.body.error, message);
  };

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
    node = await startNodeWithAgent(t, admin);
    const w = await t.request('POST', '/workload/from-template', { token: admin.token, domain: admin.domainId, body: { template: 'echo-server' } });
    assert.equal(w.status, 201, w.text);
    workloadId = w.body.data.id;
  });
  after(async () => {
    if (admin) await removeDomainContainers(admin.domainId);
    await node?.stop();
    await t?.close();
  });

  it('login → list → create → start → running → console → stop (snake_case replies)', async () => {
    const login = await t.request('POST', '/v1/auth/login', { body: { email: 'admin@example.com', password: PASSWORD } });
    assert.equal(login.status, 200, login.text);
    token = login.body.access_token;

    const empty = await v1('GET', '/v1/instances');
    assert.equal(empty.status, 200, empty.text);
    assert.deepEqual(empty.body, []);

    const created = await v1('POST', '/v1/instances', { name: 'Echo', workload_id: workloadId, node_id: node.nodeId, memory_mib: 64, cpu_percent: 50, variables: { MOTD: 'Hello v1' } });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(keys(created.body), INSTANCE);
    id = created.body.id;
    assert.equal(created.body.organization_id, admin.domainId);
    assert.equal(created.body.node_id, node.nodeId);
    assert.equal(created.body.memory_mib, 64);
    assert.equal(created.body.variables.MOTD, 'Hello v1');
    const listed = await v1('GET', '/v1/instances');
    assert.deepEqual(
      listed.body.map((i: { id: string }) => i.id),
      [id],
    );
    assert.deepEqual(keys(listed.body[0]), INSTANCE);
    await waitFor('installed', async () => (await instance()).status === 'offline', 60_000);

    const renamed = await v1('PUT', `/v1/instances/${id}`, { name: 'Echo One' });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.body.name, 'Echo One');

    const started = await v1('POST', `/v1/instances/${id}/start`);
    assert.equal(started.status, 200, started.text);
    assert.deepEqual(keys(started.body), INSTANCE);
    assert.equal(started.body.status, 'starting');
    await waitFor('running', async () => (await instance()).status === 'running', 30_000);
    assert.equal((await docker.getContainer(`outpost-${id}`).inspect()).State.Running, true, 'a real container runs');

    const stats = await v1('GET', `/v1/instances/${id}/stats`);
    assert.equal(stats.status, 200, stats.text);
    assert.deepEqual(keys(stats.body), ['cpu_percent', 'disk_used_bytes', 'memory_bytes', 'memory_limit_bytes', 'network_rx_bytes', 'network_tx_bytes', 'status', 'uptime_seconds']);
    assert.equal(stats.body.status, 'running');
    assert.equal(stats.body.memory_limit_bytes, 64 * 1024 * 1024);

    // The console: a command (the seed's console is a WebSocket; Outpost's command route writes the line), its echo in /v1 history.
    const cmd = await t.request('POST', `/gameserver/${id}/command`, { token, domain: admin.domainId, body: { command: 'ping-v1' } });
    assert.equal(cmd.status, 200, cmd.text);
    const history = await waitFor('echo in the history', async () => {
      const h = await v1('GET', `/v1/instances/${id}/logs/history?limit=100`);
      return h.body.lines?.some((l: { line: string }) => l.line === 'echo: ping-v1') && h;
    });
    assert.deepEqual(keys(history.body), ['lines', 'next_before']);
    assert.deepEqual(keys(history.body.lines[0]), ['line', 'seq', 'stream', 'time']);
    assert.ok(
      history.body.lines.some((l: { line: string }) => l.line === 'Done! Server ready'),
      'the ready line is in the history',
    );
    const download = await v1('GET', `/v1/instances/${id}/logs/download`);
    assert.equal(download.status, 200);
    assert.match(String(download.headers['content-type']), /^text\/plain/);
    assert.match(download.text, /echo: ping-v1/);
    const install = await v1('GET', `/v1/instances/${id}/install-logs`);
    assert.deepEqual(keys(install.body), ['log', 'status']);
    const metrics = await v1('GET', `/v1/instances/${id}/metrics/history`);
    assert.equal(metrics.status, 200, metrics.text);
    assert.ok(Array.isArray(metrics.body));
  });

  it('files: write → read back → list → mkdir → move → download → delete, confined to the data directory', async () => {
    assert.equal((await v1('PUT', `/v1/instances/${id}/files/content`, { path: 'motd.txt', content: 'version one\n' })).status, 204);
    const read = await v1('GET', `/v1/instances/${id}/files/content?path=motd.txt`);
    assert.equal(read.status, 200, read.text);
    assert.deepEqual(read.body, { path: 'motd.txt', content: 'version one\n' });
    const listed = await v1('GET', `/v1/instances/${id}/files`);
    assert.equal(listed.status, 200, listed.text);
    const entry = listed.body.find((e: { name: string }) => e.name === 'motd.txt');
    assert.deepEqual(keys(entry), ['is_dir', 'mode', 'modified_at', 'name', 'path', 'size', 'type']);
    assert.equal(entry.is_dir, false);
    assert.equal(entry.size, 12);

    assert.equal((await v1('POST', `/v1/instances/${id}/files/mkdir`, { path: 'conf' })).status, 204);
    assert.equal((await v1('PUT', `/v1/instances/${id}/files/content`, { path: 'conf/old.cfg', content: 'x=1' })).status, 204);
    assert.equal((await v1('POST', `/v1/instances/${id}/files/move`, { from: 'conf/old.cfg', to: 'conf/new.cfg' })).status, 204);
    const conf = await v1('GET', `/v1/instances/${id}/files?path=conf`);
    assert.deepEqual(
      conf.body.map((e: { name: string }) => e.name),
      ['new.cfg'],
    );
    const file = await v1('GET', `/v1/instances/${id}/files/download?path=conf/new.cfg`);
    assert.equal(file.status, 200);
    assert.equal(file.text, 'x=1');
    assert.equal((await v1('DELETE', `/v1/instances/${id}/files?path=conf`)).status, 204);
    assertError(await v1('GET', `/v1/instances/${id}/files?path=conf`), 404);
    // Outside the data directory: refused by the agent's confinement.
    assertError(await v1('GET', `/v1/instances/${id}/files/content?path=../../etc/passwd`), 400, /^Path refused: /);
  });

  it('backups: create → list → restore brings the old content back', async () => {
    const created = await v1('POST', `/v1/instances/${id}/backups`, { name: 'before-change' });
    assert.equal(created.status, 202, created.text);
    assert.deepEqual(keys(created.body), BACKUP);
    assert.equal(created.body.status, 'creating');
    assert.equal(created.body.instance_id, id);
    backupId = created.body.id;
    const done = await waitFor(
      'backup completed',
      async () => {
        const list = await v1('GET', `/v1/instances/${id}/backups`);
        const b = list.body.find((x: { id: string }) => x.id === backupId);
        return b?.status !== 'creating' && b;
      },
      60_000,
    );
    assert.equal(done.status, 'completed', JSON.stringify(done));
    assert.deepEqual(keys(done), BACKUP);

    assert.equal((await v1('PUT', `/v1/instances/${id}/files/content`, { path: 'motd.txt', content: 'version two\n' })).status, 204);
    const restore = await v1('POST', `/v1/instances/${id}/backups/${backupId}/restore`);
    assert.equal(restore.status, 202, restore.text);
    assert.equal(restore.body.restore_status, 'restoring');
    const restored = await waitFor(
      'restore finished',
      async () => {
        const b = (await v1('GET', `/v1/instances/${id}/backups`)).body.find((x: { id: string }) => x.id === backupId);
        return b.restore_status !== 'restoring' && b;
      },
      60_000,
    );
    assert.equal(restored.restore_status, 'restored', JSON.stringify(restored));
    assert.equal((await v1('GET', `/v1/instances/${id}/files/content?path=motd.txt`)).body.content, 'version one\n');
    await waitFor('running after the restore', async () => (await instance()).status === 'running', 30_000);

    const archive = await v1('GET', `/v1/instances/${id}/backups/${backupId}/download`);
    assert.equal(archive.status, 200);
    assert.equal(archive.headers['content-type'], 'application/gzip');
  });

  it("another organization's owner gets 404 { error } on every id route, with valid bodies", async () => {
    const orgB = await createDomain(t, admin.token, 'Bravo');
    const bob = await createMember(t, admin, orgB, 'bob', 'Owner');
    const bobToken = (await t.request('POST', '/v1/auth/login', { body: { email: 'bob@example.com', password: PASSWORD } })).body.access_token as string;
    const asBob = (method: string, url: string, body?: unknown) => t.request(method, url, { token: bobToken, domain: bob.domainId, body });
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/v1/instances/${id}`],
      ['PUT', `/v1/instances/${id}`, { name: 'Stolen' }],
      ['DELETE', `/v1/instances/${id}`],
      ['POST', `/v1/instances/${id}/start`],
      ['POST', `/v1/instances/${id}/stop`],
      ['POST', `/v1/instances/${id}/restart`],
      ['POST', `/v1/instances/${id}/kill`],
      ['GET', `/v1/instances/${id}/stats`],
      ['GET', `/v1/instances/${id}/metrics/history`],
      ['GET', `/v1/instances/${id}/files`],
      ['GET', `/v1/instances/${id}/files/content?path=motd.txt`],
      ['PUT', `/v1/instances/${id}/files/content`, { path: 'motd.txt', content: 'pwned' }],
      ['DELETE', `/v1/instances/${id}/files?path=motd.txt`],
      ['GET', `/v1/instances/${id}/files/download?path=motd.txt`],
      ['POST', `/v1/instances/${id}/files/mkdir`, { path: 'x' }],
      ['POST', `/v1/instances/${id}/files/move`, { from: 'motd.txt', to: 'x.txt' }],
      ['GET', `/v1/instances/${id}/files/download-zip`],
      ['GET', `/v1/instances/${id}/install-logs`],
      ['GET', `/v1/instances/${id}/logs/history`],
      ['GET', `/v1/instances/${id}/logs/download`],
      ['DELETE', `/v1/instances/${id}/logs/clear`],
      ['GET', `/v1/instances/${id}/backups`],
      ['POST', `/v1/instances/${id}/backups`, { name: 'theirs' }],
      ['GET', `/v1/instances/${id}/backups/${backupId}/download`],
      ['POST', `/v1/instances/${id}/backups/${backupId}/restore`],
      ['DELETE', `/v1/instances/${id}/backups/${backupId}`],
      ['GET', `/v1/instances/${id}/git`],
      ['PUT', `/v1/instances/${id}/git`, { repo_url: 'https://93.184.216.34/acme/config.git', branch: 'main' }],
      ['DELETE', `/v1/instances/${id}/git`],
      ['POST', `/v1/instances/${id}/git/sync`],
      ['GET', `/v1/instances/${id}/git/status`],
      ['GET', `/v1/instances/${id}/git/history`],
    ];
    for (const [method, url, body] of routes) assertError(await asBob(method, url, body), 404, /not found/i);
    // Bob's own instance id with the admin's backup id: the backup is not that instance's.
    assertError(await v1('POST', `/v1/instances/${randomUUID()}/backups/${backupId}/restore`), 404);
    // Nothing changed for the owner.
    const mine = await instance();
    assert.equal(mine.name, 'Echo One');
    assert.equal((await v1('GET', `/v1/instances/${id}/files/content?path=motd.txt`)).body.content, 'version one\n');
    assert.equal((await v1('GET', `/v1/instances/${id}/backups`)).body.length, 1);
  });

  it('permissions: a Viewer reads but cannot start, stop, write files or back up (403 { error })', async () => {
    const viewer = await createMember(t, admin, admin.domainId, 'vera', 'Viewer');
    const as = (method: string, url: string, body?: unknown) => t.request(method, url, { token: viewer.token, domain: admin.domainId, body });
    assert.equal((await as('GET', `/v1/instances/${id}`)).status, 200);
    assertError(await as('POST', `/v1/instances/${id}/stop`), 403);
    assertError(await as('POST', `/v1/instances/${id}/start`), 403);
    assertError(await as('PUT', `/v1/instances/${id}/files/content`, { path: 'motd.txt', content: 'viewer' }), 403);
    assertError(await as('POST', `/v1/instances/${id}/backups`, { name: 'viewer' }), 403);
    assertError(await as('PUT', `/v1/instances/${id}/git`, { repo_url: 'https://93.184.216.34/acme/config.git', branch: 'main' }), 403);
    assert.equal((await instance()).status, 'running', 'still running');
  });

  it('git deploy: config → status → history, and removal', async () => {
    assertError(await v1('GET', `/v1/instances/${id}/git`), 404, /not found/i);
    const put = await v1('PUT', `/v1/instances/${id}/git`, { repo_url: 'https://93.184.216.34/acme/config.git', branch: 'main', target_directory: 'deploy' });
    assert.equal(put.status, 200, put.text);
    assert.deepEqual(keys(put.body), [
      'auto_deploy',
      'branch',
      'created_at',
      'has_token',
      'id',
      'instance_id',
      'last_commit',
      'last_sync_at',
      'repo_url',
      'restart_on_sync',
      'subdirectory',
      'target_directory',
      'updated_at',
    ]);
    assert.equal(put.body.target_directory, 'deploy');
    assert.equal((await v1('GET', `/v1/instances/${id}/git`)).body.repo_url, 'https://93.184.216.34/acme/config.git');
    assert.deepEqual((await v1('GET', `/v1/instances/${id}/git/status`)).body, { configured: true, last_commit: null, last_sync: null });
    assert.deepEqual((await v1('GET', `/v1/instances/${id}/git/history`)).body, []);
    assertError(await v1('PUT', `/v1/instances/${id}/git`, { repo_url: 'file:///etc', branch: 'main' }), 400);
    assert.equal((await v1('DELETE', `/v1/instances/${id}/git`)).status, 204);
    assert.equal((await v1('GET', `/v1/instances/${id}/git/status`)).body.configured, false);
  });

  it('stop → offline → delete → 404', async () => {
    const stopped = await v1('POST', `/v1/instances/${id}/stop`);
    assert.equal(stopped.status, 200, stopped.text);
    await waitFor('offline', async () => (await instance()).status === 'offline', 30_000);
    assert.equal((await docker.getContainer(`outpost-${id}`).inspect()).State.Running, false);
    const removed = await v1('DELETE', `/v1/instances/${id}`);
    assert.equal(removed.status, 204, removed.text);
    assertError(await v1('GET', `/v1/instances/${id}`), 404);
    assert.deepEqual((await v1('GET', '/v1/instances')).body, []);
  });
});
