import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, PASSWORD, Session } from '../helpers/fixtures';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { removeDomainContainers } from '../helpers/containers';
import { waitFor } from '../helpers/wait';
import { V1_LOGS_READ_ONLY } from '../../src/modules/compat/v1/v1-realtime.gateway';

/**
 * The wave-3 rows of seed 001 on real agents and real echo servers: the instance WebSockets
 * (`/v1/instances/{id}/console` interactive, `/logs` read-only) with /v1 tokens, TUS creation over
 * /v1 then chunks on Outpost's URL, the one-click deploy group, and POST /v1/nodes/{id}/migrate
 * moving stopped instances between two nodes; each id route refused to another organization.
 */

interface Frame {
  event: string;
  args: any[];
}

/** A socket with its frames queued from the first byte; `status` is the refused upgrade's HTTP status. */
function connect(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; ws?: WebSocket; frames: Frame[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers, handshakeTimeout: 10_000 });
    const frames: Frame[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(String(d)) as Frame));
    ws.once('open', () => resolve({ status: 101, body: '', ws, frames }));
    ws.once('unexpected-response', (_req, res: IncomingMessage) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? -1, body, frames }));
    });
    ws.once('error', reject);
  });
}

const lines = (frames: Frame[]) => frames.filter((f) => f.event === 'console output').flatMap((f) => f.args.map((l: { line: string }) => l.line));
const send = (ws: WebSocket, event: string, args: unknown[]) => ws.send(JSON.stringify({ event, args }));
const keys = (v: unknown) => Object.keys(v as object).sort();

describe('Shardlyn /v1 realtime, TUS, one-click deploy and node migration (seed 001)', () => {
  let t: TestApp;
  let admin: Session;
  let nodeA: RunningNode;
  let nodeB: RunningNode;
  let token: string;
  let port: number;
  let running: string;
  let bobToken: string;
  let orgB: string;
  const v1 = (method: string, url: string, body?: unknown, as = token, headers?: Record<string, string>) =>
    t.request(method, url, { token: as, domain: as === bobToken ? orgB : admin.domainId, body, headers });
  const assertError = (r: Reply, status: number, message?: RegExp) => {
    assert.equal(r.status, status, r.text);
    assert.deepEqual(keys(r.body), ['error'], r.text);
    if (message) assert.match(r.body.error, message);
  };
  const status = async (id: string) => (await v1('GET', `/v1/instances/${id}`)).body.status as string;
  const until = (id: string, wanted: string) => waitFor(`instance ${wanted}`, async () => (await status(id)) === wanted, 60_000);
  let n = 0;
  /** An installed (offline) echo server on a node, made through /v1. */
  const installed = async (nodeId: string) => {
    const w = await v1('POST', '/v1/workloads/from-template', { template: 'echo-server', name: `rt-${++n}` });
    assert.equal(w.status, 201, w.text);
    const c = await v1('POST', '/v1/instances', { name: `Echo ${n}`, workload_id: w.body.id, node_id: nodeId, memory_mib: 64, cpu_percent: 50 });
    assert.equal(c.status, 201, c.text);
    await until(c.body.id, 'offline');
    return c.body.id as string;
  };

  before(async () => {
    // Open sockets' grants are checked again every 300 ms here (15 s by default).
    t = await createTestApp({ CONSOLE_RECHECK_MS: '300' }, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
    nodeA = await startNodeWithAgent(t, admin, { name: 'rt-a' });
    nodeB = await startNodeWithAgent(t, admin, { name: 'rt-b' });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    token = (await t.request('POST', '/v1/auth/login', { body: { email: 'admin@example.com', password: PASSWORD } })).body.access_token;
    running = await installed(nodeA.nodeId);
    assert.equal((await v1('POST', `/v1/instances/${running}/start`)).status, 200);
    await until(running, 'running');
    orgB = await createDomain(t, admin.token, 'Bravo');
    await createMember(t, admin, orgB, 'bob', 'Owner');
    bobToken = (await t.request('POST', '/v1/auth/login', { body: { email: 'bob@example.com', password: PASSWORD } })).body.access_token;
  });
  after(async () => {
    if (admin) await removeDomainContainers(admin.domainId);
    await nodeA?.stop();
    await nodeB?.stop();
    await t?.close();
  });

  it('console over /v1 with a Bearer JWT: live output, a command and its echo; the logs socket sees it and refuses commands', async () => {
    const consoleWs = await connect(port, `/v1/instances/${running}/console`, { authorization: `Bearer ${token}` });
    assert.equal(consoleWs.status, 101, consoleWs.body);
    const logsWs = await connect(port, `/v1/instances/${running}/logs?token=${encodeURIComponent(token)}`);
    assert.equal(logsWs.status, 101, logsWs.body);
    await waitFor('both sockets ready', async () => consoleWs.frames.some((f) => f.event === 'auth success') && logsWs.frames.some((f) => f.event === 'auth success'));
    assert.deepEqual(consoleWs.frames.find((f) => f.event === 'status')?.args, ['running', null]);

    send(consoleWs.ws!, 'send command', ['hello-v1']);
    await waitFor('the echo on the console socket', async () => lines(consoleWs.frames).includes('echo: hello-v1'));
    await waitFor('the echo on the logs socket', async () => lines(logsWs.frames).includes('echo: hello-v1'));

    // The logs socket is read-only: the command is refused and never reaches the server.
    send(logsWs.ws!, 'send command', ['smuggled']);
    await waitFor('the refusal', async () => logsWs.frames.some((f) => f.event === 'error'));
    assert.deepEqual(logsWs.frames.find((f) => f.event === 'error')!.args, [{ code: 'ForbiddenError', message: V1_LOGS_READ_ONLY, event: 'send command' }]);
    send(consoleWs.ws!, 'send command', ['marker-after']);
    await waitFor('the marker on the logs socket', async () => lines(logsWs.frames).includes('echo: marker-after'));
    assert.ok(!lines(logsWs.frames).includes('echo: smuggled'), 'the refused command did not run');
    assert.ok(!logsWs.frames.some((f) => f.event === 'status' || f.event === 'stats'), 'output frames only');
    consoleWs.ws!.close();
    logsWs.ws!.close();
  });

  it('the logs socket ends (4003 after an error frame) when its member is removed from the organization', { timeout: 30_000 }, async () => {
    const dana = await createMember(t, admin, admin.domainId, 'dana', 'Member');
    const danaToken = (await t.request('POST', '/v1/auth/login', { body: { email: 'dana@example.com', password: PASSWORD } })).body.access_token as string;
    const logsWs = await connect(port, `/v1/instances/${running}/logs?token=${encodeURIComponent(danaToken)}`);
    assert.equal(logsWs.status, 101, logsWs.body);
    const closed = new Promise<{ code: number; reason: string }>((res) => logsWs.ws!.on('close', (code, reason) => res({ code, reason: String(reason) })));
    await waitFor('auth success', async () => logsWs.frames.some((f) => f.event === 'auth success'));
    const found = await t.request('POST', '/membership/search', { token: admin.token, domain: admin.domainId, body: { filters: { userId: dana.userId } } });
    assert.equal(found.status, 200, found.text);
    assert.equal((await t.request('DELETE', `/membership/${found.body.data[0].id}`, { token: admin.token, domain: admin.domainId })).status, 200);
    assert.deepEqual(await closed, { code: 4003, reason: 'access ended' });
    assert.deepEqual(logsWs.frames.find((f) => f.event === 'error')?.args, [{ code: 'ForbiddenError', message: 'You are no longer a member of this domain', event: null }]);
  });

  it('handshakes: no token 401, an API token 401 (as on the native socket), another organization 404, an unknown id 404', async () => {
    const apiToken = (await v1('POST', '/v1/api-tokens', { name: 'rt' })).body.token as string;
    for (const path of [`/v1/instances/${running}/console`, `/v1/instances/${running}/logs`]) {
      assert.equal((await connect(port, path)).status, 401, path);
      const api = await connect(port, path, { authorization: `Bearer ${apiToken}` });
      assert.equal(api.status, 401, path);
      assert.match(JSON.parse(api.body).error, /API tokens cannot open the console directly/);
      const foreign = await connect(port, path, { authorization: `Bearer ${bobToken}` });
      assert.deepEqual([foreign.status, JSON.parse(foreign.body)], [404, { error: 'Game server not found' }], path);
    }
    const unknown = await connect(port, `/v1/instances/00000000-0000-4000-8000-000000000000/logs`, { authorization: `Bearer ${token}` });
    assert.equal(unknown.status, 404);
    // Without the upgrade: told it is a socket; a foreign instance still 404.
    assertError(await v1('GET', `/v1/instances/${running}/console`), 400, /is a WebSocket/);
    assertError(await v1('GET', `/v1/instances/${running}/logs`, undefined, bobToken), 404);
  });

  it('TUS: created over /v1, chunks on the Location (Outpost URL), the file lands; 412 without Tus-Resumable; foreign 404', async () => {
    const headers = { 'tus-resumable': '1.0.0', 'upload-length': '11', 'upload-metadata': `filename ${Buffer.from('big.txt').toString('base64')}` };
    const created = await v1('POST', `/v1/instances/${running}/files/tus`, undefined, token, headers);
    assert.equal(created.status, 201, created.text);
    assert.equal(created.headers.location, created.body.location);
    assert.equal(created.headers['upload-offset'], '0');
    assert.deepEqual([created.body.path, created.body.upload_offset, created.body.upload_length], ['big.txt', 0, 11]);
    const patched = await t.request('PATCH', created.body.location, {
      token,
      domain: admin.domainId,
      headers: { 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: 'hello world',
    });
    assert.equal(patched.status, 204, patched.text);
    assert.equal((await v1('GET', `/v1/instances/${running}/files/content?path=big.txt`)).body.content, 'hello world');
    const old = await v1('POST', `/v1/instances/${running}/files/tus`, undefined, token, { 'upload-length': '1', 'upload-metadata': headers['upload-metadata'] });
    assertError(old, 412, /Tus-Resumable must be 1.0.0/);
    assertError(await v1('POST', `/v1/instances/${running}/files/tus`, undefined, bobToken, headers), 404);
  });

  it('one click: templates by category, deploy → a running echo server, listed and got as a deployment; permissions and isolation', async () => {
    const templates = await v1('GET', '/v1/templates');
    assert.equal(templates.status, 200, templates.text);
    const byId = Object.fromEntries(templates.body.map((x: { id: string; category: string }) => [x.id, x.category]));
    assert.deepEqual(byId, { 'echo-server': 'game', 'busybox-shell': 'utility', 'minecraft-paper': 'game' });
    assert.deepEqual(
      (await v1('GET', '/v1/templates/utility')).body.map((x: { id: string }) => x.id),
      ['busybox-shell'],
    );
    assertError(await v1('GET', '/v1/templates/toys'), 400, /category must be one of game, utility/);

    const d = await v1('POST', '/v1/deploy', { template: 'echo-server', name: 'Clicked', node_id: nodeA.nodeId, variables: { MOTD: 'one click' } });
    assert.equal(d.status, 201, d.text);
    assert.deepEqual([d.body.template, d.body.category, d.body.name, d.body.node_id, d.body.status], ['echo-server', 'game', 'Clicked', nodeA.nodeId, 'starting']);
    await until(d.body.id, 'running');
    const workload = await v1('GET', `/v1/workloads/${d.body.workload_id}`);
    assert.equal(workload.body.template, 'echo-server', 'the workload records its template');
    assert.ok((await v1('GET', '/v1/deploy')).body.some((x: { id: string }) => x.id === d.body.id));
    assert.equal((await v1('GET', `/v1/deploy/${d.body.id}`)).body.instance_id, d.body.id);
    await v1('POST', `/v1/instances/${d.body.id}/kill`);

    // An instance of a workload not made from a template is not a deployment.
    const own = await v1('POST', '/v1/workloads', { definition: { ...workload.body.definition, name: 'Hand made' } });
    assert.equal(own.status, 201, own.text);
    assert.equal(own.body.template, null);
    const plain = await v1('POST', '/v1/instances', { name: 'Plain', workload_id: own.body.id, node_id: nodeA.nodeId, memory_mib: 64, cpu_percent: 50 });
    assert.equal(plain.status, 201, plain.text);
    assertError(await v1('GET', `/v1/deploy/${plain.body.id}`), 404);
    assert.ok(!(await v1('GET', '/v1/deploy')).body.some((x: { id: string }) => x.id === plain.body.id));
    await v1('DELETE', `/v1/instances/${plain.body.id}`);

    // A member (gameserver.create, no workloads.manage) cannot deploy; an unknown template is 404 and leaves nothing behind.
    const carol = await createMember(t, admin, admin.domainId, 'carol', 'Member');
    const carolToken = (await t.request('POST', '/v1/auth/login', { body: { email: 'carol@example.com', password: PASSWORD } })).body.access_token;
    assertError(await v1('POST', '/v1/deploy', { template: 'echo-server', name: 'Nope', node_id: nodeA.nodeId }, carolToken), 403);
    assert.ok(carol.userId);
    const before = (await v1('GET', '/v1/workloads')).body.length;
    assertError(await v1('POST', '/v1/deploy', { template: 'no-such-template', name: 'Nope' }), 404);
    // Another organization's node: 404, and the workload made for it is removed again.
    assertError(await v1('POST', '/v1/deploy', { template: 'echo-server', name: 'Elsewhere', node_id: nodeA.nodeId }, bobToken), 404);
    assert.equal((await v1('GET', '/v1/workloads')).body.length, before);
    assertError(await v1('GET', `/v1/deploy/${d.body.id}`, undefined, bobToken), 404);
    assert.deepEqual((await v1('GET', '/v1/deploy', undefined, bobToken)).body, []);
  });

  it('migrate: the stopped instances of a node move to the target with their data, running ones are skipped; foreign nodes 404', async () => {
    const stopped = await installed(nodeA.nodeId);
    assert.equal((await v1('PUT', `/v1/instances/${stopped}/files/content`, { path: 'world.txt', content: 'carried over' })).status, 204);
    await until(running, 'running');
    assertError(await v1('POST', `/v1/nodes/${nodeA.nodeId}/migrate`, { target_node_id: nodeB.nodeId }, bobToken), 404);
    assertError(await v1('POST', `/v1/nodes/${nodeA.nodeId}/migrate`, { target_node_id: nodeA.nodeId }), 400, /the node itself/);

    const r = await v1('POST', `/v1/nodes/${nodeA.nodeId}/migrate`, { target_node_id: nodeB.nodeId });
    assert.equal(r.status, 200, r.text);
    const byId = Object.fromEntries(r.body.instances.map((i: { instance_id: string }) => [i.instance_id, i]));
    assert.deepEqual([byId[stopped].result, byId[stopped].node_id, byId[stopped].error], ['migrated', nodeB.nodeId, null]);
    assert.equal(byId[running].result, 'skipped');
    assert.match(byId[running].error, /stop it first/);
    assert.equal(r.body.failed, 0);
    assert.equal(r.body.migrated, r.body.instances.filter((i: { result: string }) => i.result === 'migrated').length);
    const moved = await v1('GET', `/v1/instances/${stopped}`);
    assert.equal(moved.body.node_id, nodeB.nodeId);
    assert.equal((await v1('GET', `/v1/instances/${stopped}/files/content?path=world.txt`)).body.content, 'carried over');
    assert.equal((await v1('GET', `/v1/instances/${running}`)).body.node_id, nodeA.nodeId);
  });
});
