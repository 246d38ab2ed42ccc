import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import { createOutpostClient, OutpostApiError } from '@libs/client';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, login, Session } from '../helpers/fixtures';

/**
 * The client's auth paths against the real API. An expired access token is made the way time
 * makes one: the same claims (user, session) as a real login, signed with the app's JWT secret,
 * with `exp` in the past — the API refuses it with 401 and the session's refresh token still works.
 */
describe('@libs/client: automatic refresh, API errors, API tokens', () => {
  let t: TestApp;
  let admin: Session;
  let url: string;

  const expired = (accessToken: string) => {
    const { sub, sid } = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8')) as { sub: string; sid: string };
    return new JwtService({ secret: t.config.JWT_SECRET }).sign({ sub, sid, typ: 'access', exp: Math.floor(Date.now() / 1000) - 60 }, { algorithm: 'HS256' });
  };

  /** fetch that counts requests per path (the requests still go to the real API). */
  const counting = () => {
    const counts: Record<string, number> = {};
    const f = (input: Request | string | URL, init?: RequestInit) => {
      const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
      counts[path] = (counts[path] ?? 0) + 1;
      return fetch(input, init);
    };
    return { counts, fetch: f };
  };

  before(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    admin = await bootstrapAdmin(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  after(async () => {
    await t.close();
  });

  it('an expired access token is refreshed once for concurrent 401s, retried, and the new tokens reach onTokens', async () => {
    const session = await login(t, 'admin');
    const stale = expired(session.token);
    assert.equal((await t.request('GET', '/me', { token: stale })).status, 401, 'the API refuses the expired token');
    const { counts, fetch } = counting();
    const seen: { token: string; refreshToken?: string }[] = [];
    const client = createOutpostClient({ baseUrl: url, token: stale, refreshToken: session.refreshToken, domain: admin.domainId, fetch, onTokens: (tk) => seen.push(tk) });

    const replies = await Promise.all([client.call(client.GET('/me')), client.call(client.GET('/me')), client.call(client.POST('/role/search', { body: { limit: 5 } }))]);
    assert.equal(replies[0].user.username, 'admin');
    assert.equal(replies[1].user.username, 'admin');
    assert.ok(replies[2].length > 0);
    // Refresh tokens rotate and a reused one revokes the session: a second refresh would have failed the calls.
    assert.equal(counts['/auth/refresh'], 1);
    assert.equal(seen.length, 1);
    assert.notEqual(seen[0].token, stale);
    assert.notEqual(seen[0].refreshToken, session.refreshToken);
    assert.equal(client.token, seen[0].token);
    assert.equal((await t.request('GET', '/me', { token: seen[0].token })).status, 200, 'the refreshed token is a real one');
    // The POST body survived the retry (the search really ran with limit 5).
    assert.ok(replies[2].length <= 5);

    // Later calls use the new token directly: no further refresh.
    await client.call(client.GET('/me'));
    assert.equal(counts['/auth/refresh'], 1);
  });

  it('without a refresh token (or with a dead one) the 401 surfaces as OutpostApiError', async () => {
    const session = await login(t, 'admin');
    const noRefresh = createOutpostClient({ baseUrl: url, token: expired(session.token) });
    const err = await noRefresh.call(noRefresh.GET('/me')).then(
      () => assert.fail('expected a 401'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof OutpostApiError);
    assert.equal(err.status, 401);
    assert.equal(err.code, 'UnauthorizedError');

    // Logged out: the refresh token is dead too, so the client gives the caller the 401 instead of looping.
    assert.equal((await t.request('POST', '/logout', { token: session.token, body: { refreshToken: session.refreshToken } })).status, 200);
    const { counts, fetch } = counting();
    const dead = createOutpostClient({ baseUrl: url, token: session.token, refreshToken: session.refreshToken, fetch });
    const err2 = await dead.call(dead.GET('/me')).then(
      () => assert.fail('expected a 401'),
      (e: unknown) => e,
    );
    assert.ok(err2 instanceof OutpostApiError);
    assert.equal(err2.status, 401);
    assert.equal(counts['/auth/refresh'], 1);
    assert.equal(counts['/me'], 1, 'no retry after a failed refresh');
  });

  it("an error reply becomes OutpostApiError with the API's status, code, message and details", async () => {
    const client = createOutpostClient({ baseUrl: url, token: admin.token, domain: admin.domainId });
    const id = '00000000-0000-4000-8000-000000000000';
    const raw = await t.request('GET', `/gameserver/${id}`, { token: admin.token, domain: admin.domainId });
    assert.equal(raw.status, 404);
    const err = await client.call(client.GET('/gameserver/{id}', { params: { path: { id } } })).then(
      () => assert.fail('expected a 404'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof OutpostApiError);
    assert.equal(err.name, 'OutpostApiError');
    assert.equal(err.status, 404);
    assert.equal(err.code, 'NotFoundError');
    assert.equal(err.message, raw.body.meta.error.message);

    const invalid = await client.call(client.POST('/role/search', { body: { limit: 5000 } })).then(
      () => assert.fail('expected a 400'),
      (e: unknown) => e,
    );
    assert.ok(invalid instanceof OutpostApiError);
    assert.equal(invalid.status, 400);
    assert.equal(invalid.code, 'ValidationError');
    assert.ok(invalid.details, 'validation details are kept');

    const badLogin = await createOutpostClient({ baseUrl: url })
      .login('admin', 'not-the-password')
      .then(
        () => assert.fail('expected a 401'),
        (e: unknown) => e,
      );
    assert.ok(badLogin instanceof OutpostApiError);
    assert.equal(badLogin.status, 401);
  });

  it('an API token (outpost_…) authenticates as Bearer, in its own domain, without setDomain', async () => {
    const created = await t.request('POST', '/apitoken', { token: admin.token, domain: admin.domainId, body: { name: 'ci', permissions: ['members.read'] } });
    assert.equal(created.status, 201, created.text);
    const token = created.body.data.token as string;
    assert.match(token, /^outpost_/);
    const client = createOutpostClient({ baseUrl: url, token });
    const me = await client.call(client.GET('/me'));
    assert.equal(me.user.username, 'admin');
    assert.equal(me.domain, admin.domainId);
    assert.deepEqual(me.permissions, ['members.read']);
    const roles = await client.searchAll<{ name: string }>('/role/search');
    assert.ok(roles.some((r) => r.name === 'Owner'));
    // The token's permissions are the ceiling: creating a role is refused with the API's code.
    const refused = await client.call(client.POST('/role', { body: { name: 'nope', permissions: [] } })).then(
      () => assert.fail('expected a 403'),
      (e: unknown) => e,
    );
    assert.ok(refused instanceof OutpostApiError);
    assert.equal(refused.status, 403);
    assert.equal(refused.code, 'ForbiddenError');

    const revoked = await t.request('DELETE', `/apitoken/${created.body.data.id}`, { token: admin.token, domain: admin.domainId });
    assert.equal(revoked.status, 200, revoked.text);
    const after = await client.call(client.GET('/me')).then(
      () => assert.fail('expected a 401'),
      (e: unknown) => e,
    );
    assert.ok(after instanceof OutpostApiError);
    assert.equal(after.status, 401);
  });
});
