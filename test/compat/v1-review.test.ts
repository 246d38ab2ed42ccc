import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bootstrapAdmin, createDomain, createMember, PASSWORD, Session } from '../helpers/fixtures';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';

/**
 * Review regressions of the /v1 dialect: errors Fastify raises before routing keep the dialect's
 * `{ error }` shape; API tokens never change credentials, MFA, tokens or tenancy; a domain Owner
 * (and an instance administrator's API token) never reaches instance-administrator routes.
 */
describe('/v1 review regressions', () => {
  let t: TestApp;
  let admin: Session;
  let ownerB: Session;
  let orgB: string;
  let tokenB: string;

  const v1 = (method: string, url: string, token?: string, body?: unknown, domain?: string) => t.request(method, url, { token, body, domain });
  const assertError = (r: Reply, status: number, message: RegExp) => {
    assert.equal(r.status, status, r.text);
    assert.deepEqual(Object.keys(r.body as object), ['error'], r.text);
    assert.match(r.body.error, message);
  };

  before(async () => {
    t = await createTestApp();
    admin = await bootstrapAdmin(t);
    orgB = await createDomain(t, admin.token, 'Bravo');
    ownerB = await createMember(t, admin, orgB, 'bravo-owner', 'Owner');
    const tok = await v1('POST', '/v1/api-tokens', ownerB.token, { name: 'review' }, orgB);
    assert.equal(tok.status, 201, tok.text);
    tokenB = tok.body.token;
  });
  after(async () => {
    await t?.close();
  });

  it('a path segment over 100 characters or with bad percent-encoding answers in the /v1 error shape, not the envelope', async () => {
    const long = 'k'.repeat(5000);
    assertError(await v1('DELETE', `/v1/organizations/${orgB}/members/${ownerB.userId}/permissions/${long}`, ownerB.token), 404, /path segment is longer/);
    assertError(await v1('POST', `/v1/invites/${long}/accept`, ownerB.token), 404, /path segment is longer/);
    assertError(await v1('GET', `/v1/instances/%E0%A4%A`, ownerB.token, undefined, orgB), 400, /Malformed URL/);
    // Outpost's own routes keep the envelope.
    const native = await v1('GET', `/gameserver/${long}`, ownerB.token, undefined, orgB);
    assert.equal(native.status, 404, native.text);
    assert.equal(native.body.meta.error.code, 'NotFoundError');
  });

  it('an API token cannot change the password, MFA, tokens or tenancy through /v1', async () => {
    const refused = /API tokens cannot do this/;
    assertError(await v1('POST', '/v1/users/me/password', tokenB, { current_password: PASSWORD, new_password: 'another-password-123' }, orgB), 403, refused);
    assertError(await v1('POST', '/v1/auth/mfa/enroll', tokenB), 403, refused);
    assertError(await v1('POST', '/v1/auth/mfa/disable', tokenB, { code: '123456' }), 403, refused);
    assertError(await v1('POST', '/v1/api-tokens', tokenB, { name: 'again' }, orgB), 403, refused);
    assertError(await v1('POST', '/v1/organizations', tokenB, { name: 'Elsewhere' }), 403, refused);
    assertError(await v1('DELETE', `/v1/organizations/${orgB}`, tokenB), 403, refused);
    assertError(await v1('POST', '/v1/invites/0123456789abcdef/accept', tokenB), 403, refused);
    // …and it stays inside its organization.
    assertError(await v1('GET', `/v1/organizations/${admin.domainId}`, tokenB), 403, /bound to another domain/);
  });

  it("a domain Owner and an instance administrator's API token are refused the instance-administrator routes", async () => {
    assertError(await v1('GET', '/v1/admin/users', ownerB.token), 403, /Instance administrators only/);
    assertError(await v1('GET', '/v1/admin/organizations', ownerB.token), 403, /Instance administrators only/);
    assertError(await v1('POST', `/v1/admin/users/${admin.userId}/suspend`, ownerB.token, { reason: 'review' }), 403, /Instance administrators only/);
    assertError(await v1('GET', '/v1/settings', ownerB.token), 403, /Instance administrators only/);
    assertError(await v1('PUT', '/v1/settings', ownerB.token, { registration_enabled: true }), 403, /Instance administrators only/);
    const adminToken = await v1('POST', '/v1/api-tokens', admin.token, { name: 'admin-review' }, admin.domainId);
    assert.equal(adminToken.status, 201, adminToken.text);
    assertError(await v1('GET', '/v1/admin/users', adminToken.body.token), 403, /Instance administrators only/);
    assertError(await v1('GET', '/v1/settings', adminToken.body.token), 403, /Instance administrators only/);
  });
});
