import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, login, Session } from '../helpers/fixtures';

/** The instance administrator's audit view across domains: search (each row with its domain) and export. */
describe('admin audit log across domains', () => {
  let t: TestApp;
  let root: Session;
  let tenant: Session;
  let betaId: string;

  before(async () => {
    t = await createTestApp();
    root = await bootstrapAdmin(t, 'Alpha');
    // A plain user owns Beta: the admin is not a member there, yet sees its rows.
    const plain = await createMember(t, root, root.domainId, 'betaowner', 'Admin');
    betaId = await createDomain(t, plain.token, 'Beta');
    tenant = { ...(await login(t, 'betaowner')), userId: plain.userId, domainId: betaId };
    const role = await t.request('POST', '/role', { token: tenant.token, domain: betaId, body: { name: 'beta-role', permissions: ['members.read'] } });
    assert.equal(role.status, 201, role.text);
    const alphaRole = await t.request('POST', '/role', { token: root.token, domain: root.domainId, body: { name: 'alpha-role', permissions: ['members.read'] } });
    assert.equal(alphaRole.status, 201, alphaRole.text);
  });
  after(async () => {
    await t.close();
  });

  it("sees both domains' rows, each with its domain; filters by domain like the domain search filters", async () => {
    const all = await t.request('POST', '/admin/auditlog/search', { token: root.token, body: { filters: { action: 'role.create' } } });
    assert.equal(all.status, 200, all.text);
    const rows = all.body.data as Array<{ domainId: string; domainName: string; targetName: string }>;
    assert.deepEqual(rows.map((r) => [r.domainName, r.targetName]).sort(), [
      ['Alpha', 'alpha-role'],
      ['Beta', 'beta-role'],
    ]);
    assert.equal(rows.find((r) => r.targetName === 'beta-role')!.domainId, betaId);
    assert.equal(all.body.meta.total, 2);

    const beta = await t.request('POST', '/admin/auditlog/search', { token: root.token, body: { filters: { domainId: [betaId] } } });
    assert.equal(beta.status, 200, beta.text);
    assert.ok(beta.body.data.length >= 1);
    assert.ok(beta.body.data.every((r: { domainId: string }) => r.domainId === betaId));

    // Instance events (bootstrap) have no domain.
    const instance = await t.request('POST', '/admin/auditlog/search', { token: root.token, body: { filters: { domainId: [null] } } });
    assert.equal(instance.status, 200, instance.text);
    assert.deepEqual(
      instance.body.data.map((r: { action: string; domainName: string | null }) => [r.action, r.domainName]),
      [['auth.bootstrap', null]],
    );
    // The domain's own search stays in the domain.
    const scoped = await t.request('POST', '/auditlog/search', { token: root.token, domain: root.domainId, body: { filters: { action: 'role.create' } } });
    assert.deepEqual(
      scoped.body.data.map((r: { targetName: string }) => r.targetName),
      ['alpha-role'],
    );
  });

  it('a non-admin gets 403 for search and export, even an Owner with auditlog.read', async () => {
    for (const url of ['/admin/auditlog/search', '/admin/auditlog/export']) {
      const r = await t.request('POST', url, { token: tenant.token, domain: betaId, body: url.endsWith('export') ? { format: 'csv' } : {} });
      assert.equal(r.status, 403, r.text);
      assert.equal(r.body.meta.error.code, 'ForbiddenError');
      assert.equal(r.body.meta.error.message, 'Instance administrators only');
    }
  });

  it('exports CSV with every domain and its name; the export is an instance audit event', async () => {
    const r = await t.request('POST', '/admin/auditlog/export', { token: root.token, body: { format: 'csv', filters: { action: 'role.create' } } });
    assert.equal(r.status, 200, r.text);
    assert.match(String(r.headers['content-type']), /^text\/csv/);
    assert.equal(r.headers['x-total-count'], '2');
    assert.match(String(r.headers['content-disposition']), /attachment; filename="audit-all-domains-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = r.text.trim().split('\n');
    const header = lines[0].split(',');
    assert.deepEqual(header.slice(0, 4), ['id', 'createdAt', 'domainId', 'domainName']);
    const body = lines.slice(1).map((l) => l.split(','));
    assert.deepEqual(body.map((c) => [c[3], c[header.indexOf('targetName')]]).sort(), [
      ['Alpha', 'alpha-role'],
      ['Beta', 'beta-role'],
    ]);
    assert.ok(body.some((c) => c[2] === betaId));

    const json = await t.request('POST', '/admin/auditlog/export', { token: root.token, body: { format: 'json', filters: { domainId: [betaId], action: 'role.create' } } });
    assert.equal(json.status, 200, json.text);
    assert.deepEqual(
      (json.body as Array<{ domainName: string; targetName: string }>).map((x) => [x.domainName, x.targetName]),
      [['Beta', 'beta-role']],
    );

    const events = await t.app.get(DataSource).query(`SELECT "domainId", "actorName", details FROM audit_log WHERE action = 'admin.auditlog.export' ORDER BY "createdAt"`);
    assert.equal(events.length, 2);
    assert.equal(events[0].domainId, null);
    assert.equal(events[0].actorName, 'admin');
    assert.equal(events[0].details.format, 'csv');
    assert.equal(events[0].details.rows, 2);
  });

  it('bad filters are 400', async () => {
    const r = await t.request('POST', '/admin/auditlog/search', { token: root.token, body: { filters: { domainId: ['not-a-uuid'] } } });
    assert.equal(r.status, 400, r.text);
    const e = await t.request('POST', '/admin/auditlog/export', { token: root.token, body: { format: 'xml' } });
    assert.equal(e.status, 400, e.text);
  });
});
