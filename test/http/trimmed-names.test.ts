import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../helpers/test-app';
import { PASSWORD, Session } from '../helpers/fixtures';
import { seedTenant, TenantSeed } from '../helpers/tenant-seed';

/**
 * Every name-like input is trimmed before validation: blank names are refused with one sentence,
 * and surrounding spaces never reach the stored row. The table below must name every request body
 * field called name/username/email/domainName in the OpenAPI document (checked by the first test).
 */

const NAME_FIELDS = ['name', 'username', 'email', 'domainName'];

interface Case {
  /** `METHOD /path` as in the OpenAPI document. */
  route: string;
  field: string;
  /** A body that is valid apart from the field under test. */
  body: (value: string, s: TenantSeed) => Record<string, unknown>;
  url?: (s: TenantSeed) => string;
  /** Where the value lands: table and id (from the reply, or a seeded id). */
  stored?: { table: string; column?: string; id: (reply: any, s: TenantSeed) => string | undefined; padded?: string; expect?: string };
  /** Blank is refused with exactly this message (name-like fields), else just a 400 on the field. */
  emptyMessage?: boolean;
  why?: string;
}

const seedId = (key: string) => (_r: unknown, s: TenantSeed) => s.ids[key];
const replyId = (r: any) => r.body.data.id as string;

const CASES: Case[] = [
  { route: 'POST /domain', field: 'name', body: (v) => ({ name: v }), stored: { table: 'domain', id: replyId }, emptyMessage: true },
  { route: 'PUT /domain/{id}', field: 'name', url: (s) => `/domain/${s.domainId}`, body: (v) => ({ name: v }), stored: { table: 'domain', id: seedId('domain') }, emptyMessage: true },
  { route: 'POST /role', field: 'name', body: (v) => ({ name: v, permissions: [] }), stored: { table: 'role', id: replyId }, emptyMessage: true },
  { route: 'PUT /role/{id}', field: 'name', url: (s) => `/role/${s.ids.role}`, body: (v) => ({ name: v }), stored: { table: 'role', id: seedId('role') }, emptyMessage: true },
  {
    route: 'POST /node',
    field: 'name',
    body: (v) => ({ name: v, address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 }),
    stored: { table: 'node', id: replyId },
    emptyMessage: true,
  },
  { route: 'PUT /node/{id}', field: 'name', url: (s) => `/node/${s.ids.node}`, body: (v) => ({ name: v }), stored: { table: 'node', id: seedId('node') }, emptyMessage: true },
  {
    route: 'POST /gameserver',
    field: 'name',
    body: (v, s) => ({ name: v, workloadId: s.ids.workload, nodeId: s.ids.node }),
    emptyMessage: true,
    why: 'creating needs an online node; the stored name is checked through PUT',
  },
  {
    route: 'PUT /gameserver/{id}',
    field: 'name',
    url: (s) => `/gameserver/${s.ids.gameserver}`,
    body: (v) => ({ name: v }),
    stored: { table: 'gameserver', id: seedId('gameserver') },
    emptyMessage: true,
  },
  { route: 'POST /workload/from-template', field: 'name', body: (v) => ({ template: 'echo-server', name: v }), stored: { table: 'workload', id: replyId }, emptyMessage: true },
  { route: 'PUT /workload/{id}', field: 'name', url: (s) => `/workload/${s.ids.workload}`, body: (v) => ({ name: v }), stored: { table: 'workload', id: seedId('workload') }, emptyMessage: true },
  {
    route: 'POST /schedule',
    field: 'name',
    body: (v, s) => ({ gameserverId: s.ids.gameserver, name: v, cron: '0 5 * * *', timezone: 'UTC', tasks: [{ action: 'command', command: 'say hi', delaySeconds: 0 }] }),
    stored: { table: 'schedule', id: replyId },
    emptyMessage: true,
  },
  { route: 'PUT /schedule/{id}', field: 'name', url: (s) => `/schedule/${s.ids.schedule}`, body: (v) => ({ name: v }), stored: { table: 'schedule', id: seedId('schedule') }, emptyMessage: true },
  { route: 'POST /backup', field: 'name', body: (v, s) => ({ gameserverId: s.ids.gameserver, name: v }), emptyMessage: true, why: 'a backup needs a connected agent; the rule is the same decorator' },
  { route: 'POST /backup-config', field: 'name', body: (v) => ({ name: v, kind: 'local' }), stored: { table: 'backup_config', id: replyId }, emptyMessage: true },
  {
    route: 'PUT /backup-config/{id}',
    field: 'name',
    url: (s) => `/backup-config/${s.ids['backup-config']}`,
    body: (v) => ({ name: v }),
    stored: { table: 'backup_config', id: seedId('backup-config') },
    emptyMessage: true,
  },
  { route: 'POST /apitoken', field: 'name', body: (v) => ({ name: v }), stored: { table: 'api_token', id: replyId }, emptyMessage: true },
  { route: 'PUT /apitoken/{id}', field: 'name', url: (s) => `/apitoken/${s.ids.apitoken}`, body: (v) => ({ name: v }), stored: { table: 'api_token', id: seedId('apitoken') }, emptyMessage: true },
  {
    route: 'POST /user',
    field: 'username',
    body: (v) => ({ username: v, email: 'padded-user@example.com', password: PASSWORD }),
    stored: { table: 'user', column: 'username', id: replyId, padded: '  padded.user  ', expect: 'padded.user' },
  },
  {
    route: 'POST /user',
    field: 'email',
    body: (v) => ({ username: 'padded-mail', email: v, password: PASSWORD }),
    stored: { table: 'user', column: 'email', id: replyId, padded: '  Padded.Mail@Example.COM ', expect: 'padded.mail@example.com' },
  },
  {
    route: 'PUT /user/{id}',
    field: 'email',
    url: (s) => `/user/${s.owner.userId}`,
    body: (v) => ({ email: v, currentPassword: PASSWORD }),
    stored: { table: 'user', column: 'email', id: (_r, s) => s.owner.userId, padded: ' Admin2@Example.com ', expect: 'admin2@example.com' },
  },
  {
    route: 'PUT /user/{id}',
    field: 'username',
    url: (s) => `/user/${s.owner.userId}`,
    body: (v) => ({ username: v, currentPassword: PASSWORD }),
    stored: { table: 'user', column: 'username', id: (_r, s) => s.owner.userId, padded: ' admin ', expect: 'admin' },
  },
  {
    route: 'POST /membership',
    field: 'email',
    body: (v) => ({ email: v }),
    stored: { table: 'membership', column: 'inviteEmail', id: replyId, padded: '  Invitee@Example.com  ', expect: 'invitee@example.com' },
  },
  {
    route: 'POST /membership/invite/{token}/register',
    field: 'email',
    url: (s) => `/membership/invite/${s.ids.invite}/register`,
    body: (v) => ({ username: 'reg.mail', password: PASSWORD, email: v }),
    emptyMessage: false,
    why: "the account always gets the invite's email; the username case below consumes the invite",
  },
  {
    route: 'POST /membership/invite/{token}/register',
    field: 'username',
    url: (s) => `/membership/invite/${s.ids.invite}/register`,
    body: (v) => ({ username: v, password: PASSWORD }),
    stored: { table: 'user', column: 'username', id: (_r, s) => s.ids.registered, padded: '  reg.user ', expect: 'reg.user' },
  },
  { route: 'POST /alertrule', field: 'name', body: (v) => ({ name: v, kind: 'server.crashed' }), stored: { table: 'alert_rule', id: replyId }, emptyMessage: true },
  {
    route: 'PUT /alertrule/{id}',
    field: 'name',
    url: (s) => `/alertrule/${s.ids.alertrule}`,
    body: (v) => ({ name: v }),
    stored: { table: 'alert_rule', id: seedId('alertrule') },
    emptyMessage: true,
  },
  {
    route: 'POST /integration',
    field: 'name',
    body: (v) => ({ name: v, type: 'webhook', events: ['server.crashed'], url: 'https://93.184.216.34/outpost-trim' }),
    stored: { table: 'integration', id: replyId },
    emptyMessage: true,
  },
  {
    route: 'PUT /integration/{id}',
    field: 'name',
    url: (s) => `/integration/${s.ids.integration}`,
    body: (v) => ({ name: v }),
    stored: { table: 'integration', id: seedId('integration') },
    emptyMessage: true,
  },
  { route: 'POST /webhooktoken', field: 'name', body: (v) => ({ name: v }), stored: { table: 'webhook_token', id: replyId }, emptyMessage: true },
  { route: 'POST /login', field: 'username', body: (v) => ({ username: v, password: PASSWORD }), why: 'nothing is stored; " admin " signs in (checked below)' },
  // Checked in the bootstrap test below (it runs once per instance).
  { route: 'POST /auth/bootstrap', field: 'username', body: () => ({}), why: 'bootstrap test' },
  { route: 'POST /auth/bootstrap', field: 'email', body: () => ({}), why: 'bootstrap test' },
  { route: 'POST /auth/bootstrap', field: 'domainName', body: () => ({}), why: 'bootstrap test' },
  { route: 'POST /auth/register', field: 'username', body: () => ({}), why: 'registration test' },
  { route: 'POST /auth/register', field: 'email', body: () => ({}), why: 'registration test' },
  { route: 'POST /auth/forgot-password', field: 'email', body: () => ({}), why: 'registration test (nothing is stored)' },
];

const V1_DIALECT = 'Shardlyn /v1 dialect: the same @Trim()/@TrimmedName decorators; its 400s are { error } (test/compat/v1-contract)';

/** Routes whose name fields are not a person's input to this rule, each with its reason. */
const NOT_NAMES: Record<string, string> = {
  'POST /v1/api-tokens': V1_DIALECT,
  'POST /v1/auth/bootstrap': V1_DIALECT,
  'POST /v1/auth/login': V1_DIALECT,
  'POST /v1/organizations': V1_DIALECT,
  'PUT /v1/organizations/{orgId}': V1_DIALECT,
  'POST /v1/organizations/{orgId}/members/invite': V1_DIALECT,
  'POST /v1/users': V1_DIALECT,
  'POST /v1/alerts/rules': V1_DIALECT,
  'PUT /v1/alerts/rules/{id}': V1_DIALECT,
  'POST /v1/auth/forgot-password': V1_DIALECT,
  'POST /v1/auth/register': V1_DIALECT,
  'POST /v1/backup-config': V1_DIALECT,
  'PUT /v1/backup-config/{id}': V1_DIALECT,
  'POST /v1/deploy': V1_DIALECT,
  'POST /v1/instances': V1_DIALECT,
  'PUT /v1/instances/{id}': V1_DIALECT,
  'POST /v1/instances/{id}/backups': V1_DIALECT,
  'POST /v1/integrations': V1_DIALECT,
  'PUT /v1/integrations/{id}': V1_DIALECT,
  'POST /v1/nodes/register-token': V1_DIALECT,
  'PUT /v1/nodes/{id}': V1_DIALECT,
  'POST /v1/webhook-tokens': V1_DIALECT,
  'PUT /v1/workloads/{id}': V1_DIALECT,
  'POST /v1/workloads/from-template': V1_DIALECT,
  'POST /agent/register': 'hostname is reported by the agent, not typed by a person',
  'POST /api/instances/deploy': 'Skyport dialect: @Trim() applies, blanks answer its own "Missing parameters" 400',
  'POST /api/nodes/create': 'Skyport dialect: @Trim() applies, blanks answer its own "Missing parameters" 400',
  'POST /api/users/create': 'Skyport dialect: @Trim() applies, blanks answer its own 400',
};

let t: TestApp;
let admin: Session;
let seed: TenantSeed;

before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t?.close();
});

test('every request body with a name-like field is in the table', () => {
  const doc = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'openapi.json'), 'utf8'));
  const schemas = doc.components.schemas;
  const found: string[] = [];
  for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      const ref: string | undefined = op.requestBody?.content?.['application/json']?.schema?.$ref;
      const props = ref ? Object.keys(schemas[ref.split('/').pop()!].properties ?? {}) : [];
      for (const field of props.filter((p) => NAME_FIELDS.includes(p) || p === 'hostname')) found.push(`${method.toUpperCase()} ${path} ${field}`);
    }
  }
  const covered = new Set(CASES.map((c) => `${c.route} ${c.field}`));
  const missing = found.filter((f) => !covered.has(f) && !NOT_NAMES[f.split(' ').slice(0, 2).join(' ')]);
  assert.deepEqual(missing, [], 'add these routes to CASES (or NOT_NAMES with a reason)');
  assert.ok(found.length >= CASES.length, 'the document lists every route of the table');
});

test('bootstrap trims username, email and domain name; blanks are refused', async () => {
  const body = { username: 'admin', email: 'admin@example.com', password: PASSWORD, domainName: 'Alpha' };
  for (const [field, blank] of [
    ['username', '   '],
    ['email', '  '],
    ['domainName', ' \t '],
  ] as const) {
    const r = await t.request('POST', '/auth/bootstrap', { body: { ...body, [field]: blank } });
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.ok(
      r.body.meta.error.details.some((d: { path: string }) => d.path === field),
      r.text,
    );
    if (field === 'domainName') assert.equal(r.body.meta.error.details[0].message, 'domainName must not be empty');
  }
  const ok = await t.request('POST', '/auth/bootstrap', { body: { username: '  admin ', email: ' Admin@Example.com ', password: PASSWORD, domainName: '  Alpha  ' } });
  assert.equal(ok.status, 201, ok.text);
  const [user] = await t.app.get(DataSource).query(`SELECT username, email FROM "user"`);
  assert.deepEqual({ ...user }, { username: 'admin', email: 'admin@example.com' });
  const [domain] = await t.app.get(DataSource).query(`SELECT name FROM domain WHERE id = $1`, [ok.body.data.domainId]);
  assert.equal(domain.name, 'Alpha');
  admin = { token: ok.body.data.token, refreshToken: ok.body.data.refreshToken, userId: '', domainId: ok.body.data.domainId };
  admin.userId = (await t.request('GET', '/me', { token: admin.token })).body.data.user.id;
});

test('registration trims username and email; blanks are refused, also by forgot-password', async () => {
  const on = await t.request('PUT', '/admin/settings', { token: admin.token, body: { registrationEnabled: true, registrationEmailDomains: [] } });
  assert.equal(on.status, 200, on.text);
  const body = { username: 'self.made', email: 'self@example.com', password: PASSWORD };
  for (const field of ['username', 'email'] as const) {
    const r = await t.request('POST', '/auth/register', { body: { ...body, [field]: ' \t ' } });
    assert.equal(r.status, 400, `${field}: ${r.text}`);
    assert.ok(
      r.body.meta.error.details.some((d: { path: string }) => d.path === field),
      r.text,
    );
  }
  const blank = await t.request('POST', '/auth/forgot-password', { body: { email: '   ' } });
  assert.equal(blank.status, 400, blank.text);
  const ok = await t.request('POST', '/auth/register', { body: { username: '  self.made ', email: ' Self@Example.COM ', password: PASSWORD } });
  assert.equal(ok.status, 201, ok.text);
  const [user] = await t.app.get(DataSource).query(`SELECT username, email FROM "user" WHERE username = 'self.made'`);
  assert.deepEqual({ ...user }, { username: 'self.made', email: 'self@example.com' });
});

test('login trims the username', async () => {
  const r = await t.request('POST', '/login', { body: { username: '  admin  ', password: PASSWORD } });
  assert.equal(r.status, 200, r.text);
  const blank = await t.request('POST', '/login', { body: { username: '   ', password: PASSWORD } });
  assert.equal(blank.status, 400, blank.text);
});

test('blank names are refused and padded names are stored trimmed, on every route of the table', async () => {
  seed = await seedTenant(t, admin, 'Trim Tenant');
  const invite = await t.request('POST', '/membership', { token: seed.owner.token, domain: seed.domainId, body: { email: 'reg@example.com' } });
  assert.equal(invite.status, 201, invite.text);
  seed.ids.invite = invite.body.data.inviteToken;
  for (const c of CASES.filter((x) => !x.route.startsWith('POST /auth/') && x.route !== 'POST /login')) {
    const [method, path] = c.route.split(' ');
    const url = c.url ? c.url(seed) : path;
    const send = (value: string) => t.request(method, url, { token: seed.owner.token, domain: seed.domainId, body: c.body(value, seed) });
    for (const blank of ['', '   ', '\t \n']) {
      const r = await send(blank);
      assert.equal(r.status, 400, `${c.route} ${c.field}=${JSON.stringify(blank)}: ${r.text}`);
      const details: Array<{ path: string; message: string }> = r.body.meta.error.details;
      const mine = details.filter((d) => d.path === c.field);
      assert.ok(mine.length > 0, `${c.route}: ${r.text}`);
      // One problem, one sentence: a blank name is not also "too short".
      if (c.emptyMessage)
        assert.deepEqual(
          mine.map((d) => d.message),
          [`${c.field} must not be empty`],
          `${c.route}: ${r.text}`,
        );
    }
    if (!c.stored) {
      assert.ok(c.why, `${c.route}: say why the stored row is not checked`);
      continue;
    }
    const padded = c.stored.padded ?? `  Padded ${c.route.length}  `;
    const r = await send(padded);
    assert.ok(r.status === 200 || r.status === 201, `${c.route} ${padded}: ${r.text}`);
    const column = c.stored.column ?? 'name';
    // The registered account's id is not in the reply (a login reply): find it by its trimmed name.
    if (c.route.endsWith('/register')) seed.ids.registered = (await t.app.get(DataSource).query(`SELECT id FROM "user" WHERE username = $1`, [c.stored.expect]))[0]?.id;
    const [row] = await t.app.get(DataSource).query(`SELECT "${column}" AS v FROM "${c.stored.table}" WHERE id = $1`, [c.stored.id(r, seed)]);
    assert.equal(row?.v, c.stored.expect ?? padded.trim(), `${c.route}: stored ${JSON.stringify(row?.v)}`);
  }
});
