import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, login, PASSWORD, roleId, Session } from '../helpers/fixtures';

/**
 * Privilege ceilings inside one domain (OWASP API5), over HTTP against the real app. The domain
 * is owned by a plain user (not an instance admin, who stands above the ceilings). Every refusal
 * sends a body that would be accepted from someone allowed, so the 403 is the policy's.
 */
describe('privilege ceilings: nobody grants what they do not hold', () => {
  let t: TestApp;
  let root: Session;
  let owner: Session;
  let domainId: string;
  const role: Record<string, string> = {};
  const users: Record<string, Session> = {};

  const as = (s: { token: string }, method: string, url: string, body?: unknown) => t.request(method, url, { token: s.token, domain: domainId, body });
  const membershipOf = async (userId: string) => {
    const r = await as(owner, 'POST', '/membership/search', { filters: { userId } });
    assert.equal(r.status, 200, r.text);
    return r.body.data[0] as { id: string; roleId: string };
  };
  const newUser = (name: string, roleIds?: string[]) => ({ username: name, email: `${name}@example.com`, password: PASSWORD, ...(roleIds ? { roleIds } : {}) });
  const refused = (r: { status: number; body: any; text: string }, pattern: RegExp) => {
    assert.equal(r.status, 403, r.text);
    assert.equal(r.body.meta.error.code, 'ForbiddenError');
    assert.match(r.body.meta.error.message, pattern);
  };

  before(async () => {
    t = await createTestApp();
    root = await bootstrapAdmin(t, 'Root');
    const plain = await createMember(t, root, root.domainId, 'guildowner');
    domainId = await createDomain(t, plain.token, 'Guild');
    owner = { ...(await login(t, 'guildowner')), userId: plain.userId, domainId };
    for (const name of ['Owner', 'Admin', 'Member', 'Viewer']) role[name] = await roleId(t, owner.token, domainId, name);
    const custom = async (name: string, permissions: string[]) => {
      const r = await as(owner, 'POST', '/role', { name, permissions });
      assert.equal(r.status, 201, r.text);
      role[name] = r.body.data.id;
    };
    await custom('Managers', ['members.read', 'members.manage']);
    await custom('RoleEditors', ['members.read', 'roles.manage']);
    await custom('Readers', ['members.read']);
    await custom('Tokeners', ['members.read', 'apitokens.manage', 'gameserver.read']);
    await custom('Operators', ['members.read', 'members.manage', 'gameserver.control']);
    for (const [name, r] of [
      ['manager', 'Managers'],
      ['roleeditor', 'RoleEditors'],
      ['admin2', 'Admin'],
      ['member', 'Member'],
      ['viewer', 'Viewer'],
      ['tokener', 'Tokeners'],
    ]) {
      users[name] = await createMember(t, owner, domainId, name, r);
    }
  });
  after(async () => {
    await t.close();
  });

  it('a members.manage holder cannot make themselves Owner or Admin', async () => {
    const mine = await membershipOf(users.manager.userId);
    refused(await as(users.manager, 'PUT', `/membership/${mine.id}`, { roleId: role.Owner }), /Only an Owner/);
    refused(await as(users.manager, 'PUT', `/membership/${mine.id}`, { roleId: role.Admin }), /cannot assign the role Admin.*domain\.manage/);
    assert.equal((await membershipOf(users.manager.userId)).roleId, role.Managers, 'role unchanged');
  });

  it('a members.manage holder cannot create accounts or invites stronger than themselves', async () => {
    refused(await as(users.manager, 'POST', '/user', newUser('mintedowner', [role.Owner])), /Only an Owner/);
    refused(await as(users.manager, 'POST', '/user', newUser('mintedadmin', [role.Admin])), /cannot assign the role Admin/);
    // The default role (Member) carries game-server permissions the manager does not hold.
    refused(await as(users.manager, 'POST', '/user', newUser('minteddefault')), /cannot assign the role Member/);
    refused(await as(users.manager, 'POST', '/membership', { email: 'invitee@example.com', roleId: role.Owner }), /Only an Owner/);
    refused(await as(users.manager, 'POST', '/membership', { email: 'invitee@example.com', roleId: role.Operators }), /gameserver\.control/);
    const search = await as(owner, 'POST', '/user/search', { filters: { username: ['mintedowner', 'mintedadmin', 'minteddefault'] } });
    assert.equal(search.body.data.length, 0, 'no account was created');
    // Within the ceiling it works.
    const ok = await as(users.manager, 'POST', '/user', newUser('reader1', [role.Readers]));
    assert.equal(ok.status, 201, ok.text);
    assert.equal((await as(users.manager, 'POST', '/membership', { email: 'invitee@example.com', roleId: role.Readers })).status, 201);
  });

  it('a members.manage holder cannot demote or remove the Owner, or anyone stronger', async () => {
    const ownerMembership = await membershipOf(owner.userId);
    refused(await as(users.manager, 'PUT', `/membership/${ownerMembership.id}`, { roleId: role.Viewer }), /Only an Owner/);
    refused(await as(users.manager, 'DELETE', `/membership/${ownerMembership.id}`), /Only an Owner/);
    refused(await as(users.manager, 'DELETE', `/user/${owner.userId}`), /Only an Owner/);
    const adminMembership = await membershipOf(users.admin2.userId);
    refused(await as(users.manager, 'PUT', `/membership/${adminMembership.id}`, { roleId: role.Readers }), /role \(Admin\) has permissions you do not hold/);
    refused(await as(users.manager, 'DELETE', `/membership/${adminMembership.id}`), /role \(Admin\)/);
    assert.equal((await membershipOf(owner.userId)).roleId, role.Owner);
    assert.equal((await membershipOf(users.admin2.userId)).roleId, role.Admin);
  });

  it('a roles.manage holder cannot add permissions they lack to their own role or any role', async () => {
    refused(await as(users.roleeditor, 'PUT', `/role/${role.RoleEditors}`, { permissions: ['members.read', 'roles.manage', 'domain.manage'] }), /domain\.manage/);
    refused(await as(users.roleeditor, 'POST', '/role', { name: 'Sneaky', permissions: ['domain.manage'] }), /domain\.manage/);
    // A stronger role is not theirs to edit or delete, even to weaken it.
    refused(await as(users.roleeditor, 'PUT', `/role/${role.Operators}`, { permissions: ['members.read'] }), /cannot change the role Operators/);
    refused(await as(users.roleeditor, 'DELETE', `/role/${role.Operators}`), /cannot change the role Operators/);
    const own = await as(owner, 'GET', `/role/${role.RoleEditors}`);
    assert.deepEqual([...own.body.data.permissions].sort(), ['members.read', 'roles.manage']);
    const ops = await as(owner, 'GET', `/role/${role.Operators}`);
    assert.deepEqual([...ops.body.data.permissions].sort(), ['gameserver.control', 'members.manage', 'members.read']);
    const within = await as(users.roleeditor, 'POST', '/role', { name: 'Lookers', permissions: ['members.read'] });
    assert.equal(within.status, 201, within.text);
  });

  it('an Admin cannot make anyone Owner, nor change or remove the Owner; Admin to Admin is allowed', async () => {
    const mine = await membershipOf(users.admin2.userId);
    refused(await as(users.admin2, 'PUT', `/membership/${mine.id}`, { roleId: role.Owner }), /Only an Owner/);
    refused(await as(users.admin2, 'POST', '/user', newUser('adminsowner', [role.Owner])), /Only an Owner/);
    const ownerMembership = await membershipOf(owner.userId);
    refused(await as(users.admin2, 'PUT', `/membership/${ownerMembership.id}`, { roleId: role.Member }), /Only an Owner/);
    refused(await as(users.admin2, 'DELETE', `/membership/${ownerMembership.id}`), /Only an Owner/);
    const viewerMembership = await membershipOf(users.viewer.userId);
    const promoted = await as(users.admin2, 'PUT', `/membership/${viewerMembership.id}`, { roleId: role.Admin });
    assert.equal(promoted.status, 200, promoted.text);
    assert.equal((await as(users.admin2, 'PUT', `/membership/${viewerMembership.id}`, { roleId: role.Viewer })).status, 200);
  });

  it('Member and Viewer cannot manage members at all; a token holder cannot mint a stronger token', async () => {
    const viewerMembership = await membershipOf(users.viewer.userId);
    for (const who of [users.member, users.viewer]) {
      const r = await as(who, 'PUT', `/membership/${viewerMembership.id}`, { roleId: role.Owner });
      assert.equal(r.status, 403, r.text);
      assert.match(r.body.meta.error.message, /members\.manage/);
    }
    refused(await as(users.tokener, 'POST', '/apitoken', { name: 'strong', permissions: ['gameserver.control'] }), /API token cannot have permissions you do not hold: gameserver\.control/);
    const ok = await as(users.tokener, 'POST', '/apitoken', { name: 'weak', permissions: ['gameserver.read'] });
    assert.equal(ok.status, 201, ok.text);
  });

  it("an Owner's narrow API token is not an Owner: it cannot make Owners", async () => {
    const created = await as(owner, 'POST', '/apitoken', { name: 'owner-ops', permissions: ['members.read', 'members.manage', 'gameserver.read'] });
    assert.equal(created.status, 201, created.text);
    const token = created.body.data.token as string;
    const reader = await createMember(t, owner, domainId, 'reader2', 'Readers');
    const target = await membershipOf(reader.userId);
    refused(await t.request('PUT', `/membership/${target.id}`, { headers: { 'x-api-key': token }, body: { roleId: role.Owner } }), /Only an Owner/);
    refused(await t.request('PUT', `/membership/${target.id}`, { headers: { 'x-api-key': token }, body: { roleId: role.Admin } }), /cannot assign the role Admin/);
    // A member stronger than the token (the Viewer role has files.read) is out of its reach too.
    const viewerMembership = await membershipOf(users.viewer.userId);
    refused(await t.request('PUT', `/membership/${viewerMembership.id}`, { headers: { 'x-api-key': token }, body: { roleId: role.Readers } }), /role \(Viewer\)/);
    // Within the token's own permissions it works.
    const ok = await t.request('PUT', `/membership/${target.id}`, { headers: { 'x-api-key': token }, body: { roleId: role.Managers } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal((await membershipOf(reader.userId)).roleId, role.Managers);
  });

  it('only an Owner makes Owners; a domain always keeps one, even under concurrent demotions', async () => {
    const second = await createMember(t, owner, domainId, 'coowner', 'Member');
    const secondMembership = await membershipOf(second.userId);
    const made = await as(owner, 'PUT', `/membership/${secondMembership.id}`, { roleId: role.Owner });
    assert.equal(made.status, 200, made.text);
    const ownerMembership = await membershipOf(owner.userId);
    // Each Owner demotes the other at the same moment: one wins; the other, no longer an Owner, is refused.
    const [a, b] = await Promise.all([
      as(owner, 'PUT', `/membership/${secondMembership.id}`, { roleId: role.Member }),
      as(second, 'PUT', `/membership/${ownerMembership.id}`, { roleId: role.Member }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 403], `${a.text} | ${b.text}`);
    // The loser is refused either by the Owner rule (its request got past the permission guard before
    // its demotion committed) or by the guard itself (it was already a Member): both are this race's right answer.
    const loser = (a.status === 403 ? a : b).body.meta.error;
    assert.equal(loser.code, 'ForbiddenError');
    assert.match(loser.message, /^(Only an Owner|Missing permission members\.manage)/);
    const survivor = a.status === 200 ? owner : second;
    const owners = await as(survivor, 'POST', '/membership/search', { filters: { roleId: role.Owner } });
    assert.equal(owners.body.data.length, 1, 'exactly one Owner left');
    // The remaining Owner can't demote themselves away.
    const survivorMembership = await membershipOf(survivor.userId);
    const last = await as(survivor, 'PUT', `/membership/${survivorMembership.id}`, { roleId: role.Member });
    assert.equal(last.status, 409, last.text);
    assert.match(last.body.meta.error.message, /at least one owner/);
    if (survivor !== owner) {
      // Hand the domain back: the original Owner is the only Owner again for the tests below.
      assert.equal((await as(survivor, 'PUT', `/membership/${ownerMembership.id}`, { roleId: role.Owner })).status, 200);
      assert.equal((await as(owner, 'PUT', `/membership/${secondMembership.id}`, { roleId: role.Member })).status, 200);
    }
  });

  it('only an Owner deletes the domain; an Admin (with domain.manage) cannot', async () => {
    refused(await as(users.admin2, 'DELETE', `/domain/${domainId}`), /Only an Owner can delete the domain/);
    assert.equal((await as(owner, 'GET', `/domain/${domainId}`)).status, 200, 'still there');
  });

  it("an instance admin's restricted instance-wide token is not an instance admin", async () => {
    const created = await t.request('POST', '/apitoken', {
      token: root.token,
      domain: root.domainId,
      body: { name: 'scoped-wide', permissions: ['members.read', 'members.manage'], instanceWide: true },
    });
    assert.equal(created.status, 201, created.text);
    const headers = { 'x-api-key': created.body.data.token as string, 'x-takaro-domain': root.domainId };
    // Another tenant's domain: not a member, so not visible, let alone changeable.
    const disable = await t.request('PUT', `/domain/${domainId}`, { headers, body: { state: 'DISABLED' } });
    assert.equal(disable.status, 404, disable.text);
    const metrics = await t.request('GET', '/metrics', { headers });
    assert.equal(metrics.status, 403, metrics.text);
    // In its own domain it is held to its permissions: the Owner role is out of reach.
    assert.equal((await t.request('POST', '/role', { token: root.token, domain: root.domainId, body: { name: 'WideReaders', permissions: ['members.read'] } })).status, 201);
    const plain = await createMember(t, root, root.domainId, 'widetarget', 'WideReaders');
    const target = (await t.request('POST', '/membership/search', { token: root.token, domain: root.domainId, body: { filters: { userId: plain.userId } } })).body.data[0];
    const ownerRole = await roleId(t, root.token, root.domainId, 'Owner');
    refused(await t.request('PUT', `/membership/${target.id}`, { headers, body: { roleId: ownerRole } }), /Only an Owner can make someone an Owner/);
    assert.equal((await t.request('GET', `/domain/${domainId}`, { token: owner.token })).body.data.state, 'ACTIVE');
  });

  it("an instance admin cannot delete the account of a domain's only Owner", async () => {
    const r = await t.request('DELETE', `/user/${owner.userId}`, { token: root.token, domain: root.domainId });
    assert.equal(r.status, 409, r.text);
    assert.match(r.body.meta.error.message, /only Owner/);
    assert.deepEqual(r.body.meta.error.details.domains, [domainId]);
    await login(t, 'guildowner'); // the account is still there
  });

  it('DISABLED is an instance-admin decision; domain managers move between ACTIVE and MAINTENANCE', async () => {
    refused(await as(owner, 'PUT', `/domain/${domainId}`, { state: 'DISABLED' }), /Only instance administrators can disable/);
    assert.equal((await as(owner, 'PUT', `/domain/${domainId}`, { state: 'MAINTENANCE' })).status, 200);
    assert.equal((await as(owner, 'PUT', `/domain/${domainId}`, { state: 'ACTIVE' })).status, 200);
    assert.equal((await t.request('PUT', `/domain/${domainId}`, { token: root.token, body: { state: 'DISABLED' } })).status, 200);
    refused(await t.request('PUT', `/domain/${domainId}`, { token: owner.token, body: { state: 'ACTIVE' } }), /disabled by an instance administrator/);
    refused(await t.request('PUT', `/domain/${domainId}`, { token: owner.token, body: { name: 'Renamed' } }), /disabled by an instance administrator/);
    refused(await t.request('DELETE', `/domain/${domainId}`, { token: owner.token }), /disabled by an instance administrator/);
    const still = await t.request('GET', `/domain/${domainId}`, { token: root.token });
    assert.equal(still.body.data.state, 'DISABLED');
    assert.equal(still.body.data.name, 'Guild');
    assert.equal((await t.request('PUT', `/domain/${domainId}`, { token: root.token, body: { state: 'ACTIVE' } })).status, 200);
  });
});
