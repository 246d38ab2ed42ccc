import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { AlertEngine } from '../../src/modules/alert/alert-engine.service';
import { AlertService } from '../../src/modules/alert/alert.service';
import { trustedDomainId } from '@libs/tenancy/domain-id';
import { bootstrapAdmin, createDomain, createMember, PASSWORD, Session } from '../helpers/fixtures';
import { createTestApp, Reply, TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait';
import { SmtpSink, startSmtpSink } from '../mail/smtp-sink';

/**
 * The account and instance groups of the /v1 dialect (seed 001) over Outpost's services: register →
 * login, forgot/reset password through a real SMTP server, alert rules, backup configuration with
 * write-only credentials, instance-administrator-only admin routes, and tenancy of every id route.
 */

const PUBLIC_URL = 'https://outpost.example.test';
const SECRET = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY';
const keys = (v: unknown) => Object.keys(v as object).sort();

describe('/v1 account and instance groups', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let admin: Session;
  /** Owner of a second organization, and of nothing in the first one. */
  let ownerB: Session;

  const v1 = (method: string, url: string, token?: string, body?: unknown) => t.request(method, url, { token, body });
  const assertError = (r: Reply, status: number, message?: RegExp) => {
    assert.equal(r.status, status, r.text);
    assert.deepEqual(keys(r.body), ['error'], r.text);
    if (message) assert.match(r.body.error, message);
  };
  const mailsTo = (email: string) => sink.messages.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.value.some((v) => v.address === email)));

  before(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, SMTP_FROM: 'Outpost <noreply@example.test>', PUBLIC_URL });
    admin = await bootstrapAdmin(t);
    const orgB = await createDomain(t, admin.token, 'Bravo');
    ownerB = await createMember(t, admin, orgB, 'bravo-owner', 'Owner');
  });
  after(async () => {
    await t?.close();
    await sink?.close();
  });

  it('register is refused while registration is off, then register → login → /users/me over /v1 (snake_case)', async () => {
    const body = { email: 'Newcomer@Example.com', password: PASSWORD };
    assertError(await v1('POST', '/v1/auth/register', undefined, body), 403, /Registration is closed/);
    const settings = await v1('PUT', '/v1/settings', admin.token, { registration_enabled: true });
    assert.equal(settings.status, 200, settings.text);
    assert.equal(settings.body.registration_enabled, true);
    assert.deepEqual(settings.body.registration_email_domains, []);
    assert.equal(settings.body.updated_by, admin.userId);

    const created = await v1('POST', '/v1/auth/register', undefined, body);
    assert.equal(created.status, 201, created.text);
    assert.deepEqual(keys(created.body), ['created_at', 'email', 'id', 'is_admin', 'last_login_at', 'mfa_enabled', 'updated_at', 'username']);
    assert.equal(created.body.email, 'newcomer@example.com');
    assert.equal(created.body.username, 'newcomer');
    assert.equal(created.body.is_admin, false);
    assertError(await v1('POST', '/v1/auth/register', undefined, body), 409);

    const login = await v1('POST', '/v1/auth/login', undefined, body);
    assert.equal(login.status, 200, login.text);
    assert.deepEqual(keys(login.body), ['access_token', 'expires_in', 'refresh_token', 'token_type']);
    const me = await v1('GET', '/v1/users/me', login.body.access_token);
    assert.equal(me.status, 200, me.text);
    assert.equal(me.body.id, created.body.id);
  });

  it('forgot-password answers the same for any email; the mailed token resets the password once', async () => {
    const u = await createMember(t, admin, admin.domainId, 'forgetful');
    const unknown = await v1('POST', '/v1/auth/forgot-password', undefined, { email: 'nobody@example.com' });
    const known = await v1('POST', '/v1/auth/forgot-password', undefined, { email: 'FORGETFUL@example.com' });
    assert.equal(unknown.status, 202, unknown.text);
    assert.equal(known.status, 202, known.text);
    assert.equal(known.text, unknown.text, 'no account enumeration: the same bytes');
    assert.deepEqual(known.body, { message: 'If an account with this email exists, a link to reset its password has been sent to it.' });

    const mail = await waitFor('the reset email', () => mailsTo('forgetful@example.com')[0]);
    const token = decodeURIComponent(/reset-password\?token=(\S+)/.exec(mail.text ?? '')![1]);
    assert.equal(mailsTo('nobody@example.com').length, 0, 'nothing is sent for an email without an account');

    const reset = await v1('POST', '/v1/auth/reset-password', undefined, { token, new_password: 'a-brand-new-passphrase' });
    assert.equal(reset.status, 200, reset.text);
    assert.deepEqual(keys(reset.body), ['message']);
    assertError(await v1('GET', '/v1/users/me', u.token), 401);
    assertError(await v1('POST', '/v1/auth/login', undefined, { email: 'forgetful@example.com', password: PASSWORD }), 401);
    assert.equal((await v1('POST', '/v1/auth/login', undefined, { email: 'forgetful@example.com', password: 'a-brand-new-passphrase' })).status, 200);
    assertError(await v1('POST', '/v1/auth/reset-password', undefined, { token, new_password: 'yet-another-passphrase' }), 400, /invalid, expired or already used/);
  });

  it('alert rule round trip: the seed body → Outpost rule → same fields back; what Outpost cannot do is a 400', async () => {
    const seedBody = { name: 'High CPU', target_type: 'node', metric: 'cpu_usage', operator: 'gt', threshold: 90, duration_seconds: 300, severity: 'warn', notify_in_app: true, cooldown_seconds: 600 };
    const created = await v1('POST', '/v1/alerts/rules', admin.token, seedBody);
    assert.equal(created.status, 201, created.text);
    const { id, created_at: _c, updated_at: _u, ...rest } = created.body;
    assert.deepEqual(rest, {
      name: 'High CPU',
      target_type: 'node',
      target_id: null,
      metric: 'cpu_usage',
      operator: 'gt',
      threshold: 90,
      duration_seconds: 300,
      severity: 'warn',
      enabled: true,
      cooldown_seconds: 600,
    });
    // Stored as Outpost's rule: node.cpu above 90 % for 5 minutes, cooldown 10 minutes.
    const native = await t.request('GET', `/alertrule/${id}`, { token: admin.token });
    assert.deepEqual(
      [native.body.data.kind, native.body.data.thresholdPercent, native.body.data.forMinutes, native.body.data.cooldownMinutes, native.body.data.severity],
      ['node.cpu', 90, 5, 10, 'warning'],
    );

    const updated = await v1('PUT', `/v1/alerts/rules/${id}`, admin.token, { threshold: 95, severity: 'critical', enabled: false });
    assert.equal(updated.status, 200, updated.text);
    assert.deepEqual([updated.body.threshold, updated.body.severity, updated.body.enabled, updated.body.metric], [95, 'critical', false, 'cpu_usage']);
    assert.deepEqual((await v1('GET', `/v1/alerts/rules/${id}`, admin.token)).body, updated.body);
    assert.ok((await v1('GET', '/v1/alerts/rules', admin.token)).body.some((r: { id: string }) => r.id === id));
    assertError(await v1('PUT', `/v1/alerts/rules/${id}`, admin.token, { metric: 'memory_usage' }), 400, /cannot change/);

    assertError(await v1('POST', '/v1/alerts/rules', admin.token, { ...seedBody, notify_email: true }), 400, /notify_email/);
    assertError(await v1('POST', '/v1/alerts/rules', admin.token, { ...seedBody, duration_seconds: 90 }), 400, /multiple of 60/);
    assertError(await v1('POST', '/v1/alerts/rules', admin.token, { ...seedBody, target_type: 'instance', metric: 'disk_usage' }), 400, /not available for target_type instance/);
    assertError(await v1('POST', '/v1/alerts/rules', admin.token, { ...seedBody, operator: 'lt' }), 400, /operator/);

    assert.equal((await v1('DELETE', `/v1/alerts/rules/${id}`, admin.token)).status, 204);
    assertError(await v1('GET', `/v1/alerts/rules/${id}`, admin.token), 404);
  });

  it('backup-config: S3 credentials go in and never come back, in any reply', async () => {
    const created = await v1('POST', '/v1/backup-config', admin.token, {
      name: 'Offsite',
      endpoint: 'https://s3.example.com',
      bucket: 'outpost-backups',
      force_path_style: true,
      access_key_id: 'AKIAIOSFODNN7EXAMPLE',
      secret_access_key: SECRET,
      activate: true,
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.has_credentials, true);
    assert.equal(created.body.access_key_id_last4, 'MPLE');
    assert.equal(created.body.active, true);
    const replies = [
      created,
      await v1('GET', `/v1/backup-config/${created.body.id}`, admin.token),
      await v1('GET', '/v1/backup-config/list', admin.token),
      await v1('GET', '/v1/backup-config', admin.token),
      await v1('PUT', `/v1/backup-config/${created.body.id}`, admin.token, { access_key_id: 'AKIAIOSFODNN7EXAMPLE', secret_access_key: `${SECRET}2`, region: 'eu-west-1' }),
    ];
    assert.deepEqual(
      replies.map((r) => r.status),
      [201, 200, 200, 200, 200],
      replies.map((r) => r.text).join('\n'),
    );
    for (const r of replies) {
      assert.ok(!r.text.includes(SECRET), `no secret in ${r.text}`);
      assert.ok(!r.text.includes('AKIAIOSFODNN7EXAMPLE'), `no key id in ${r.text}`);
      assert.ok(!/secret_access_key|access_key_id"/.test(r.text), `no credential field in ${r.text}`);
    }
    assert.equal(replies[3].body.config_id, created.body.id, 'the active configuration');
    const [row] = await t.app.get(DataSource).query('SELECT * FROM backup_config WHERE id = $1', [created.body.id]);
    assert.ok(!JSON.stringify(row).includes(SECRET), 'sealed at rest');
  });

  it('admin routes are for instance administrators: a domain Owner with a valid body gets 403', async () => {
    const target = await createMember(t, admin, admin.domainId, 'target-user');
    for (const [method, url, body] of [
      ['GET', '/v1/admin/users'],
      ['GET', '/v1/admin/organizations'],
      ['GET', `/v1/admin/organizations/${admin.domainId}`],
      ['GET', '/v1/admin/audit-logs'],
      ['GET', '/v1/admin/audit-logs/export'],
      ['POST', `/v1/admin/users/${target.userId}/suspend`, { reason: 'abuse' }],
      ['POST', `/v1/admin/users/${target.userId}/unsuspend`, {}],
      ['GET', '/v1/settings'],
      ['PUT', '/v1/settings', { registration_enabled: false }],
    ] as Array<[string, string, unknown?]>) {
      assertError(await v1(method, url, ownerB.token, body), 403, /instance administrator/i);
    }
    assert.equal((await v1('GET', '/v1/users/me', target.token)).status, 200, 'not suspended by the refused call');

    const suspended = await v1('POST', `/v1/admin/users/${target.userId}/suspend`, admin.token, { reason: 'abuse' });
    assert.equal(suspended.status, 200, suspended.text);
    assert.equal(suspended.body.suspended_reason, 'abuse');
    assertError(await v1('GET', '/v1/users/me', target.token), 401);
    const users = await v1('GET', '/v1/admin/users', admin.token);
    assert.ok(users.body.some((u: { id: string; suspended_at: string | null }) => u.id === target.userId && u.suspended_at));
    assert.equal((await v1('POST', `/v1/admin/users/${target.userId}/unsuspend`, admin.token, {})).body.suspended_at, null);

    const logs = await v1('GET', '/v1/admin/audit-logs', admin.token);
    assert.ok(
      logs.body.some((l: { action: string; target_id: string }) => l.action === 'user.suspend' && l.target_id === target.userId),
      logs.text.slice(0, 500),
    );
    const exported = await v1('GET', '/v1/admin/audit-logs/export', admin.token);
    assert.equal(exported.status, 200);
    assert.deepEqual(keys(exported.body[0]), keys(logs.body[0]), 'the export has the list’s snake_case rows');
  });

  it("another organization's Owner gets 404 { error } for the first organization's ids, with valid bodies", async () => {
    const app = t.app;
    const rule = await v1('POST', '/v1/alerts/rules', admin.token, { name: 'Node down', target_type: 'node', metric: 'offline' });
    const native = await app.get(AlertService).getRule(trustedDomainId(admin.domainId), rule.body.id);
    await app.get(AlertEngine).trigger(native, { id: '00000000-0000-4000-8000-0000000000bb', name: 'box-9' }, 'Node "box-9" is offline');
    const alertId = (await v1('GET', '/v1/alerts?state=firing', admin.token)).body[0].id as string;
    const integration = await v1('POST', '/v1/integrations', admin.token, { name: 'Ops', type: 'email', recipients: ['ops@example.com'], events: ['alert.fired'] });
    const config = await v1('POST', '/v1/backup-config', admin.token, { name: 'Disk', kind: 'local' });
    const hook = await v1('POST', '/v1/webhook-tokens', admin.token, { name: 'github' });
    const memberA = await createMember(t, admin, admin.domainId, 'member-a');
    for (const r of [rule, integration, config, hook]) assert.equal(r.status, 201, r.text);

    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/v1/alerts/${alertId}`],
      ['POST', `/v1/alerts/${alertId}/ack`],
      ['GET', `/v1/alerts/rules/${rule.body.id}`],
      ['PUT', `/v1/alerts/rules/${rule.body.id}`, { name: 'Mine now' }],
      ['DELETE', `/v1/alerts/rules/${rule.body.id}`],
      ['GET', `/v1/integrations/${integration.body.id}`],
      ['PUT', `/v1/integrations/${integration.body.id}`, { enabled: false }],
      ['POST', `/v1/integrations/${integration.body.id}/test`],
      ['DELETE', `/v1/integrations/${integration.body.id}`],
      ['GET', `/v1/backup-config/${config.body.id}`],
      ['PUT', `/v1/backup-config/${config.body.id}`, { keep_last: 1 }],
      ['POST', `/v1/backup-config/${config.body.id}/activate`],
      ['DELETE', `/v1/backup-config/${config.body.id}`],
      ['DELETE', `/v1/webhook-tokens/${hook.body.id}`],
      // Their own organization in the path, a user of the first one: not a member there.
      ['GET', `/v1/organizations/${ownerB.domainId}/members/${memberA.userId}/permissions`],
      ['POST', `/v1/organizations/${ownerB.domainId}/members/${memberA.userId}/permissions`, { key: 'alerts.manage' }],
      ['DELETE', `/v1/organizations/${ownerB.domainId}/members/${memberA.userId}/permissions/alerts.manage`],
    ];
    for (const [method, url, body] of calls) assertError(await v1(method, url, ownerB.token, body), 404, /not found/i);
    // The first organization in the path: not theirs (the tenant check, 403).
    assertError(await v1('GET', `/v1/organizations/${admin.domainId}/members/${memberA.userId}/permissions`, ownerB.token), 403);

    // Nothing changed for the first organization.
    assert.equal((await v1('GET', `/v1/alerts/rules/${rule.body.id}`, admin.token)).body.name, 'Node down');
    assert.equal((await v1('GET', `/v1/alerts/${alertId}`, admin.token)).body.acknowledged, false);
    assert.equal((await v1('GET', `/v1/integrations/${integration.body.id}`, admin.token)).body.enabled, true);
    assert.equal((await v1('GET', `/v1/backup-config/${config.body.id}`, admin.token)).body.active, false);
    assert.ok((await v1('GET', '/v1/webhook-tokens', admin.token)).body.some((h: { id: string }) => h.id === hook.body.id));

    // Member permissions in their own organization work.
    const granted = await v1('POST', `/v1/organizations/${admin.domainId}/members/${memberA.userId}/permissions`, admin.token, { key: 'alerts.manage' });
    assert.equal(granted.status, 200, granted.text);
    assert.deepEqual(granted.body.granted, ['alerts.manage']);
    assert.ok(granted.body.permissions.includes('alerts.manage'));
    assert.equal((await v1('POST', '/v1/alerts/rules', memberA.token, { name: 'Granted', target_type: 'node', metric: 'offline' })).status, 201, 'the grant takes effect');
    assert.equal((await v1('DELETE', `/v1/organizations/${admin.domainId}/members/${memberA.userId}/permissions/alerts.manage`, admin.token)).status, 204);
    assertError(await v1('POST', '/v1/alerts/rules', memberA.token, { name: 'Again', target_type: 'node', metric: 'offline' }), 403);
  });
});
