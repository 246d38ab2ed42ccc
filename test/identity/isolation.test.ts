import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listRoutes, RouteInfo } from '../../src/core/http/route-catalog';
import { ErrorCode } from '../../src/core/errors/error-codes';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, login } from '../helpers/fixtures';
import { seedTenant, TenantSeed } from '../helpers/tenant-seed';

/** What a route needs besides its ids to get past validation: query, body, headers, extra path params. */
interface Call {
  query?: string;
  body?: (own: TenantSeed) => unknown;
  headers?: Record<string, string>;
  params?: Record<string, string>;
}

const MULTIPART = '----outpost-isolation';
const TUS = { 'tus-resumable': '1.0.0' };

/**
 * A valid request for every route with an id, so a refusal can only come from the tenant check and
 * never from body/query validation. A route missing here fails the matrix: add it with a valid body.
 */
const CALLS: Record<string, Call> = {
  'DELETE /apitoken/:id': {},
  'GET /apitoken/:id': {},
  'PUT /apitoken/:id': { body: () => ({ name: 'renamed' }) },
  'GET /auditlog/:id': {},
  'DELETE /backup/:id': {},
  'GET /backup/:id': {},
  'POST /backup/:id/download': {},
  'POST /backup/:id/lock': {},
  'POST /backup/:id/restore': {},
  'POST /backup/:id/unlock': {},
  'DELETE /backup-config/:id': {},
  'GET /backup-config/:id': {},
  'PUT /backup-config/:id': { body: () => ({ name: 'renamed' }) },
  'POST /backup-config/:id/activate': {},
  'POST /backup-config/:id/test': {},
  'DELETE /domain/:id': {},
  'GET /domain/:id': {},
  'PUT /domain/:id': { body: () => ({ name: 'renamed' }) },
  'DELETE /gameserver/:id': {},
  'GET /gameserver/:id': {},
  'PUT /gameserver/:id': { body: () => ({ name: 'renamed' }) },
  'GET /gameserver/:id/allocations': {},
  'POST /gameserver/:id/allocations': { body: () => ({ protocol: 'tcp' }) },
  'DELETE /gameserver/:id/allocations/:allocationId': {},
  'PUT /gameserver/:id/allocations/:allocationId': { body: () => ({ notes: 'query port' }) },
  'POST /gameserver/:id/allocations/:allocationId/primary': {},
  'POST /gameserver/:id/command': { body: () => ({ command: 'say hi' }) },
  'POST /gameserver/:id/console-token': {},
  'DELETE /gameserver/:id/files': { body: () => ({ paths: ['a.txt'] }) },
  'GET /gameserver/:id/files': { query: 'path=' },
  'POST /gameserver/:id/files/chmod': { body: () => ({ path: 'a.txt', mode: '0644' }) },
  'POST /gameserver/:id/files/compress': { body: () => ({ paths: ['a.txt'], destination: 'a.zip', format: 'zip' }) },
  'GET /gameserver/:id/files/content': { query: 'path=a.txt' },
  'PUT /gameserver/:id/files/content': { body: () => ({ path: 'a.txt', content: 'hello' }) },
  'POST /gameserver/:id/files/copy': { body: () => ({ from: 'a.txt', to: 'b.txt' }) },
  'POST /gameserver/:id/files/decompress': { body: () => ({ archive: 'a.zip' }) },
  'GET /gameserver/:id/files/download': { query: 'path=a.txt' },
  'GET /gameserver/:id/files/download-zip': { query: 'paths=a.txt' },
  'POST /gameserver/:id/files/download-zip': { body: () => ({ paths: ['a.txt'] }) },
  'POST /gameserver/:id/files/mkdir': { body: () => ({ path: 'dir' }) },
  'POST /gameserver/:id/files/rename': { body: () => ({ from: 'a.txt', to: 'b.txt' }) },
  'GET /gameserver/:id/files/stat': { query: 'path=a.txt' },
  'OPTIONS /gameserver/:id/files/tus': { headers: TUS },
  'POST /gameserver/:id/files/tus': { headers: { ...TUS, 'upload-length': '5', 'upload-metadata': `filename ${Buffer.from('a.txt').toString('base64')}` } },
  'DELETE /gameserver/:id/files/tus/:uploadId': { headers: TUS },
  'PATCH /gameserver/:id/files/tus/:uploadId': { headers: { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }, body: () => 'hello' },
  'POST /gameserver/:id/files/upload': {
    query: 'path=',
    headers: { 'content-type': `multipart/form-data; boundary=${MULTIPART}` },
    body: () => `--${MULTIPART}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${MULTIPART}--\r\n`,
  },
  'GET /gameserver/:id/files/usage': {},
  'GET /gameserver/:id/git': {},
  'PUT /gameserver/:id/git': { body: () => ({ url: 'https://93.184.216.34/acme/repo.git', branch: 'main' }) },
  'DELETE /gameserver/:id/git': {},
  'POST /gameserver/:id/git/sync': {},
  'GET /gameserver/:id/git/syncs': {},
  'GET /gameserver/:id/install-logs': {},
  'POST /gameserver/:id/kill': {},
  'DELETE /gameserver/:id/logs': {},
  'GET /gameserver/:id/logs': { query: 'limit=10' },
  'GET /gameserver/:id/logs/download': {},
  'GET /gameserver/:id/metrics': {},
  'POST /gameserver/:id/power': { body: () => ({ action: 'start' }) },
  'POST /gameserver/:id/reinstall': {},
  'POST /gameserver/:id/restart': {},
  'POST /gameserver/:id/start': {},
  'GET /gameserver/:id/startup': {},
  'PUT /gameserver/:id/startup': { body: () => ({ startup: '/srv/echo-server.sh' }) },
  'POST /gameserver/:id/startup/reset': {},
  'GET /gameserver/:id/stats': {},
  'POST /gameserver/:id/stop': {},
  'POST /gameserver/:id/transfer': { body: (own) => ({ nodeId: own.ids.node }) },
  'DELETE /me/sessions/:id': { params: { id: '7d1c6a53-0f0e-4c3b-9a52-3f1a2b4c5d6e' } }, // sessions are the user's, not a tenant's: another user's is 404 (invite-links.test.ts)
  'DELETE /membership/:id': {},
  'GET /membership/:id': {},
  'PUT /membership/:id': { body: (own) => ({ roleId: own.ids.role }) },
  'DELETE /node/:id': {},
  'GET /node/:id': {},
  'PUT /node/:id': { body: () => ({ name: 'renamed' }) },
  'GET /node/:id/containers': {},
  'GET /node/:id/containers/:containerId/logs': { params: { containerId: 'outpost-isolation' } },
  'POST /node/:id/containers/:containerId/:action': { params: { containerId: 'outpost-isolation', action: 'kill' }, body: () => ({ signal: 'SIGTERM' }) },
  'POST /node/:id/cordon': {},
  'POST /node/:id/drain': {},
  'GET /node/:id/inventory': {},
  'GET /node/:id/metrics': {},
  'POST /node/:id/register-token': {},
  'POST /node/:id/uncordon': {},
  'DELETE /role/:id': {},
  'GET /role/:id': {},
  'PUT /role/:id': { body: () => ({ name: 'renamed' }) },
  'DELETE /schedule/:id': {},
  'GET /schedule/:id': {},
  'PUT /schedule/:id': { body: () => ({ name: 'renamed' }) },
  'POST /schedule/:id/run': {},
  'POST /selected-domain/:domainId': {},
  'DELETE /integration/:id': {},
  'GET /integration/:id': {},
  'PUT /integration/:id': { body: () => ({ name: 'renamed' }) },
  'POST /integration/:id/test': {},
  'POST /integration/:id/rotate-secret': {},
  'POST /integration/:id/deliveries/search': { body: () => ({}) },
  'POST /integration/:id/deliveries/:deliveryId/retry': {},
  'DELETE /alertrule/:id': {},
  'GET /alertrule/:id': {},
  'PUT /alertrule/:id': { body: () => ({ name: 'renamed' }) },
  'GET /alert/:id': {},
  'POST /alert/:id/acknowledge': {},
  'POST /alert/:id/resolve': {},
  'DELETE /webhooktoken/:id': {},
  'GET /webhooktoken/:id': {},
  'GET /webhooktoken/:id/events': {},
  'DELETE /user/:id': {},
  'GET /user/:id': {},
  'PUT /user/:id': { body: () => ({ email: 'renamed@example.com' }) },
  'DELETE /workload/:id': {},
  'GET /workload/:id': {},
  'PUT /workload/:id': { body: () => ({ name: 'renamed' }) },
  'GET /workload/:id/export': {},
  'POST /user/:id/suspend': { body: () => ({ reason: 'isolation' }) },
  'POST /user/:id/unsuspend': {},
  'GET /membership/:id/permissions': {},
  'PUT /membership/:id/permissions': { body: () => ({ grant: ['alerts.manage'], revoke: [] }) },
  'GET /node/:id/inventory/system': {},
  'GET /node/:id/inventory/network': {},
  'GET /node/:id/inventory/disks': {},
  'GET /node/:id/inventory/users': {},
  'GET /node/:id/inventory/processes': {},
  'GET /node/:id/inventory/containers': {},
};
const ID_ROUTES = 126;
/** Instance-admin routes: a tenant's owner is refused by the access rule (403) before any id is looked at. */
const INSTANCE_ADMIN_ONLY = new Set(['POST /user/:id/suspend', 'POST /user/:id/unsuspend']);

/**
 * Two tenants with data. Every route of the real router is called as tenant A with tenant B's
 * ids, header and cookie, and must refuse without showing B's data. A new route whose resource
 * isn't seeded here, or that has no valid request in CALLS, fails the suite.
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
    'GET /agent/transfer/:transferId/relay', // between replicas, signed (test/files/replicas.test.ts)
    'POST /agent/transfer/:transferId/relay',
    // The one-use link is the credential (tested in test/backup/backup.test.ts).
    'GET /backup/download/:token',
    'GET /membership/invite/:token', // the invite link is the credential (test/identity/invite-links.test.ts)
    'POST /membership/invite/:token/register',
    // The agent installer and its bundle are the same for everyone (test/agent/agent-install.test.ts).
    'GET /agent/outpost-agent.cjs',
    'GET /agent/install.sh',
    // The token's secret is the credential (test/deploy/deploy-api.test.ts: unknown token ids answer 401 like bad signatures).
    'POST /webhooks/github/:tokenId',
    'POST /webhooks/gitlab/:tokenId',
    // Account self-service: no tenant data; the reset token is the credential (test/identity/registration, password-reset).
    'GET /settings',
    'POST /auth/register',
    'POST /auth/forgot-password',
    'POST /auth/reset-password',
  ]);
  const isDocs = (r: RouteInfo) => r.url.startsWith('/api.html') || r.url.startsWith('/openapi.') || r.url === '/*' || r.url.startsWith('/assets');
  const key = (r: RouteInfo) => `${r.method} ${r.url}`;

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    const root = await bootstrapAdmin(t, 'Root');
    const alice = await createMember(t, root, root.domainId, 'alice');
    const bob = await createMember(t, root, root.domainId, 'bob');
    a = await seedTenant(t, alice, 'Tenant A');
    b = await seedTenant(t, bob, 'Tenant B');
    // The /v1 dialect maps {orgId} onto the domain header and calls the same services (test/compat/v1-contract checks org membership).
    routes = listRoutes(t.app.getHttpAdapter().getInstance()).filter((r) => !PUBLIC.has(key(r)) && !isDocs(r) && !r.url.startsWith('/v1/') && r.url !== '/ready');
  });
  after(async () => {
    await t.close();
  });

  const resourceOf = (url: string) => url.split('/')[1];
  const fill = (r: RouteInfo, ids: Record<string, string>) => {
    const params = CALLS[key(r)]?.params ?? {};
    return r.url.replace(
      /:(\w+)/g,
      (_, name) => params[name] ?? (name === 'id' ? ids[resourceOf(r.url)] : name === 'domainId' ? ids.domain : (ids[name] ?? ids[resourceOf(r.url)])) ?? `missing-${name}`,
    );
  };
  /** The route's valid request as `as`, aimed at `target`'s ids (with `as`'s own ids inside bodies). */
  const call = (r: RouteInfo, as: TenantSeed, target: TenantSeed) => {
    const c = CALLS[key(r)];
    const url = fill(r, target.ids) + (c.query === undefined ? '' : `?${c.query}`);
    return t.request(r.method, url, { token: as.owner.token, domain: as.domainId, headers: c.headers, body: c.body?.(as) });
  };

  it(`has a valid request for each of the ${ID_ROUTES} routes with an id, and no stale entry`, () => {
    const idRoutes = routes.filter((x) => x.url.includes(':')).map(key);
    assert.deepEqual(
      idRoutes.filter((k) => !(k in CALLS)),
      [],
      'routes without an entry in CALLS',
    );
    assert.deepEqual(
      Object.keys(CALLS).filter((k) => !idRoutes.includes(k)),
      [],
      'CALLS entries without a route',
    );
    assert.equal(idRoutes.length, ID_ROUTES);
  });

  it("every route with an id answers 404 NotFoundError (selected-domain: 403 ForbiddenError) to tenant A for tenant B's ids, with a valid request, and leaves B's data intact", async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.url.includes(':') && key(x) in CALLS)) {
      if (fill(r, b.ids).includes('missing-')) {
        failures.push(`${key(r)}: no seeded id for this resource — add it to test/helpers/tenant-seed.ts`);
        continue;
      }
      const res = await call(r, a, b);
      const expected = r.url.startsWith('/selected-domain') || INSTANCE_ADMIN_ONLY.has(key(r)) ? 403 : 404;
      const leaked = b.secrets.some((s) => res.text.includes(s));
      const code = res.body?.meta?.error?.code;
      if (res.status !== expected || code !== (expected === 403 ? ErrorCode.ForbiddenError : ErrorCode.NotFoundError) || leaked)
        failures.push(`${key(r)} → ${res.status} ${code}${leaked ? ' LEAKED' : ''}: ${res.text.slice(0, 160)}`);
    }
    assert.deepEqual(failures, []);
    // B's data is still all there (nothing was changed or deleted through A).
    for (const [resource, id] of Object.entries(b.ids)) {
      if (resource === 'selected-domain') continue;
      const res = await t.request('GET', `/${resource}/${id}`, { token: b.owner.token, domain: b.domainId });
      assert.equal(res.status, 200, `${resource} of B survived: ${res.text.slice(0, 200)}`);
      assert.notEqual(res.body.data.name, 'renamed', `${resource} of B was not renamed`);
    }
  });

  // The same requests on A's own rows get past validation and the tenant check: proves the bodies above are valid.
  it('the same requests on the tenant’s own rows are accepted', async () => {
    // The node is offline, so node-bound calls stop at 409 ConflictError: past validation and the tenant check.
    const OFFLINE = '409 ConflictError';
    const OWN: Record<string, string> = {
      'PUT /apitoken/:id': '200',
      'PUT /role/:id': '200',
      'PUT /membership/:id': '200',
      'PUT /membership/:id/permissions': '200',
      'GET /membership/:id/permissions': '200',
      'PUT /node/:id': '200',
      'PUT /workload/:id': '200',
      'PUT /gameserver/:id': '200',
      'PUT /gameserver/:id/startup': '200',
      'POST /gameserver/:id/allocations': '201',
      'PUT /domain/:id': '200',
      'PUT /integration/:id': '200',
      'POST /integration/:id/rotate-secret': '200',
      'POST /integration/:id/deliveries/search': '200',
      'PUT /alertrule/:id': '200',
      'POST /alert/:id/acknowledge': '200',
      'POST /alert/:id/resolve': '200',
      'GET /node/:id/metrics': '200',
      'GET /gameserver/:id/logs': '200',
      'POST /gameserver/:id/command': OFFLINE,
      'POST /gameserver/:id/power': OFFLINE,
      'POST /gameserver/:id/transfer': '400 BadRequestError', // "already on that node": the service's rule, not validation
      'GET /gameserver/:id/files/stat': OFFLINE,
      'DELETE /gameserver/:id/files': OFFLINE,
      'POST /gameserver/:id/files/mkdir': OFFLINE,
      'POST /gameserver/:id/files/rename': OFFLINE,
      'POST /gameserver/:id/files/copy': OFFLINE,
      'POST /gameserver/:id/files/chmod': OFFLINE,
      'POST /gameserver/:id/files/compress': OFFLINE,
      'POST /gameserver/:id/files/decompress': OFFLINE,
      'GET /gameserver/:id/files/download': OFFLINE,
      'GET /gameserver/:id/files/download-zip': OFFLINE,
      'POST /gameserver/:id/files/download-zip': OFFLINE,
      'GET /gameserver/:id/files/content': OFFLINE,
      'PUT /gameserver/:id/files/content': OFFLINE,
      'POST /gameserver/:id/files/upload': OFFLINE,
      'POST /gameserver/:id/files/tus': OFFLINE,
      'POST /node/:id/containers/:containerId/:action': OFFLINE,
    };
    const got: Record<string, string> = {};
    for (const k of Object.keys(OWN)) {
      const r = routes.find((x) => key(x) === k)!;
      const res = await call(r, a, a);
      got[k] = [res.status, res.body?.meta?.error?.code].filter(Boolean).join(' ');
    }
    assert.deepEqual(got, OWN);
  });

  it("searches as tenant A never return tenant B's rows, also through extend", async () => {
    // Searches under an id (e.g. an integration's delivery log) are in the id matrix above.
    // Instance-admin searches (/admin/…) refuse a tenant's owner outright (test/auditlog/admin-audit).
    const searches = routes.filter((x) => x.method === 'POST' && x.url.endsWith('/search') && !x.url.includes(':') && !x.url.startsWith('/admin/'));
    assert.ok(searches.length >= 8, `router lists ${searches.length} search routes`);
    for (const r of searches) {
      const res = await t.request('POST', r.url, { token: a.owner.token, domain: a.domainId, body: {} });
      assert.equal(res.status, 200, `${r.url}: ${res.text.slice(0, 200)}`);
      for (const s of b.secrets) assert.ok(!res.text.includes(s), `${r.url} leaked ${s}`);
    }
    const extended = await t.request('POST', '/membership/search', { token: a.owner.token, domain: a.domainId, body: { extend: ['user', 'role', 'user.memberships'] } });
    assert.equal(extended.status, 200);
    const nested = extended.body.data.flatMap((m: { user?: { memberships?: { domainId: string }[] } }) => m.user?.memberships ?? []);
    assert.ok(nested.length > 0, 'extend returned nested memberships');
    for (const um of nested) assert.equal(um.domainId, a.domainId, 'nested extend stays in the tenant');
  });

  it('a member of both tenants sees each one’s roles only with that domain selected', async () => {
    const carol = await createMember(t, a.owner, a.domainId, 'carol');
    const inv = await t.request('POST', '/membership', { token: b.owner.token, domain: b.domainId, body: { email: 'carol@example.com' } });
    assert.equal(inv.status, 201, inv.text);
    const accepted = await t.request('POST', '/membership/accept', { token: carol.token, body: { token: inv.body.data.inviteToken } });
    assert.equal(accepted.status, 200, accepted.text);
    const s = await login(t, 'carol');
    const inA = await t.request('POST', '/role/search', { token: s.token, domain: a.domainId, body: {} });
    const inB = await t.request('POST', '/role/search', { token: s.token, domain: b.domainId, body: {} });
    assert.equal(inA.status, 200);
    assert.equal(inB.status, 200);
    assert.ok(inA.body.data.length > 0 && inB.body.data.length > 0);
    assert.ok(inA.body.data.every((r: { domainId: string }) => r.domainId === a.domainId));
    assert.ok(inB.body.data.every((r: { domainId: string }) => r.domainId === b.domainId));
  });

  // Routes that need no selected domain: they ignore a stale takaro-domain cookie so it can't lock users out.
  const DOMAINLESS = new Set([
    'POST /logout',
    'GET /me',
    'POST /selected-domain/:domainId',
    'GET /permissions',
    'GET /auth/mfa/status',
    'POST /auth/mfa/enroll',
    'POST /auth/mfa/confirm',
    'POST /auth/mfa/disable',
    'POST /domain/search',
    'POST /domain',
    'GET /domain/:id',
    'PUT /domain/:id',
    'DELETE /domain/:id',
    'POST /membership/accept',
    'GET /me/sessions',
    'DELETE /me/sessions/:id',
  ]);
  // The Skyport compat API authenticates with an API token bound to one domain (test/compat covers it), not a bearer + domain header.
  const isCompat = (r: RouteInfo) => r.url.startsWith('/api/');

  // Last: POST /logout and the cookie-ignoring DELETE /domain/:id end A's session or data, so they are left out here.
  it("every route refuses tenant B's domain in x-takaro-domain, and every domain-scoped one in the cookie, with 403 ForbiddenError", async () => {
    const names = routes.map(key);
    assert.deepEqual(
      [...DOMAINLESS].filter((k) => !names.includes(k)),
      [],
      'DOMAINLESS entries without a route',
    );
    const failures: string[] = [];
    let checked = 0;
    for (const r of routes.filter((x) => !isCompat(x) && key(x) !== 'POST /logout')) {
      const c = CALLS[key(r)] ?? {};
      const url = fill(r, a.ids) + (c.query === undefined ? '' : `?${c.query}`);
      for (const how of ['header', 'cookie'] as const) {
        if (how === 'cookie' && DOMAINLESS.has(key(r))) continue;
        const headers: Record<string, string> = { ...(c.headers ?? {}), ...(how === 'header' ? { 'x-takaro-domain': b.domainId } : { cookie: `takaro-domain=${b.domainId}` }) };
        const res = await t.request(r.method, url, { token: a.owner.token, headers, body: c.body?.(a) ?? (r.method === 'GET' || r.method === 'DELETE' ? undefined : {}) });
        checked++;
        const leaked = b.secrets.some((s) => res.text.includes(s));
        if (res.status !== 403 || res.body?.meta?.error?.code !== ErrorCode.ForbiddenError || leaked)
          failures.push(`${key(r)} (${how}) → ${res.status}${leaked ? ' LEAKED' : ''}: ${res.text.slice(0, 160)}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(checked > 2 * ID_ROUTES, `checked ${checked} requests`);
    // A stale cookie doesn't lock the user out of domain-less routes, and shows nothing of B.
    for (const url of ['/me', '/permissions']) {
      const res = await t.request('GET', url, { token: a.owner.token, headers: { cookie: `takaro-domain=${b.domainId}` } });
      assert.equal(res.status, 200, `${url}: ${res.text.slice(0, 160)}`);
      for (const s of b.secrets) assert.ok(!res.text.includes(s), `${url} leaked ${s}`);
    }
  });
});
