import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { ErrorCode } from '../../src/core/errors/error-codes';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, Session } from '../helpers/fixtures';

/** Git deploy configuration and webhook tokens without Docker: the default outbound policy, permissions, secrets, signatures. */
describe('git deploy API: private targets refused by default, permissions, webhook token secrets and signatures', () => {
  let t: TestApp;
  let admin: Session;
  let member: Session;
  let serverId: string;
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const asMember = (method: string, path: string, body?: unknown) => t.request(method, path, { token: member.token, domain: member.domainId, body });
  const db = () => t.app.get(DataSource);
  // A public address literal: passes the outbound guard without DNS (nothing is cloned in this file).
  const PUBLIC_URL = 'https://93.184.215.14/acme/server.git';

  before(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://outpost.example.com' });
    admin = await bootstrapAdmin(t);
    member = await createMember(t, admin, admin.domainId, 'member', 'Member');
    const node = await req('POST', '/node', { name: 'n1', address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });
    const workload = await req('POST', '/workload/from-template', { template: 'echo-server' });
    // Placement needs an online node; these tests only need the row.
    const [server] = await db().query(
      `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", image, "memoryMiB", "cpuPercent", "diskMiB", pids) VALUES ($1, 's1', $2, $3, 'outpost/echo-server:local', 64, 50, 64, 64) RETURNING id`,
      [admin.domainId, workload.body.data.id, node.body.data.id],
    );
    serverId = server.id;
  });
  after(async () => {
    await t.close();
  });

  it('without OUTBOUND_ALLOW_PRIVATE a git:// URL on 127.0.0.1 is refused 400; the same body with a public address is accepted', async () => {
    for (const url of ['git://127.0.0.1:9418/repo.git', 'http://10.1.2.3/repo.git', 'https://169.254.169.254/repo.git', 'http://[::1]/repo.git']) {
      const refused = await req('PUT', `/gameserver/${serverId}/git`, { url, branch: 'main' });
      assert.equal(refused.status, 400, refused.text);
      assert.equal(refused.body.meta.error.code, ErrorCode.BadRequestError, url);
      assert.match(refused.body.meta.error.message, /not allowed/);
    }
    assert.equal((await req('GET', `/gameserver/${serverId}/git`)).body.data.config, null);
    const ok = await req('PUT', `/gameserver/${serverId}/git`, { url: PUBLIC_URL, branch: 'main' });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.data.config.url, PUBLIC_URL);
    assert.equal(ok.body.data.config.autoDeploy, true);
  });

  it('the access token is stored sealed, never returned, and dropped when the URL changes without one', async () => {
    const put = await req('PUT', `/gameserver/${serverId}/git`, { url: PUBLIC_URL, branch: 'main', token: 'ghp_supersecret' });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.data.config.hasToken, true);
    const [row] = await db().query(`SELECT "tokenSealed" FROM git_deploy WHERE "serverId" = $1`, [serverId]);
    assert.ok(row.tokenSealed && !row.tokenSealed.includes('ghp_supersecret'));
    const get = await req('GET', `/gameserver/${serverId}/git`);
    assert.ok(!get.text.includes('ghp_supersecret') && !get.text.includes(row.tokenSealed));
    const moved = await req('PUT', `/gameserver/${serverId}/git`, { url: 'https://93.184.215.15/other/repo.git', branch: 'main' });
    assert.equal(moved.body.data.config.hasToken, false);
  });

  it('a Member (no deploy.manage) gets 403 for config, sync and tokens with valid bodies; can read the config', async () => {
    const config = (await req('GET', `/gameserver/${serverId}/git`)).body.data.config;
    for (const r of [
      await asMember('PUT', `/gameserver/${serverId}/git`, { url: PUBLIC_URL, branch: 'main' }),
      await asMember('POST', `/gameserver/${serverId}/git/sync`),
      await asMember('DELETE', `/gameserver/${serverId}/git`),
      await asMember('POST', '/webhooktoken', { name: 'mine' }),
      await asMember('POST', '/webhooktoken/search', {}),
    ]) {
      assert.equal(r.status, 403, r.text);
      assert.equal(r.body.meta.error.message, 'Missing permission deploy.manage');
    }
    assert.deepEqual((await req('GET', `/gameserver/${serverId}/git`)).body.data.config, config, 'the refused calls changed nothing');
    assert.equal((await asMember('GET', `/gameserver/${serverId}/git`)).status, 200);
  });

  let token: { id: string; secret: string };

  it('a webhook token: the secret once (with both URLs), never in search or get; sealed at rest', async () => {
    const created = await req('POST', '/webhooktoken', { name: 'github' });
    assert.equal(created.status, 201, created.text);
    token = { id: created.body.data.id, secret: created.body.data.secret };
    assert.ok(token.secret.length >= 32);
    assert.equal(created.body.data.githubUrl, `https://outpost.example.com/webhooks/github/${token.id}`);
    assert.equal(created.body.data.gitlabUrl, `https://outpost.example.com/webhooks/gitlab/${token.id}`);
    const search = await req('POST', '/webhooktoken/search', {});
    assert.equal(search.status, 200);
    assert.equal(search.body.data.length, 1);
    assert.ok(!search.text.includes(token.secret));
    assert.equal(search.body.data[0].secret, undefined);
    const get = await req('GET', `/webhooktoken/${token.id}`);
    assert.ok(!get.text.includes(token.secret));
    const [row] = await db().query(`SELECT "secretSealed" FROM webhook_token WHERE id = $1`, [token.id]);
    assert.ok(!row.secretSealed.includes(token.secret));
  });

  it('the GitHub signature is over the raw bytes: odd spacing signed correctly passes, the same JSON re-serialised with that signature is refused', async () => {
    const raw = '{ "zen" :   "Keep it simple",\n  "hook_id": 7 }';
    const signature = 'sha256=' + createHmac('sha256', token.secret).update(raw).digest('hex');
    const ok = await t.request('POST', `/webhooks/github/${token.id}`, { body: raw, headers: { 'x-hub-signature-256': signature, 'x-github-event': 'ping' } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.data.outcome, 'ignored');
    const reserialised = await t.request('POST', `/webhooks/github/${token.id}`, { body: JSON.stringify(JSON.parse(raw)), headers: { 'x-hub-signature-256': signature, 'x-github-event': 'ping' } });
    assert.equal(reserialised.status, 401, reserialised.text);
    const events = (await req('GET', `/webhooktoken/${token.id}/events`)).body.data as Array<{ outcome: string }>;
    assert.deepEqual(
      events.map((e) => e.outcome),
      ['refused', 'ignored'],
    );
    const [tokenRow] = await db().query(`SELECT "lastUsedAt" FROM webhook_token WHERE id = $1`, [token.id]);
    assert.ok(tokenRow.lastUsedAt, 'a verified call marks the token used');
  });

  it('refused calls cannot push real events out of the history: at most 20 refused are kept apart from the others', async () => {
    const other = (await req('POST', '/webhooktoken', { name: 'flooded' })).body.data;
    const raw = '{"zen":"real"}';
    const real = await t.request('POST', `/webhooks/github/${other.id}`, {
      body: raw,
      headers: { 'x-hub-signature-256': 'sha256=' + createHmac('sha256', other.secret).update(raw).digest('hex'), 'x-github-event': 'ping' },
    });
    assert.equal(real.status, 200, real.text);
    for (let i = 0; i < 30; i++) {
      const forged = await t.request('POST', `/webhooks/github/${other.id}`, { body: raw, headers: { 'x-hub-signature-256': 'sha256=00', 'x-github-event': 'ping' } });
      assert.equal(forged.status, 401);
    }
    const events = (await req('GET', `/webhooktoken/${other.id}/events`)).body.data as Array<{ outcome: string }>;
    assert.equal(events.filter((e) => e.outcome === 'refused').length, 20);
    assert.equal(events.filter((e) => e.outcome === 'ignored').length, 1, 'the verified call is still there');
    assert.equal((await req('DELETE', `/webhooktoken/${other.id}`)).status, 200);
  });

  it('an unknown token id is 401 like a bad signature (nothing recorded); a revoked token is 401', async () => {
    const body = { ref: 'refs/heads/main', repository: { clone_url: PUBLIC_URL } };
    const unknown = await t.request('POST', `/webhooks/github/${randomUUID()}`, { body, headers: { 'x-hub-signature-256': 'sha256=' + '0'.repeat(64), 'x-github-event': 'push' } });
    assert.equal(unknown.status, 401, unknown.text);
    const bad = await t.request('POST', `/webhooks/github/${token.id}`, { body, headers: { 'x-hub-signature-256': 'sha256=' + '0'.repeat(64), 'x-github-event': 'push' } });
    assert.equal(bad.status, 401);
    assert.equal(unknown.body.meta.error.message, bad.body.meta.error.message, 'the same answer: existence is not revealed');
    const notUuid = await t.request('POST', `/webhooks/gitlab/not-a-uuid`, { body, headers: { 'x-gitlab-token': 'x', 'x-gitlab-event': 'Push Hook' } });
    assert.equal(notUuid.status, 401, notUuid.text);
    const [{ count }] = await db().query(`SELECT count(*)::int AS count FROM webhook_event`);
    assert.equal(count, 3, "only the two calls of the first test and the bad signature here (the flood test's token went with its events)");
    assert.equal((await req('DELETE', `/webhooktoken/${token.id}`)).status, 200);
    const raw = JSON.stringify(body);
    const revoked = await t.request('POST', `/webhooks/github/${token.id}`, {
      body: raw,
      headers: { 'x-hub-signature-256': 'sha256=' + createHmac('sha256', token.secret).update(raw).digest('hex'), 'x-github-event': 'push' },
    });
    assert.equal(revoked.status, 401, revoked.text);
    assert.equal((await req('GET', `/webhooktoken/${token.id}`)).status, 404);
  });

  it('DELETE config: 200, then GET shows none and a sync is 404', async () => {
    assert.equal((await req('DELETE', `/gameserver/${serverId}/git`)).status, 200);
    assert.equal((await req('GET', `/gameserver/${serverId}/git`)).body.data.config, null);
    const sync = await req('POST', `/gameserver/${serverId}/git/sync`);
    assert.equal(sync.status, 404, sync.text);
  });
});
