import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import { createApp } from '../../src/app.factory';
import { ErrorCode } from '../../src/core/errors/error-codes';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, login, Session } from '../helpers/fixtures';

const ACCESS_REFUSED = 'Invalid or expired access token';
const API_TOKEN_REFUSED = 'Invalid, expired or revoked API token';

const refused = (r: Reply, message: string) => {
  assert.equal(r.status, 401, r.text);
  assert.equal(r.body.meta.error.code, ErrorCode.UnauthorizedError, r.text);
  assert.equal(r.body.meta.error.message, message, r.text);
};

/**
 * The passport strategies behind AuthenticationGuard (JwtStrategy, ApiTokenStrategy): what each
 * refuses, always 401 with the same messages as before passport; each refusal has a control that
 * the same request is accepted when only the refused property is right.
 */
describe('authentication strategies (passport): JWT and API token', () => {
  let t: TestApp;
  let root: Session;

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    root = await bootstrapAdmin(t, 'Strategies');
  });
  after(async () => {
    await t.close();
  });

  const me = (token: string) => t.request('GET', '/me', { token });
  /** A token with the claims of `real`, re-signed (fresh iat/exp) with `secret` and `algorithm`, claims changed by `patch`. */
  const forge = (real: string, secret: string, patch: Record<string, unknown> = {}, algorithm: jwt.Algorithm = 'HS256') => {
    const { iat: _iat, exp: _exp, ...claims } = jwt.decode(real) as jwt.JwtPayload;
    return jwt.sign({ ...claims, ...patch }, secret, { algorithm, expiresIn: 600 });
  };

  it('an access token signed with another secret, with another HS algorithm, of type mfa or without a session is refused (401)', async () => {
    const s = await login(t, 'admin');
    const secret = t.config.JWT_SECRET as string;
    // The control: re-signed with the server's secret and nothing else changed, it is accepted.
    assert.equal((await me(forge(s.token, secret))).status, 200);
    refused(await me(forge(s.token, `${secret}-but-another-one`)), ACCESS_REFUSED);
    refused(await me(forge(s.token, secret, {}, 'HS512')), ACCESS_REFUSED);
    refused(await me(forge(s.token, secret, { typ: 'mfa' })), ACCESS_REFUSED);
    refused(await me(forge(s.token, secret, { sid: undefined })), ACCESS_REFUSED);
    refused(await me(forge(s.token, secret, { sid: 'not-a-session-id' })), ACCESS_REFUSED);
    refused(await me(`${s.token.slice(0, -4)}AAAA`), ACCESS_REFUSED);
    refused(await me('not.a.jwt'), ACCESS_REFUSED);
  });

  it("a token of a revoked session (logout) is refused at once (401); the user's other session still works", async () => {
    const u = await createMember(t, root, root.domainId, 'strategist');
    const other = await login(t, 'strategist');
    assert.equal((await me(u.token)).status, 200);
    const out = await t.request('POST', '/logout', { token: u.token, body: { refreshToken: u.refreshToken } });
    assert.equal(out.status, 200, out.text);
    refused(await me(u.token), ACCESS_REFUSED);
    assert.equal((await me(other.token)).status, 200);
  });

  it('a revoked API token is refused at once (401) as Bearer and as x-api-key, although its secret was verified moments before', async () => {
    const created = await t.request('POST', '/apitoken', { token: root.token, domain: root.domainId, body: { name: 'to-revoke', permissions: [] } });
    assert.equal(created.status, 201, created.text);
    const { id, token } = created.body.data as { id: string; token: string };
    const asBearer = () => me(token);
    const asApiKey = () => t.request('GET', '/me', { headers: { 'x-api-key': token } });
    for (const r of [await asBearer(), await asApiKey()]) {
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.data.user.id, root.userId);
    }
    // The right id with another secret: refused even while the real secret is in the 60 s verified cache.
    const wrongSecret = `${token.slice(0, -43)}${'A'.repeat(43)}`;
    refused(await me(wrongSecret), API_TOKEN_REFUSED);
    refused(await t.request('GET', '/me', { headers: { 'x-api-key': wrongSecret } }), API_TOKEN_REFUSED);

    assert.equal((await t.request('DELETE', `/apitoken/${id}`, { token: root.token, domain: root.domainId })).status, 200);
    refused(await asBearer(), API_TOKEN_REFUSED);
    refused(await asApiKey(), API_TOKEN_REFUSED);
  });

  it('no credential and a malformed Authorization header keep their messages (401)', async () => {
    const none = await t.request('GET', '/me');
    assert.equal(none.status, 401, none.text);
    assert.equal(none.body.meta.error.message, 'Authentication required: send Authorization: Bearer <token> or x-api-key');
    const basic = await t.request('GET', '/me', { headers: { authorization: 'Basic YWRtaW46cGFzcw==' } });
    assert.equal(basic.status, 401, basic.text);
    assert.equal(basic.body.meta.error.message, 'Malformed Authorization header: expected "Bearer <token>"');
  });

  it("another app built and closed in the same process does not take over this app's strategies", async () => {
    const other = await createApp(t.config, { quiet: true });
    await other.close();
    const r = await me(root.token);
    assert.equal(r.status, 200, r.text);
    const created = await t.request('POST', '/apitoken', { token: root.token, domain: root.domainId, body: { name: 'after-other-app', permissions: [] } });
    assert.equal(created.status, 201, created.text);
    assert.equal((await t.request('GET', '/me', { headers: { 'x-api-key': created.body.data.token } })).status, 200);
  });
});
