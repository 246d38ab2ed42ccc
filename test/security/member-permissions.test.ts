import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, login, Session } from '../helpers/fixtures';
import { ConsoleAuthService } from '../../src/modules/console/console-auth.service';

/**
 * Per-member grants and removals on top of the role: what a member may do on real routes follows
 * role + granted - revoked (HTTP and console alike), and changing them is under the privilege
 * ceiling. The domain belongs to a plain user (instance admins stand above the ceilings).
 */
describe('per-member permissions', () => {
  let t: TestApp;
  let owner: Session;
  let domainId: string;
  let serverId: string;
  const users: Record<string, Session> = {};
  const membership: Record<string, string> = {};

  const as = (s: { token: string }, method: string, url: string, body?: unknown) => t.request(method, url, { token: s.token, domain: domainId, body });
  const rename = (s: Session, name: string) => as(s, 'PUT', `/gameserver/${serverId}`, { name });
  const put = (s: { token: string }, who: string, grant: string[], revoke: string[] = []) => as(s, 'PUT', `/membership/${membership[who]}/permissions`, { grant, revoke });

  before(async () => {
    t = await createTestApp();
    const root = await bootstrapAdmin(t, 'Root');
    const plain = await createMember(t, root, root.domainId, 'guildowner');
    domainId = await createDomain(t, plain.token, 'Guild');
    owner = { ...(await login(t, 'guildowner')), userId: plain.userId, domainId };
    for (const [name, permissions] of [
      ['Moderators', ['members.read', 'members.manage', 'gameserver.read', 'gameserver.control']],
      ['Readers', ['members.read']],
    ] as const) {
      const r = await as(owner, 'POST', '/role', { name, permissions });
      assert.equal(r.status, 201, r.text);
    }
    for (const [name, role] of [
      ['worker', 'Member'],
      ['manager', 'Admin'],
      ['mod', 'Moderators'],
      ['reader', 'Readers'],
    ]) {
      users[name] = await createMember(t, owner, domainId, name, role);
    }
    const all = await as(owner, 'POST', '/membership/search', { limit: 100 });
    for (const m of all.body.data as Array<{ id: string; userId: string }>) {
      const name = Object.keys(users).find((n) => users[n].userId === m.userId);
      if (name) membership[name] = m.id;
      if (m.userId === owner.userId) membership.owner = m.id;
    }
    const node = await as(owner, 'POST', '/node', { name: 'n1', address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });
    assert.equal(node.status, 201, node.text);
    const workload = await as(owner, 'POST', '/workload/from-template', { template: 'echo-server', name: 'echo' });
    assert.equal(workload.status, 201, workload.text);
    const [server] = await t.app
      .get(DataSource)
      .query(
        `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", image, "memoryMiB", "cpuPercent", "diskMiB", pids) VALUES ($1, 'srv', $2, $3, 'outpost/echo-server:local', 64, 50, 64, 64) RETURNING id`,
        [domainId, workload.body.data.id, node.body.data.id],
      );
    serverId = server.id;
  });
  after(async () => {
    await t.close();
  });

  it('a granted gameserver.manage lets a Member edit the server; taking the grant back refuses it again', async () => {
    const before = await rename(users.worker, 'by-worker');
    assert.equal(before.status, 403, before.text);
    assert.equal(before.body.meta.error.message, 'Missing permission gameserver.manage');

    const granted = await put(owner, 'worker', ['gameserver.manage']);
    assert.equal(granted.status, 200, granted.text);
    assert.deepEqual(granted.body.data.granted, ['gameserver.manage']);
    assert.deepEqual(granted.body.data.revoked, []);
    assert.equal(granted.body.data.roleName, 'Member');
    assert.ok(granted.body.data.effective.includes('gameserver.manage'));
    assert.ok(!granted.body.data.role.includes('gameserver.manage'));

    const ok = await rename(users.worker, 'by-worker');
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.data.name, 'by-worker');
    const me = await as(users.worker, 'GET', '/me');
    assert.ok(me.body.data.permissions.includes('gameserver.manage'));

    assert.equal((await put(owner, 'worker', [])).status, 200);
    assert.equal((await rename(users.worker, 'again')).status, 403);
  });

  it("a removed gameserver.manage refuses an Admin that route; the role's other permissions stay", async () => {
    assert.equal((await rename(users.manager, 'by-manager')).status, 200);
    const revoked = await put(owner, 'manager', [], ['gameserver.manage']);
    assert.equal(revoked.status, 200, revoked.text);
    assert.deepEqual(revoked.body.data.revoked, ['gameserver.manage']);
    assert.ok(!revoked.body.data.effective.includes('gameserver.manage'));
    const refused = await rename(users.manager, 'by-manager-2');
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.meta.error.message, 'Missing permission gameserver.manage');
    assert.equal((await as(users.manager, 'POST', '/gameserver/search')).status, 200, 'gameserver.read still held');
    const view = await as(users.mod, 'GET', `/membership/${membership.manager}/permissions`);
    assert.equal(view.status, 200, view.text);
    assert.deepEqual(view.body.data.revoked, ['gameserver.manage']);
    assert.equal((await put(owner, 'manager', [])).status, 200);
    assert.equal((await rename(users.manager, 'by-manager-3')).status, 200);
  });

  it('a removed domain.manage refuses an Admin renaming the domain (PUT /domain/:id reads the same effective set)', async () => {
    const renamed = await as(users.manager, 'PUT', `/domain/${domainId}`, { name: 'Guild by manager' });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal((await put(owner, 'manager', [], ['domain.manage'])).status, 200);
    const refused = await as(users.manager, 'PUT', `/domain/${domainId}`, { name: 'Guild again' });
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.meta.error.message, 'Missing permission domain.manage');
    assert.equal((await put(owner, 'manager', [])).status, 200);
  });

  it('console sockets resolve the same effective permissions', async () => {
    const consoleAuth = t.app.get(ConsoleAuthService);
    const grant = await consoleAuth.authenticate(serverId, users.worker.token);
    assert.ok(grant.permissions.has('gameserver.read'));
    assert.equal((await put(owner, 'worker', [], ['gameserver.read'])).status, 200);
    await assert.rejects(
      consoleAuth.authenticate(serverId, users.worker.token),
      (err: { status?: number; message?: string }) => err.status === 403 && err.message === 'Missing permission gameserver.read',
    );
    assert.equal((await put(owner, 'worker', [])).status, 200);
    assert.ok((await consoleAuth.authenticate(serverId, users.worker.token)).permissions.has('gameserver.read'));
  });

  it('a moderator cannot grant what they do not hold; within their own permissions it works', async () => {
    const refused = await put(users.mod, 'reader', ['gameserver.manage']);
    assert.equal(refused.status, 403, refused.text);
    assert.equal(refused.body.meta.error.code, 'ForbiddenError');
    assert.equal(refused.body.meta.error.message, 'You cannot grant or remove permissions you do not hold: gameserver.manage');
    assert.deepEqual(refused.body.meta.error.details, { permissions: ['gameserver.manage'] });
    // The same body from someone who holds it is accepted: the refusal is the ceiling's.
    const same = await put(users.mod, 'reader', ['gameserver.control']);
    assert.equal(same.status, 200, same.text);
    assert.deepEqual(same.body.data.effective, ['members.read', 'gameserver.control']);
    const view = await as(owner, 'GET', `/membership/${membership.reader}/permissions`);
    assert.deepEqual(view.body.data.granted, ['gameserver.control'], 'the refused grant left nothing behind');
  });

  it('nobody edits a member stronger than themself (role or grants), nor hands back what they lack', async () => {
    const admin = await put(users.mod, 'manager', [], ['gameserver.control']);
    assert.equal(admin.status, 403, admin.text);
    assert.match(admin.body.meta.error.message, /role \(Admin\) has permissions you do not hold/);
    // A member whose role is weaker but who was granted more than the moderator holds is out of reach too.
    assert.equal((await put(owner, 'reader', ['gameserver.control', 'nodes.manage'])).status, 200);
    const stronger = await put(users.mod, 'reader', ['gameserver.control']);
    assert.equal(stronger.status, 403, stronger.text);
    assert.match(stronger.body.meta.error.message, /granted permissions you do not hold: nodes\.manage/);
    assert.equal((await put(owner, 'reader', ['gameserver.control'])).status, 200);
  });

  it('an API token acts within its own subset; an Owner is never narrowed; bad bodies are 400', async () => {
    // A grant makes the moderator able to mint tokens at all.
    assert.equal((await put(owner, 'mod', ['apitokens.manage'])).status, 200);
    const created = await as(users.mod, 'POST', '/apitoken', { name: 'mod-token', permissions: ['members.read', 'members.manage'] });
    assert.equal(created.status, 201, created.text);
    const viaToken = await t.request('PUT', `/membership/${membership.reader}/permissions`, {
      headers: { 'x-api-key': created.body.data.token, 'x-takaro-domain': domainId },
      body: { grant: ['gameserver.control', 'gameserver.read'], revoke: [] },
    });
    assert.equal(viaToken.status, 403, viaToken.text);
    assert.equal(viaToken.body.meta.error.message, 'You cannot change or remove a member who was granted permissions you do not hold: gameserver.control');
    // The same body from the moderator's own session (who holds both) is accepted: the refusal is the token's subset.
    const bySession = await put(users.mod, 'reader', ['gameserver.control', 'gameserver.read']);
    assert.equal(bySession.status, 200, bySession.text);

    const owners = await put(owner, 'owner', [], ['nodes.manage']);
    assert.equal(owners.status, 409, owners.text);
    assert.match(owners.body.meta.error.message, /An Owner holds every permission/);

    const unknown = await put(owner, 'reader', ['root.everything']);
    assert.equal(unknown.status, 400, unknown.text);
    assert.equal(unknown.body.meta.error.code, 'ValidationError');
    const both = await put(owner, 'reader', ['nodes.read'], ['nodes.read']);
    assert.equal(both.status, 400, both.text);
    const missing = await as(owner, 'PUT', `/membership/${membership.reader}/permissions`, { grant: [] });
    assert.equal(missing.status, 400, missing.text);
  });

  it('changes are audited in the domain', async () => {
    const rows = await as(owner, 'POST', '/auditlog/search', { filters: { action: 'membership.setPermissions', targetId: membership.manager } });
    assert.equal(rows.status, 200, rows.text);
    assert.equal(rows.body.data.length, 4, 'gameserver.manage and domain.manage each revoked, then restored');
    assert.equal(rows.body.data[0].targetName, 'manager');
    assert.equal(rows.body.data[0].actorName, 'guildowner');
  });
});
