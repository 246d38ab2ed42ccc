import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, Session } from '../helpers/fixtures';

/** The Startup tab's API: the server's own command, reset to the template's, images and variables under the template's rules. */
describe('server startup: command, image, variables', () => {
  let t: TestApp;
  let admin: Session;
  let serverId: string;
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
    const node = await req('POST', '/node', { name: 'startup-node', address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });
    const workload = await req('POST', '/workload/from-template', { template: 'echo-server' });
    // Placement needs an online node; the row is what the startup routes work on (as test/helpers/tenant-seed.ts does).
    const [row] = await t.app
      .get(DataSource)
      .query(
        `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", image, "memoryMiB", "cpuPercent", "diskMiB", pids, "containerId") VALUES ($1, 'Startup', $2, $3, 'outpost/echo-server:local', 64, 50, 64, 64, 'abc') RETURNING id`,
        [admin.domainId, workload.body.data.id, node.body.data.id],
      );
    serverId = row.id;
  });
  after(async () => {
    await t.close();
  });

  it("shows the template's command, its images and variables, and the resolved line", async () => {
    const r = await req('GET', `/gameserver/${serverId}/startup`);
    assert.equal(r.status, 200, r.text);
    const s = r.body.data;
    assert.equal(s.startup, '/srv/echo-server.sh');
    assert.equal(s.templateStartup, '/srv/echo-server.sh');
    assert.equal(s.custom, false);
    assert.equal(s.resolved, '/srv/echo-server.sh');
    assert.deepEqual(
      s.images.map((i: { ref: string }) => i.ref),
      ['outpost/echo-server:local'],
    );
    assert.deepEqual(
      s.variables.map((v: { envVariable: string }) => v.envVariable),
      ['MOTD', 'MAX_PLAYERS'],
    );
    assert.equal(s.variables[1].rules, 'required|integer|between:1,100');
    assert.equal(s.restartRequired, false);
  });

  it('overrides the command (placeholders resolved) and marks the container for the next start', async () => {
    const r = await req('PUT', `/gameserver/${serverId}/startup`, { startup: '/srv/echo-server.sh --motd "{{MOTD}}" --port {{SERVER_PORT}} --max {{env.MAX_PLAYERS}}' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.custom, true);
    assert.equal(r.body.data.resolved, '/srv/echo-server.sh --motd "Welcome" --port 0 --max 10');
    assert.equal(r.body.data.restartRequired, true);
    assert.match(r.body.data.note, /next start/);
    const [row] = await t.app.get(DataSource).query('SELECT startup, "containerOutdated" FROM gameserver WHERE id = $1', [serverId]);
    assert.equal(row.startup, '/srv/echo-server.sh --motd "{{MOTD}}" --port {{SERVER_PORT}} --max {{env.MAX_PLAYERS}}');
    assert.equal(row.containerOutdated, true);
  });

  it('refuses placeholders the template does not have (400)', async () => {
    const r = await req('PUT', `/gameserver/${serverId}/startup`, { startup: 'run {{NOPE}}' });
    assert.equal(r.status, 400, r.text);
    assert.match(r.body.meta.error.message, /\{\{NOPE\}\}/);
  });

  it("resets to the template's command", async () => {
    const r = await req('POST', `/gameserver/${serverId}/startup/reset`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.custom, false);
    assert.equal(r.body.data.startup, '/srv/echo-server.sh');
    const [row] = await t.app.get(DataSource).query('SELECT startup FROM gameserver WHERE id = $1', [serverId]);
    assert.equal(row.startup, null);
  });

  it("refuses an image outside the template's images with 400, even for workload managers; accepts the template's", async () => {
    const r = await req('PUT', `/gameserver/${serverId}/startup`, { image: 'alpine:latest' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.body.meta.error.code, 'ValidationError');
    assert.match(r.body.meta.error.message, /one of the template's images/);
    const ok = await req('PUT', `/gameserver/${serverId}/startup`, { image: 'outpost/echo-server:local' });
    assert.equal(ok.status, 200, ok.text);
  });

  it("keeps the template's variable rules", async () => {
    const bad = await req('PUT', `/gameserver/${serverId}/startup`, { variables: { MAX_PLAYERS: '500' } });
    assert.equal(bad.status, 400, bad.text);
    assert.ok(bad.body.meta.error.details.some((d: { path: string }) => d.path === 'variables.MAX_PLAYERS'));
    const good = await req('PUT', `/gameserver/${serverId}/startup`, { variables: { MAX_PLAYERS: '50' } });
    assert.equal(good.status, 200, good.text);
    assert.equal(good.body.data.variables.find((v: { envVariable: string }) => v.envVariable === 'MAX_PLAYERS').value, '50');
  });

  it('a member without gameserver.manage reads but cannot change it (403)', async () => {
    const member = await createMember(t, admin, admin.domainId, 'startup-member');
    const as = (method: string, path: string, body?: unknown) => t.request(method, path, { token: member.token, domain: admin.domainId, body });
    assert.equal((await as('GET', `/gameserver/${serverId}/startup`)).status, 200);
    const r = await as('PUT', `/gameserver/${serverId}/startup`, { startup: '/srv/echo-server.sh' });
    assert.equal(r.status, 403, r.text);
    assert.equal((await as('POST', `/gameserver/${serverId}/startup/reset`)).status, 403);
  });

  it("the command is a template author's choice: gameserver.manage without workloads.manage cannot change it (it could print hidden variables), but may reset it", async () => {
    const role = await req('POST', '/role', { name: 'Server manager', permissions: ['gameserver.read', 'gameserver.manage'] });
    assert.equal(role.status, 201, role.text);
    const manager = await createMember(t, admin, admin.domainId, 'startup-manager', 'Server manager');
    const as = (method: string, path: string, body?: unknown) => t.request(method, path, { token: manager.token, domain: admin.domainId, body });
    const custom = '/srv/echo-server.sh --motd "{{MOTD}}"';
    assert.equal((await req('PUT', `/gameserver/${serverId}/startup`, { startup: custom })).status, 200);

    const refused = await as('PUT', `/gameserver/${serverId}/startup`, { startup: 'env; /srv/echo-server.sh' });
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.meta.error.code, 'ForbiddenError');
    assert.match(refused.body.meta.error.message, /workloads\.manage/);
    const [row] = await t.app.get(DataSource).query('SELECT startup FROM gameserver WHERE id = $1', [serverId]);
    assert.equal(row.startup, custom, 'unchanged');
    // Sending the current command back (the tab saves the whole form) and changing variables are allowed.
    const same = await as('PUT', `/gameserver/${serverId}/startup`, { startup: custom, variables: { MAX_PLAYERS: '12' } });
    assert.equal(same.status, 200, same.text);
    assert.equal(same.body.data.variables.find((v: { envVariable: string }) => v.envVariable === 'MAX_PLAYERS').value, '12');
    const reset = await as('POST', `/gameserver/${serverId}/startup/reset`);
    assert.equal(reset.status, 200, reset.text);
    assert.equal(reset.body.data.custom, false);
  });
});
