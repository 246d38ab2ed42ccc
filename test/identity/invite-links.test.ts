import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { redactQuery } from '../../src/core/logging/logging';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, login, PASSWORD, roleId, Session } from '../helpers/fixtures';

/** Invite links for people without an account, and the account's own sessions. */
describe('identity: invite links and own sessions', () => {
  let t: TestApp;
  let admin: Session;
  let db: DataSource;

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
    db = t.app.get(DataSource);
  });
  after(async () => {
    await t.close();
  });

  async function invite(email: string, role = 'Viewer'): Promise<{ token: string; id: string; roleId: string }> {
    const rid = await roleId(t, admin.token, admin.domainId, role);
    const r = await t.request('POST', '/membership', { token: admin.token, domain: admin.domainId, body: { email, roleId: rid } });
    assert.equal(r.status, 201, r.text);
    return { token: r.body.data.inviteToken, id: r.body.data.id, roleId: rid };
  }
  const preview = (token: string) => t.request('GET', `/membership/invite/${encodeURIComponent(token)}`);
  const register = (token: string, body: Record<string, unknown>) => t.request('POST', `/membership/invite/${encodeURIComponent(token)}/register`, { body });

  it('the preview shows domain, role, email and expiry, without an account and without secrets', async () => {
    const inv = await invite('viv@example.com');
    const r = await preview(inv.token);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.body.data).sort(), ['domainName', 'email', 'expiresAt', 'roleName']);
    assert.equal(r.body.data.domainName, 'Alpha');
    assert.equal(r.body.data.roleName, 'Viewer');
    assert.equal(r.body.data.email, 'viv@example.com');
    assert.ok(new Date(r.body.data.expiresAt).getTime() > Date.now());
  });

  it('registering from the invite signs in, and the membership is ACTIVE with the invited role', async () => {
    const inv = await invite('nina@example.com');
    const r = await register(inv.token, { username: 'nina', password: PASSWORD });
    assert.equal(r.status, 201, r.text);
    assert.equal(typeof r.body.data.token, 'string');
    assert.equal(typeof r.body.data.refreshToken, 'string');
    const me = await t.request('GET', '/me', { token: r.body.data.token });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.data.user.username, 'nina');
    assert.equal(me.body.data.user.email, 'nina@example.com');
    assert.deepEqual(
      me.body.data.domains.map((d: { id: string }) => d.id),
      [admin.domainId],
    );
    assert.deepEqual(me.body.data.permissions.sort(), ['alerts.read', 'backups.read', 'files.read', 'gameserver.read', 'members.read', 'nodes.read', 'schedules.read', 'workloads.read']);
    const [row] = await db.query(`SELECT "userId", state, "roleId", "inviteTokenHash" FROM membership WHERE id = $1`, [inv.id]);
    assert.deepEqual(row, { userId: me.body.data.user.id, state: 'ACTIVE', roleId: inv.roleId, inviteTokenHash: null });
    // The password works for a normal login too.
    assert.equal((await t.request('POST', '/login', { body: { username: 'nina', password: PASSWORD } })).status, 200);
  });

  it('a used, expired or unknown link is 404 with one clear message, for preview and register', async () => {
    const used = await invite('used@example.com');
    assert.equal((await register(used.token, { username: 'used1', password: PASSWORD })).status, 201);
    const expired = await invite('late@example.com');
    await db.query(`UPDATE membership SET "inviteExpiresAt" = now() - interval '1 minute' WHERE id = $1`, [expired.id]);
    // Beyond the router's parameter length, a link is not even a route: still 404.
    assert.equal((await preview('x'.repeat(500))).status, 404);
    for (const token of [used.token, expired.token, 'outpost_inv_doesnotexistatall']) {
      const p = await preview(token);
      assert.equal(p.status, 404, p.text);
      assert.equal(p.body.meta.error.code, 'NotFoundError');
      assert.match(p.body.meta.error.message, /not valid.*Ask for a new one/);
      const reg = await register(token, { username: 'someone-new', password: PASSWORD });
      assert.equal(reg.status, 404, reg.text);
    }
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM "user" WHERE username = 'someone-new'`);
    assert.equal(count, 0, 'no account was made from a dead link');
  });

  it('an email other than the invited one is refused (403); a taken username or email is 409; the link stays usable', async () => {
    const inv = await invite('olga@example.com');
    const wrongEmail = await register(inv.token, { username: 'olga', password: PASSWORD, email: 'mallory@example.com' });
    assert.equal(wrongEmail.status, 403, wrongEmail.text);
    assert.match(wrongEmail.body.meta.error.message, /another email/);
    const taken = await register(inv.token, { username: 'ADMIN', password: PASSWORD });
    assert.equal(taken.status, 409, taken.text);
    assert.match(taken.body.meta.error.message, /username is taken/);
    // An account that already has the invited email signs in and accepts instead.
    const existing = await createMember(t, admin, admin.domainId, 'paula');
    const inv2 = await invite('someone-else@example.com');
    await db.query(`UPDATE "user" SET email = 'someone-else@example.com' WHERE id = $1`, [existing.userId]);
    const dupEmail = await register(inv2.token, { username: 'paula2', password: PASSWORD });
    assert.equal(dupEmail.status, 409, dupEmail.text);
    assert.match(dupEmail.body.meta.error.message, /sign in and accept/);
    // Nothing was spent: the same link still works with a valid request.
    assert.equal((await preview(inv.token)).status, 200);
    const ok = await register(inv.token, { username: 'olga', password: PASSWORD, email: 'OLGA@example.com' });
    assert.equal(ok.status, 201, ok.text);
  });

  it('two sign-ups racing on one link: exactly one account', async () => {
    const inv = await invite('race@example.com');
    const [a, b] = await Promise.all([register(inv.token, { username: 'race-a', password: PASSWORD }), register(inv.token, { username: 'race-b', password: PASSWORD })]);
    // The loser meets either the taken link (404) or the invited email's unique index (409); never a second account.
    const statuses = [a.status, b.status].sort();
    assert.equal(statuses[0], 201, `${a.text} ${b.text}`);
    const loser = a.status === 201 ? b : a;
    const refusal = `${loser.status} ${loser.body.meta.error.code}`;
    assert.ok(['404 NotFoundError', '409 ConflictError'].includes(refusal), `${a.text} ${b.text}`);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM "user" WHERE username IN ('race-a', 'race-b')`);
    assert.equal(count, 1);
  });

  it('the existing-account path still works: a signed-in user accepts with POST /membership/accept', async () => {
    const inv = await invite('quinn@example.com', 'Member');
    const other = await t.request('POST', '/domain', { token: admin.token, body: { name: 'Elsewhere' } });
    const quinn = await createMember(t, admin, other.body.data.id, 'quinn');
    const acc = await t.request('POST', '/membership/accept', { token: quinn.token, body: { token: inv.token } });
    assert.equal(acc.status, 200, acc.text);
    assert.equal((await preview(inv.token)).status, 404, 'accepted links are used up');
  });

  it('invite tokens in paths are redacted from request logs', () => {
    assert.equal(redactQuery('/membership/invite/outpost_inv_SECRET/register'), '/membership/invite/[redacted]/register');
    assert.equal(redactQuery('/membership/invite/outpost_inv_SECRET'), '/membership/invite/[redacted]');
    // The dashboard's page for the link is served (and logged) by the API too.
    assert.equal(redactQuery('/invite/outpost_inv_SECRET'), '/invite/[redacted]');
    assert.equal(redactQuery('/servers/invite/x'), '/servers/invite/x');
  });

  it('sessions: I list mine (the current one marked), end another one of mine; another user’s session is 404', async () => {
    const rick = await createMember(t, admin, admin.domainId, 'rick');
    const second = await login(t, 'rick');
    const list = await t.request('GET', '/me/sessions', { token: rick.token });
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.data.length, 2);
    assert.equal(list.body.data.filter((s: { current: boolean }) => s.current).length, 1);
    const current = list.body.data.find((s: { current: boolean }) => s.current);
    const other = list.body.data.find((s: { current: boolean }) => !s.current);
    assert.ok(current.createdAt && current.lastUsedAt && current.expiresAt);

    // Another user's session id: 404, and that session keeps working.
    const adminSessions = await t.request('GET', '/me/sessions', { token: admin.token });
    const adminSession = adminSessions.body.data.find((s: { current: boolean }) => s.current);
    const foreign = await t.request('DELETE', `/me/sessions/${adminSession.id}`, { token: rick.token });
    assert.equal(foreign.status, 404, foreign.text);
    assert.equal(foreign.body.meta.error.code, 'NotFoundError');
    assert.equal((await t.request('GET', '/me', { token: admin.token })).status, 200);

    // Ending my other session: its access token stops at once, its refresh token too; mine goes on.
    const end = await t.request('DELETE', `/me/sessions/${other.id}`, { token: rick.token });
    assert.equal(end.status, 200, end.text);
    assert.equal((await t.request('GET', '/me', { token: second.token })).status, 401);
    assert.equal((await t.request('POST', '/auth/refresh', { body: { refreshToken: second.refreshToken } })).status, 401);
    assert.equal((await t.request('GET', '/me', { token: rick.token })).status, 200);
    const after = await t.request('GET', '/me/sessions', { token: rick.token });
    assert.deepEqual(
      after.body.data.map((s: { id: string }) => s.id),
      [current.id],
    );
    // Ending it twice: it is gone.
    assert.equal((await t.request('DELETE', `/me/sessions/${other.id}`, { token: rick.token })).status, 404);
  });

  it('sessions are for signed-in people: an API token is refused (403)', async () => {
    const created = await t.request('POST', '/apitoken', { token: admin.token, domain: admin.domainId, body: { name: 'bot', permissions: ['members.read'] } });
    assert.equal(created.status, 201, created.text);
    const r = await t.request('GET', '/me/sessions', { token: created.body.data.token });
    assert.equal(r.status, 403, r.text);
  });
});
