import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, Session } from '../helpers/fixtures';

const HIDDEN = 'LICENSE_KEY';
const HIDDEN_VALUE = 'server-license-7f3a9c';
const HIDDEN_DEFAULT = 'template-license-51d2e8';
/** A value the server still holds for a variable the template no longer defines. */
const RETIRED = 'RETIRED_PASSWORD';
const RETIRED_VALUE = 'retired-secret-0b44';

/**
 * Hidden template variables (userViewable: false) are the template author's: every reply that
 * carries a server's variables shows them only to workloads.manage holders, and a non-author's
 * update keeps their stored values.
 */
describe('hidden template variables do not leak', () => {
  let t: TestApp;
  let owner: Session;
  let manager: Session;
  let serverId: string;
  const as = (s: Session) => (method: string, path: string, body?: unknown) => t.request(method, path, { token: s.token, domain: owner.domainId, body });
  const db = () => t.app.get(DataSource);
  const leaks = (r: Reply) => [HIDDEN, HIDDEN_VALUE, HIDDEN_DEFAULT, RETIRED, RETIRED_VALUE].filter((s) => r.text.includes(s));

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    owner = await bootstrapAdmin(t);
    const req = as(owner);
    const node = await req('POST', '/node', { name: 'hidden-node', address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });
    assert.equal(node.status, 201, node.text);
    const workload = await req('POST', '/workload/from-template', { template: 'echo-server', name: 'Echo with license' });
    assert.equal(workload.status, 201, workload.text);
    const definition = workload.body.data.definition;
    definition.variables.push({
      name: 'License key',
      description: 'Set by the template author; players never see it.',
      envVariable: HIDDEN,
      defaultValue: HIDDEN_DEFAULT,
      userViewable: false,
      userEditable: false,
      rules: 'required|string|max:64',
      fieldType: 'text',
    });
    const edited = await req('PUT', `/workload/${workload.body.data.id}`, { definition });
    assert.equal(edited.status, 200, edited.text);
    assert.ok(edited.body.data.definition.variables.some((v: { envVariable: string; userViewable: boolean }) => v.envVariable === HIDDEN && v.userViewable === false));

    // Placement needs an online node; the row is what these routes read (as test/helpers/tenant-seed.ts does).
    const variables = { MOTD: 'Welcome', MAX_PLAYERS: '10', [HIDDEN]: HIDDEN_VALUE, [RETIRED]: RETIRED_VALUE };
    const [row] = await db().query(
      `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", "ownerId", image, "memoryMiB", "cpuPercent", "diskMiB", pids, variables) VALUES ($1, 'Licensed', $2, $3, $4, 'outpost/echo-server:local', 64, 50, 64, 64, $5) RETURNING id`,
      [owner.domainId, workload.body.data.id, node.body.data.id, owner.userId, JSON.stringify(variables)],
    );
    serverId = row.id;

    // gameserver.read + gameserver.manage (edits the server) but no workloads.manage: not a template author.
    const role = await req('POST', '/role', { name: 'Server manager', permissions: ['gameserver.read', 'gameserver.manage', 'workloads.read'] });
    assert.equal(role.status, 201, role.text);
    manager = await createMember(t, owner, owner.domainId, 'hidden-manager', 'Server manager');
  });
  after(async () => {
    await t?.close();
  });

  it('GET /gameserver/:id: a non-author sees the viewable variables only; the owner sees all', async () => {
    const r = await as(manager)('GET', `/gameserver/${serverId}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.data.variables, { MOTD: 'Welcome', MAX_PLAYERS: '10' });
    assert.deepEqual(leaks(r), []);

    const member = await createMember(t, owner, owner.domainId, 'hidden-member');
    const m = await as(member)('GET', `/gameserver/${serverId}`);
    assert.equal(m.status, 200, m.text);
    assert.deepEqual(m.body.data.variables, { MOTD: 'Welcome', MAX_PLAYERS: '10' }, 'the system Member role as well');

    const o = await as(owner)('GET', `/gameserver/${serverId}`);
    assert.equal(o.status, 200, o.text);
    assert.equal(o.body.data.variables[HIDDEN], HIDDEN_VALUE);
    assert.equal(o.body.data.variables[RETIRED], RETIRED_VALUE);
  });

  it('POST /gameserver/search (also with the template extended): hidden values and defaults only for the owner', async () => {
    const body = { filters: { id: [serverId] }, extend: ['workload', 'allocations'] };
    const r = await as(manager)('POST', '/gameserver/search', body);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.length, 1);
    assert.deepEqual(r.body.data[0].variables, { MOTD: 'Welcome', MAX_PLAYERS: '10' });
    assert.deepEqual(
      r.body.data[0].workload.definition.variables.map((v: { envVariable: string }) => v.envVariable),
      ['MOTD', 'MAX_PLAYERS'],
    );
    assert.deepEqual(leaks(r), []);

    const o = await as(owner)('POST', '/gameserver/search', body);
    assert.equal(o.status, 200, o.text);
    assert.equal(o.body.data[0].variables[HIDDEN], HIDDEN_VALUE);
    assert.ok(o.body.data[0].workload.definition.variables.some((v: { envVariable: string }) => v.envVariable === HIDDEN));
  });

  it('the template itself (GET, search, PTDL export): a non-author sees no hidden variable or its default; the author sees it', async () => {
    const [{ workloadId }] = await db().query(`SELECT "workloadId" FROM gameserver WHERE id = $1`, [serverId]);
    for (const [method, path, body] of [
      ['GET', `/workload/${workloadId}`, undefined],
      ['POST', '/workload/search', { filters: { id: [workloadId] } }],
      ['GET', `/workload/${workloadId}/export`, undefined],
    ] as const) {
      const r = await as(manager)(method, path, body);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(leaks(r), [], `${method} ${path}`);
      assert.match(r.text, /MAX_PLAYERS/, 'the viewable variables are still there');
      const o = await as(owner)(method, path, body);
      assert.equal(o.status, 200, o.text);
      assert.ok(o.text.includes(HIDDEN) && o.text.includes(HIDDEN_DEFAULT), `the author sees it: ${method} ${path}`);
    }
  });

  it('GET /gameserver/:id/startup follows the same rule', async () => {
    const r = await as(manager)('GET', `/gameserver/${serverId}/startup`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.body.data.variables.map((v: { envVariable: string }) => v.envVariable),
      ['MOTD', 'MAX_PLAYERS'],
    );
    assert.deepEqual(leaks(r), []);
    const o = await as(owner)('GET', `/gameserver/${serverId}/startup`);
    assert.ok(o.body.data.variables.some((v: { envVariable: string }) => v.envVariable === HIDDEN));
  });

  it('PUT /gameserver/:id by a non-author: the reply hides the variable, the stored value survives (rename and variable edit)', async () => {
    const rename = await as(manager)('PUT', `/gameserver/${serverId}`, { name: 'Licensed (renamed)' });
    assert.equal(rename.status, 200, rename.text);
    assert.equal(rename.body.data.name, 'Licensed (renamed)');
    assert.deepEqual(leaks(rename), []);

    const edit = await as(manager)('PUT', `/gameserver/${serverId}`, { variables: { MOTD: 'Hello' } });
    assert.equal(edit.status, 200, edit.text);
    assert.deepEqual(edit.body.data.variables, { MOTD: 'Hello', MAX_PLAYERS: '10' });
    assert.deepEqual(leaks(edit), []);
    const [row] = await db().query('SELECT name, variables FROM gameserver WHERE id = $1', [serverId]);
    assert.equal(row.name, 'Licensed (renamed)');
    assert.equal(row.variables.MOTD, 'Hello');
    assert.equal(row.variables[HIDDEN], HIDDEN_VALUE, 'the merge keeps the hidden value');

    // Changing it stays refused (a valid body otherwise: the refusal is the visibility rule).
    const refused = await as(manager)('PUT', `/gameserver/${serverId}`, { variables: { [HIDDEN]: 'mine-now' } });
    assert.equal(refused.status, 400, refused.text);
    assert.ok(refused.body.meta.error.details.some((d: { path: string; code: string }) => d.path === `variables.${HIDDEN}` && d.code === 'not_editable'));
    const [after] = await db().query('SELECT variables FROM gameserver WHERE id = $1', [serverId]);
    assert.equal(after.variables[HIDDEN], HIDDEN_VALUE);

    const o = await as(owner)('PUT', `/gameserver/${serverId}`, { name: 'Licensed' });
    assert.equal(o.status, 200, o.text);
    assert.equal(o.body.data.variables[HIDDEN], HIDDEN_VALUE);
  });

  it('Skyport (/api, x-api-key): a key without workloads.manage sees no hidden variable in any instance or image reply', async () => {
    const key = async (permissions?: string[]) => {
      const r = await as(owner)('POST', '/apitoken', { name: `hidden-${permissions ? 'limited' : 'full'}`, ...(permissions ? { permissions } : {}) });
      assert.equal(r.status, 201, r.text);
      return r.body.data.token as string;
    };
    const limited = await key(['gameserver.read', 'members.read', 'workloads.read']);
    const full = await key();
    const api = (k: string, method: string, path: string, body?: unknown) => t.request(method, path, { body, headers: { 'x-api-key': k } });

    const replies = [
      await api(limited, 'GET', '/api/instances'),
      await api(limited, 'POST', '/api/getInstance', { id: serverId }),
      await api(limited, 'POST', '/api/getUserInstance', { userId: owner.userId }),
      await api(limited, 'GET', '/api/images'),
    ];
    for (const r of replies) {
      assert.equal(r.status, 200, r.text);
      assert.ok(r.text.includes(serverId) || r.text.includes('outpost/echo-server:local'), r.text);
      assert.deepEqual(leaks(r), [], r.text);
    }
    const image = replies[3].body.find((i: { Image: string }) => i.Image === 'outpost/echo-server:local');
    assert.deepEqual(image.Env, ['MOTD=Welcome', 'MAX_PLAYERS=10']);

    const authored = await api(full, 'GET', '/api/images');
    assert.equal(authored.status, 200, authored.text);
    assert.ok(authored.body.find((i: { Image: string }) => i.Image === 'outpost/echo-server:local').Env.includes(`${HIDDEN}=${HIDDEN_DEFAULT}`));
  });
});
