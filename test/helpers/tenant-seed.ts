import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { TestApp } from './test-app';
import { createDomain, createMember, login, Session } from './fixtures';

export interface TenantSeed {
  domainId: string;
  owner: Session;
  /** One id per resource path segment (`/role/:id` → ids.role). */
  ids: Record<string, string>;
  /** Strings that only this tenant's data contains: must never appear in another tenant's replies. */
  secrets: string[];
}

/** A domain owned by `user` with one row of every domain-scoped resource. */
export async function seedTenant(t: TestApp, user: Session, name: string): Promise<TenantSeed> {
  const tag = name.replace(/\W/g, '').toLowerCase();
  const domainId = await createDomain(t, user.token, name);
  const s = await login(t, user.userId === '' ? '' : (await t.request('GET', '/me', { token: user.token })).body.data.user.username);
  const owner: Session = { ...s, userId: user.userId, domainId };
  const req = (method: string, url: string, body?: unknown) => t.request(method, url, { token: owner.token, domain: domainId, body });

  const role = await req('POST', '/role', { name: `role-${tag}`, permissions: ['gameserver.read'] });
  assert.equal(role.status, 201, role.text);
  const member = await createMember(t, owner, domainId, `member-${tag}`);
  const memberships = await req('POST', '/membership/search', { filters: { userId: member.userId } });
  const token = await req('POST', '/apitoken', { name: `token-${tag}` });
  assert.equal(token.status, 201, token.text);
  const node = await req('POST', '/node', { name: `node-${tag}`, address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });
  assert.equal(node.status, 201, node.text);
  const workload = await req('POST', '/workload/from-template', { template: 'echo-server', name: `workload-${tag}` });
  assert.equal(workload.status, 201, workload.text);
  // Placement needs an online node; the matrix only needs the row, so it is written directly.
  const [server] = await t.app
    .get(DataSource)
    .query(
      `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", image, "memoryMiB", "cpuPercent", "diskMiB", pids) VALUES ($1, $2, $3, $4, 'outpost/echo-server:local', 64, 50, 64, 64) RETURNING id`,
      [domainId, `server-${tag}`, workload.body.data.id, node.body.data.id],
    );
  // A finished local backup of that server (the row is what the matrix needs, not an archive).
  const [backup] = await t.app
    .get(DataSource)
    .query(
      `INSERT INTO backup ("domainId", "gameserverId", "nodeId", storage, "objectKey", name, state, "sizeBytes", sha256, files, "createdByType", "completedAt") VALUES ($1, $2, $3, 'local', $4, $5, 'completed', 10, $6, 1, 'system', now()) RETURNING id`,
      [domainId, server.id, node.body.data.id, `${server.id}.tar.gz`, `backup-${tag}`, '0'.repeat(64)],
    );
  const backupConfig = await req('POST', '/backup-config', { name: `backupconfig-${tag}`, kind: 'local' });
  assert.equal(backupConfig.status, 201, backupConfig.text);
  const schedule = await req('POST', '/schedule', {
    gameserverId: server.id,
    name: `schedule-${tag}`,
    cron: '0 4 * * *',
    timezone: 'UTC',
    tasks: [{ action: 'command', command: 'say hi', delaySeconds: 0 }],
  });
  assert.equal(schedule.status, 201, schedule.text);
  const webhookToken = await req('POST', '/webhooktoken', { name: `webhooktoken-${tag}` });
  assert.equal(webhookToken.status, 201, webhookToken.text);
  // An IP literal: public, so the default outbound policy accepts it without DNS (nothing is sent while seeding).
  const integration = await req('POST', '/integration', { name: `integration-${tag}`, type: 'webhook', events: ['server.crashed'], url: 'https://93.184.216.34/outpost-isolation' });
  assert.equal(integration.status, 201, integration.text);
  const alertRule = await req('POST', '/alertrule', { name: `alertrule-${tag}`, kind: 'server.crashed', serverId: server.id });
  assert.equal(alertRule.status, 201, alertRule.text);
  // A firing alert of that rule (events make them; the matrix only needs the row).
  const [alert] = await t.app
    .get(DataSource)
    .query(
      `INSERT INTO alert ("domainId", "ruleId", kind, severity, "subjectType", "subjectId", "subjectName", message, state) VALUES ($1, $2, 'server.crashed', 'warning', 'gameserver', $3, $4, $4, 'firing') RETURNING id`,
      [domainId, alertRule.body.data.id, server.id, `alert-${tag}`],
    );
  const audit = await req('POST', '/auditlog/search', { limit: 1 });

  return {
    domainId,
    owner,
    ids: {
      domain: domainId,
      role: role.body.data.id,
      user: member.userId,
      membership: memberships.body.data[0].id,
      apitoken: token.body.data.id,
      auditlog: audit.body.data[0].id,
      'selected-domain': domainId,
      node: node.body.data.id,
      workload: workload.body.data.id,
      gameserver: server.id,
      backup: backup.id,
      'backup-config': backupConfig.body.data.id,
      schedule: schedule.body.data.id,
      integration: integration.body.data.id,
      webhooktoken: webhookToken.body.data.id,
      alertrule: alertRule.body.data.id,
      alert: alert.id,
    },
    secrets: [
      `role-${tag}`,
      `member-${tag}`,
      `token-${tag}`,
      `node-${tag}`,
      `workload-${tag}`,
      `server-${tag}`,
      `backup-${tag}`,
      `backupconfig-${tag}`,
      `schedule-${tag}`,
      `integration-${tag}`,
      `webhooktoken-${tag}`,
      `alertrule-${tag}`,
      `alert-${tag}`,
      domainId,
    ],
  };
}
