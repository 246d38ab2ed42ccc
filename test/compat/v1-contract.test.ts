import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { authenticator } from 'otplib';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';
import { PASSWORD } from '../helpers/fixtures';
import { SEED_ENDPOINT_COUNT, V1_ENDPOINTS } from './v1-endpoints';
import { v1NodeWorkloadPlannerCases } from './v1-nodes.contract';
import { v1AccountCases } from './v1-account.contract';
import { v1InstanceCases } from './v1-instances.contract';
import { v1PterodactylCases } from './v1-pterodactyl.contract';
import { v1RealtimeCases } from './v1-realtime.contract';

/**
 * The Shardlyn `/v1` dialect against seed 001, row by row (test/compat/v1-endpoints.ts): served
 * rows answer their status and exact top-level fields, unsupported ones 501 `{ error }`, pending
 * ones 404 `{ error }` (so serving one without updating the table fails). Then the seed's account
 * flow with a plain HTTP client's requests, and the dialect's error shape and rate-limit headers.
 */

interface Call {
  path: Record<string, string>;
  /** A query string, appended after the path is filled. */
  query?: Record<string, string>;
  /** Extra request headers (e.g. a multipart content-type with a string body). */
  headers?: Record<string, string>;
  body?: unknown;
  token?: string;
  /** Reads what later rows need from the reply. */
  after?: (r: Reply) => void;
}

const ADMIN_EMAIL = 'admin@example.com';
const keys = (v: unknown) => Object.keys(v as object).sort();
const fill = (path: string, values: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? randomUUID());

/** Seed 001's endpoint lines, counted from the file itself when it is here (not in CI checkouts). */
function seedRows(): Array<[string, string]> | null {
  const dir = resolve(process.cwd(), '../shared/seeds');
  const file =
    process.env.OUTPOST_SEED_001 ??
    (existsSync(dir)
      ? readdirSync(dir).find((n) => n.startsWith('001_')) &&
        join(
          dir,
          readdirSync(dir).find((n) => n.startsWith('001_'))!,
        )
      : undefined);
  if (!file || !existsSync(file)) return null;
  const rows: Array<[string, string]> = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    // "GET/v1/users/{id}Get user👑 Admin": the path ends where the description's capital letter starts.
    const m = /^(GET|POST|PUT|DELETE|PATCH)((?:\/(?:[a-z0-9_.-]+|\{[A-Za-z]+\}))+)(?=[A-Z])/.exec(line);
    if (m) rows.push([m[1], m[2]]);
  }
  return rows;
}

describe('Shardlyn /v1 dialect (seed 001)', () => {
  let t: TestApp;
  const ctx: Record<string, string> = {};
  const v1 = (method: string, url: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    t.request(method, url, { token: options.token, body: options.body, headers: options.headers });
  const assertError = (r: Reply, status: number, message?: RegExp) => {
    assert.equal(r.status, status, r.text);
    assert.deepEqual(keys(r.body), ['error'], `{ error } only: ${r.text}`);
    assert.equal(typeof r.body.error, 'string');
    if (message) assert.match(r.body.error, message);
  };
  let n = 0;
  /** A new account in the admin's organization (through /v1), signed in through /v1. */
  const newUser = async (prefix: string, role = 'member') => {
    const email = `${prefix}-${++n}@example.com`;
    const c = await v1('POST', '/v1/users', { token: ctx.admin, body: { email, password: PASSWORD, role } });
    assert.equal(c.status, 201, c.text);
    const l = await v1('POST', '/v1/auth/login', { body: { email, password: PASSWORD } });
    assert.equal(l.status, 200, l.text);
    return { id: c.body.id as string, email, token: l.body.access_token as string, refresh: l.body.refresh_token as string };
  };
  const invite = async (orgId: string, email: string) => {
    const r = await v1('POST', `/v1/organizations/${orgId}/members/invite`, { token: ctx.admin, body: { email } });
    assert.equal(r.status, 201, r.text);
    return r.body as { id: string; token: string };
  };
  /** A signed-in account with MFA on (enrolled and confirmed through /v1). */
  const mfaUser = async () => {
    const u = await newUser('mfa');
    const secret = (await v1('POST', '/v1/auth/mfa/enroll', { token: u.token })).body.secret as string;
    const ok = await v1('POST', '/v1/auth/mfa/verify', { token: u.token, body: { code: authenticator.generate(secret) } });
    assert.equal(ok.status, 200, ok.text);
    return { ...u, secret };
  };

  /** How each served row is called. Rows with `first` run before the others (the instance starts empty). */
  const CASES: Record<string, (() => Promise<Call>) & { first?: true }> = {
    'POST /v1/auth/login': async () => ({ path: {}, body: { email: ADMIN_EMAIL, password: PASSWORD } }),
    'POST /v1/auth/refresh': async () => ({ path: {}, body: { refresh_token: (await newUser('refresh')).refresh } }),
    'GET /v1/auth/bootstrap/status': Object.assign(async () => ({ path: {}, after: (r: Reply) => assert.equal(r.body.needs_bootstrap, true, 'a fresh instance needs its first admin') }), {
      first: true as const,
    }),
    'POST /v1/auth/bootstrap': Object.assign(
      async () => ({
        path: {},
        body: { email: ADMIN_EMAIL, password: PASSWORD, username: 'admin', organization_name: 'Alpha' },
        after: (r: Reply) => {
          ctx.admin = r.body.access_token;
          ctx.orgA = r.body.organization_id;
        },
      }),
      { first: true as const },
    ),
    'GET /v1/auth/mfa/status': async () => ({ path: {}, token: ctx.admin }),
    'POST /v1/auth/mfa/enroll': async () => {
      const u = await newUser('enrol');
      ctx.mfaToken = u.token;
      return { path: {}, token: u.token, after: (r) => (ctx.mfaSecret = r.body.secret) };
    },
    'POST /v1/auth/mfa/verify': async () => ({ path: {}, token: ctx.mfaToken, body: { code: authenticator.generate(ctx.mfaSecret) }, after: (r) => (ctx.recovery = r.body.recovery_codes[0]) }),
    'POST /v1/auth/mfa/disable': async () => ({ path: {}, token: ctx.mfaToken, body: { code: ctx.recovery } }),
    'POST /v1/auth/mfa/challenge': async () => {
      const u = await mfaUser();
      const l = await v1('POST', '/v1/auth/login', { body: { email: u.email, password: PASSWORD } });
      assert.deepEqual(keys(l.body), ['challenge_token', 'mfa_required'], l.text);
      // The confirming code spent this time step: the next step's code (inside the ±1 window).
      return { path: {}, body: { challenge_token: l.body.challenge_token, code: authenticator.clone({ epoch: Date.now() + 30_000 }).generate(u.secret) } };
    },
    'GET /v1/users/me': async () => ({ path: {}, token: ctx.admin }),
    'POST /v1/users/me/password': async () => ({ path: {}, token: (await newUser('pw')).token, body: { current_password: PASSWORD, new_password: `${PASSWORD}-2` } }),
    'GET /v1/users': async () => ({ path: {}, token: ctx.admin }),
    'POST /v1/users': async () => ({ path: {}, token: ctx.admin, body: { email: 'created@example.com', password: PASSWORD, role: 'viewer' }, after: (r) => (ctx.created = r.body.id) }),
    'GET /v1/users/{id}': async () => ({ path: { id: ctx.created }, token: ctx.admin }),
    'DELETE /v1/users/{id}': async () => ({ path: { id: (await newUser('gone')).id }, token: ctx.admin }),
    'GET /v1/api-tokens': async () => {
      assert.equal((await v1('POST', '/v1/api-tokens', { token: ctx.admin, body: { name: 'listed' } })).status, 201);
      return { path: {}, token: ctx.admin };
    },
    'POST /v1/api-tokens': async () => ({ path: {}, token: ctx.admin, body: { name: 'github-actions', expires_in: 2592000 }, after: (r) => (ctx.tokenId = r.body.id) }),
    'DELETE /v1/api-tokens/{id}': async () => ({ path: { id: ctx.tokenId }, token: ctx.admin }),
    'GET /v1/organizations': async () => ({ path: {}, token: ctx.admin }),
    'POST /v1/organizations': async () => ({ path: {}, token: ctx.admin, body: { name: 'Bravo' }, after: (r) => (ctx.orgB = r.body.id) }),
    'GET /v1/organizations/{orgId}': async () => ({ path: { orgId: ctx.orgA }, token: ctx.admin }),
    'PUT /v1/organizations/{orgId}': async () => ({ path: { orgId: ctx.orgB }, token: ctx.admin, body: { name: 'Bravo Two' } }),
    'DELETE /v1/organizations/{orgId}': async () => {
      const r = await v1('POST', '/v1/organizations', { token: ctx.admin, body: { name: 'Doomed' } });
      return { path: { orgId: r.body.id }, token: ctx.admin };
    },
    'GET /v1/organizations/{orgId}/members': async () => ({ path: { orgId: ctx.orgA }, token: ctx.admin }),
    'POST /v1/organizations/{orgId}/members/invite': async () => ({ path: { orgId: ctx.orgA }, token: ctx.admin, body: { email: 'invitee@example.com', role: 'member' } }),
    'DELETE /v1/organizations/{orgId}/members/{userId}': async () => ({ path: { orgId: ctx.orgA, userId: (await newUser('leaver')).id }, token: ctx.admin }),
    'PUT /v1/organizations/{orgId}/members/{userId}/role': async () => ({ path: { orgId: ctx.orgA, userId: (await newUser('promoted')).id }, token: ctx.admin, body: { role: 'Admin' } }),
    'GET /v1/organizations/{orgId}/invites': async () => ({ path: { orgId: ctx.orgA }, token: ctx.admin }),
    'DELETE /v1/organizations/{orgId}/invites/{inviteId}': async () => ({ path: { orgId: ctx.orgA, inviteId: (await invite(ctx.orgA, 'withdrawn@example.com')).id }, token: ctx.admin }),
    'POST /v1/invites/{token}/accept': async () => {
      const joiner = await newUser('joiner');
      return { path: { token: (await invite(ctx.orgB, joiner.email)).token }, token: joiner.token };
    },
    'GET /v1/permissions': async () => ({ path: {}, token: ctx.admin }),
    'GET /health': async () => ({ path: {} }),
    'GET /health/live': async () => ({ path: {} }),
    'GET /health/ready': async () => ({ path: {} }),
    'GET /health/detailed': async () => ({ path: {}, token: ctx.admin }),
    'GET /ready': async () => ({ path: {} }),
    ...v1NodeWorkloadPlannerCases(
      () => t,
      v1,
      () => ctx.admin,
    ),
    ...v1AccountCases(
      () => t,
      v1,
      () => ctx.admin,
      () => ctx.orgA,
    ),
    ...v1InstanceCases(
      () => t,
      v1,
      () => ctx.admin,
    ),
    ...v1PterodactylCases(v1, () => ctx.admin),
    ...v1RealtimeCases(
      () => t,
      v1,
      () => ctx.admin,
    ),
  };

  const counts = { served: 0, unsupported: 0, pending: 0 };

  before(async () => {
    // The pterodactyl rows call a fake panel on 127.0.0.1 (v1-pterodactyl.contract.ts): private addresses allowed for this app only.
    t = await createTestApp({ OUTBOUND_ALLOW_PRIVATE: 'true' });
  });

  after(async () => {
    console.log(`seed 001 over /v1: ${counts.served} served, ${counts.unsupported} answer 501, ${counts.pending} pending (404) — of ${V1_ENDPOINTS.length}`);
    await t?.close();
  });

  it('the table has exactly one row per seed-001 endpoint', () => {
    assert.equal(V1_ENDPOINTS.length, SEED_ENDPOINT_COUNT);
    const ids = V1_ENDPOINTS.map((r) => `${r.method} ${r.path}`);
    assert.equal(new Set(ids).size, ids.length, 'no endpoint twice');
    const seed = seedRows();
    if (seed)
      assert.deepEqual(
        ids,
        seed.map(([m, p]) => `${m} ${p}`),
        'the table follows the seed row by row',
      );
    for (const row of V1_ENDPOINTS.filter((r) => r.status === 'served')) assert.ok(CASES[`${row.method} ${row.path}`], `a contract case for ${row.method} ${row.path}`);
    assert.deepEqual(
      Object.keys(CASES).sort(),
      V1_ENDPOINTS.filter((r) => r.status === 'served')
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
      'no case for a row that is not served',
    );
  });

  it('every served row answers its status and its top-level fields', async () => {
    const served = V1_ENDPOINTS.filter((r) => r.status === 'served');
    const ordered = [...served.filter((r) => CASES[`${r.method} ${r.path}`].first), ...served.filter((r) => !CASES[`${r.method} ${r.path}`].first)];
    for (const row of ordered) {
      const call = await CASES[`${row.method} ${row.path}`]();
      const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
      const r = await v1(row.method, fill(row.path, call.path) + query, { token: call.token, body: call.body, headers: call.headers });
      const what = `${row.method} ${row.path}: ${r.text.slice(0, 300)}`;
      const expect = row.expect!;
      assert.equal(r.status, expect.status, what);
      if (expect.status === 204) assert.equal(r.text, '', what);
      else if (expect.binary) {
        assert.ok(String(r.headers['content-type']).startsWith(expect.binary.contentType), `content-type ${r.headers['content-type']}: ${what}`);
        assert.ok(r.text.length > 0, `a non-empty body: ${what}`);
      } else if (expect.array) {
        assert.ok(Array.isArray(r.body) && r.body.length > 0, `a non-empty JSON array: ${what}`);
        for (const item of r.body) assert.deepEqual(keys(item), [...expect.fields].sort(), what);
      } else assert.deepEqual(keys(r.body), [...expect.fields].sort(), what);
      call.after?.(r);
      counts.served++;
    }
  });

  it('flow: login by email → refresh → MFA enrol/verify → login with challenge → API token as Bearer → members', async () => {
    const u = await newUser('flow', 'admin');
    const login = await v1('POST', '/v1/auth/login', { body: { email: u.email.toUpperCase(), password: PASSWORD } });
    assert.equal(login.status, 200, login.text);
    assert.equal(login.body.token_type, 'Bearer');
    assert.equal(login.body.expires_in, 900);
    const refreshed = await v1('POST', '/v1/auth/refresh', { body: { refresh_token: login.body.refresh_token } });
    assert.equal(refreshed.status, 200, refreshed.text);
    assert.equal((await v1('GET', '/v1/users/me', { token: refreshed.body.access_token })).body.email, u.email);
    // A spent refresh token used again ends the whole session (reuse detection), as on Outpost's /auth/refresh.
    assertError(await v1('POST', '/v1/auth/refresh', { body: { refresh_token: login.body.refresh_token } }), 401);
    assertError(await v1('GET', '/v1/users/me', { token: refreshed.body.access_token }), 401);
    const token = (await v1('POST', '/v1/auth/login', { body: { email: u.email, password: PASSWORD } })).body.access_token as string;

    const enrol = await v1('POST', '/v1/auth/mfa/enroll', { token });
    assert.match(enrol.body.otpauth_uri, /^otpauth:\/\/totp\//);
    assertError(await v1('POST', '/v1/auth/mfa/verify', { token, body: { code: '000000' } }), 400, /Invalid MFA code/);
    assert.equal((await v1('POST', '/v1/auth/mfa/verify', { token, body: { code: authenticator.generate(enrol.body.secret) } })).status, 200);
    assert.deepEqual((await v1('GET', '/v1/auth/mfa/status', { token })).body, { enabled: true });

    const challenged = await v1('POST', '/v1/auth/login', { body: { email: u.email, password: PASSWORD } });
    assert.equal(challenged.status, 200);
    assert.equal(challenged.body.mfa_required, true);
    assert.equal(challenged.body.access_token, undefined, 'no token before the second factor');
    const next = authenticator.clone({ epoch: Date.now() + 30_000 }).generate(enrol.body.secret);
    const done = await v1('POST', '/v1/auth/mfa/challenge', { body: { challenge_token: challenged.body.challenge_token, code: next } });
    assert.equal(done.status, 200, done.text);
    const session = done.body.access_token as string;

    const created = await v1('POST', '/v1/api-tokens', { token: session, body: { name: 'ci', expires_in: 3600 } });
    assert.equal(created.status, 201, created.text);
    assert.match(created.body.token, /^outpost_/);
    const expiresIn = (Date.parse(created.body.expires_at) - Date.now()) / 1000;
    assert.ok(expiresIn > 3500 && expiresIn <= 3600, `expires_in seconds → expires_at (${expiresIn})`);
    const members = await v1('GET', `/v1/organizations/${ctx.orgA}/members`, { token: created.body.token });
    assert.equal(members.status, 200, members.text);
    assert.ok(members.body.some((m: { user_id: string }) => m.user_id === u.id));
    // API tokens never mint tokens (sessions only), in this dialect too.
    assertError(await v1('POST', '/v1/api-tokens', { token: created.body.token, body: { name: 'nested' } }), 403);
    // Revoked: refused at once.
    assert.equal((await v1('DELETE', `/v1/api-tokens/${created.body.id}`, { token: session })).status, 204);
    assertError(await v1('GET', `/v1/organizations/${ctx.orgA}/members`, { token: created.body.token }), 401);
  });

  it('{orgId} in the path is checked like the domain header: membership, bound tokens, and it wins over the header', async () => {
    const outsider = await newUser('outsider');
    // orgB: the admin's, not the outsider's (a member of orgA only).
    assertError(await v1('GET', `/v1/organizations/${ctx.orgB}/members`, { token: outsider.token }), 403, /not a member/);
    assertError(await v1('GET', `/v1/organizations/${ctx.orgB}`, { token: outsider.token }), 403);
    assertError(await v1('GET', `/v1/organizations/${randomUUID()}/invites`, { token: ctx.admin }), 403);
    assertError(await v1('GET', '/v1/organizations/not-a-uuid/members', { token: ctx.admin }), 403);
    // The header names orgA (theirs) but the path orgB: the path is the tenant.
    assertError(await v1('GET', `/v1/organizations/${ctx.orgB}/members`, { token: outsider.token, headers: { 'x-takaro-domain': ctx.orgA } }), 403);
    // A token bound to orgA cannot reach orgB even though its user (the admin) can.
    const bound = await v1('POST', '/v1/api-tokens', { token: ctx.admin, headers: { 'x-takaro-domain': ctx.orgA }, body: { name: 'bound-to-a' } });
    assert.equal(bound.status, 201, bound.text);
    assertError(await v1('GET', `/v1/organizations/${ctx.orgB}/members`, { token: bound.body.token }), 403, /bound to another domain/);
    assert.equal((await v1('GET', `/v1/organizations/${ctx.orgA}/members`, { token: bound.body.token })).status, 200);
    // Member permissions come from the path's organization: a plain member may read, not invite.
    assertError(await v1('POST', `/v1/organizations/${ctx.orgA}/members/invite`, { token: outsider.token, body: { email: 'x@example.com' } }), 403);
  });

  it('every error on /v1 is { error }: malformed JSON, validation, unknown fields, 401, 404, unknown role', async () => {
    assertError(await v1('POST', '/v1/auth/login', { body: '{"email": ', headers: { 'content-type': 'application/json' } }), 400, /JSON/);
    assertError(await v1('POST', '/v1/auth/login', { body: { email: ADMIN_EMAIL } }), 400, /password/);
    assertError(await v1('POST', '/v1/auth/login', { body: { email: ADMIN_EMAIL, password: PASSWORD, extra: 1 } }), 400, /extra/);
    assertError(await v1('POST', '/v1/auth/login', { body: { email: ADMIN_EMAIL, password: 'wrong-password' } }), 401);
    assertError(await v1('GET', '/v1/users/me'), 401);
    assertError(await v1('GET', '/v1/users/me', { token: 'not-a-token' }), 401);
    assertError(await v1('GET', `/v1/users/${randomUUID()}`, { token: ctx.admin }), 404);
    assertError(await v1('GET', '/v1/no-such-route', { token: ctx.admin }), 404);
    assertError(await v1('POST', '/v1/api-tokens', { token: ctx.admin, body: { name: 'x', expires_in: -1 } }), 400, /expires_in/);
    assertError(await v1('POST', `/v1/organizations/${ctx.orgA}/members/invite`, { token: ctx.admin, body: { email: 'r@example.com', role: 'emperor' } }), 400, /Unknown role/);
    assertError(await v1('POST', '/v1/auth/bootstrap', { body: { email: 'again@example.com', password: PASSWORD } }), 409);
    // Outpost's own routes keep the envelope.
    const outpost = await t.request('GET', '/me');
    assert.equal(outpost.status, 401);
    assert.equal(outpost.body.data, null);
    assert.equal(outpost.body.meta.error.code, 'UnauthorizedError');
  });

  it('X-RateLimit-Reset is an epoch time (seconds) on /v1, seconds-to-reset elsewhere', async () => {
    const now = Math.floor(Date.now() / 1000);
    const r = await v1('GET', '/v1/users/me', { token: ctx.admin });
    assert.equal(r.status, 200);
    assert.ok(Number(r.headers['x-ratelimit-limit']) > 0, 'limit header');
    assert.ok(Number(r.headers['x-ratelimit-remaining']) >= 0, 'remaining header');
    const reset = Number(r.headers['x-ratelimit-reset']);
    assert.ok(reset >= now && reset <= now + 61, `epoch seconds: ${r.headers['x-ratelimit-reset']}`);
    const outpost = Number((await t.request('GET', '/me', { token: ctx.admin })).headers['x-ratelimit-reset']);
    assert.ok(outpost >= 0 && outpost <= 60, `Outpost routes unchanged: ${outpost}`);
  });

  it('MFA routes are limited to 5 attempts a minute; the 429 is { error }', async () => {
    let last: Reply | undefined;
    for (let i = 0; i < 7 && last?.status !== 429; i++) last = await v1('POST', '/v1/auth/mfa/challenge', { body: { challenge_token: 'x'.repeat(20), code: '123456' } });
    assertError(last!, 429);
    assert.ok(Number(last!.headers['retry-after']) > 0);
  });

  it('every unsupported row answers 501 { error: "… is not available on this server" }', async () => {
    for (const row of V1_ENDPOINTS.filter((r) => r.status === 'unsupported')) {
      const r = await v1(row.method, fill(row.path, {}), { token: ctx.admin, body: row.method === 'GET' ? undefined : {} });
      assertError(r, 501, /^[A-Z].* is not available on this server$/);
      counts.unsupported++;
    }
  });

  it('every pending row answers 404 { error } until it is served (then update the table)', async () => {
    for (const row of V1_ENDPOINTS.filter((r) => r.status === 'pending')) {
      const r = await v1(row.method, fill(row.path, {}), { token: ctx.admin, body: row.method === 'GET' || row.method === 'DELETE' ? undefined : {} });
      assertError(r, 404, /not found/);
      counts.pending++;
    }
  });
});
