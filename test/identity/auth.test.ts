import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { authenticator } from 'otplib';
import { DataSource } from 'typeorm';
import { parseApiToken } from '../../src/modules/apitoken/api-token.credentials';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, login, PASSWORD, Session } from '../helpers/fixtures';

describe('identity: bootstrap, login, sessions, domains, tokens, MFA', () => {
  let t: TestApp;
  let admin: Session;
  /** Mutations made below by the admin, each with its target: what 'mutations are audited' looks for. */
  const mutations: Array<{ method: string; route: string; targetId: string }> = [];

  before(async () => {
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:6379' }, { transport: 'supertest' });
  });
  after(async () => {
    await t.close();
  });

  it('bootstrap is needed once, then refused with 409', async () => {
    assert.equal((await t.request('GET', '/auth/bootstrap/status')).body.data.needed, true);
    admin = await bootstrapAdmin(t);
    assert.equal((await t.request('GET', '/auth/bootstrap/status')).body.data.needed, false);
    const again = await t.request('POST', '/auth/bootstrap', { body: { username: 'evil', email: 'e@example.com', password: PASSWORD, domainName: 'X' } });
    assert.equal(again.status, 409);
    assert.equal(again.body.meta.error.code, 'ConflictError');
  });

  it('login with username or email returns the Takaro shape; bad password is 401', async () => {
    const byName = await t.request('POST', '/login', { body: { username: 'admin', password: PASSWORD } });
    assert.equal(byName.status, 200);
    assert.equal(typeof byName.body.data.token, 'string');
    const byEmail = await t.request('POST', '/login', { body: { username: 'ADMIN@example.com', password: PASSWORD } });
    assert.equal(byEmail.status, 200);
    const bad = await t.request('POST', '/login', { body: { username: 'admin', password: 'nope-nope-nope' } });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.meta.error.code, 'UnauthorizedError');
    const extra = await t.request('POST', '/login', { body: { username: 'admin', password: PASSWORD, sneaky: true } });
    assert.equal(extra.status, 400);
    assert.equal(extra.body.meta.error.details[0].path, 'sneaky');
  });

  it('passwords are stored as argon2id hashes', async () => {
    const [row] = await t.app.get(DataSource).query(`SELECT "passwordHash" FROM "user" WHERE username = 'admin'`);
    assert.match(row.passwordHash, /^\$argon2id\$/);
  });

  it('GET /me lists domains and the selected one; no token is 401 in the envelope', async () => {
    const me = await t.request('GET', '/me', { token: admin.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.data.user.username, 'admin');
    assert.equal(me.body.data.user.passwordHash, undefined);
    assert.deepEqual(
      me.body.data.domains.map((d: { name: string }) => d.name),
      ['Alpha'],
    );
    assert.equal(me.body.data.domain, admin.domainId);
    const anon = await t.request('GET', '/me');
    assert.equal(anon.status, 401);
    assert.equal(anon.body.data, null);
    const garbage = await t.request('GET', '/me', { token: 'not-a-jwt' });
    assert.equal(garbage.status, 401);
  });

  it('refresh tokens rotate; reusing an old one revokes the family', async () => {
    const s = await login(t, 'admin');
    const r1 = await t.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } });
    assert.equal(r1.status, 200);
    assert.notEqual(r1.body.data.refreshToken, s.refreshToken);
    const reuse = await t.request('POST', '/auth/refresh', { body: { refreshToken: s.refreshToken } });
    assert.equal(reuse.status, 401);
    const afterTheft = await t.request('POST', '/auth/refresh', { body: { refreshToken: r1.body.data.refreshToken } });
    assert.equal(afterTheft.status, 401, 'the whole family is revoked');
    const s2 = await login(t, 'admin');
    assert.equal((await t.request('POST', '/logout', { token: s2.token, body: { refreshToken: s2.refreshToken } })).status, 200);
    assert.equal((await t.request('POST', '/auth/refresh', { body: { refreshToken: s2.refreshToken } })).status, 401);
  });

  it('selected-domain sets an HttpOnly cookie after checking membership', async () => {
    const beta = await createDomain(t, admin.token, 'Beta');
    const sel = await t.request('POST', `/selected-domain/${beta}`, { token: admin.token });
    assert.equal(sel.status, 200);
    const cookie = String(sel.headers['set-cookie']);
    assert.match(cookie, new RegExp(`takaro-domain=${beta}`));
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const me = await t.request('GET', '/me', { token: admin.token, headers: { cookie: `takaro-domain=${beta}` } });
    assert.equal(me.body.data.domain, admin.domainId, '/me ignores the cookie, reports first domain');
    const roles = await t.request('POST', '/role/search', { token: admin.token, headers: { cookie: `takaro-domain=${beta}` }, body: {} });
    assert.equal(roles.status, 200);
    assert.ok(
      roles.body.data.every((r: { domainId: string }) => r.domainId === beta),
      'cookie selects the domain',
    );
    assert.equal((await t.request('POST', '/selected-domain/00000000-0000-4000-8000-000000000000', { token: admin.token })).status, 404);

    const outsider = await createMember(t, admin, admin.domainId, 'outsider');
    assert.equal((await t.request('POST', `/selected-domain/${beta}`, { token: outsider.token })).status, 403);
    const viaHeader = await t.request('POST', '/role/search', { token: outsider.token, domain: beta, body: {} });
    assert.equal(viaHeader.status, 403);
    const viaCookie = await t.request('POST', '/role/search', { token: outsider.token, headers: { cookie: `takaro-domain=${beta}` }, body: {} });
    assert.equal(viaCookie.status, 403, 'never silently falls back');
  });

  it('permissions are enforced per route', async () => {
    const viewer = await createMember(t, admin, admin.domainId, 'viewer1', 'Viewer');
    const r = await t.request('POST', '/role', { token: viewer.token, domain: admin.domainId, body: { name: 'X', permissions: ['gameserver.read'] } });
    assert.equal(r.status, 403);
    assert.equal(r.body.meta.error.code, 'ForbiddenError');
    const ok = await t.request('POST', '/role', { token: admin.token, domain: admin.domainId, body: { name: 'Mods', permissions: ['gameserver.read', 'gameserver.console'] } });
    assert.equal(ok.status, 201);
    mutations.push({ method: 'POST', route: '/role', targetId: ok.body.data.id });
    const bad = await t.request('POST', '/role', { token: admin.token, domain: admin.domainId, body: { name: 'Bad', permissions: ['nope.nope'] } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.meta.error.code, 'ValidationError');
    const perms = await t.request('GET', '/permissions', { token: viewer.token });
    assert.ok(perms.body.data.some((p: { key: string }) => p.key === 'gameserver.control'));
  });

  it('API tokens: secret shown once, Bearer and x-api-key work, subset and revocation apply', async () => {
    const created = await t.request('POST', '/apitoken', { token: admin.token, domain: admin.domainId, body: { name: 'bot', permissions: ['members.read'] } });
    assert.equal(created.status, 201, created.text);
    mutations.push({ method: 'POST', route: '/apitoken', targetId: created.body.data.id }, { method: 'DELETE', route: '/apitoken/:id', targetId: created.body.data.id });
    const secret: string = created.body.data.token;
    assert.match(secret, /^outpost_[0-9a-f-]{36}_/);
    const listed = await t.request('POST', '/apitoken/search', { token: admin.token, domain: admin.domainId, body: {} });
    assert.equal(listed.status, 200, listed.text);
    assert.ok(
      listed.body.data.some((k: { id: string }) => k.id === created.body.data.id),
      'the token is listed',
    );
    // The secret is base64url and may itself contain '_', so take everything after the id.
    const secretPart = parseApiToken(secret)!.secret;
    assert.equal(secretPart.length, 43);
    assert.ok(!listed.text.includes(secretPart), 'secret never listed');
    const [row] = await t.app.get(DataSource).query(`SELECT "secretHash" FROM api_token WHERE id = $1`, [created.body.data.id]);
    assert.match(row.secretHash, /^\$argon2id\$/);

    assert.equal((await t.request('POST', '/role/search', { token: secret, body: {} })).status, 200);
    assert.equal((await t.request('POST', '/role/search', { headers: { 'x-api-key': secret }, body: {} })).status, 200);
    assert.equal((await t.request('POST', '/role', { token: secret, body: { name: 'Y', permissions: [] } })).status, 403, 'subset');
    const other = await createDomain(t, admin.token, 'Gamma');
    assert.equal((await t.request('POST', '/role/search', { token: secret, domain: other, body: {} })).status, 403, 'bound to its domain');

    assert.equal((await t.request('DELETE', `/apitoken/${created.body.data.id}`, { token: admin.token, domain: admin.domainId })).status, 200);
    assert.equal((await t.request('POST', '/role/search', { token: secret, body: {} })).status, 401, 'revocation is immediate');
    const tampered = secret.slice(0, -2) + (secret.endsWith('AA') ? 'BB' : 'AA');
    assert.equal((await t.request('POST', '/role/search', { token: tampered, body: {} })).status, 401);

    const beyond = await createMember(t, admin, admin.domainId, 'member-tok');
    const tooMuch = await t.request('POST', '/apitoken', { token: beyond.token, domain: admin.domainId, body: { name: 'x' } });
    assert.equal(tooMuch.status, 403, 'members lack apitokens.manage');
    const past = await t.request('POST', '/apitoken', { token: admin.token, domain: admin.domainId, body: { name: 'old', expiresAt: '2000-01-01T00:00:00Z' } });
    assert.equal(past.status, 400);
  });

  it('MFA: enrol, confirm, login needs a code, recovery code works once', async () => {
    const u = await createMember(t, admin, admin.domainId, 'mfauser');
    const enrol = await t.request('POST', '/auth/mfa/enroll', { token: u.token });
    assert.equal(enrol.status, 200);
    assert.match(enrol.body.data.otpauthUri, /^otpauth:\/\/totp\//);
    const secret = enrol.body.data.secret;
    assert.equal((await t.request('POST', '/auth/mfa/confirm', { token: u.token, body: { code: '000000' } })).status, 400);
    const confirm = await t.request('POST', '/auth/mfa/confirm', { token: u.token, body: { code: authenticator.generate(secret) } });
    assert.equal(confirm.status, 200, confirm.text);
    assert.equal(confirm.body.data.recoveryCodes.length, 10);

    const first = await t.request('POST', '/login', { body: { username: 'mfauser', password: PASSWORD } });
    assert.equal(first.body.data.mfaRequired, true);
    assert.equal(first.body.data.token, undefined);
    const wrong = await t.request('POST', '/auth/mfa/verify', { body: { challengeToken: first.body.data.challengeToken, code: '123456' } });
    assert.equal(wrong.status, 401);
    // The confirm code's time step is spent; the next step's code is inside the ±1 window.
    const next = authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret);
    const right = await t.request('POST', '/auth/mfa/verify', { body: { challengeToken: first.body.data.challengeToken, code: next } });
    assert.equal(right.status, 200);
    assert.equal(typeof right.body.data.token, 'string');

    const recovery = confirm.body.data.recoveryCodes[0];
    const again = await t.request('POST', '/login', { body: { username: 'mfauser', password: PASSWORD } });
    assert.equal((await t.request('POST', '/auth/mfa/verify', { body: { challengeToken: again.body.data.challengeToken, code: recovery } })).status, 200);
    assert.equal((await t.request('POST', '/auth/mfa/verify', { body: { challengeToken: again.body.data.challengeToken, code: recovery } })).status, 401, 'once only');
    // The MFA verify limit (5/min) is reached by now.
    let limited = 0;
    for (let i = 0; i < 4; i++) limited = (await t.request('POST', '/auth/mfa/verify', { body: { challengeToken: again.body.data.challengeToken, code: '111111' } })).status;
    assert.equal(limited, 429);
  });

  it('DOMAIN_CREATION=admins reserves domain creation to instance administrators', async () => {
    const strict = await createTestApp({ DOMAIN_CREATION: 'admins' }, { transport: 'supertest' });
    try {
      const root = await bootstrapAdmin(strict);
      const member = await createMember(strict, root, root.domainId, 'plainuser');
      assert.equal((await strict.request('POST', '/domain', { token: member.token, body: { name: 'Mine' } })).status, 403);
      assert.equal((await strict.request('POST', '/domain', { token: root.token, body: { name: 'Ours' } })).status, 201);
      assert.equal((await t.request('POST', '/domain', { token: (await login(t, 'outsider')).token, body: { name: 'Free' } })).status, 201, 'default: everyone');
    } finally {
      await strict.close();
    }
  });

  it('logins per address are rate limited (429 with Retry-After)', async () => {
    const limited = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' }, { transport: 'supertest' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await limited.request('POST', '/login', { body: { username: `nobody${i}`, password: 'whatever-pass' } })).status);
      assert.deepEqual(statuses, [401, 401, 401, 429]);
      const r = await limited.request('POST', '/login', { body: { username: 'x', password: 'whatever-pass' } });
      assert.equal(r.status, 429, r.text);
      assert.ok(Number(r.headers['retry-after']) > 0);
    } finally {
      await limited.close();
    }
  });

  it('disabled domains refuse requests with 403', async () => {
    const d = await createDomain(t, admin.token, 'Doomed');
    assert.equal((await t.request('PUT', `/domain/${d}`, { token: admin.token, body: { state: 'DISABLED' } })).status, 200);
    const r = await t.request('POST', '/role/search', { token: admin.token, domain: d, body: {} });
    assert.equal(r.status, 403);
    assert.match(r.body.meta.error.message, /disabled/);
  });

  it('invites: token once, accepted by the invitee only', async () => {
    const inv = await t.request('POST', '/membership', { token: admin.token, domain: admin.domainId, body: { email: 'newbie@example.com' } });
    assert.equal(inv.status, 201, inv.text);
    mutations.push({ method: 'POST', route: '/membership', targetId: inv.body.data.id });
    const stranger = await createMember(t, admin, await createDomain(t, admin.token, 'Other'), 'stranger');
    assert.equal((await t.request('POST', '/membership/accept', { token: stranger.token, body: { token: inv.body.data.inviteToken } })).status, 403);
    const newbieDomain = await createDomain(t, admin.token, 'NewbieHome');
    const newbie = await createMember(t, admin, newbieDomain, 'newbie');
    const acc = await t.request('POST', '/membership/accept', { token: newbie.token, body: { token: inv.body.data.inviteToken } });
    assert.equal(acc.status, 200, acc.text);
    const me = await t.request('GET', '/me', { token: newbie.token });
    assert.ok(me.body.data.domains.some((d: { id: string }) => d.id === admin.domainId));
    // Once: the spent token accepts nobody again.
    const reused = await t.request('POST', '/membership/accept', { token: newbie.token, body: { token: inv.body.data.inviteToken } });
    assert.equal(reused.status, 404, reused.text);
  });

  it('the last owner cannot be removed', async () => {
    const ms = await t.request('POST', '/membership/search', { token: admin.token, domain: admin.domainId, body: { filters: { userId: admin.userId } } });
    const r = await t.request('DELETE', `/membership/${ms.body.data[0].id}`, { token: admin.token, domain: admin.domainId });
    assert.equal(r.status, 409);
  });

  it('mutations are audited', async () => {
    // Each mutation the admin made above (role create, API token create and revoke, invite): one row, the admin as actor.
    assert.equal(mutations.length, 4);
    const r = await t.request('POST', '/auditlog/search', { token: admin.token, domain: admin.domainId, body: { limit: 100 } });
    assert.equal(r.status, 200, r.text);
    for (const m of mutations) {
      const rows = r.body.data.filter(
        (x: { targetId: string; details: { method: string; route: string } }) => x.targetId === m.targetId && x.details.method === m.method && x.details.route === m.route,
      );
      assert.deepEqual(
        rows.map((x: { actorType: string; actorId: string }) => [x.actorType, x.actorId]),
        [['user', admin.userId]],
        `${m.method} ${m.route} ${m.targetId}: ${r.text.slice(0, 2000)}`,
      );
    }
  });

  it('rate limit headers are present; repeated failed logins lock the account for this address (429 + Retry-After)', async () => {
    const ok = await t.request('POST', '/role/search', { token: admin.token, body: {} });
    assert.ok(ok.headers['x-ratelimit-limit']);
    assert.ok(ok.headers['x-ratelimit-remaining']);
    await createMember(t, admin, admin.domainId, 'locky');
    for (let i = 0; i < 5; i++) assert.equal((await t.request('POST', '/login', { body: { username: 'locky', password: 'wrong-password-x' } })).status, 401);
    const locked = await t.request('POST', '/login', { body: { username: 'locky', password: PASSWORD } });
    assert.equal(locked.status, 429);
    assert.equal(locked.body.meta.error.code, 'TooManyRequestsError');
    assert.ok(Number(locked.headers['retry-after']) > 0);
  });
});
