import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { listRoutes, RouteInfo } from '../../src/core/http/route-catalog';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, PASSWORD, roleId, Session } from '../helpers/fixtures';
import { Receiver, startReceiver } from '../integration/receiver';

interface AuditRow {
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetId: string | null;
  details: { method: string; route: string };
}

/** A successful call of the route; resolves to the target id the audit row must name. */
type Exercise = () => Promise<string>;

/**
 * Not asserted here: auth/session/account/domain-list routes that work without a selected domain. The interceptor
 * writes into the caller's selected domain when there is one (e.g. domain.create, auth.mfaEnroll), none otherwise.
 */
const NOT_AUDITED = [
  'POST /auth/bootstrap',
  'POST /login',
  'POST /logout',
  'POST /auth/refresh',
  'POST /auth/mfa/verify',
  'POST /auth/mfa/enroll',
  'POST /auth/mfa/confirm',
  'POST /auth/mfa/disable',
  'POST /agent/register',
  'POST /agent/transfer/:transferId',
  'POST /agent/transfer/:transferId/relay',
  'POST /selected-domain/:domainId',
  'POST /membership/accept',
  'POST /membership/invite/:token/register',
  'DELETE /me/sessions/:id',
  'POST /domain',
  'PUT /domain/:id',
  'DELETE /domain/:id',
  // @NotAudited: a console token changes nothing; a TUS chunk belongs to an upload audited at creation.
  'POST /gameserver/:id/console-token',
  'PATCH /gameserver/:id/files/tus/:uploadId',
  // Public receivers authenticated by a webhook token's signature, not a user (test/deploy covers them).
  'POST /webhooks/github/:tokenId',
  'POST /webhooks/gitlab/:tokenId',
  // Instance events, written by their services into no domain (test/identity/registration, password-reset, suspension, test/auditlog/admin-audit).
  'POST /auth/register',
  'POST /auth/forgot-password',
  'POST /auth/reset-password',
  'PUT /admin/settings',
  'POST /user/:id/suspend',
  'POST /user/:id/unsuspend',
  'POST /admin/auditlog/export',
  // @NotAudited: they read a Pterodactyl panel and change nothing here.
  'POST /import/pterodactyl/validate',
  'POST /import/pterodactyl/servers',
];
/** Audited, but a successful call needs an online node/agent (Docker): covered by the gameserver/files/node suites' flows, not here. */
const NEEDS_NODE = [
  'POST /gameserver',
  'POST /gameserver/:id/command',
  'POST /gameserver/:id/power',
  'POST /gameserver/:id/start',
  'POST /gameserver/:id/stop',
  'POST /gameserver/:id/restart',
  'POST /gameserver/:id/kill',
  'POST /gameserver/:id/reinstall',
  'POST /gameserver/:id/transfer',
  'DELETE /gameserver/:id/files',
  'POST /gameserver/:id/files/chmod',
  'POST /gameserver/:id/files/compress',
  'PUT /gameserver/:id/files/content',
  'POST /gameserver/:id/files/copy',
  'POST /gameserver/:id/files/decompress',
  'POST /gameserver/:id/files/download-zip',
  'POST /gameserver/:id/files/mkdir',
  'POST /gameserver/:id/files/rename',
  'POST /gameserver/:id/files/tus',
  'DELETE /gameserver/:id/files/tus/:uploadId',
  'POST /gameserver/:id/files/upload',
  'POST /node/:id/containers/:containerId/:action',
  // Creates game servers on a node (test/migration/pterodactyl-import checks the import).
  'POST /import/pterodactyl/import',
  // Backups and runs talk to the server's agent (their audit rows are checked in test/backup and test/schedule).
  'POST /backup',
  'DELETE /backup/:id',
  'POST /backup/:id/restore',
  'POST /schedule/:id/run',
  // A sync clones and talks to the server's agent (test/deploy).
  'POST /gameserver/:id/git/sync',
];
/** The Skyport compat API (x-api-key of an API token) is exercised by test/compat. */
// The dialects are adapters over the audited routes' services: Skyport in test/compat/skyport, /v1 in test/compat/v1-contract.
const isCompat = (k: string) => k.includes(' /api/') || k.includes(' /v1/');

describe('audit interceptor', () => {
  let t: TestApp;
  let receiver: Receiver;
  let admin: Session;
  let routes: string[];
  let db: DataSource;
  let seen: number;
  const req = (method: string, url: string, body?: unknown) => t.request(method, url, { token: admin.token, domain: admin.domainId, body });
  /** Rows written since the last call, oldest first. */
  const newRows = async (): Promise<AuditRow[]> => {
    const rows: (AuditRow & { n: string })[] = await db.query(
      `SELECT "actorType", "actorId", "actorName", action, "targetId", details, count(*) OVER () AS n FROM audit_log WHERE "domainId" = $1 ORDER BY "createdAt" OFFSET $2`,
      [admin.domainId, seen],
    );
    seen += rows.length;
    return rows.map(({ n: _n, ...r }) => r);
  };
  const created = async (method: string, url: string, body: unknown, status = 201) => {
    const r = await req(method, url, body);
    assert.equal(r.status, status, `${method} ${url}: ${r.text.slice(0, 300)}`);
    return r.body.data.id as string;
  };
  const ok = async (method: string, url: string, body: unknown, status: number) => {
    const r = await req(method, url, body);
    assert.equal(r.status, status, `${method} ${url}: ${r.text.slice(0, 300)}`);
  };
  const node = () => created('POST', '/node', { name: `n-${Math.random().toString(36).slice(2, 8)}`, address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });
  const workload = () => created('POST', '/workload/from-template', { template: 'echo-server', name: `w-${Math.random().toString(36).slice(2, 8)}` });
  const role = () => created('POST', '/role', { name: `r-${Math.random().toString(36).slice(2, 8)}`, permissions: ['gameserver.read'] });
  const apitoken = () => created('POST', '/apitoken', { name: `t-${Math.random().toString(36).slice(2, 8)}` });
  /** Placement needs an online node; the row is written directly (as test/helpers/tenant-seed.ts does). */
  const gameserver = async () => {
    const [row] = await db.query(
      `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", image, "memoryMiB", "cpuPercent", "diskMiB", pids) VALUES ($1, $2, $3, $4, 'outpost/echo-server:local', 64, 50, 64, 64) RETURNING id`,
      [admin.domainId, `gs-${Math.random().toString(36).slice(2, 8)}`, await workload(), await node()],
    );
    return row.id as string;
  };
  /** A finished local backup row of a fresh server (lock, unlock and links need no agent). */
  const backup = async () => {
    const serverId = await gameserver();
    const [row] = await db.query(
      `INSERT INTO backup ("domainId", "gameserverId", "nodeId", storage, "objectKey", name, state, "sizeBytes", sha256, files, "createdByType", "completedAt")
       SELECT "domainId", id, "nodeId", 'local', id || '.tar.gz', 'audited backup', 'completed', 10, $2, 1, 'system', now() FROM gameserver WHERE id = $1 RETURNING id`,
      [serverId, '0'.repeat(64)],
    );
    return row.id as string;
  };
  /** A fresh server with `n` ports (the first primary): [serverId, ...allocationIds]; the audit rows of the setup are skipped. */
  const withPorts = async (n: number): Promise<string[]> => {
    const id = await gameserver();
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await req('POST', `/gameserver/${id}/allocations`, { protocol: 'tcp' });
      assert.equal(r.status, 201, r.text);
      ids.push(r.body.data.allocations.find((a: { id: string }) => !ids.includes(a.id)).id as string);
    }
    await newRows();
    return [id, ...ids];
  };
  const backupConfig = () => created('POST', '/backup-config', { name: `bc-${Math.random().toString(36).slice(2, 8)}`, kind: 'local' });
  const schedule = async (serverId?: string) =>
    created('POST', '/schedule', { gameserverId: serverId ?? (await gameserver()), name: 'audited', cron: '0 4 * * *', tasks: [{ action: 'command', command: 'say hi', delaySeconds: 0 }] });
  const integration = () => created('POST', '/integration', { name: `i-${Math.random().toString(36).slice(2, 8)}`, type: 'webhook', events: ['alert.fired'], url: receiver.url('/audit') });
  const alertRule = () => created('POST', '/alertrule', { name: `ar-${Math.random().toString(36).slice(2, 8)}`, kind: 'server.crashed' });
  const webhookToken = () => created('POST', '/webhooktoken', { name: `wt-${Math.random().toString(36).slice(2, 8)}` });
  /** A firing alert of a fresh rule (alerts come from events; the row is written directly). */
  const firingAlert = async () => {
    const [row] = await db.query(
      `INSERT INTO alert ("domainId", "ruleId", kind, severity, "subjectType", "subjectId", "subjectName", message, state) VALUES ($1, $2, 'server.crashed', 'warning', 'gameserver', $3, 'gs', 'crashed', 'firing') RETURNING id`,
      [admin.domainId, await alertRule(), await gameserver()],
    );
    return row.id as string;
  };
  const member = async (name: string) => (await createMember(t, admin, admin.domainId, name)).userId;
  const membershipOf = async (userId: string) => (await req('POST', '/membership/search', { filters: { userId } })).body.data[0].id as string;

  const EXERCISED: Record<string, Exercise> = {
    'POST /role': () => role(),
    'POST /backup/:id/lock': async () => {
      const id = await backup();
      await newRows();
      return ok('POST', `/backup/${id}/lock`, undefined, 200).then(() => id);
    },
    'POST /backup/:id/unlock': async () => {
      const id = await backup();
      await newRows();
      return ok('POST', `/backup/${id}/unlock`, undefined, 200).then(() => id);
    },
    'POST /backup/:id/download': async () => {
      const id = await backup();
      await newRows();
      return ok('POST', `/backup/${id}/download`, undefined, 200).then(() => id);
    },
    'POST /backup-config': () => backupConfig(),
    'PUT /backup-config/:id': async () => {
      const id = await backupConfig();
      await newRows();
      return ok('PUT', `/backup-config/${id}`, { name: 'renamed-config' }, 200).then(() => id);
    },
    'DELETE /backup-config/:id': async () => {
      const id = await backupConfig();
      await newRows();
      return ok('DELETE', `/backup-config/${id}`, undefined, 200).then(() => id);
    },
    'POST /backup-config/:id/activate': async () => {
      const id = await backupConfig();
      await newRows();
      return ok('POST', `/backup-config/${id}/activate`, undefined, 200).then(() => id);
    },
    'POST /backup-config/:id/test': async () => {
      const id = await backupConfig();
      await newRows();
      return ok('POST', `/backup-config/${id}/test`, undefined, 200).then(() => id);
    },
    'POST /auditlog/export': async () => {
      const r = await req('POST', '/auditlog/export', { format: 'json' });
      assert.equal(r.status, 200, r.text.slice(0, 300));
      return '';
    },
    'POST /integration': () => integration(),
    'PUT /integration/:id': async () => {
      const id = await integration();
      await newRows();
      return ok('PUT', `/integration/${id}`, { name: 'renamed-integration' }, 200).then(() => id);
    },
    'DELETE /integration/:id': async () => {
      const id = await integration();
      await newRows();
      return ok('DELETE', `/integration/${id}`, undefined, 200).then(() => id);
    },
    'POST /integration/:id/test': async () => {
      const id = await integration();
      await newRows();
      return ok('POST', `/integration/${id}/test`, undefined, 200).then(() => id);
    },
    'POST /integration/:id/rotate-secret': async () => {
      const id = await integration();
      await newRows();
      return ok('POST', `/integration/${id}/rotate-secret`, undefined, 200).then(() => id);
    },
    'POST /integration/:id/deliveries/:deliveryId/retry': async () => {
      const id = await integration();
      const [row] = await db.query(
        `INSERT INTO integration_delivery ("domainId", "integrationId", event, payload, status, attempts, "lastError") VALUES ($1, $2, 'alert.fired', $3, 'failed', 1, 'refused') RETURNING id`,
        [admin.domainId, id, JSON.stringify({ occurredAt: new Date().toISOString(), title: 't', text: 't', level: 'info', fields: [], data: {} })],
      );
      await newRows();
      return ok('POST', `/integration/${id}/deliveries/${row.id}/retry`, undefined, 202).then(() => id);
    },
    'PUT /gameserver/:id/git': async () => {
      const id = await gameserver();
      await newRows();
      return ok('PUT', `/gameserver/${id}/git`, { url: 'https://93.184.216.34/team/world.git', branch: 'main' }, 200).then(() => id);
    },
    'DELETE /gameserver/:id/git': async () => {
      const id = await gameserver();
      await ok('PUT', `/gameserver/${id}/git`, { url: 'https://93.184.216.34/team/world.git', branch: 'main' }, 200);
      await newRows();
      return ok('DELETE', `/gameserver/${id}/git`, undefined, 200).then(() => id);
    },
    'POST /webhooktoken': () => webhookToken(),
    'DELETE /webhooktoken/:id': async () => {
      const id = await webhookToken();
      await newRows();
      return ok('DELETE', `/webhooktoken/${id}`, undefined, 200).then(() => id);
    },
    'POST /alertrule/defaults': async () => {
      await ok('POST', '/alertrule/defaults', undefined, 200);
      return '';
    },
    'POST /alertrule': () => alertRule(),
    'PUT /alertrule/:id': async () => {
      const id = await alertRule();
      await newRows();
      return ok('PUT', `/alertrule/${id}`, { name: 'renamed-rule' }, 200).then(() => id);
    },
    'DELETE /alertrule/:id': async () => {
      const id = await alertRule();
      await newRows();
      return ok('DELETE', `/alertrule/${id}`, undefined, 200).then(() => id);
    },
    'POST /alert/:id/acknowledge': async () => {
      const id = await firingAlert();
      await newRows();
      return ok('POST', `/alert/${id}/acknowledge`, undefined, 200).then(() => id);
    },
    'POST /alert/:id/resolve': async () => {
      const id = await firingAlert();
      await newRows();
      return ok('POST', `/alert/${id}/resolve`, undefined, 200).then(() => id);
    },
    'POST /schedule': async () => {
      const serverId = await gameserver();
      await newRows();
      return schedule(serverId);
    },
    'PUT /schedule/:id': async () => {
      const id = await schedule();
      await newRows();
      return ok('PUT', `/schedule/${id}`, { name: 'renamed-schedule' }, 200).then(() => id);
    },
    'DELETE /schedule/:id': async () => {
      const id = await schedule();
      await newRows();
      return ok('DELETE', `/schedule/${id}`, undefined, 200).then(() => id);
    },
    'PUT /role/:id': async () => {
      const id = await role();
      await newRows();
      return ok('PUT', `/role/${id}`, { name: 'renamed-role' }, 200).then(() => id);
    },
    'DELETE /role/:id': async () => {
      const id = await role();
      await newRows();
      return ok('DELETE', `/role/${id}`, undefined, 200).then(() => id);
    },
    'POST /apitoken': () => apitoken(),
    'PUT /apitoken/:id': async () => {
      const id = await apitoken();
      await newRows();
      return ok('PUT', `/apitoken/${id}`, { name: 'renamed-token' }, 200).then(() => id);
    },
    'DELETE /apitoken/:id': async () => {
      const id = await apitoken();
      await newRows();
      return ok('DELETE', `/apitoken/${id}`, undefined, 200).then(() => id);
    },
    'POST /user': async () =>
      created('POST', '/user', { username: 'audited-user', email: 'audited-user@example.com', password: PASSWORD, roleIds: [await roleId(t, admin.token, admin.domainId, 'Member')] }),
    'PUT /user/:id': () => ok('PUT', `/user/${admin.userId}`, { email: 'admin2@example.com', currentPassword: PASSWORD }, 200).then(() => admin.userId),
    'DELETE /user/:id': async () => {
      const id = await member('to-delete');
      await newRows();
      return ok('DELETE', `/user/${id}`, undefined, 200).then(() => id);
    },
    'POST /membership': () => created('POST', '/membership', { email: 'invitee@example.com' }),
    'PUT /membership/:id': async () => {
      const id = await membershipOf(await member('to-promote'));
      const rid = await role();
      await newRows();
      return ok('PUT', `/membership/${id}`, { roleId: rid }, 200).then(() => id);
    },
    'PUT /membership/:id/permissions': async () => {
      const id = await membershipOf(await member('to-regrant'));
      await newRows();
      return ok('PUT', `/membership/${id}/permissions`, { grant: ['alerts.manage'], revoke: [] }, 200).then(() => id);
    },
    'DELETE /membership/:id': async () => {
      const id = await membershipOf(await member('to-remove'));
      await newRows();
      return ok('DELETE', `/membership/${id}`, undefined, 200).then(() => id);
    },
    'POST /node': () => node(),
    'PUT /node/:id': async () => {
      const id = await node();
      await newRows();
      return ok('PUT', `/node/${id}`, { name: 'renamed-node' }, 200).then(() => id);
    },
    'DELETE /node/:id': async () => {
      const id = await node();
      await newRows();
      return ok('DELETE', `/node/${id}`, undefined, 200).then(() => id);
    },
    'POST /node/:id/cordon': async () => {
      const id = await node();
      await newRows();
      return ok('POST', `/node/${id}/cordon`, undefined, 200).then(() => id);
    },
    'POST /node/:id/uncordon': async () => {
      const id = await node();
      await newRows();
      return ok('POST', `/node/${id}/uncordon`, undefined, 200).then(() => id);
    },
    'POST /node/:id/drain': async () => {
      const id = await node();
      await newRows();
      return ok('POST', `/node/${id}/drain`, undefined, 200).then(() => id);
    },
    'POST /node/:id/register-token': async () => {
      const id = await node();
      await newRows();
      return ok('POST', `/node/${id}/register-token`, undefined, 200).then(() => id);
    },
    'POST /workload': async () => {
      const base = (await req('GET', `/workload/${await workload()}`)).body.data.definition;
      await newRows();
      return created('POST', '/workload', { definition: { ...base, name: 'from-post' } });
    },
    'POST /workload/from-template': () => workload(),
    'POST /workload/import': async () => {
      const exported = await req('GET', `/workload/${await workload()}/export`);
      await newRows();
      return created('POST', '/workload/import', { egg: { ...exported.body.data, name: 'imported' } });
    },
    'PUT /workload/:id': async () => {
      const id = await workload();
      await newRows();
      return ok('PUT', `/workload/${id}`, { name: 'renamed-workload' }, 200).then(() => id);
    },
    'DELETE /workload/:id': async () => {
      const id = await workload();
      await newRows();
      return ok('DELETE', `/workload/${id}`, undefined, 200).then(() => id);
    },
    'PUT /gameserver/:id': async () => {
      const id = await gameserver();
      await newRows();
      return ok('PUT', `/gameserver/${id}`, { name: 'renamed-server' }, 200).then(() => id);
    },
    'DELETE /gameserver/:id': async () => {
      const id = await gameserver();
      await newRows();
      return ok('DELETE', `/gameserver/${id}`, undefined, 200).then(() => id);
    },
    'POST /gameserver/:id/allocations': async () => {
      const id = await gameserver();
      await newRows();
      return ok('POST', `/gameserver/${id}/allocations`, { protocol: 'tcp' }, 201).then(() => id);
    },
    'PUT /gameserver/:id/allocations/:allocationId': async () => {
      const [id, allocationId] = await withPorts(1);
      return ok('PUT', `/gameserver/${id}/allocations/${allocationId}`, { notes: 'query port' }, 200).then(() => id);
    },
    'POST /gameserver/:id/allocations/:allocationId/primary': async () => {
      const [id, , second] = await withPorts(2);
      return ok('POST', `/gameserver/${id}/allocations/${second}/primary`, undefined, 200).then(() => id);
    },
    'DELETE /gameserver/:id/allocations/:allocationId': async () => {
      const [id, , second] = await withPorts(2);
      return ok('DELETE', `/gameserver/${id}/allocations/${second}`, undefined, 200).then(() => id);
    },
    'PUT /gameserver/:id/startup': async () => {
      const id = await gameserver();
      await newRows();
      return ok('PUT', `/gameserver/${id}/startup`, { startup: '/srv/echo-server.sh --verbose' }, 200).then(() => id);
    },
    'POST /gameserver/:id/startup/reset': async () => {
      const id = await gameserver();
      await newRows();
      return ok('POST', `/gameserver/${id}/startup/reset`, undefined, 200).then(() => id);
    },
    'DELETE /gameserver/:id/logs': async () => {
      const id = await gameserver();
      await newRows();
      return ok('DELETE', `/gameserver/${id}/logs`, undefined, 200).then(() => id);
    },
    'POST /planner/suggest-fit': async () => {
      await ok('POST', '/planner/suggest-fit', { memoryMiB: 64, cpuPercent: 10, diskMiB: 64 }, 200);
      return '';
    },
  };

  before(async () => {
    // Integration test sends go to a real receiver on 127.0.0.1.
    receiver = await startReceiver();
    t = await createTestApp({ OUTBOUND_ALLOW_PRIVATE: 'true' }, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
    db = t.app.get(DataSource);
    seen = 0;
    await newRows();
    const isMutation = (r: RouteInfo) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && !r.url.endsWith('/search');
    routes = listRoutes(t.app.getHttpAdapter().getInstance())
      .filter(isMutation)
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !isCompat(k));
  });
  after(async () => {
    await t.close();
    await receiver.close();
  });

  it('classifies every mutating route as exercised here, needing a node, or not asserted here', () => {
    const listed = new Set([...Object.keys(EXERCISED), ...NEEDS_NODE, ...NOT_AUDITED]);
    assert.deepEqual(
      routes.filter((k) => !listed.has(k)),
      [],
      'new mutating routes: add them to EXERCISED, NEEDS_NODE or NOT_AUDITED',
    );
    assert.deepEqual(
      [...listed].filter((k) => !routes.includes(k)),
      [],
      'stale entries',
    );
  });

  it("writes exactly one row per successful mutation, naming the route, the token's user as actor and the target id", async () => {
    const failures: string[] = [];
    for (const [k, exercise] of Object.entries(EXERCISED)) {
      await newRows();
      const target = await exercise();
      const rows = await newRows();
      const [method, route] = k.split(' ');
      const want = { actorType: 'user', actorId: admin.userId, actorName: 'admin', targetId: target || null, method, route };
      const got = rows.map((r) => ({ actorType: r.actorType, actorId: r.actorId, actorName: r.actorName, targetId: r.targetId, method: r.details.method, route: r.details.route }));
      try {
        assert.deepEqual(got, [want]);
      } catch {
        failures.push(`${k}: ${JSON.stringify(got)} (want ${JSON.stringify(want)})`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('records an API token as the actor (actorType apitoken, actorId the token id) when one is used', async () => {
    const tok = await req('POST', '/apitoken', { name: 'auditor' });
    assert.equal(tok.status, 201, tok.text);
    await newRows();
    const r = await t.request('POST', '/role', { headers: { 'x-api-key': tok.body.data.token }, body: { name: 'by-token', permissions: [] } });
    assert.equal(r.status, 201, r.text);
    const rows = await newRows();
    assert.deepEqual(
      rows.map((x) => [x.actorType, x.actorId, x.action, x.targetId]),
      [['apitoken', tok.body.data.id, 'role.create', r.body.data.id]],
    );
  });

  it('writes no row for failed or refused mutations, or for reads', async () => {
    const rid = await role();
    await newRows();
    const missing = '00000000-0000-4000-8000-000000000000';
    const calls: [string, string, unknown, number][] = [
      ['PUT', `/role/${missing}`, { name: 'x' }, 404],
      ['DELETE', `/role/${missing}`, undefined, 404],
      ['POST', '/role', { name: 'x', permissions: ['not-a-permission'] }, 400],
      ['GET', `/role/${rid}`, undefined, 200],
      ['POST', '/role/search', {}, 200],
      ['GET', '/me', undefined, 200],
      ['POST', '/auditlog/search', {}, 200],
    ];
    for (const [method, url, body, status] of calls) {
      const r = await req(method, url, body);
      assert.equal(r.status, status, `${method} ${url}: ${r.text.slice(0, 200)}`);
    }
    assert.deepEqual(await newRows(), [], 'failed mutations and reads write no row');
    // A member without roles.manage is refused by the permission guard: no row either.
    const m = await createMember(t, admin, admin.domainId, 'no-roles');
    await newRows();
    const refused = await t.request('POST', '/role', { token: m.token, domain: admin.domainId, body: { name: 'nope', permissions: [] } });
    assert.equal(refused.status, 403, refused.text);
    assert.deepEqual(await newRows(), []);
  });
});
