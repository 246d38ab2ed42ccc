import { randomBytes } from 'node:crypto';
import { sha256 } from '../../src/core/crypto/hash';
import { AlertEngine } from '../../src/modules/alert/alert-engine.service';
import { AlertService } from '../../src/modules/alert/alert.service';
import { PasswordResetTokenRepository } from '../../src/modules/auth/password-reset-token.repository';
import { trustedDomainId } from '@libs/tenancy/domain-id';
import { PASSWORD } from '../helpers/fixtures';
import { Reply, TestApp } from '../helpers/test-app';

/**
 * The contract cases of the account and instance groups (auth register/forgot/reset, member
 * permissions, alerts, integrations, backup configuration, webhook tokens, settings, admin);
 * test/compat/v1-contract.test.ts spreads them into its CASES. Every call is made as the instance
 * administrator of the first organization unless it says otherwise.
 */

interface Call {
  path: Record<string, string>;
  body?: unknown;
  token?: string;
  after?: (r: Reply) => void;
}
type V1 = (method: string, url: string, options?: { token?: string; body?: unknown }) => Promise<Reply>;

function must(r: Reply, status: number): Reply {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text.slice(0, 300)}`);
  return r;
}

export function v1AccountCases(getApp: () => TestApp, v1: V1, admin: () => string, orgA: () => string): Record<string, () => Promise<Call>> {
  const ctx: Record<string, string> = {};
  let n = 0;
  const member = async (prefix: string) => {
    const email = `${prefix}-acct-${++n}@example.com`;
    const c = must(await v1('POST', '/v1/users', { token: admin(), body: { email, password: PASSWORD, role: 'member' } }), 201);
    return { id: c.body.id as string, email };
  };
  const rule = async () => must(await v1('POST', '/v1/alerts/rules', { token: admin(), body: { name: 'Node down', target_type: 'node', metric: 'offline', severity: 'critical' } }), 201).body;
  /** A real alert: a rule made over /v1, triggered by the alert engine as a node-offline event would. */
  const alert = async () => {
    if (ctx.alertId) return ctx.alertId;
    const app = getApp().app;
    const r = await app.get(AlertService).getRule(trustedDomainId(orgA()), (await rule()).id);
    await app.get(AlertEngine).trigger(r, { id: '00000000-0000-4000-8000-0000000000aa', name: 'box-1' }, 'Node "box-1" is offline');
    const list = must(await v1('GET', '/v1/alerts', { token: admin() }), 200);
    ctx.alertId = list.body[0].id;
    return ctx.alertId;
  };
  const integration = async () =>
    must(await v1('POST', '/v1/integrations', { token: admin(), body: { name: 'Ops mail', type: 'email', recipients: ['ops@example.com'], events: ['alert.fired'] } }), 201).body.id as string;
  const backupConfig = async (name: string) =>
    must(await v1('POST', '/v1/backup-config', { token: admin(), body: { name, bucket: 'outpost-backups', access_key_id: 'AKIAEXAMPLE1234', secret_access_key: 'not-a-real-secret-key' } }), 201).body
      .id as string;

  return {
    'POST /v1/auth/register': async () => {
      must(await v1('PUT', '/v1/settings', { token: admin(), body: { registration_enabled: true } }), 200);
      return { path: {}, body: { email: 'self-registered@example.com', password: PASSWORD } };
    },
    'POST /v1/auth/forgot-password': async () => ({ path: {}, body: { email: 'self-registered@example.com' } }),
    'POST /v1/auth/reset-password': async () => {
      // No SMTP on this app: the token an email would carry, stored as PasswordResetService stores it.
      const token = `outpost_pwr_${randomBytes(32).toString('base64url')}`;
      const u = await member('reset');
      await getApp()
        .app.get(PasswordResetTokenRepository)
        .insert({ userId: u.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + 600_000) });
      return { path: {}, body: { token, new_password: `${PASSWORD}-new` } };
    },
    'GET /v1/organizations/{orgId}/members/{userId}/permissions': async () => ({ path: { orgId: orgA(), userId: (await member('perms')).id }, token: admin() }),
    'POST /v1/organizations/{orgId}/members/{userId}/permissions': async () => {
      ctx.permUser = (await member('grant')).id;
      return { path: { orgId: orgA(), userId: ctx.permUser }, token: admin(), body: { key: 'alerts.manage' } };
    },
    'DELETE /v1/organizations/{orgId}/members/{userId}/permissions/{key}': async () => ({ path: { orgId: orgA(), userId: ctx.permUser, key: 'alerts.manage' }, token: admin() }),
    'GET /v1/alerts': async () => {
      await alert();
      return { path: {}, token: admin() };
    },
    'GET /v1/alerts/unread-count': async () => ({ path: {}, token: admin() }),
    'GET /v1/alerts/{id}': async () => ({ path: { id: await alert() }, token: admin() }),
    'POST /v1/alerts/{id}/ack': async () => ({ path: { id: await alert() }, token: admin() }),
    'GET /v1/alerts/rules': async () => ({ path: {}, token: admin() }),
    'POST /v1/alerts/rules': async () => ({
      path: {},
      token: admin(),
      body: { name: 'High CPU', target_type: 'node', metric: 'cpu_usage', operator: 'gt', threshold: 90, duration_seconds: 300, severity: 'warn', notify_in_app: true, cooldown_seconds: 600 },
      after: (r) => (ctx.ruleId = r.body.id),
    }),
    'GET /v1/alerts/rules/{id}': async () => ({ path: { id: ctx.ruleId }, token: admin() }),
    'PUT /v1/alerts/rules/{id}': async () => ({ path: { id: ctx.ruleId }, token: admin(), body: { threshold: 95, severity: 'critical' } }),
    'DELETE /v1/alerts/rules/{id}': async () => ({ path: { id: ctx.ruleId }, token: admin() }),
    'GET /v1/integrations': async () => {
      await integration();
      return { path: {}, token: admin() };
    },
    'GET /v1/integrations/types': async () => ({ path: {}, token: admin() }),
    'POST /v1/integrations': async () => ({
      path: {},
      token: admin(),
      body: { name: 'Pager', type: 'email', recipients: ['pager@example.com'], events: ['alert.fired', 'alert.resolved'] },
      after: (r) => (ctx.integrationId = r.body.id),
    }),
    'GET /v1/integrations/{id}': async () => ({ path: { id: ctx.integrationId }, token: admin() }),
    'PUT /v1/integrations/{id}': async () => ({ path: { id: ctx.integrationId }, token: admin(), body: { enabled: false } }),
    'DELETE /v1/integrations/{id}': async () => ({ path: { id: await integration() }, token: admin() }),
    'POST /v1/integrations/{id}/test': async () => ({ path: { id: ctx.integrationId }, token: admin() }),
    'GET /v1/backup-config': async () => ({ path: {}, token: admin() }),
    'POST /v1/backup-config': async () => ({ path: {}, token: admin(), body: { name: 'Offsite', kind: 'local' }, after: (r) => (ctx.backupConfigId = r.body.id) }),
    'GET /v1/backup-config/list': async () => ({ path: {}, token: admin() }),
    'GET /v1/backup-config/{id}': async () => ({ path: { id: ctx.backupConfigId }, token: admin() }),
    'PUT /v1/backup-config/{id}': async () => ({ path: { id: ctx.backupConfigId }, token: admin(), body: { keep_last: 5 } }),
    'DELETE /v1/backup-config/{id}': async () => ({ path: { id: await backupConfig('Doomed') }, token: admin() }),
    'POST /v1/backup-config/{id}/activate': async () => ({ path: { id: await backupConfig('S3 target') }, token: admin() }),
    'GET /v1/webhook-tokens': async () => {
      must(await v1('POST', '/v1/webhook-tokens', { token: admin(), body: { name: 'listed' } }), 201);
      return { path: {}, token: admin() };
    },
    'POST /v1/webhook-tokens': async () => ({ path: {}, token: admin(), body: { name: 'github' }, after: (r) => (ctx.webhookTokenId = r.body.id) }),
    'DELETE /v1/webhook-tokens/{id}': async () => ({ path: { id: ctx.webhookTokenId }, token: admin() }),
    'GET /v1/settings': async () => ({ path: {}, token: admin() }),
    'PUT /v1/settings': async () => ({ path: {}, token: admin(), body: { registration_email_domains: ['example.com'] } }),
    'GET /v1/admin/organizations': async () => ({ path: {}, token: admin() }),
    'GET /v1/admin/organizations/{id}': async () => ({ path: { id: orgA() }, token: admin() }),
    'GET /v1/admin/audit-logs': async () => ({ path: {}, token: admin() }),
    'GET /v1/admin/audit-logs/export': async () => ({ path: {}, token: admin() }),
    'GET /v1/admin/users': async () => ({ path: {}, token: admin() }),
    'POST /v1/admin/users/{id}/suspend': async () => {
      ctx.suspended = (await member('suspended')).id;
      return { path: { id: ctx.suspended }, token: admin(), body: { reason: 'chargeback' } };
    },
    'POST /v1/admin/users/{id}/unsuspend': async () => ({ path: { id: ctx.suspended }, token: admin(), body: {} }),
  };
}
