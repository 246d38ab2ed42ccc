import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { trustedDomainId } from '@libs/tenancy/domain-id';
import { DomainAccessService } from '../../src/modules/auth/domain-access.service';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';
import { createTestApp, TestApp } from '../helpers/test-app';

/**
 * DomainAccessService is the one answer to "which permissions does this user have in this
 * domain" for the DomainGuard (every HTTP request) and console sockets; these check its rules
 * and that the HTTP side answers the same.
 */
describe('domain access: one resolver for DomainGuard and console auth', () => {
  let t: TestApp;
  let admin: Session;
  let member: Session;
  let otherDomain: string;
  let access: DomainAccessService;
  const domain = () => trustedDomainId(admin.domainId);
  const roleSearch = (s: Session) => t.request('POST', '/role/search', { token: s.token, domain: s.domainId, body: {} });

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
    member = await createMember(t, admin, admin.domainId, 'mia', 'Member');
    otherDomain = await createDomain(t, admin.token, 'Beta');
    access = t.app.get(DomainAccessService);
  });

  after(async () => {
    await t?.close();
  });

  it("a member gets their role's permissions, narrowed to a credential's subset; a non-member gets null", async () => {
    const roles = await t.request('POST', '/role/search', { token: admin.token, domain: admin.domainId, body: { filters: { name: 'Member' } } });
    const rolePermissions = (roles.body.data[0].permissions as string[]).slice().sort();
    assert.ok(rolePermissions.length > 0 && !rolePermissions.includes('domain.manage'));

    const full = await access.permissionsIn(domain(), member.userId);
    assert.deepEqual([...full!].sort(), rolePermissions);
    const narrowed = await access.permissionsIn(domain(), member.userId, [rolePermissions[0], 'domain.manage']);
    assert.deepEqual([...narrowed!], [rolePermissions[0]], 'a subset never adds what the role lacks');
    assert.equal((await access.permissionsIn(domain(), member.userId, []))?.size, 0, 'an empty subset is no permission at all');
    assert.equal(await access.permissionsIn(trustedDomainId(otherDomain), member.userId), null);
  });

  it('in MAINTENANCE only holders of domain.manage get in, after narrowing; HTTP answers the same', async () => {
    assert.equal((await t.request('PUT', `/domain/${admin.domainId}`, { token: admin.token, body: { state: 'MAINTENANCE' } })).status, 200);
    try {
      await assert.rejects(access.permissionsIn(domain(), member.userId), /maintenance/);
      assert.ok((await access.permissionsIn(domain(), admin.userId))!.has('domain.manage'));
      await assert.rejects(access.permissionsIn(domain(), admin.userId, ['gameserver.read']), /maintenance/, 'a credential without domain.manage is refused even for an Owner');

      const refused = await roleSearch(member);
      assert.equal(refused.status, 403);
      assert.match(refused.body.meta.error.message, /maintenance/);
      assert.equal((await roleSearch(admin)).status, 200);
    } finally {
      assert.equal((await t.request('PUT', `/domain/${admin.domainId}`, { token: admin.token, body: { state: 'ACTIVE' } })).status, 200);
    }
    assert.equal((await roleSearch(member)).status, 200);
  });

  it('a DISABLED domain refuses everyone, its Owner too; HTTP answers the same', async () => {
    assert.equal((await t.request('PUT', `/domain/${admin.domainId}`, { token: admin.token, body: { state: 'DISABLED' } })).status, 200);
    try {
      await assert.rejects(access.permissionsIn(domain(), admin.userId), /disabled/);
      await assert.rejects(access.permissionsIn(domain(), member.userId), /disabled/);
      const refused = await roleSearch(admin);
      assert.equal(refused.status, 403);
      assert.match(refused.body.meta.error.message, /disabled/);
    } finally {
      assert.equal((await t.request('PUT', `/domain/${admin.domainId}`, { token: admin.token, body: { state: 'ACTIVE' } })).status, 200);
    }
  });
});
