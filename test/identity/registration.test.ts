import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, login, PASSWORD, Session } from '../helpers/fixtures';

describe('self-registration and instance settings', () => {
  let t: TestApp;
  let admin: Session;
  let db: DataSource;

  const register = (body: Record<string, unknown>) => t.request('POST', '/auth/register', { body });
  const userCount = async (email: string) => Number((await db.query(`SELECT count(*)::int AS n FROM "user" WHERE lower(email) = lower($1)`, [email]))[0].n);

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
    db = t.app.get(DataSource);
  });
  after(async () => {
    await t.close();
  });

  it('is off by default: 403 RegistrationDisabledError, no account made', async () => {
    const pub = await t.request('GET', '/settings');
    assert.equal(pub.status, 200, pub.text);
    assert.deepEqual(pub.body.data, { registrationEnabled: false, registrationRestricted: false, domainCreation: 'everyone', passwordResetEnabled: false });
    const r = await register({ username: 'walker', email: 'walker@example.org', password: PASSWORD });
    assert.equal(r.status, 403, r.text);
    assert.equal(r.body.meta.error.code, 'RegistrationDisabledError');
    assert.match(r.body.meta.error.message, /Registration is closed/);
    assert.equal(await userCount('walker@example.org'), 0);
  });

  it('only instance administrators read and change the settings', async () => {
    const member = await createMember(t, admin, admin.domainId, 'plainmember');
    const read = await t.request('GET', '/admin/settings', { token: member.token });
    assert.equal(read.status, 403, read.text);
    const write = await t.request('PUT', '/admin/settings', { token: member.token, body: { registrationEnabled: true } });
    assert.equal(write.status, 403, write.text);
    const anonymous = await t.request('PUT', '/admin/settings', { body: { registrationEnabled: true } });
    assert.equal(anonymous.status, 401, anonymous.text);
    const still = await t.request('GET', '/admin/settings', { token: admin.token });
    assert.equal(still.status, 200, still.text);
    assert.equal(still.body.data.registrationEnabled, false);
    assert.deepEqual(still.body.data.registrationEmailDomains, []);
  });

  it('refuses allow-list entries that are not hostnames, and more than 100 of them', async () => {
    for (const bad of [['not a host'], ['@example.org'], ['example'], ['a'.repeat(254) + '.com'], Array.from({ length: 101 }, (_, i) => `d${i}.example`)]) {
      const r = await t.request('PUT', '/admin/settings', { token: admin.token, body: { registrationEmailDomains: bad } });
      assert.equal(r.status, 400, `${JSON.stringify(bad).slice(0, 60)}: ${r.text}`);
    }
  });

  it('an administrator switches it on with an allow-list; the change is an instance audit event', async () => {
    const r = await t.request('PUT', '/admin/settings', {
      token: admin.token,
      domain: admin.domainId,
      body: { registrationEnabled: true, registrationEmailDomains: [' Example.ORG ', 'example.org', 'corp.example'] },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.registrationEnabled, true);
    assert.deepEqual(r.body.data.registrationEmailDomains, ['corp.example', 'example.org']);
    assert.equal(r.body.data.updatedBy, admin.userId);
    const rows = await db.query(`SELECT "domainId", "actorId", details FROM audit_log WHERE action = 'settings.update'`);
    assert.equal(rows.length, 1, 'one row, in the instance log only (not in the selected domain)');
    assert.equal(rows[0].domainId, null);
    assert.equal(rows[0].actorId, admin.userId);
    assert.deepEqual(rows[0].details.after, { registrationEnabled: true, registrationEmailDomains: ['corp.example', 'example.org'] });
    const pub = await t.request('GET', '/settings');
    assert.deepEqual(pub.body.data, { registrationEnabled: true, registrationRestricted: true, domainCreation: 'everyone', passwordResetEnabled: false });
    assert.doesNotMatch(pub.text, /example\.org/, 'the public view does not publish the allow-list');
  });

  it('refuses an email at another domain with 403 RegistrationEmailDomainError', async () => {
    for (const email of ['walker@elsewhere.com', 'walker@sub.example.org', 'walker@example.org.evil.com']) {
      const r = await register({ username: 'walker', email, password: PASSWORD });
      assert.equal(r.status, 403, `${email}: ${r.text}`);
      assert.equal(r.body.meta.error.code, 'RegistrationEmailDomainError');
      assert.equal(await userCount(email), 0);
    }
  });

  it('registers an email at a listed domain (201, no domain), who can then sign in and create a domain', async () => {
    const r = await register({ username: 'walker', email: 'Walker@Example.org', password: PASSWORD });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.data.username, 'walker');
    assert.equal(r.body.data.email, 'walker@example.org');
    assert.equal(r.body.data.isInstanceAdmin, false);
    assert.equal(r.body.data.passwordHash, undefined);
    const [row] = await db.query(`SELECT id, "isInstanceAdmin", "passwordHash" FROM "user" WHERE username = 'walker'`);
    assert.equal(row.id, r.body.data.id);
    assert.match(row.passwordHash, /^\$argon2id\$/);
    assert.equal((await db.query(`SELECT count(*)::int AS n FROM membership WHERE "userId" = $1`, [row.id]))[0].n, 0);
    const [audit] = await db.query(`SELECT "domainId", "actorId", "targetId", ip FROM audit_log WHERE action = 'auth.register'`);
    assert.deepEqual({ domainId: audit.domainId, actorId: audit.actorId, targetId: audit.targetId }, { domainId: null, actorId: row.id, targetId: row.id });

    const session = await login(t, 'walker@example.org');
    const me = await t.request('GET', '/me', { token: session.token });
    assert.equal(me.status, 200, me.text);
    assert.deepEqual(me.body.data.domains, []);
    assert.equal(me.body.data.domain, null);
    const domain = await t.request('POST', '/domain', { token: session.token, body: { name: 'Walker Co' } });
    assert.equal(domain.status, 201, domain.text);
  });

  it('a taken username or email (any case) is 409 and makes no second account', async () => {
    const sameName = await register({ username: 'WALKER', email: 'other@example.org', password: PASSWORD });
    assert.equal(sameName.status, 409, sameName.text);
    assert.equal(sameName.body.meta.error.code, 'ConflictError');
    const sameEmail = await register({ username: 'walker2', email: 'WALKER@example.org', password: PASSWORD });
    assert.equal(sameEmail.status, 409, sameEmail.text);
    assert.equal(await userCount('other@example.org'), 0);
    assert.equal((await db.query(`SELECT count(*)::int AS n FROM "user" WHERE lower(username) IN ('walker', 'walker2')`))[0].n, 1);
  });

  it('applies the password and username rules of every account', async () => {
    const short = await register({ username: 'shorty', email: 'shorty@example.org', password: 'short' });
    assert.equal(short.status, 400, short.text);
    const badName = await register({ username: 'no spaces', email: 'spaces@example.org', password: PASSWORD });
    assert.equal(badName.status, 400, badName.text);
  });

  it('an empty allow-list lets any email domain register; switching off closes it again', async () => {
    const open = await t.request('PUT', '/admin/settings', { token: admin.token, body: { registrationEmailDomains: [] } });
    assert.equal(open.status, 200, open.text);
    assert.equal(open.body.data.registrationEnabled, true, 'fields not sent stay as they were');
    const r = await register({ username: 'anyone', email: 'anyone@elsewhere.com', password: PASSWORD });
    assert.equal(r.status, 201, r.text);
    const off = await t.request('PUT', '/admin/settings', { token: admin.token, body: { registrationEnabled: false } });
    assert.equal(off.status, 200, off.text);
    const closed = await register({ username: 'late', email: 'late@elsewhere.com', password: PASSWORD });
    assert.equal(closed.status, 403, closed.text);
    assert.equal(closed.body.meta.error.code, 'RegistrationDisabledError');
  });
});
