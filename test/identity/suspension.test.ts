import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, PASSWORD, Session } from '../helpers/fixtures';
import { ConsoleAuthService } from '../../src/modules/console/console-auth.service';

/**
 * Instance admins suspend and unsuspend accounts: a suspended account's login, refresh, access
 * tokens, API tokens and console credentials are refused at once; nothing is deleted, and
 * unsuspending brings every one of them back.
 */
describe('account suspension', () => {
  let t: TestApp;
  let root: Session;
  let player: Session;
  let apiToken: string;
  let serverId: string;
  let consoleToken: string;

  const as = (s: { token: string }, method: string, url: string, body?: unknown) => t.request(method, url, { token: s.token, domain: root.domainId, body });
  const withKey = (method: string, url: string) => t.request(method, url, { headers: { 'x-api-key': apiToken, 'x-takaro-domain': root.domainId } });
  const consoleRefused = async (token: string) => {
    try {
      await t.app.get(ConsoleAuthService).authenticate(serverId, token);
    } catch (err) {
      return (err as { status?: number }).status;
    }
    return 0;
  };

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    root = await bootstrapAdmin(t, 'Alpha');
    player = await createMember(t, root, root.domainId, 'player', 'Admin');
    const token = await as(player, 'POST', '/apitoken', { name: 'player-token' });
    assert.equal(token.status, 201, token.text);
    apiToken = token.body.data.token;
    const node = await as(root, 'POST', '/node', { name: 'n1', address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });
    assert.equal(node.status, 201, node.text);
    const workload = await as(root, 'POST', '/workload/from-template', { template: 'echo-server', name: 'echo' });
    assert.equal(workload.status, 201, workload.text);
    const [server] = await t.app
      .get(DataSource)
      .query(
        `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", image, "memoryMiB", "cpuPercent", "diskMiB", pids) VALUES ($1, 'srv', $2, $3, 'outpost/echo-server:local', 64, 50, 64, 64) RETURNING id`,
        [root.domainId, workload.body.data.id, node.body.data.id],
      );
    serverId = server.id;
    const ct = await as(player, 'POST', `/gameserver/${serverId}/console-token`);
    assert.equal(ct.status, 201, ct.text);
    consoleToken = ct.body.data.token;
  });
  after(async () => {
    await t.close();
  });

  it('everything works before', async () => {
    assert.equal((await as(player, 'GET', '/me')).status, 200);
    assert.equal((await withKey('POST', '/gameserver/search')).status, 200);
    assert.equal(await consoleRefused(consoleToken), 0);
    assert.equal(await consoleRefused(player.token), 0);
  });

  it('a non-admin cannot suspend anyone (not even with members.manage); an admin cannot suspend themself', async () => {
    const r = await as(player, 'POST', `/user/${root.userId}/suspend`, { reason: 'coup' });
    assert.equal(r.status, 403, r.text);
    assert.equal(r.body.meta.error.code, 'ForbiddenError');
    assert.match(r.body.meta.error.message, /Instance administrators only/);
    assert.equal((await as(player, 'POST', `/user/${root.userId}/unsuspend`)).status, 403);
    const self = await as(root, 'POST', `/user/${root.userId}/suspend`, {});
    assert.equal(self.status, 400, self.text);
    assert.match(self.body.meta.error.message, /your own account/);
    assert.equal((await as(root, 'GET', '/me')).status, 200, 'the admin still works');
  });

  it('suspended: login 403 with its own code, refresh refused, old access/API/console tokens refused, nothing deleted', async () => {
    const r = await as(root, 'POST', `/user/${player.userId}/suspend`, { reason: 'cheating' });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.data.suspendedAt, 'suspendedAt set');
    assert.equal(r.body.data.suspendedReason, 'cheating');

    const login = await t.request('POST', '/login', { body: { username: 'player', password: PASSWORD } });
    assert.equal(login.status, 403, login.text);
    assert.equal(login.body.meta.error.code, 'AccountSuspendedError');
    assert.equal(login.body.meta.error.message, 'This account is suspended');
    // A wrong password learns nothing about the suspension.
    const wrong = await t.request('POST', '/login', { body: { username: 'player', password: 'wrong-wrong-wrong' } });
    assert.equal(wrong.status, 401, wrong.text);

    const refresh = await t.request('POST', '/auth/refresh', { body: { refreshToken: player.refreshToken } });
    assert.equal(refresh.status, 403, refresh.text);
    assert.equal(refresh.body.meta.error.code, 'AccountSuspendedError');

    const me = await as(player, 'GET', '/me');
    assert.equal(me.status, 401, me.text);
    assert.equal(me.body.meta.error.code, 'UnauthorizedError');
    const key = await withKey('POST', '/gameserver/search');
    assert.equal(key.status, 401, key.text);
    assert.equal(await consoleRefused(player.token), 401, 'console with an access token');
    assert.equal(await consoleRefused(consoleToken), 403, 'console token issued before the suspension');

    // Nothing deleted: membership, API token and sessions are all still there.
    const members = await as(root, 'POST', '/membership/search', { filters: { userId: player.userId } });
    assert.equal(members.body.data.length, 1);
    const db = t.app.get(DataSource);
    const [{ tokens }] = await db.query(`SELECT count(*)::int AS tokens FROM api_token WHERE "userId" = $1 AND "revokedAt" IS NULL`, [player.userId]);
    assert.equal(tokens, 1);
    const [{ live }] = await db.query(`SELECT count(*)::int AS live FROM refresh_token WHERE "userId" = $1 AND "revokedAt" IS NULL`, [player.userId]);
    assert.ok(live >= 1, 'sessions are not revoked');
  });

  it('user search shows the state and filters on it; the suspension is an instance audit event', async () => {
    const suspended = await as(root, 'POST', '/user/search', { greaterThan: { suspendedAt: '2000-01-01T00:00:00Z' } });
    assert.equal(suspended.status, 200, suspended.text);
    assert.deepEqual(
      suspended.body.data.map((u: { username: string }) => u.username),
      ['player'],
    );
    const active = await as(root, 'POST', '/user/search', { filters: { suspendedAt: [null] } });
    assert.equal(active.status, 200, active.text);
    assert.deepEqual(
      active.body.data.map((u: { username: string }) => u.username),
      ['admin'],
    );
    const rows = await t.app.get(DataSource).query(`SELECT "domainId", action, "actorName", "targetName", details FROM audit_log WHERE action LIKE 'user.%suspend'`);
    assert.deepEqual(rows, [{ domainId: null, action: 'user.suspend', actorName: 'admin', targetName: 'player', details: { reason: 'cheating' } }]);
  });

  it('unsuspend restores everything: login, refresh, the old access token, the API token and the console', async () => {
    const r = await as(root, 'POST', `/user/${player.userId}/unsuspend`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.suspendedAt, null);
    assert.equal((await as(player, 'GET', '/me')).status, 200);
    assert.equal((await withKey('POST', '/gameserver/search')).status, 200);
    assert.equal(await consoleRefused(consoleToken), 0);
    const refresh = await t.request('POST', '/auth/refresh', { body: { refreshToken: player.refreshToken } });
    assert.equal(refresh.status, 200, refresh.text);
    const login = await t.request('POST', '/login', { body: { username: 'player', password: PASSWORD } });
    assert.equal(login.status, 200, login.text);
    const rows = await t.app.get(DataSource).query(`SELECT action FROM audit_log WHERE action = 'user.unsuspend' AND "domainId" IS NULL`);
    assert.equal(rows.length, 1);
  });

  it('the last active instance admin cannot be suspended', async () => {
    // A second admin suspends the first; the first (now suspended) is gone, so the second is the last one.
    const other = await createMember(t, root, root.domainId, 'root2', 'Member');
    await t.app.get(DataSource).query(`UPDATE "user" SET "isInstanceAdmin" = true WHERE id = $1`, [other.userId]);
    assert.equal((await as(other, 'POST', `/user/${root.userId}/suspend`, {})).status, 200);
    // Only a suspended admin is left besides root2: an API token of root2 can't suspend root2 (themself), and root
    // can't act. Simulate the race's loser by asking the service directly for root2 as another admin.
    const { UserService } = await import('../../src/modules/user/user.service');
    const auth = { principal: { kind: 'user' as const, userId: root.userId, username: 'admin', isInstanceAdmin: true }, permissions: new Set<never>() };
    await assert.rejects(t.app.get(UserService).suspend(auth, other.userId, undefined, '127.0.0.1'), /last active instance administrator/);
    assert.equal((await as(other, 'POST', `/user/${root.userId}/unsuspend`)).status, 200);
  });
});
