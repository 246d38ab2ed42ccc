import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import { authenticator } from 'otplib';
import { Client } from 'pg';
import { ErrorCode } from '../../src/core/errors/error-codes';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, login, PASSWORD, roleId, Session } from '../helpers/fixtures';

const JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** A code for the time step `steps` after now (inside the server's ±1 window). */
const codeAt = (secret: string, steps: number) => authenticator.clone({ epoch: Date.now() + steps * 30_000 }).generate(secret);

const refused = (r: Reply, status: number, code: ErrorCode, message?: RegExp) => {
  assert.equal(r.status, status, r.text);
  assert.equal(r.body.meta.error.code, code, r.text);
  if (message) assert.match(r.body.meta.error.message, message);
};

/** What deleting domains, users and roles takes with it; MFA disable/status; expiry of API and access tokens. */
describe('identity lifecycle', () => {
  let t: TestApp;
  let root: Session;
  let db: Client;

  const count = async (sql: string, params: unknown[]) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params)).rows[0].n);
  const apiToken = async (s: { token: string }, domainId: string, body: Record<string, unknown> = {}) => {
    const r = await t.request('POST', '/apitoken', { token: s.token, domain: domainId, body: { name: 'key', ...body } });
    assert.equal(r.status, 201, r.text);
    return r.body.data as { id: string; token: string };
  };
  const asApiKey = (key: string) => t.request('GET', '/me', { headers: { 'x-api-key': key } });

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    root = await bootstrapAdmin(t, 'Life');
    db = new Client({ connectionString: t.db.url });
    await db.connect();
  });
  after(async () => {
    await db?.end();
    await t.close();
  });

  it('deleting a domain deletes its roles, memberships and API tokens; its API token is refused and its member keeps the account', async () => {
    const domainId = await createDomain(t, root.token, 'Doomed');
    const member = await createMember(t, root, domainId, 'doomed-member');
    const custom = await t.request('POST', '/role', { token: root.token, domain: domainId, body: { name: 'Doomed role', permissions: ['members.read'] } });
    assert.equal(custom.status, 201, custom.text);
    const key = await apiToken(root, domainId);
    assert.equal((await asApiKey(key.token)).status, 200);
    assert.equal(await count('role WHERE "domainId" = $1', [domainId]), 5, 'four built-in roles and the custom one');
    assert.equal(await count('membership WHERE "domainId" = $1', [domainId]), 2);
    assert.equal(await count('api_token WHERE "domainId" = $1', [domainId]), 1);
    const rootRoles = await count('role WHERE "domainId" = $1', [root.domainId]);

    const del = await t.request('DELETE', `/domain/${domainId}`, { token: root.token });
    assert.equal(del.status, 200, del.text);

    assert.equal(await count('domain WHERE id = $1', [domainId]), 0);
    assert.equal(await count('role WHERE "domainId" = $1', [domainId]), 0);
    assert.equal(await count('membership WHERE "domainId" = $1', [domainId]), 0);
    assert.equal(await count('api_token WHERE "domainId" = $1', [domainId]), 0);
    assert.equal(await count('role WHERE "domainId" = $1', [root.domainId]), rootRoles, 'other domains keep their roles');
    refused(await t.request('GET', `/domain/${domainId}`, { token: root.token }), 404, ErrorCode.NotFoundError);
    refused(await asApiKey(key.token), 401, ErrorCode.UnauthorizedError, /Invalid, expired or revoked API token/);
    // The account is instance-wide: it survives, with no domain left.
    const me = await t.request('GET', '/me', { token: member.token });
    assert.equal(me.status, 200, me.text);
    assert.deepEqual(me.body.data.domains, []);
    refused(await t.request('POST', `/selected-domain/${domainId}`, { token: member.token }), 404, ErrorCode.NotFoundError);
  });

  it('deleting a user deletes their memberships, API tokens and sessions; their access token, API token and refresh token are refused', async () => {
    const second = await createDomain(t, root.token, 'Second');
    const leaver = await createMember(t, root, root.domainId, 'leaver', 'Admin');
    const invite = await t.request('POST', '/membership', { token: root.token, domain: second, body: { email: 'leaver@example.com' } });
    assert.equal(invite.status, 201, invite.text);
    const accepted = await t.request('POST', '/membership/accept', { token: leaver.token, body: { token: invite.body.data.inviteToken } });
    assert.equal(accepted.status, 200, accepted.text);
    const key = await apiToken(leaver, root.domainId);
    const other = await login(t, 'leaver'); // a second session
    assert.equal(await count('membership WHERE "userId" = $1', [leaver.userId]), 2);
    assert.equal(await count('api_token WHERE "userId" = $1', [leaver.userId]), 1);
    assert.equal(await count('refresh_token WHERE "userId" = $1', [leaver.userId]), 2, "two sessions: createMember's login and the second one");
    assert.equal((await t.request('GET', '/me', { token: leaver.token })).status, 200);

    const del = await t.request('DELETE', `/user/${leaver.userId}`, { token: root.token, domain: root.domainId });
    assert.equal(del.status, 200, del.text);

    assert.equal(await count('"user" WHERE id = $1', [leaver.userId]), 0);
    assert.equal(await count('membership WHERE "userId" = $1', [leaver.userId]), 0);
    assert.equal(await count('api_token WHERE "userId" = $1', [leaver.userId]), 0);
    assert.equal(await count('refresh_token WHERE "userId" = $1', [leaver.userId]), 0);
    for (const token of [leaver.token, other.token]) refused(await t.request('GET', '/me', { token }), 401, ErrorCode.UnauthorizedError, /Invalid or expired access token/);
    refused(await asApiKey(key.token), 401, ErrorCode.UnauthorizedError, /Invalid, expired or revoked API token/);
    refused(await t.request('POST', '/auth/refresh', { body: { refreshToken: other.refreshToken } }), 401, ErrorCode.UnauthorizedError, /Refresh token is invalid or expired/);
    refused(await t.request('POST', '/login', { body: { username: 'leaver', password: PASSWORD } }), 401, ErrorCode.UnauthorizedError);
  });

  it('a role still assigned to a member cannot be deleted (409, membership untouched); once reassigned it is deleted; built-in roles never (403)', async () => {
    const created = await t.request('POST', '/role', { token: root.token, domain: root.domainId, body: { name: 'Moderator', permissions: ['members.read', 'gameserver.read'] } });
    assert.equal(created.status, 201, created.text);
    const moderatorId = created.body.data.id as string;
    const mod = await createMember(t, root, root.domainId, 'moderator', 'Moderator');
    const membership = (await db.query<{ id: string; roleId: string }>('SELECT id, "roleId" FROM membership WHERE "userId" = $1', [mod.userId])).rows[0];
    assert.equal(membership.roleId, moderatorId);

    refused(await t.request('DELETE', `/role/${moderatorId}`, { token: root.token, domain: root.domainId }), 409, ErrorCode.ConflictError, /still assigned to members/);
    assert.equal(await count('role WHERE id = $1', [moderatorId]), 1);
    assert.equal(await count('membership WHERE id = $1 AND "roleId" = $2', [membership.id, moderatorId]), 1, 'the membership keeps its role');
    const perms = await t.request('GET', '/me', { token: mod.token, domain: root.domainId });
    assert.deepEqual(perms.body.data.permissions, ['gameserver.read', 'members.read']);

    const memberRole = await roleId(t, root.token, root.domainId, 'Member');
    const moved = await t.request('PUT', `/membership/${membership.id}`, { token: root.token, domain: root.domainId, body: { roleId: memberRole } });
    assert.equal(moved.status, 200, moved.text);
    const del = await t.request('DELETE', `/role/${moderatorId}`, { token: root.token, domain: root.domainId });
    assert.equal(del.status, 200, del.text);
    assert.equal(await count('role WHERE id = $1', [moderatorId]), 0);
    assert.equal(await count('membership WHERE id = $1 AND "roleId" = $2', [membership.id, memberRole]), 1, 'the member stays, with the new role');

    refused(await t.request('DELETE', `/role/${memberRole}`, { token: root.token, domain: root.domainId }), 403, ErrorCode.ForbiddenError, /Built-in roles cannot be deleted/);
    assert.equal(await count('role WHERE id = $1', [memberRole]), 1);
  });

  describe('MFA', () => {
    const enrol = async (username: string) => {
      const u = await createMember(t, root, root.domainId, username);
      const e = await t.request('POST', '/auth/mfa/enroll', { token: u.token });
      assert.equal(e.status, 200, e.text);
      const secret = e.body.data.secret as string;
      const c = await t.request('POST', '/auth/mfa/confirm', { token: u.token, body: { code: codeAt(secret, 0) } });
      assert.equal(c.status, 200, c.text);
      return { ...u, secret };
    };
    const status = async (token: string) => {
      const r = await t.request('GET', '/auth/mfa/status', { token });
      assert.equal(r.status, 200, r.text);
      return r.body.data.enabled as boolean;
    };

    it('status follows enrolment; disable refuses a wrong code (400 ValidationError), takes a valid one, clears the secret, and login skips MFA after', async () => {
      const plain = await createMember(t, root, root.domainId, 'no-mfa');
      assert.equal(await status(plain.token), false);
      refused(await t.request('POST', '/auth/mfa/disable', { token: plain.token, body: { code: '123456' } }), 400, ErrorCode.BadRequestError, /MFA is not enabled/);

      const u = await enrol('mfa-off');
      assert.equal(await status(u.token), true);
      const challenged = await t.request('POST', '/login', { body: { username: 'mfa-off', password: PASSWORD } });
      assert.equal(challenged.body.data.mfaRequired, true, challenged.text);

      const wrong = await t.request('POST', '/auth/mfa/disable', { token: u.token, body: { code: '000000' } });
      refused(wrong, 400, ErrorCode.ValidationError, /Invalid MFA code/);
      assert.equal(await status(u.token), true, 'a wrong code leaves MFA on');

      const off = await t.request('POST', '/auth/mfa/disable', { token: u.token, body: { code: codeAt(u.secret, 1) } });
      assert.equal(off.status, 200, off.text);
      assert.deepEqual(off.body.data, { enabled: false });
      assert.equal(await status(u.token), false);
      const row = (await db.query('SELECT "mfaEnabled", "mfaSecret", "mfaRecoveryCodes" FROM "user" WHERE id = $1', [u.userId])).rows[0];
      assert.deepEqual(row, { mfaEnabled: false, mfaSecret: null, mfaRecoveryCodes: [] });
      const direct = await t.request('POST', '/login', { body: { username: 'mfa-off', password: PASSWORD } });
      assert.equal(direct.status, 200, direct.text);
      assert.equal(direct.body.data.mfaRequired, undefined);
      assert.equal((await t.request('GET', '/me', { token: direct.body.data.token })).status, 200);
    });

    it('an MFA challenge token sent as a Bearer access token is refused (401); the same challenge still completes the login', async () => {
      const u = await enrol('challenged');
      const r = await t.request('POST', '/login', { body: { username: 'challenged', password: PASSWORD } });
      assert.equal(r.status, 200, r.text);
      const challengeToken = r.body.data.challengeToken as string;
      assert.equal(r.body.data.token, undefined);
      // Signed with the same key and naming the same user: only its type keeps it from being an access token.
      assert.equal((jwt.decode(challengeToken) as jwt.JwtPayload).sub, u.userId);
      refused(await t.request('GET', '/me', { token: challengeToken }), 401, ErrorCode.UnauthorizedError, /Invalid or expired access token/);
      refused(await t.request('GET', '/auth/mfa/status', { token: challengeToken }), 401, ErrorCode.UnauthorizedError);
      const verified = await t.request('POST', '/auth/mfa/verify', { body: { challengeToken, code: codeAt(u.secret, 1) } });
      assert.equal(verified.status, 200, verified.text);
    });
  });

  it('an API token past its expiresAt is refused (401), as bearer and as x-api-key; one created already expired is a 400 ValidationError', async () => {
    const key = await apiToken(root, root.domainId, { name: 'expiring', expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    assert.equal((await asApiKey(key.token)).status, 200);
    assert.equal((await t.request('GET', '/me', { token: key.token })).status, 200);
    // No minimum lifetime, but waiting on the clock is flaky: move the expiry into the past instead.
    await db.query('UPDATE api_token SET "expiresAt" = now() - interval \'1 second\' WHERE id = $1', [key.id]);
    refused(await asApiKey(key.token), 401, ErrorCode.UnauthorizedError, /Invalid, expired or revoked API token/);
    refused(await t.request('GET', '/me', { token: key.token }), 401, ErrorCode.UnauthorizedError, /Invalid, expired or revoked API token/);

    const past = await t.request('POST', '/apitoken', { token: root.token, domain: root.domainId, body: { name: 'stale', expiresAt: new Date(Date.now() - 60_000).toISOString() } });
    refused(past, 400, ErrorCode.ValidationError, /expiresAt must be in the future/);
    assert.equal(past.body.meta.error.details[0].path, 'expiresAt');
    assert.equal(await count('api_token WHERE name = $1', ['stale']), 0);
  });

  it('an access token with the claims of a real one but exp in the past is refused (401); the same claims unexpired are accepted', async () => {
    const s = await login(t, 'admin');
    const real = jwt.decode(s.token) as jwt.JwtPayload;
    assert.deepEqual(Object.keys(real).sort(), ['exp', 'iat', 'jti', 'sid', 'sub', 'typ']);
    const now = Math.floor(Date.now() / 1000);
    const forge = (iat: number, exp: number) => jwt.sign({ ...real, iat, exp }, JWT_SECRET, { algorithm: 'HS256' });
    // The control proves the forged token is otherwise valid, so the refusal below is the expiry.
    assert.equal((await t.request('GET', '/me', { token: forge(now - 60, now + 600) })).status, 200);
    refused(await t.request('GET', '/me', { token: forge(now - 1000, now - 100) }), 401, ErrorCode.UnauthorizedError, /Invalid or expired access token/);
  });
});
