import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, Session } from '../helpers/fixtures';
import { dashboardDir } from '../../src/core/http/serve-dashboard';
import { ConfigError, loadConfig } from '../../src/core/config/app-config';

const METRICS_TOKEN = 'security-test-metrics-token-0123456789abcdef';

/** CSP directives by name. */
function csp(r: Reply): Map<string, string[]> {
  const header = r.headers['content-security-policy'];
  assert.equal(typeof header, 'string', 'Content-Security-Policy is set');
  return new Map(
    (header as string)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

/** The headers every reply carries. */
function assertBaseHeaders(r: Reply, what: string) {
  const policy = csp(r);
  assert.deepEqual(policy.get('frame-ancestors'), ["'none'"], `${what}: frame-ancestors`);
  assert.deepEqual(policy.get('script-src'), ["'self'"], `${what}: script-src`);
  assert.deepEqual(policy.get('object-src'), ["'none'"], `${what}: object-src`);
  assert.equal(r.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  assert.equal(r.headers['x-frame-options'], 'DENY', `${what}: X-Frame-Options`);
  return policy;
}

/** Every <script> of an HTML page loads a same-origin file: nothing inline for script-src 'self' to block. */
function assertScriptsAreFiles(html: string, what: string): string[] {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length > 0, `${what} has scripts`);
  const srcs: string[] = [];
  for (const [, attrs, body] of scripts) {
    const src = /\bsrc="([^"]+)"/.exec(attrs)?.[1];
    assert.ok(src, `${what}: inline <script> found: ${body.slice(0, 80)}`);
    assert.equal(body.trim(), '', `${what}: script with a body`);
    assert.ok(!/^(https?:)?\/\//.test(src), `${what}: script from another origin: ${src}`);
    srcs.push(src);
  }
  assert.ok(!/\son[a-z]+="/i.test(html), `${what}: inline event handler attribute`);
  return srcs;
}

describe('security headers (PUBLIC_URL http)', () => {
  let t: TestApp;
  let admin: Session;
  let member: Session;
  before(async () => {
    t = await createTestApp({ PUBLIC_URL: 'http://outpost.example.com:3000', METRICS_TOKEN });
    admin = await bootstrapAdmin(t);
    member = await createMember(t, admin, admin.domainId, 'plain-member', 'Admin');
  });
  after(async () => {
    await t.close();
  });

  it('API routes and errors carry CSP, nosniff and frame headers; no HSTS over http', async () => {
    for (const [method, url, token] of [
      ['GET', '/healthz', undefined],
      ['GET', '/me', admin.token],
      ['POST', '/role/search', admin.token],
      ['GET', '/me', undefined], // 401 in the envelope
      ['POST', '/no-such-route', undefined], // 404 in the envelope
      ['GET', '/no-such-route', undefined], // 404 through the dashboard's fallback route (page policy)
    ] as const) {
      const r = await t.request(method, url, { token, body: method === 'POST' ? {} : undefined, headers: { accept: 'application/json' } });
      const what = `${method} ${url} (${r.status})`;
      const policy = assertBaseHeaders(r, what);
      if (!(method === 'GET' && url === '/no-such-route')) assert.deepEqual(policy.get('style-src'), ["'self'"], `${what}: API replies allow no inline styles`);
      assert.equal(policy.has('upgrade-insecure-requests'), false, 'plain-http deployments keep working');
      assert.equal(r.headers['strict-transport-security'], undefined, 'no HSTS over http');
    }
  });

  it('the dashboard is served with the policy and its built page needs nothing the policy forbids', async () => {
    const home = await t.request('GET', '/', { headers: { accept: 'text/html' } });
    assertBaseHeaders(home, 'GET /');
    assert.ok(dashboardDir(), 'the dashboard is built (web/dist, scripts/build-web-if-stale.sh)');
    assert.equal(home.status, 200);
    assert.match(home.text, /<div id="root">/);
    const policy = csp(home);
    // xterm.js (console page) injects <style> elements: inline styles only, never inline scripts.
    assert.deepEqual(policy.get('style-src'), ["'self'", "'unsafe-inline'"]);
    for (const src of assertScriptsAreFiles(home.text, 'dashboard')) {
      const asset = await t.request('GET', src);
      assert.equal(asset.status, 200, src);
      assert.match(String(asset.headers['content-type']), /javascript/, src);
      assertBaseHeaders(asset, src);
    }
    const deep = await t.request('GET', '/servers/abc/files', { headers: { accept: 'text/html' } });
    assert.equal(deep.status, 200);
    assertBaseHeaders(deep, 'SPA deep link');
  });

  it('the API explorer (/api.html) works under its policy: scripts from files, inline styles allowed', async () => {
    const html = await t.request('GET', '/api.html');
    assert.equal(html.status, 200);
    const policy = assertBaseHeaders(html, '/api.html');
    assert.deepEqual(policy.get('style-src'), ["'self'", "'unsafe-inline'"], 'Swagger UI has inline <style> blocks');
    for (const src of assertScriptsAreFiles(html.text, '/api.html')) {
      const url = new URL(src, 'http://x/api.html').pathname;
      const asset = await t.request('GET', url);
      assert.equal(asset.status, 200, url);
      assertBaseHeaders(asset, url);
    }
  });

  it('the domain cookie is not Secure over http', async () => {
    const r = await t.request('POST', `/selected-domain/${admin.domainId}`, { token: admin.token });
    assert.equal(r.status, 200, r.text);
    const cookie = String(r.headers['set-cookie']);
    assert.match(cookie, /takaro-domain=/);
    assert.match(cookie, /HttpOnly/i);
    assert.doesNotMatch(cookie, /;\s*Secure/i);
  });

  describe('operator endpoints', () => {
    const OPERATOR = ['/metrics', '/health/detailed'];

    it('refuse anonymous callers (401 in the envelope)', async () => {
      for (const url of OPERATOR) {
        const r = await t.request('GET', url);
        assert.equal(r.status, 401, `${url}: ${r.text}`);
        assert.equal(r.body.data, null);
        assert.equal(r.body.meta.error.code, 'UnauthorizedError');
        assert.doesNotMatch(r.text, /outpost_http_request|rssBytes|heapUsed/);
      }
    });

    it('refuse a wrong token (401) and a user who is not an instance admin (403)', async () => {
      for (const url of OPERATOR) {
        const wrong = await t.request('GET', url, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } });
        assert.equal(wrong.status, 401, `${url}: ${wrong.text}`);
        const plain = await t.request('GET', url, { token: member.token });
        assert.equal(plain.status, 403, `${url}: ${plain.text}`);
        assert.equal(plain.body.meta.error.code, 'ForbiddenError');
        assert.doesNotMatch(plain.text, /outpost_http_request|rssBytes|heapUsed/);
        // The metrics token is no credential anywhere else.
        assert.equal((await t.request('GET', '/me', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status, 401);
      }
    });

    it('answer the instance admin and the metrics token', async () => {
      for (const auth of [{ authorization: `Bearer ${admin.token}` }, { authorization: `Bearer ${METRICS_TOKEN}` }]) {
        const metrics = await t.request('GET', '/metrics', { headers: auth });
        assert.equal(metrics.status, 200, metrics.text);
        assert.match(metrics.text, /outpost_http_request_duration_seconds_count/);
        const detailed = await t.request('GET', '/health/detailed', { headers: auth });
        assert.equal(detailed.status, 200, detailed.text);
        assert.equal(detailed.body.data.database.status, 'up');
      }
    });

    it('probes stay public', async () => {
      for (const url of ['/healthz', '/readyz', '/health/live', '/health/ready']) assert.equal((await t.request('GET', url)).status, 200, url);
    });
  });
});

describe('security headers (PUBLIC_URL https)', () => {
  let t: TestApp;
  let admin: Session;
  before(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://outpost.example.com' });
    admin = await bootstrapAdmin(t);
  });
  after(async () => {
    await t.close();
  });

  it('HSTS and upgrade-insecure-requests are sent', async () => {
    for (const url of ['/healthz', '/api.html']) {
      const r = await t.request('GET', url);
      assertBaseHeaders(r, url);
      assert.match(String(r.headers['strict-transport-security']), /^max-age=\d{7,}/, url);
      assert.ok(csp(r).has('upgrade-insecure-requests'), url);
    }
  });

  it('the domain cookie is Secure', async () => {
    const r = await t.request('POST', `/selected-domain/${admin.domainId}`, { token: admin.token });
    assert.equal(r.status, 200, r.text);
    assert.match(String(r.headers['set-cookie']), /takaro-domain=.*;\s*Secure/i);
  });

  it('without METRICS_TOKEN only the instance admin reads the operator endpoints', async () => {
    assert.equal((await t.request('GET', '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status, 401);
    assert.equal((await t.request('GET', '/metrics', { token: admin.token })).status, 200);
  });
});

describe('METRICS_TOKEN configuration', () => {
  it('must be at least 32 characters', () => {
    assert.throws(
      () => loadConfig({ METRICS_TOKEN: 'too-short' }),
      (e: unknown) => e instanceof ConfigError && /METRICS_TOKEN/.test(e.message),
    );
    assert.equal(loadConfig({ METRICS_TOKEN }).METRICS_TOKEN, METRICS_TOKEN);
  });
});
