import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { ConsoleAuthService } from '../../src/modules/console/console-auth.service';
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

  it('a console token ends with the session or API token it was issued under', async () => {
    const u = await createMember(t, root, root.domainId, 'consoler', 'Admin');
    const req = (method: string, url: string, body?: unknown, token = u.token) => t.request(method, url, { token, domain: root.domainId, body });
    const node = await req('POST', '/node', { name: 'console-node', address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });
    assert.equal(node.status, 201, node.text);
    const workload = await req('POST', '/workload/from-template', { template: 'echo-server', name: 'console-workload' });
    assert.equal(workload.status, 201, workload.text);
    // Placement needs an online node; the console token only needs the row.
    const [server] = await t.app
      .get(DataSource)
      .query(
        `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", image, "memoryMiB", "cpuPercent", "diskMiB", pids) VALUES ($1, 'console-server', $2, $3, 'outpost/echo-server:local', 64, 50, 64, 64) RETURNING id`,
        [root.domainId, workload.body.data.id, node.body.data.id],
      );
    const consoleAuth = t.app.get(ConsoleAuthService);
    const fromSession = await req('POST', `/gameserver/${server.id}/console-token`);
    assert.equal(fromSession.status, 201, fromSession.text);
    const apiToken = await tokenFor(u, []);
    const fromApiToken = await t.request('POST', `/gameserver/${server.id}/console-token`, { headers: { 'x-api-key': apiToken } });
    assert.equal(fromApiToken.status, 201, fromApiToken.text);
    for (const r of [fromSession, fromApiToken]) assert.equal((await consoleAuth.authenticate(server.id, r.body.data.token)).userId, u.userId);

    const search = await t.request('POST', '/apitoken/search', { token: root.token, domain: root.domainId, body: {} });
    const row = search.body.data.find((x: { userId: string }) => x.userId === u.userId);
    assert.equal((await t.request('DELETE', `/apitoken/${row.id}`, { token: root.token, domain: root.domainId })).status, 200);
    await assert.rejects(consoleAuth.authenticate(server.id, fromApiToken.body.data.token), /API token this console token came from has ended/);

    assert.equal((await req('PUT', `/user/${u.userId}`, { password: NEW_PASSWORD, currentPassword: PASSWORD })).status, 200);
    await assert.rejects(consoleAuth.authenticate(server.id, fromSession.body.data.token), /session or API token this console token came from has ended/);
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
