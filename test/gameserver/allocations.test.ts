import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import Docker from 'dockerode';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { removeDomainContainers } from '../helpers/containers';
import { waitFor } from '../helpers/wait';

interface Allocation {
  id: string;
  port: number;
  containerPort: number;
  protocol: string;
  primary: boolean;
  notes: string;
}

/** The Network tab's API (a server's ports) and the Startup tab's, on a real node and container. */
describe('server allocations and startup', () => {
  let t: TestApp;
  let admin: Session;
  let node: RunningNode;
  let serverId: string;
  let range: { start: number; end: number };
  const docker = new Docker();
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const list = async (id = serverId) => {
    const r = await req('GET', `/gameserver/${id}/allocations`);
    assert.equal(r.status, 200, r.text);
    return r.body.data as { allocations: Allocation[]; portRangeStart: number; portRangeEnd: number; restartRequired: boolean; note: string; limit: number };
  };
  const db = () => t.app.get(DataSource);
  /** Host ports Docker publishes for the server's container, as "port/protocol". */
  const published = async (id = serverId) => {
    const info = await docker.getContainer(`outpost-${id}`).inspect();
    return Object.entries(info.HostConfig.PortBindings ?? {})
      .flatMap(([key, binds]) => (binds as Array<{ HostPort: string }>).map((b) => `${b.HostPort}->${key}`))
      .sort();
  };

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
    node = await startNodeWithAgent(t, admin);
    serverId = await startEchoServer(req, node.nodeId, 'Network');
    const l = await list();
    range = { start: l.portRangeStart, end: l.portRangeEnd };
  });
  after(async () => {
    await removeDomainContainers(admin.domainId);
    await node?.stop();
    await t.close();
  });

  it('a new server has exactly one port, primary, from its node range', async () => {
    const l = await list();
    assert.equal(l.allocations.length, 1);
    assert.equal(l.allocations[0].primary, true);
    assert.ok(l.allocations[0].port >= range.start && l.allocations[0].port <= range.end);
    assert.equal(l.restartRequired, false);
    assert.equal(l.limit, 20);
  });

  it('adds the first free port, or a chosen free one; replies that it applies at the next start', async () => {
    const auto = await req('POST', `/gameserver/${serverId}/allocations`, { protocol: 'udp', notes: 'query' });
    assert.equal(auto.status, 201, auto.text);
    const udp = auto.body.data.allocations.find((a: Allocation) => a.protocol === 'udp');
    assert.equal(udp.port, range.start, 'the first free udp port of the range');
    assert.equal(udp.containerPort, udp.port);
    assert.equal(udp.primary, false);
    assert.equal(udp.notes, 'query');
    assert.equal(auto.body.data.restartRequired, true, 'the running container still has the old ports');
    assert.match(auto.body.data.note, /next start/);

    const chosen = range.start + 42;
    const explicit = await req('POST', `/gameserver/${serverId}/allocations`, { port: chosen, protocol: 'tcp' });
    assert.equal(explicit.status, 201, explicit.text);
    assert.ok(explicit.body.data.allocations.some((a: Allocation) => a.port === chosen && a.protocol === 'tcp'));
    const rows = await db().query(`SELECT port, protocol, "primary" FROM allocation WHERE "gameserverId" = $1 ORDER BY port, protocol`, [serverId]);
    assert.equal(rows.length, 3);
    assert.equal(rows.filter((r: { primary: boolean }) => r.primary).length, 1);
  });

  it('refuses a port outside the node range (400) and a taken one (409), also when another server holds it', async () => {
    const outside = await req('POST', `/gameserver/${serverId}/allocations`, { port: range.end + 1, protocol: 'tcp' });
    assert.equal(outside.status, 400, outside.text);
    assert.equal(outside.body.meta.error.code, 'ValidationError');
    assert.match(outside.body.meta.error.message, /outside node .* port range/);

    const own = (await list()).allocations.find((a) => a.primary)!;
    const taken = await req('POST', `/gameserver/${serverId}/allocations`, { port: own.port, protocol: 'tcp' });
    assert.equal(taken.status, 409, taken.text);
    assert.match(taken.body.meta.error.message, /already in use/);

    // A second server on the same node: the first server's ports are not offered to it.
    const workloadId = (await req('POST', '/workload/from-template', { template: 'busybox-shell' })).body.data.id;
    const other = await req('POST', '/gameserver', { name: 'Neighbour', workloadId, nodeId: node.nodeId, memoryMiB: 32, cpuPercent: 20 });
    assert.equal(other.status, 201, other.text);
    const neighbour = other.body.data.id as string;
    assert.equal((await list(neighbour)).allocations.length, 0, 'busybox-shell declares no ports');
    const clash = await req('POST', `/gameserver/${neighbour}/allocations`, { port: own.port, protocol: 'tcp' });
    assert.equal(clash.status, 409, clash.text);
    const first = await req('POST', `/gameserver/${neighbour}/allocations`, {});
    assert.equal(first.status, 201, first.text);
    const got = first.body.data.allocations as Allocation[];
    assert.equal(got.length, 1);
    assert.equal(got[0].primary, true, "a server's first port is its primary one");
    const mine = (await list()).allocations.filter((a) => a.protocol === 'tcp').map((a) => a.port);
    assert.ok(!mine.includes(got[0].port), 'a free port, not one of the first server');
  });

  it('a port conflict that slips past the check (a race) is a 409 with a sentence, from the unique index', async () => {
    const a = (await list()).allocations.find((x) => x.primary)!;
    // Write the row as a racing API process would: straight into the table, past the service's check.
    await assert.rejects(
      db().query(
        `INSERT INTO allocation ("domainId", "nodeId", "gameserverId", name, ip, port, "containerPort", protocol) SELECT "domainId", "nodeId", "gameserverId", 'x', ip, port, port, protocol FROM allocation WHERE id = $1`,
        [a.id],
      ),
      (err: { constraint?: string }) => err.constraint === 'allocation_node_port',
    );
    const { resolveError } = await import('../../src/core/http/exception.filter');
    const error = await db()
      .query(
        `INSERT INTO allocation ("domainId", "nodeId", "gameserverId", name, ip, port, "containerPort", protocol) SELECT "domainId", "nodeId", "gameserverId", 'x', ip, port, port, protocol FROM allocation WHERE id = $1`,
        [a.id],
      )
      .catch((e: unknown) => e);
    const resolved = resolveError(error);
    assert.equal(resolved.status, 409);
    assert.match(resolved.body.meta.error.message, /port is already in use on this node/);
  });

  const stopServer = async () => {
    assert.equal((await req('POST', `/gameserver/${serverId}/stop`)).status, 200);
    await waitFor('stopped', async () => (await req('GET', `/gameserver/${serverId}`)).body.data.state === 'offline');
  };
  const startServer = async () => {
    assert.equal((await req('POST', `/gameserver/${serverId}/start`)).status, 200);
    await waitFor('running', async () => (await req('GET', `/gameserver/${serverId}`)).body.data.state === 'running');
  };

  it('never deletes the primary port (409), nor a port a running container holds (409); deletes another once stopped', async () => {
    const l = await list();
    const primary = l.allocations.find((a) => a.primary)!;
    const refused = await req('DELETE', `/gameserver/${serverId}/allocations/${primary.id}`);
    assert.equal(refused.status, 409, refused.text);
    assert.match(refused.body.meta.error.message, /primary port cannot be removed/);
    const extra = l.allocations.find((a) => a.port === range.start + 42)!;
    // Running: freeing the port now would let another server on the node take a port this container still binds.
    const held = await req('DELETE', `/gameserver/${serverId}/allocations/${extra.id}`);
    assert.equal(held.status, 409, held.text);
    assert.match(held.body.meta.error.message, /Stop the server before removing a port \(it is running\)/);
    assert.equal((await db().query('SELECT 1 FROM allocation WHERE id = $1', [extra.id])).length, 1);
    await stopServer();
    const removed = await req('DELETE', `/gameserver/${serverId}/allocations/${extra.id}`);
    assert.equal(removed.status, 200, removed.text);
    assert.ok(!removed.body.data.allocations.some((a: Allocation) => a.id === extra.id));
    assert.equal((await db().query('SELECT 1 FROM allocation WHERE id = $1', [extra.id])).length, 0);
    await startServer();
  });

  it('make primary: exactly one primary afterwards', async () => {
    const l = await list();
    const udp = l.allocations.find((a) => a.protocol === 'udp')!;
    const r = await req('POST', `/gameserver/${serverId}/allocations/${udp.id}/primary`);
    assert.equal(r.status, 200, r.text);
    const rows = await db().query(`SELECT id FROM allocation WHERE "gameserverId" = $1 AND "primary"`, [serverId]);
    assert.deepEqual(
      rows.map((x: { id: string }) => x.id),
      [udp.id],
    );
    // Back to the tcp port for the container test below.
    const tcp = l.allocations.find((a) => a.primary)!;
    assert.equal((await req('POST', `/gameserver/${serverId}/allocations/${tcp.id}/primary`)).status, 200);
  });

  it('notes are bounded (256) and saved', async () => {
    const a = (await list()).allocations[0];
    const long = await req('PUT', `/gameserver/${serverId}/allocations/${a.id}`, { notes: 'x'.repeat(257) });
    assert.equal(long.status, 400, long.text);
    assert.match(long.text, /at most 256 characters/);
    const ok = await req('PUT', `/gameserver/${serverId}/allocations/${a.id}`, { notes: 'x'.repeat(256) });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.data.allocations.find((x: Allocation) => x.id === a.id).notes, 'x'.repeat(256));
  });

  it('at most 20 ports per server (409)', async () => {
    const have = (await list()).allocations.length;
    for (let i = have; i < 20; i++) assert.equal((await req('POST', `/gameserver/${serverId}/allocations`, { protocol: 'udp' })).status, 201);
    const over = await req('POST', `/gameserver/${serverId}/allocations`, { protocol: 'udp' });
    assert.equal(over.status, 409, over.text);
    assert.match(over.body.meta.error.message, /at most 20 ports/);
    await stopServer();
    for (const a of (await list()).allocations.filter((x) => x.protocol === 'udp' && !x.primary).slice(1))
      assert.equal((await req('DELETE', `/gameserver/${serverId}/allocations/${a.id}`)).status, 200);
    await startServer();
    // A port added while running: the change the next test's restart must publish.
    assert.equal((await req('POST', `/gameserver/${serverId}/allocations`, { protocol: 'udp' })).status, 201);
  });

  it('after a restart the container publishes the new port set', async () => {
    const l = await list();
    assert.equal(l.restartRequired, true);
    const before = await published();
    const expected = l.allocations.map((a) => `${a.port}->${a.containerPort}/${a.protocol}`).sort();
    assert.notDeepEqual(before, expected, 'the running container still has its old ports');
    const r = await req('POST', `/gameserver/${serverId}/restart`);
    assert.equal(r.status, 200, r.text);
    await waitFor('running again', async () => (await req('GET', `/gameserver/${serverId}`)).body.data.state === 'running');
    assert.deepEqual(await published(), expected);
    assert.equal((await list()).restartRequired, false);
    const info = await docker.getContainer(`outpost-${serverId}`).inspect();
    const primary = l.allocations.find((a) => a.primary)!;
    assert.ok(info.Config.Env.includes(`SERVER_PORT=${primary.port}`), 'SERVER_PORT names the primary port');
  });

  it("another domain's server or allocation is 404; a member without gameserver.manage gets 403", async () => {
    const a = (await list()).allocations.find((x) => !x.primary)!;
    const otherDomain = await createDomain(t, admin.token, 'Beta');
    const foreign = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: otherDomain, body });
    for (const [method, path, body] of [
      ['GET', `/gameserver/${serverId}/allocations`, undefined],
      ['POST', `/gameserver/${serverId}/allocations`, { protocol: 'tcp' }],
      ['PUT', `/gameserver/${serverId}/allocations/${a.id}`, { notes: 'hi' }],
      ['POST', `/gameserver/${serverId}/allocations/${a.id}/primary`, undefined],
      ['DELETE', `/gameserver/${serverId}/allocations/${a.id}`, undefined],
      ['PUT', `/gameserver/${serverId}/startup`, { startup: 'echo hi' }],
    ] as const) {
      const r = await foreign(method, path, body);
      assert.equal(r.status, 404, `${method} ${path}: ${r.text}`);
    }
    // Own server, another server's allocation id: not found either.
    const workloadId = (await req('POST', '/workload/from-template', { template: 'busybox-shell', name: 'Second shell' })).body.data.id;
    const second = (await req('POST', '/gameserver', { name: 'Second', workloadId, nodeId: node.nodeId, memoryMiB: 32, cpuPercent: 20 })).body.data.id;
    const cross = await req('PUT', `/gameserver/${second}/allocations/${a.id}`, { notes: 'hi' });
    assert.equal(cross.status, 404, cross.text);
    assert.equal(cross.body.meta.error.code, 'NotFoundError');

    const member = await createMember(t, admin, admin.domainId, 'viewer');
    const asMember = (method: string, path: string, body?: unknown) => t.request(method, path, { token: member.token, domain: admin.domainId, body });
    const denied = await asMember('POST', `/gameserver/${serverId}/allocations`, { protocol: 'tcp' });
    assert.equal(denied.status, 403, denied.text);
    assert.equal((await asMember('PUT', `/gameserver/${serverId}/allocations/${a.id}`, { notes: 'hi' })).status, 403);
    assert.equal((await asMember('PUT', `/gameserver/${serverId}/startup`, { startup: '/srv/echo-server.sh' })).status, 403);
  });
});
