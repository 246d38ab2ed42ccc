import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listRoutes } from '../../src/core/http/route-catalog';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createDomain, createMember, Session } from '../helpers/fixtures';
import { trustedDomainId } from '@libs/tenancy/domain-id';
import { DataSource } from 'typeorm';
import { GameServerRepository } from '../../src/modules/gameserver/gameserver.repository';

/** The one search contract, run against every `POST /<entity>/search` the router has. */
describe('search contract on every entity', () => {
  let t: TestApp;
  let admin: Session;
  let searchRoutes: string[];

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
    for (const n of ['a_b', 'a%b', 'plain1', 'plain2']) await createMember(t, admin, admin.domainId, n.replace('%', 'pct'));
    await t.request('POST', '/role', { token: admin.token, domain: admin.domainId, body: { name: '50% off_sale', permissions: [] } });
    // At least two rows behind every search, so paging has something to page through.
    const as = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
    await createDomain(t, admin.token, 'Second');
    const nodeIds: string[] = [];
    const workloadIds: string[] = [];
    for (const i of [1, 2]) {
      const n = await as('POST', '/node', { name: `search-node-${i}`, address: '127.0.0.1', memoryMiB: 1024, diskMiB: 4096, cpuPercent: 100 });
      assert.equal(n.status, 201, n.text);
      nodeIds.push(n.body.data.id);
      const w = await as('POST', '/workload/from-template', { template: 'echo-server', name: `search-workload-${i}` });
      assert.equal(w.status, 201, w.text);
      workloadIds.push(w.body.data.id);
      assert.equal((await as('POST', '/apitoken', { name: `search-token-${i}` })).status, 201);
    }
    // Game servers need an online node to be created through the API; their rows are all paging needs.
    const servers = t.app.get(GameServerRepository);
    const serverIds: string[] = [];
    for (const i of [1, 2]) {
      const server = await servers.insert(trustedDomainId(admin.domainId), {
        name: `search-server-${i}`,
        workloadId: workloadIds[0],
        nodeId: nodeIds[0],
        image: 'outpost/echo-server:local',
        memoryMiB: 64,
        cpuPercent: 50,
        diskMiB: 64,
        pids: 64,
      });
      serverIds.push(server.id);
    }
    // Backups and schedule runs come from agents and the dispatcher; their rows are written directly.
    const db = t.app.get(DataSource);
    for (const i of [1, 2]) {
      await db.query(
        `INSERT INTO backup ("domainId", "gameserverId", "nodeId", storage, "objectKey", name, state, "sizeBytes", sha256, files, "createdByType", "completedAt") VALUES ($1, $2, $3, 'local', $4, $5, 'completed', 10, $6, 1, 'system', now())`,
        [admin.domainId, serverIds[0], nodeIds[0], `search-backup-${i}.tar.gz`, `search-backup-${i}`, '0'.repeat(64)],
      );
      assert.equal((await as('POST', '/backup-config', { name: `search-config-${i}`, kind: 'local' })).status, 201);
      const schedule = await as('POST', '/schedule', {
        gameserverId: serverIds[0],
        name: `search-schedule-${i}`,
        cron: '0 4 * * *',
        tasks: [{ action: 'command', command: 'say hi', delaySeconds: 0 }],
      });
      assert.equal(schedule.status, 201, schedule.text);
      await db.query(`INSERT INTO schedule_run ("scheduleId", "domainId", "dueAt", trigger, status, tasks, error) VALUES ($1, $2, now(), 'cron', 'failed', '[]', $3)`, [
        schedule.body.data.id,
        admin.domainId,
        `search-run-${i}`,
      ]);
    }
    // Alerts, integrations and their deliveries, webhook tokens: two of each (alerts and deliveries come from events; written directly).
    const integrationIds: string[] = [];
    for (const i of [1, 2]) {
      const rule = await as('POST', '/alertrule', { name: `search-rule-${i}`, kind: 'server.crashed' });
      assert.equal(rule.status, 201, rule.text);
      await db.query(
        `INSERT INTO alert ("domainId", "ruleId", kind, severity, "subjectType", "subjectId", "subjectName", message, state) VALUES ($1, $2, 'server.crashed', 'warning', 'gameserver', $3, $4, $4, 'firing')`,
        [admin.domainId, rule.body.data.id, serverIds[i - 1], `search-alert-${i}`],
      );
      const integration = await as('POST', '/integration', { name: `search-integration-${i}`, type: 'webhook', events: ['alert.fired'], url: 'https://93.184.216.34/search' });
      assert.equal(integration.status, 201, integration.text);
      integrationIds.push(integration.body.data.id);
      await db.query(
        `INSERT INTO integration_delivery ("domainId", "integrationId", event, payload, status, attempts) VALUES ($1, $2, 'alert.fired', '{}', 'succeeded', 1), ($1, $2, 'alert.resolved', '{}', 'failed', 3)`,
        [admin.domainId, integration.body.data.id],
      );
      assert.equal((await as('POST', '/webhooktoken', { name: `search-webhook-${i}` })).status, 201);
    }
    /** Searches under one resource (`/integration/:id/deliveries/search`) run on a seeded one. */
    const under: Record<string, string> = { integration: integrationIds[0] };
    searchRoutes = listRoutes(t.app.getHttpAdapter().getInstance())
      .filter((r) => r.method === 'POST' && r.url.endsWith('/search'))
      .map((r) => r.url.replace(':id', () => under[r.url.split('/')[1]]));
    assert.ok(searchRoutes.length >= 6, searchRoutes.join(', '));
  });
  after(async () => {
    await t.close();
  });

  const search = (url: string, body: unknown) => t.request('POST', url, { token: admin.token, domain: admin.domainId, body });

  it('every search answers {} with a page and the paging meta', async () => {
    for (const url of searchRoutes) {
      const r = await search(url, {});
      assert.equal(r.status, 200, `${url}: ${r.text.slice(0, 200)}`);
      assert.ok(Array.isArray(r.body.data), url);
      assert.equal(r.body.meta.page, 0, url);
      assert.equal(r.body.meta.limit, 100, url);
      assert.equal(typeof r.body.meta.total, 'number', url);
    }
  });

  it('every search refuses bad input with a 400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ nope: 1 }, 'nope'],
      [{ filters: { nope: 1 } }, 'filters.nope'],
      [{ search: { nope: 'x' } }, 'search.nope'],
      [{ greaterThan: { nope: 1 } }, 'greaterThan.nope'],
      [{ sortBy: 'nope' }, 'sortBy'],
      [{ sortDirection: 'sideways' }, 'sortDirection'],
      [{ extend: ['nope'] }, 'extend'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 1001 }, 'limit'],
      [{ page: -1 }, 'page'],
      [{ page: 'one' }, 'page'],
      [{ filters: 'x' }, 'filters'],
    ];
    for (const url of searchRoutes) {
      for (const [body, path] of cases) {
        const r = await search(url, body);
        assert.equal(r.status, 400, `${url} ${JSON.stringify(body)} → ${r.status}`);
        assert.equal(r.body.meta.error.code, 'ValidationError');
        assert.ok(
          r.body.meta.error.details.some((d: { path: string }) => d.path === path),
          `${url} ${JSON.stringify(body)} details ${JSON.stringify(r.body.meta.error.details)}`,
        );
      }
    }
  });

  it('a page past the end is empty with the right total; limit bounds the page; pages do not overlap', async () => {
    for (const url of searchRoutes) {
      const all = await search(url, {});
      assert.ok(all.body.meta.total >= 2, `${url}: seeded with at least two rows, has ${all.body.meta.total}`);
      const past = await search(url, { page: 1000, limit: 10 });
      assert.equal(past.status, 200, url);
      assert.deepEqual(past.body.data, [], url);
      assert.equal(past.body.meta.total, all.body.meta.total, url);
      const one = await search(url, { limit: 1 });
      assert.equal(one.body.data.length, 1, url);
      assert.equal(one.body.meta.total, all.body.meta.total, url);
      const next = await search(url, { limit: 1, page: 1 });
      assert.equal(next.body.data.length, 1, url);
      assert.notDeepEqual(next.body.data[0], one.body.data[0], `${url}: page 1 is not page 0`);
    }
  });

  it('filters with false, arrays, LIKE metacharacters and sorting work through HTTP', async () => {
    const nonAdmins = await search('/user/search', { filters: { isInstanceAdmin: false } });
    assert.equal(nonAdmins.body.meta.total, 4);
    const two = await search('/user/search', { filters: { username: ['a_b', 'plain1'] }, sortBy: 'username', sortDirection: 'asc' });
    assert.deepEqual(
      two.body.data.map((u: { username: string }) => u.username),
      ['a_b', 'plain1'],
    );
    const underscore = await search('/user/search', { search: { username: '_' } });
    assert.deepEqual(
      underscore.body.data.map((u: { username: string }) => u.username),
      ['a_b'],
    );
    const pct = await search('/role/search', { search: { name: '%' } });
    assert.deepEqual(
      pct.body.data.map((r: { name: string }) => r.name),
      ['50% off_sale'],
    );
    const sorted = await search('/user/search', { sortBy: 'username', sortDirection: 'desc', limit: 2 });
    assert.deepEqual(
      sorted.body.data.map((u: { username: string }) => u.username),
      ['plain2', 'plain1'],
    );
  });

  it('extend loads nested relations two levels deep', async () => {
    const r = await search('/membership/search', { extend: ['user', 'role', 'user.memberships'], filters: { userId: admin.userId } });
    assert.equal(r.status, 200, r.text);
    const m = r.body.data[0];
    assert.equal(m.user.username, 'admin');
    assert.equal(m.role.name, 'Owner');
    assert.ok(m.user.memberships.length >= 1);
    assert.equal(m.user.passwordHash, undefined);
  });
});
