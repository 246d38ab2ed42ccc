import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, PASSWORD, Session } from '../helpers/fixtures';
import { ConfigError, loadConfig } from '../../src/core/config/app-config';

/**
 * Login abuse: the client address is the socket's peer unless TRUST_PROXY names the proxy, so a
 * forged X-Forwarded-For neither dodges the per-address limit nor lands in the audit log; and the
 * lockout follows the account, whatever address or identifier (username or email) is used.
 */

interface From {
  /** X-Forwarded-For header. */
  xff?: string;
  /** The TCP peer address (app.inject's default is 127.0.0.1). */
  remote?: string;
}

async function loginFrom(t: TestApp, username: string, password: string, from: From = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/login',
    headers: { 'content-type': 'application/json', ...(from.xff ? { 'x-forwarded-for': from.xff } : {}) },
    payload: JSON.stringify({ username, password }),
    ...(from.remote ? { remoteAddress: from.remote } : {}),
  });
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) };
}

/** Creates a role as `session` from the given address and returns the client address the audit log recorded for it. */
async function auditedIp(t: TestApp, session: Session, name: string, from: From): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/role',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${session.token}`,
      'x-takaro-domain': session.domainId,
      ...(from.xff ? { 'x-forwarded-for': from.xff } : {}),
    },
    payload: JSON.stringify({ name, permissions: ['gameserver.read'] }),
    ...(from.remote ? { remoteAddress: from.remote } : {}),
  });
  assert.equal(res.statusCode, 201, res.body);
  const roleId = JSON.parse(res.body).data.id;
  const audit = await t.request('POST', '/auditlog/search', { token: session.token, domain: session.domainId, body: { filters: { action: 'role.create', targetId: roleId } } });
  assert.equal(audit.status, 200, audit.text);
  assert.equal(audit.body.data.length, 1, audit.text);
  return audit.body.data[0].ip;
}

describe('TRUST_PROXY configuration', () => {
  it('accepts addresses and CIDRs, refuses anything else with a message naming the variable', () => {
    assert.equal(loadConfig({}).TRUST_PROXY, undefined);
    assert.equal(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8' }).TRUST_PROXY, '127.0.0.1, 10.0.0.0/8,::1,fd00::/8');
    for (const bad of ['true', '*', 'everyone', '10.0.0.0/33', '::/129', '300.1.1.1', '10.0.0.1/8/2', ' , ']) {
      assert.throws(
        () => loadConfig({ TRUST_PROXY: bad }),
        (e: unknown) => e instanceof ConfigError && /TRUST_PROXY/.test(e.message),
        bad,
      );
    }
  });
});

describe('client address without TRUST_PROXY: X-Forwarded-For is ignored', () => {
  let t: TestApp;
  let admin: Session;
  before(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    admin = await bootstrapAdmin(t);
  });
  after(async () => {
    await t.close();
  });

  it('request.ip is the peer, not the header', async () => {
    assert.equal(await auditedIp(t, admin, 'xff-ignored', { xff: '203.0.113.7' }), '127.0.0.1');
    assert.equal(await auditedIp(t, admin, 'xff-ignored-2', { xff: '203.0.113.8', remote: '192.0.2.44' }), '192.0.2.44');
  });

  it('rotating X-Forwarded-For still hits the same per-address login limit', async () => {
    const statuses: number[] = [];
    // Different names each time, so only the per-address limit can answer 429.
    for (let i = 1; i <= 5; i++) statuses.push((await loginFrom(t, `nobody-${i}`, 'wrong-password-1', { xff: `198.51.100.${i}` })).status);
    assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    const limited = await loginFrom(t, 'admin', PASSWORD, { xff: '198.51.100.99' });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.meta.error.code, 'TooManyRequestsError');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    // Another real address has its own budget.
    assert.equal((await loginFrom(t, 'admin', PASSWORD, { remote: '192.0.2.10' })).status, 200);
  });

  it('the global per-address limit ignores X-Forwarded-For too', async () => {
    const small = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 1; i <= 4; i++) {
        statuses.push((await small.app.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-for': `198.51.100.${i}` } })).statusCode);
      }
      assert.deepEqual(statuses, [200, 200, 200, 429]);
    } finally {
      await small.close();
    }
  });
});

describe('client address with TRUST_PROXY=127.0.0.1: the proxy’s X-Forwarded-For is honoured', () => {
  let t: TestApp;
  let admin: Session;
  before(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '127.0.0.1' });
    admin = await bootstrapAdmin(t);
  });
  after(async () => {
    await t.close();
  });

  it('request.ip is the client the trusted proxy names; untrusted peers cannot set it', async () => {
    assert.equal(await auditedIp(t, admin, 'via-proxy', { xff: '203.0.113.7' }), '203.0.113.7');
    // A client-supplied entry ahead of the proxy's own is not believed: the right-most untrusted hop counts.
    assert.equal(await auditedIp(t, admin, 'via-proxy-2', { xff: '6.6.6.6, 203.0.113.8' }), '203.0.113.8');
    // Not from the trusted proxy: the header is ignored.
    assert.equal(await auditedIp(t, admin, 'direct', { xff: '203.0.113.9', remote: '192.0.2.44' }), '192.0.2.44');
  });

  it('the per-address login limit follows the forwarded client address', async () => {
    const a = { xff: '198.51.100.20' };
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i++) statuses.push((await loginFrom(t, `ghost-${i}`, 'wrong-password-1', a)).status);
    assert.deepEqual(statuses, [401, 401, 401, 429]);
    assert.equal((await loginFrom(t, 'admin', PASSWORD, { xff: '198.51.100.21' })).status, 200, 'another client behind the proxy');
  });
});

describe('per-account login lockout', () => {
  let t: TestApp;
  let admin: Session;
  before(async () => {
    // Shared counters (Redis) as in a multi-process deployment; the address is the forwarded one.
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:6379', TRUST_PROXY: '127.0.0.1' });
    admin = await bootstrapAdmin(t);
    for (const name of ['victim', 'bystander', 'resetter', 'racer']) await createMember(t, admin, admin.domainId, name);
  });
  after(async () => {
    await t.close();
  });

  it('5 failures from different addresses and identifiers lock the account, even for the right password', async () => {
    const attempts: Array<[string, From]> = [
      ['victim', { xff: '198.51.100.1' }],
      ['victim@example.com', { xff: '198.51.100.2' }],
      ['VICTIM', { remote: '192.0.2.3' }],
      ['Victim@Example.com', { xff: '2001:db8::4' }],
      ['victim', { remote: '192.0.2.5' }],
    ];
    for (const [name, from] of attempts) assert.equal((await loginFrom(t, name, 'wrong-password-x', from)).status, 401, `${name} from ${JSON.stringify(from)}`);

    const locked = await loginFrom(t, 'victim@example.com', PASSWORD, { xff: '203.0.113.200' });
    assert.equal(locked.status, 429);
    assert.equal(locked.body.meta.error.code, 'TooManyRequestsError');
    assert.equal(locked.body.data, null);
    const retryAfter = Number(locked.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After ${locked.headers['retry-after']}`);
    assert.equal((await loginFrom(t, 'victim', PASSWORD, { remote: '192.0.2.250' })).status, 429, 'username, another address');

    // Another account, from the very same addresses, is unaffected.
    for (const [, from] of attempts) assert.equal((await loginFrom(t, 'bystander', PASSWORD, from)).status, 200);
  });

  it('a successful login before the lock resets the failure count', async () => {
    for (let i = 0; i < 4; i++) assert.equal((await loginFrom(t, 'resetter', 'wrong-password-x', { xff: `198.51.100.${40 + i}` })).status, 401);
    assert.equal((await loginFrom(t, 'resetter@example.com', PASSWORD, { xff: '198.51.100.50' })).status, 200);
    for (let i = 0; i < 5; i++) assert.equal((await loginFrom(t, 'resetter', 'wrong-password-x', { xff: `198.51.100.${60 + i}` })).status, 401, `failure ${i + 1} after the reset`);
    assert.equal((await loginFrom(t, 'resetter', PASSWORD, { xff: '198.51.100.70' })).status, 429);
  });

  it('parallel guesses cannot overshoot the budget', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => loginFrom(t, i % 2 ? 'racer' : 'racer@example.com', 'wrong-password-x', { xff: `198.51.100.${100 + i}` }).then((r) => r.status)),
    );
    assert.equal(statuses.filter((s) => s === 401).length, 5, `statuses ${statuses}`);
    assert.equal(statuses.filter((s) => s === 429).length, 7, `statuses ${statuses}`);
    assert.equal((await loginFrom(t, 'racer', PASSWORD, { xff: '198.51.100.150' })).status, 429);
  });

  it('unknown names lock too (on the typed name, case-insensitively)', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await loginFrom(t, i % 2 ? 'NoSuchUser' : 'nosuchuser', 'wrong-password-x', { xff: `198.51.100.${200 + i}` })).status, 401);
    assert.equal((await loginFrom(t, 'NOSUCHUSER', 'wrong-password-x', { xff: '198.51.100.210' })).status, 429);
  });
});
