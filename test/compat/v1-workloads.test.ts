import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';

const FIXTURES = join(process.cwd(), 'src/modules/workload/definition/fixtures');

/**
 * Seed 001's Workload endpoints over /v1: real rows through WorkloadService — a create → get →
 * update → delete round trip, templates, egg import and export, validation; another
 * organization's owner gets 404 on every id route; a Viewer reads but cannot create or delete.
 */
describe('/v1 workloads', () => {
  let t: TestApp;
  let admin: Session;
  let viewer: Session;
  let betaOwner: Session;
  const as =
    (s: Session) =>
    (method: string, url: string, body?: unknown): Promise<Reply> =>
      t.request(method, url, { token: s.token, domain: s.domainId, body });
  const keys = (v: unknown) => Object.keys(v as object).sort();
  const WORKLOAD_KEYS = ['created_at', 'definition', 'description', 'id', 'name', 'organization_id', 'template', 'updated_at'];
  const assertError = (r: Reply, status: number, message?: RegExp) => {
    assert.equal(r.status, status, r.text);
    assert.deepEqual(keys(r.body), ['error'], r.text);
    if (message) assert.match(r.body.error, message);
  };

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

  it('create → get → update → list → delete, snake_case replies', async () => {
    const req = as(admin);
    const source = await req('POST', '/v1/workloads/from-template', { template: 'echo-server', name: 'seeded' });
    assert.equal(source.status, 201, source.text);
    assert.deepEqual(keys(source.body), WORKLOAD_KEYS);
    assert.equal(source.body.template, 'echo-server');
    assert.equal(source.body.organization_id, admin.domainId);

    const definition = { ...source.body.definition, name: 'hand-made', description: 'from a definition' };
    const created = await req('POST', '/v1/workloads', { definition });
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(keys(created.body), WORKLOAD_KEYS);
    assert.deepEqual([created.body.name, created.body.description, created.body.template], ['hand-made', 'from a definition', null]);
    assert.equal(created.body.definition.startup, source.body.definition.startup);
    const id = created.body.id as string;

    const got = await req('GET', `/v1/workloads/${id}`);
    assert.equal(got.status, 200, got.text);
    assert.deepEqual(got.body, created.body);

    const put = await req('PUT', `/v1/workloads/${id}`, { name: 'renamed', description: 'changed' });
    assert.equal(put.status, 200, put.text);
    assert.deepEqual([put.body.name, put.body.description, put.body.definition.name], ['renamed', 'changed', 'renamed']);
    assert.ok(Date.parse(put.body.updated_at) >= Date.parse(created.body.updated_at));
    assert.equal((await req('GET', `/v1/workloads/${id}`)).body.name, 'renamed');

    const list = await req('GET', '/v1/workloads?limit=10');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.map((w: { name: string }) => w.name).sort(), ['renamed', 'seeded']);

    const del = await req('DELETE', `/v1/workloads/${id}`);
    assert.equal(del.status, 204, del.text);
    assert.equal(del.text, '');
    assertError(await req('GET', `/v1/workloads/${id}`), 404, /Workload not found/);
    assertError(await req('DELETE', `/v1/workloads/${id}`), 404);
  });

  it('validation, templates, egg export → import-egg, and a Pterodactyl egg', async () => {
    const req = as(admin);
    assertError(await req('POST', '/v1/workloads', { definition: { name: 'x' } }), 400, /missing: images/);
    assertError(await req('POST', '/v1/workloads', { name: 'x' }), 400);
    assertError(await req('POST', '/v1/workloads/from-template', { template: 'no-such-template' }), 404, /Template no-such-template/);
    assertError(await req('POST', '/v1/workloads/import-egg', { egg: { name: 'not an egg' } }), 400);

    const source = (await req('POST', '/v1/workloads/from-template', { template: 'echo-server', name: 'exported' })).body;
    const egg = await req('GET', `/v1/workloads/${source.id}/export`);
    assert.equal(egg.status, 200, egg.text);
    assert.equal(egg.body.meta.version, 'PTDL_v2');
    assert.equal(egg.body.name, 'exported');
    const imported = await req('POST', '/v1/workloads/import-egg', { egg: egg.body });
    assert.equal(imported.status, 201, imported.text);
    assert.equal(imported.body.name, 'exported');
    assert.equal(imported.body.definition.startup, source.definition.startup);
    assert.deepEqual(imported.body.definition.defaults, source.definition.defaults, 'x-outpost keeps the resources');

    const paper = JSON.parse(readFileSync(join(FIXTURES, 'ptdl_v2-paper.pelican.json'), 'utf8'));
    const fromPanel = await req('POST', '/v1/workloads/import-egg', { egg: paper });
    assert.equal(fromPanel.status, 201, fromPanel.text);
    assert.equal(fromPanel.body.name, paper.name);
    assert.equal(fromPanel.body.definition.source.format, 'PTDL_v2');

    const fit = await req('POST', '/v1/planner/suggest-fit', { workload_id: source.id });
    assert.equal(fit.status, 200, fit.text);
    assert.equal(fit.body.requirements.memory_mib, source.definition.defaults.memoryMiB, "the workload's defaults are planned for");
    assert.equal(fit.body.node_id, null);
    assert.match(fit.body.explanation, /no nodes/);
  });

  it("another organization's owner gets 404 { error } on every workload id route, with valid bodies", async () => {
    const w = (await as(admin)('POST', '/v1/workloads/from-template', { template: 'echo-server', name: 'alpha-only' })).body;
    const beta = as(betaOwner);
    assertError(await beta('GET', `/v1/workloads/${w.id}`), 404, /Workload not found/);
    assertError(await beta('PUT', `/v1/workloads/${w.id}`, { name: 'stolen' }), 404, /Workload not found/);
    assertError(await beta('GET', `/v1/workloads/${w.id}/export`), 404, /Workload not found/);
    assertError(await beta('DELETE', `/v1/workloads/${w.id}`), 404, /Workload not found/);
    assertError(await beta('POST', '/v1/planner/suggest-fit', { workload_id: w.id }), 404, /Workload not found/);
    const list = await beta('GET', '/v1/workloads');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body, []);
    const still = await as(admin)('GET', `/v1/workloads/${w.id}`);
    assert.deepEqual([still.status, still.body.name], [200, 'alpha-only']);
  });

  it('a Viewer reads workloads and templates but cannot create, import, change or delete', async () => {
    const w = (await as(admin)('POST', '/v1/workloads/from-template', { template: 'echo-server', name: 'viewed' })).body;
    const v = as(viewer);
    assert.equal((await v('GET', `/v1/workloads/${w.id}`)).status, 200);
    assert.equal((await v('GET', `/v1/workloads/${w.id}/export`)).status, 200);
    assert.equal((await v('GET', '/v1/planner/templates')).status, 200);
    const before = (await v('GET', '/v1/workloads?limit=100')).body.length;
    assertError(await v('POST', '/v1/workloads', { definition: w.definition }), 403);
    assertError(await v('POST', '/v1/workloads/from-template', { template: 'echo-server' }), 403);
    assertError(await v('POST', '/v1/workloads/import-egg', { egg: (await v('GET', `/v1/workloads/${w.id}/export`)).body }), 403);
    assertError(await v('PUT', `/v1/workloads/${w.id}`, { name: 'viewer-was-here' }), 403);
    assertError(await v('DELETE', `/v1/workloads/${w.id}`), 403);
    assert.equal((await v('GET', '/v1/workloads?limit=100')).body.length, before, 'nothing created');
    assert.equal((await v('GET', `/v1/workloads/${w.id}`)).body.name, 'viewed', 'nothing changed');
    assertError(await v('GET', `/v1/workloads/${randomUUID()}`), 404);
  });
});
