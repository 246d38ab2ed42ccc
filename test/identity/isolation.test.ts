import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listRoutes, RouteInfo } from '../../src/core/http/route-catalog';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, login } from '../helpers/fixtures';
import { seedTenant, TenantSeed } from '../helpers/tenant-seed';

/**
 * Two tenants with data. Every route of the real router is called as tenant A with tenant B's
 * ids, header and cookie, and must refuse (403/404) without showing B's data. A new route whose
 * resource isn't seeded here fails the suite, so nothing escapes the matrix.
 */
describe('tenant isolation matrix', () => {
  let t: TestApp;
  let a: TenantSeed;
  let b: TenantSeed;
  let routes: RouteInfo[];

  // Routes that don't touch tenant data.
  const PUBLIC = new Set([
    'GET /healthz',
    'GET /readyz',
    'GET /health',
    'GET /health/live',
    'GET /health/ready',
    'GET /health/detailed',
    'GET /metrics',
    'GET /auth/bootstrap/status',
    'POST /auth/bootstrap',
    'POST /login',
    'POST /auth/refresh',
    'POST /auth/mfa/verify',
    'POST /agent/register',
    'GET /agent/transfer/:transferId',
    'POST /agent/transfer/:transferId',
  ]);
  const isDocs = (r: RouteInfo) => r.url.startsWith('/api.html') || r.url.startsWith('/openapi.') || r.url === '/*' || r.url.startsWith('/assets');

  before(async () => {
    t = await createTestApp();
    const root = await bootstrapAdmin(t, 'Root');
    const alice = await createMember(t, root, root.domainId, 'alice');
    const bob = await createMember(t, root, root.domainId, 'bob');
    a = await seedTenant(t, alice, 'Tenant A');
    b = await seedTenant(t, bob, 'Tenant B');
    routes = listRoutes(t.app.getHttpAdapter().getInstance()).filter((r) => !PUBLIC.has(`${r.method} ${r.url}`) && !isDocs(r));
    assert.ok(routes.length > 20, `router lists ${routes.length} routes`);
  });
  after(async () => {
    await t.close();
  });

  const resourceOf = (url: string) => url.split('/')[1];
  const fill = (url: string, ids: Record<string, string>) =>
    url.replace(/:(\w+)/g, (_, name) => (name === 'id' ? ids[resourceOf(url)] : name === 'domainId' ? ids.domain : (ids[name] ?? ids[resourceOf(url)])) ?? `missing-${name}`);

  it("every route with an id refuses tenant B's ids when called as tenant A", async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.url.includes(':'))) {
      const url = fill(r.url, b.ids);
      if (url.includes('missing-')) {
        failures.push(`${r.method} ${r.url}: no seeded id for this resource — add it to test/helpers/tenant-seed.ts`);
        continue;
      }
      const res = await t.request(r.method, url, { token: a.owner.token, domain: a.domainId, body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      const leaked = b.secrets.some((s) => res.text.includes(s));
      if (![400, 403, 404].includes(res.status) || leaked) failures.push(`${r.method} ${url} → ${res.status}${leaked ? ' LEAKED' : ''}: ${res.text.slice(0, 200)}`);
    }
    assert.deepEqual(failures, []);
    // B's data is still all there (nothing was deleted through A).
    for (const [resource, id] of Object.entries(b.ids)) {
      if (resource === 'auditlog' || resource === 'domain' || resource === 'selected-domain') continue;
      const res = await t.request('GET', `/${resource}/${id}`, { token: b.owner.token, domain: b.domainId });
      assert.equal(res.status, 200, `${resource} of B survived: ${res.text.slice(0, 200)}`);
    }
  });

  it("searches as tenant A never return tenant B's rows, also through extend", async () => {
    for (const r of routes.filter((x) => x.method === 'POST' && x.url.endsWith('/search'))) {
      const res = await t.request('POST', r.url, { token: a.owner.token, domain: a.domainId, body: {} });
      assert.equal(res.status, 200, `${r.url}: ${res.text.slice(0, 200)}`);
      for (const s of b.secrets) assert.ok(!res.text.includes(s), `${r.url} leaked ${s}`);
    }
    const extended = await t.request('POST', '/membership/search', { token: a.owner.token, domain: a.domainId, body: { extend: ['user', 'role', 'user.memberships'] } });
    assert.equal(extended.status, 200);
    for (const m of extended.body.data) {
      for (const um of m.user?.memberships ?? []) assert.equal(um.domainId, a.domainId, 'nested extend stays in the tenant');
    }
  });

  it('a member of both tenants sees each only with its own domain selected', async () => {
    const carol = await createMember(t, a.owner, a.domainId, 'carol');
    const inv = await t.request('POST', '/membership', { token: b.owner.token, domain: b.domainId, body: { email: 'carol@example.com' } });
    await t.request('POST', '/membership/accept', { token: carol.token, body: { token: inv.body.data.inviteToken } });
    const s = await login(t, 'carol');
    const inA = await t.request('POST', '/role/search', { token: s.token, domain: a.domainId, body: {} });
    const inB = await t.request('POST', '/role/search', { token: s.token, domain: b.domainId, body: {} });
    assert.ok(inA.body.data.every((r: { domainId: string }) => r.domainId === a.domainId));
    assert.ok(inB.body.data.every((r: { domainId: string }) => r.domainId === b.domainId));
  });
  // Last: with the cookie ignored, some calls act on A's own data (e.g. DELETE /domain/:id).
  it("every domain-scoped route refuses tenant B's domain in the header and in the cookie", async () => {
    const failures: string[] = [];
    for (const r of routes) {
      const url = fill(r.url, a.ids);
      for (const how of ['header', 'cookie'] as const) {
        const headers: Record<string, string> = how === 'header' ? { 'x-takaro-domain': b.domainId } : { cookie: `takaro-domain=${b.domainId}` };
        const res = await t.request(r.method, url, { token: a.owner.token, headers, body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
        const leaked = b.secrets.some((s) => res.text.includes(s));
        // Routes that work without a domain ignore the cookie (a stale one must not lock users out) but never show B's data.
        if (leaked || (how === 'header' && res.status < 400 && !r.url.startsWith('/selected-domain'))) failures.push(`${r.method} ${url} (${how}) → ${res.status}${leaked ? ' LEAKED' : ''}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
