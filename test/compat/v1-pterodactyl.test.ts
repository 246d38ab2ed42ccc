import assert from 'node:assert/strict';
import { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';
import { FIXTURE_BASE, fakePanel, PANEL_KEY } from '../helpers/pterodactyl-panel';

/**
 * Seed 001's Pterodactyl import endpoints over /v1 against the fake panel of the native tests
 * (test/fixtures/pterodactyl on 127.0.0.1, hence OUTBOUND_ALLOW_PRIVATE for this app): snake_case
 * replies with the panel's values, a dry run that creates nothing, `{ error }` refusals, another
 * organization's node refused with a valid body, and the permission of the native routes.
 */

const keys = (v: unknown) => Object.keys(v as object).sort();
const BASE = 31000;

describe('Shardlyn /v1 pterodactyl import (seed 001)', () => {
  let t: TestApp;
  let admin: Session;
  let panel: { server: Server; url: string };
  let nodeId: string;
  const v1 = (method: string, url: string, body?: unknown, as: Session = admin) => t.request(method, url, { token: as.token, domain: as.domainId, body });
  const access = () => ({ url: panel.url, api_key: PANEL_KEY });
  const assertError = (r: Reply, status: number, message?: RegExp) => {
    assert.equal(r.status, status, r.text);
    assert.deepEqual(keys(r.body), ['error'], r.text);
    if (message) assert.match(r.body.error, message);
  };
  const counts = async () => ({ instances: (await v1('GET', '/v1/instances')).body.length, workloads: (await v1('GET', '/v1/workloads')).body.length });

  before(async () => {
    panel = await fakePanel(() => BASE - FIXTURE_BASE);
    t = await createTestApp({ OUTBOUND_ALLOW_PRIVATE: 'true' });
    admin = await bootstrapAdmin(t);
    const reg = await v1('POST', '/v1/nodes/register-token', {
      name: 'target',
      address: '10.0.0.9',
      memory_mib: 8192,
      disk_mib: 40960,
      cpu_percent: 400,
      port_range_start: BASE,
      port_range_end: BASE + 99,
    });
    assert.equal(reg.status, 201, reg.text);
    nodeId = reg.body.node_id;
  });
  after(async () => {
    await t?.close();
    panel?.server.close();
  });

  it('validate: the panel facts in snake_case', async () => {
    const r = await v1('POST', '/v1/pterodactyl/validate', { url: `${panel.url}/`, api_key: PANEL_KEY });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { panel_url: panel.url, server_count: 3, nest_count: 1 });
  });

  it('servers: every page, each server in snake_case with its limits, allocations and imported_as', async () => {
    const r = await v1('POST', '/v1/pterodactyl/servers', access());
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(keys(r.body), ['pages', 'panel_url', 'servers', 'total', 'total_pages', 'truncated']);
    assert.deepEqual(
      r.body.servers.map((s: { id: number }) => s.id),
      [11, 12, 13],
    );
    assert.deepEqual(r.body.pages, [1, 2]);
    assert.equal(r.body.total, 3);
    assert.equal(r.body.truncated, false);
    const first = r.body.servers[0];
    assert.deepEqual(keys(first), ['allocations', 'description', 'egg_id', 'egg_name', 'id', 'identifier', 'imported_as', 'limits', 'name', 'nest_id', 'uuid']);
    assert.equal(first.egg_name, 'Echo Server');
    assert.deepEqual(first.limits, { memory: 512, swap: 0, disk: 2048, io: 500, cpu: 150 });
    assert.deepEqual(first.allocations[0], { id: first.allocations[0].id, ip: first.allocations[0].ip, alias: first.allocations[0].alias, port: BASE + 65, primary: true });
    assert.equal(first.imported_as, null);
    const two = await v1('POST', '/v1/pterodactyl/servers', { ...access(), page: 2 });
    assert.deepEqual(
      two.body.servers.map((s: { id: number }) => s.id),
      [13],
    );
  });

  it('import, dry run: a snake_case report (workload, limits, ports, not_found) and nothing created', async () => {
    const before = await counts();
    const r = await v1('POST', '/v1/pterodactyl/import', { ...access(), server_ids: [11, 12, 99], node_id: nodeId, dry_run: true });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(await counts(), before);
    assert.equal(r.body.dry_run, true);
    assert.equal(r.body.node_id, nodeId);
    assert.match(r.body.not_carried[0], /not copied/);
    const [s11, s12, s99] = r.body.servers;
    assert.deepEqual(
      r.body.servers.map((s: { status: string }) => s.status),
      ['ready', 'ready', 'not_found'],
    );
    assert.deepEqual(keys(s11), ['dropped_ports', 'error', 'instance_id', 'limits', 'name', 'notes', 'ports', 'source_id', 'source_uuid', 'status', 'variables', 'workload']);
    assert.deepEqual(s11.workload, { action: 'import', workload_id: null, egg_id: 15, egg_name: 'Echo Server' });
    assert.deepEqual(s11.limits, { memory_mib: 512, cpu_percent: 150, disk_mib: 2048 });
    assert.deepEqual(s11.ports, [
      { port: BASE + 65, primary: true, source_port: BASE + 65 },
      { port: BASE + 75, primary: false, source_port: BASE + 75 },
    ]);
    assert.equal(s12.workload.action, 'reuse');
    assert.equal(s12.dropped_ports[0].port, BASE + 75);
    assert.match(s12.dropped_ports[0].reason, /already in use/);
    assert.equal(s99.source_id, 99);
  });

  it('refusals are { error }: a refused key (400, not echoed), invalid input (400), no dry_run needed but server_ids are', async () => {
    const refused = await v1('POST', '/v1/pterodactyl/validate', { url: panel.url, api_key: 'ptla_wrongwrongwrong' });
    assertError(refused, 400, /API key was refused/);
    assert.ok(!refused.text.includes('ptla_wrongwrongwrong'));
    assertError(await v1('POST', '/v1/pterodactyl/validate', { url: panel.url }), 400, /api_key/);
    assertError(await v1('POST', '/v1/pterodactyl/import', { ...access(), node_id: nodeId }), 400, /server_ids/);
  });

  it("another organization's node is 404 with a valid body; nothing is created", async () => {
    const orgB = await createDomain(t, admin.token, 'Bravo');
    const bob = await createMember(t, admin, orgB, 'bob', 'Owner');
    const before = await counts();
    assertError(await v1('POST', '/v1/pterodactyl/import', { ...access(), server_ids: [11], node_id: nodeId, dry_run: false }, bob), 404, /not found/i);
    assert.deepEqual(await counts(), before);
  });

  it('permissions: a Viewer gets 403 { error } on every route (gameserver.manage, as natively)', async () => {
    const viewer = await createMember(t, admin, admin.domainId, 'vera', 'Viewer');
    assertError(await v1('POST', '/v1/pterodactyl/validate', access(), viewer), 403);
    assertError(await v1('POST', '/v1/pterodactyl/servers', access(), viewer), 403);
    assertError(await v1('POST', '/v1/pterodactyl/import', { ...access(), server_ids: [11], node_id: nodeId, dry_run: true }, viewer), 403);
  });
});
