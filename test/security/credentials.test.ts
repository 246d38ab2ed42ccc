import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, login, PASSWORD, Session } from '../helpers/fixtures';

const NEW_PASSWORD = 'a-brand-new-passphrase';

/**
 * Credentials are not API-token business, and a new password or a logout ends sessions: refresh
 * tokens and the access tokens issued under them, on the next request.
 */
describe('credentials, sessions and API tokens', () => {
  let t: TestApp;
  let root: Session;

  before(async () => {
    t = await createTestApp();
    root = await bootstrapAdmin(t, 'Creds');
  });
  after(async () => {
    await t.close();
  });

  const tokenFor = async (s: Session, permissions: string[]) => {
    const r = await t.request('POST', '/apitoken', { token: s.token, domain: s.domainId, body: { name: `t-${permissions.length}-${Date.now()}`, permissions } });
    assert.equal(r.status, 201, r.text);
    return r.body.data.token as string;
  };

  it('no API token, however strong, changes credentials, MFA, sessions, tokens or tenancy', async () => {
    const u = await createMember(t, root, root.domainId, 'tokenowner', 'Admin');
    const full = await tokenFor(u, []);
    const narrow = await tokenFor(u, ['members.read']);
    const attempts: Array<[string, string, unknown]> = [
      ['PUT', `/user/${u.userId}`, { password: NEW_PASSWORD, currentPassword: PASSWORD }],
      ['PUT', `/user/${u.userId}`, { email: 'taken-over@example.com', currentPassword: PASSWORD }],
      ['POST', '/auth/mfa/enroll', undefined],
      ['POST', '/auth/mfa/confirm', { code: '123456' }],
      ['POST', '/auth/mfa/disable', { code: '123456' }],
      ['POST', '/logout', {}],
      ['POST', '/apitoken', { name: 'child', permissions: ['members.read'] }],
      ['POST', '/domain', { name: 'Token Land' }],
      ['DELETE', `/domain/${root.domainId}`, undefined],
      ['POST', '/membership/accept', { token: 'outpost_inv_0123456789abcdef' }],
    ];
    const failures: string[] = [];
    for (const token of [full, narrow]) {
      for (const headers of [{ authorization: `Bearer ${token}` }, { 'x-api-key': token }] as Array<Record<string, string>>) {
        for (const [method, url, body] of attempts) {
          const r = await t.request(method, url, { headers, body });
          const ok = r.status === 403 && r.body?.meta?.error?.code === 'ForbiddenError' && /API tokens cannot do this/.test(r.body.meta.error.message);
          if (!ok) failures.push(`${method} ${url} via ${Object.keys(headers)[0]} (${token === full ? 'full' : 'narrow'}) → ${r.status} ${r.text.slice(0, 160)}`);
        }
      }
    }
    assert.deepEqual(failures, []);
    // Nothing changed: the old password still works and the email is the same.
    const s = await login(t, 'tokenowner');
    const me = await t.request('GET', '/me', { token: s.token });
    assert.equal(me.body.data.user.email, 'tokenowner@example.com');
    assert.equal(me.body.data.user.mfaEnabled, false);
    const domains = await t.request('POST', '/domain/search', { token: root.token, body: { filters: { name: 'Token Land' } } });
    assert.equal(domains.body.data.length, 0);
  });

  it('changing your own password or email needs the current password (missing → 400, wrong → 403)', async () => {
    const u = await createMember(t, root, root.domainId, 'changer');
    const missing = await t.request('PUT', `/user/${u.userId}`, { token: u.token, body: { password: NEW_PASSWORD } });
    assert.equal(missing.status, 400, missing.text);
    assert.equal(missing.body.meta.error.details[0].path, 'currentPassword');
    const wrong = await t.request('PUT', `/user/${u.userId}`, { token: u.token, body: { password: NEW_PASSWORD, currentPassword: 'not-my-password' } });
    assert.equal(wrong.status, 403, wrong.text);
    assert.match(wrong.body.meta.error.message, /Current password is incorrect/);
    const email = await t.request('PUT', `/user/${u.userId}`, { token: u.token, body: { email: 'elsewhere@example.com', currentPassword: 'not-my-password' } });
    assert.equal(email.status, 403, email.text);
    await login(t, 'changer', PASSWORD); // unchanged
  });

  it('a new password ends every session: refresh tokens and earlier access tokens, on the next request', async () => {
    const u = await createMember(t, root, root.domainId, 'rotator');
    const other = await login(t, 'rotator');
    assert.equal((await t.request('GET', '/me', { token: other.token })).status, 200);
    const changed = await t.request('PUT', `/user/${u.userId}`, { token: u.token, body: { password: NEW_PASSWORD, currentPassword: PASSWORD } });
    assert.equal(changed.status, 200, changed.text);
    for (const s of [u, other]) {
      const me = await t.request('GET', '/me', { token: s.token });
      assert.equal(me.status, 401, 'access token issued before the change is refused');
      const refreshed = await t.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } });
      assert.equal(refreshed.status, 401, 'refresh token revoked');
    }
    assert.equal((await t.request('POST', '/login', { body: { username: 'rotator', password: PASSWORD } })).status, 401, 'old password no longer works');
    const fresh = await login(t, 'rotator', NEW_PASSWORD);
    assert.equal((await t.request('GET', '/me', { token: fresh.token })).status, 200);
  });

  it("an instance admin resets someone's password without theirs; that person's sessions end", async () => {
    const u = await createMember(t, root, root.domainId, 'forgetful');
    const reset = await t.request('PUT', `/user/${u.userId}`, { token: root.token, domain: root.domainId, body: { password: NEW_PASSWORD } });
    assert.equal(reset.status, 200, reset.text);
    assert.equal((await t.request('GET', '/me', { token: u.token })).status, 401);
    await login(t, 'forgetful', NEW_PASSWORD);
    // A domain admin (not an instance admin) cannot do the same to someone else.
    const domainAdmin = await createMember(t, root, root.domainId, 'domainadmin', 'Admin');
    const refused = await t.request('PUT', `/user/${u.userId}`, { token: domainAdmin.token, domain: root.domainId, body: { password: 'another-new-password' } });
    assert.equal(refused.status, 403, refused.text);
  });

  it('logout ends that session and its access tokens; other sessions go on', async () => {
    await createMember(t, root, root.domainId, 'twodevices');
    const laptop = await login(t, 'twodevices');
    const phone = await login(t, 'twodevices');
    const out = await t.request('POST', '/logout', { token: laptop.token, body: { refreshToken: laptop.refreshToken } });
    assert.equal(out.status, 200, out.text);
    assert.equal((await t.request('GET', '/me', { token: laptop.token })).status, 401, "the laptop's access token ends with its session");
    assert.equal((await t.request('POST', '/auth/refresh', { body: { refreshToken: laptop.refreshToken } })).status, 401);
    assert.equal((await t.request('GET', '/me', { token: phone.token })).status, 200, 'the phone stays signed in');
    // Someone else's refresh token in my logout does not end their session.
    const mallory = await createMember(t, root, root.domainId, 'mallory');
    await t.request('POST', '/logout', { token: mallory.token, body: { refreshToken: phone.refreshToken } });
    assert.equal((await t.request('POST', '/auth/refresh', { body: { refreshToken: phone.refreshToken } })).status, 200);
  });

  it('an access token refreshed after a logout belongs to no open session', async () => {
    await createMember(t, root, root.domainId, 'refresher');
    const s = await login(t, 'refresher');
    const refreshed = await t.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } });
    assert.equal(refreshed.status, 200, refreshed.text);
    await t.request('POST', '/logout', { token: s.token, body: {} });
    assert.equal((await t.request('GET', '/me', { token: refreshed.body.data.token })).status, 401, 'logging out without a refresh token ends every session');
  });
});
