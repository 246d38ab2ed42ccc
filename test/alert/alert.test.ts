import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { trustedDomainId } from '../../libs/tenancy/domain-id';
import { ErrorCode } from '../../src/core/errors/error-codes';
import { EventBus } from '../../src/core/events/event-bus';
import type { AlertChanged } from '../../src/core/events/outpost-events';
import { AlertEngine } from '../../src/modules/alert/alert-engine.service';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, Session } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';

/**
 * Alert rules and alerts through the HTTP API, driven by real typed events on the app's EventBus
 * (as the game-server, node and backup modules emit them) and by metric rows in the real tables.
 */
describe('alerts: rules, event-driven alerts, flap control, metrics, acknowledge', () => {
  let t: TestApp;
  let db: DataSource;
  let bus: EventBus;
  let admin: Session;
  let member: Session;
  let nodeId: string;
  let workloadId: string;
  /** Every alert.changed the app emitted, in order. */
  const changes: AlertChanged[] = [];
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const asMember = (method: string, path: string, body?: unknown) => t.request(method, path, { token: member.token, domain: member.domainId, body });
  const domain = () => trustedDomainId(admin.domainId);

  let serverSeq = 0;
  /** A real server row (placement needs an online node; the alert side only needs the row). */
  const newServer = async (name = `srv-${++serverSeq}`): Promise<{ id: string; name: string }> => {
    const [row] = await db.query(
      `INSERT INTO gameserver ("domainId", name, "workloadId", "nodeId", image, "memoryMiB", "cpuPercent", "diskMiB", pids) VALUES ($1, $2, $3, $4, 'outpost/echo-server:local', 100, 100, 64, 64) RETURNING id, name`,
      [admin.domainId, name, workloadId, nodeId],
    );
    return row as { id: string; name: string };
  };
  const rule = async (body: Record<string, unknown>) => {
    const r = await req('POST', '/alertrule', { name: `rule ${body.kind as string}`, ...body });
    assert.equal(r.status, 201, r.text);
    return r.body.data as { id: string; cooldownMinutes: number };
  };
  const alertsOf = async (filters: Record<string, unknown>) => {
    const r = await req('POST', '/alert/search', { filters });
    assert.equal(r.status, 200, r.text);
    return r.body.data as any[];
  };
  const crash = (server: { id: string; name: string }, oom = false) =>
    bus.emit('gameserver.system', {
      domainId: domain(),
      serverId: server.id,
      serverName: server.name,
      action: 'crashed',
      details: { reason: 'exited with code 1', exitCode: 1, oom, restartInMs: 5000 },
    });
  const running = (server: { id: string }) => bus.emit('gameserver.state', { domainId: domain(), serverId: server.id, state: 'running', reason: null });
  const changesFor = (ruleId: string) => changes.filter((c) => c.ruleId === ruleId);

  before(async () => {
    t = await createTestApp({ ALERT_EVALUATE_MS: '200' });
    db = t.app.get(DataSource);
    bus = t.app.get(EventBus);
    bus.on('alert.changed', (c) => void changes.push(c));
    admin = await bootstrapAdmin(t);
    member = await createMember(t, admin, admin.domainId, 'alert-member');
    const node = await req('POST', '/node', { name: 'Rack 1', address: '127.0.0.1', memoryMiB: 4096, diskMiB: 8192, cpuPercent: 400 });
    assert.equal(node.status, 201, node.text);
    nodeId = node.body.data.id;
    const workload = await req('POST', '/workload/from-template', { template: 'echo-server' });
    assert.equal(workload.status, 201, workload.text);
    workloadId = workload.body.data.id;
  });
  after(async () => {
    await t.close();
  });
  beforeEach(async () => {
    // Rules from earlier tests must not match this test's events.
    await db.query(`DELETE FROM alert_rule WHERE "domainId" = $1`, [admin.domainId]);
  });

  it('rule CRUD: defaults, search, update, delete; metric kinds need threshold and duration, other kinds refuse them; scopes are checked', async () => {
    const server = await newServer();
    const created = await req('POST', '/alertrule', { name: 'Crashes', kind: 'server.crashed', serverId: server.id });
    assert.equal(created.status, 201, created.text);
    const r = created.body.data;
    assert.equal(r.severity, 'warning');
    assert.equal(r.cooldownMinutes, 15);
    assert.equal(r.enabled, true);
    assert.equal(r.serverId, server.id);
    assert.equal(r.thresholdPercent, null);

    const bad = async (body: Record<string, unknown>, status: number, field?: string) => {
      const res = await req('POST', '/alertrule', { name: 'x', ...body });
      assert.equal(res.status, status, `${JSON.stringify(body)}: ${res.text}`);
      if (field) assert.match(res.text, new RegExp(field));
    };
    await bad({ kind: 'server.cpu' }, 400, 'thresholdPercent');
    await bad({ kind: 'server.cpu', thresholdPercent: 90 }, 400, 'forMinutes');
    await bad({ kind: 'server.crashed', thresholdPercent: 90 }, 400, 'thresholdPercent');
    await bad({ kind: 'node.offline', forMinutes: 5 }, 400, 'forMinutes');
    await bad({ kind: 'server.cpu', thresholdPercent: 101, forMinutes: 5 }, 400, 'thresholdPercent');
    await bad({ kind: 'server.cpu', thresholdPercent: 90, forMinutes: 1441 }, 400, 'forMinutes');
    await bad({ kind: 'server.crashed', cooldownMinutes: -1 }, 400, 'cooldownMinutes');
    await bad({ kind: 'server.disk', thresholdPercent: 90, forMinutes: 5 }, 400, 'kind');
    await bad({ kind: 'node.offline', serverId: server.id }, 400, 'serverId');
    await bad({ kind: 'server.crashed', nodeId }, 400, 'nodeId');
    await bad({ kind: 'server.crashed', serverId: '00000000-0000-4000-8000-000000000000' }, 404);
    await bad({ kind: 'node.offline', nodeId: '00000000-0000-4000-8000-000000000000' }, 404);

    const metric = await req('POST', '/alertrule', { name: 'Hot', kind: 'node.cpu', nodeId, thresholdPercent: 90, forMinutes: 5, severity: 'critical', cooldownMinutes: 0 });
    assert.equal(metric.status, 201, metric.text);
    assert.equal(metric.body.data.thresholdPercent, 90);
    assert.equal(metric.body.data.cooldownMinutes, 0);

    const got = await req('GET', `/alertrule/${r.id}`);
    assert.equal(got.status, 200, got.text);
    assert.equal(got.body.data.name, 'Crashes');
    const byKind = await req('POST', '/alertrule/search', { filters: { kind: ['node.cpu'] } });
    assert.deepEqual(
      byKind.body.data.map((x: any) => x.id),
      [metric.body.data.id],
    );

    const updated = await req('PUT', `/alertrule/${r.id}`, { name: 'All crashes', severity: 'critical', serverId: null });
    assert.equal(updated.status, 200, updated.text);
    assert.equal(updated.body.data.name, 'All crashes');
    assert.equal(updated.body.data.severity, 'critical');
    assert.equal(updated.body.data.serverId, null);
    const refused = await req('PUT', `/alertrule/${r.id}`, { thresholdPercent: 50 });
    assert.equal(refused.status, 400, refused.text);
    const retuned = await req('PUT', `/alertrule/${metric.body.data.id}`, { thresholdPercent: 75 });
    assert.equal(retuned.status, 200, retuned.text);
    assert.equal(retuned.body.data.thresholdPercent, 75);

    const removed = await req('DELETE', `/alertrule/${r.id}`);
    assert.equal(removed.status, 200, removed.text);
    assert.equal((await req('GET', `/alertrule/${r.id}`)).status, 404);
  });

  it('POST /alertrule/defaults creates the recommended set once', async () => {
    const first = await req('POST', '/alertrule/defaults');
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.body.data.created.map((r: any) => r.kind).sort(), ['backup.failed', 'node.offline', 'server.crash_loop', 'server.crashed', 'server.install_failed', 'server.oom']);
    const second = await req('POST', '/alertrule/defaults');
    assert.equal(second.status, 200, second.text);
    assert.deepEqual(second.body.data.created, []);
    const all = await req('POST', '/alertrule/search', {});
    assert.equal(all.body.data.length, 6);
  });

  it('a Member reads rules and alerts and acknowledges, but cannot write rules or resolve alerts (403 for a valid body)', async () => {
    const server = await newServer();
    const r = await rule({ kind: 'server.crashed' });
    const read = await asMember('POST', '/alertrule/search', {});
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.data.length, 1);
    const create = await asMember('POST', '/alertrule', { name: 'Mine', kind: 'server.crashed' });
    assert.equal(create.status, 403, create.text);
    assert.equal(create.body.meta.error.code, ErrorCode.ForbiddenError);
    assert.equal((await asMember('PUT', `/alertrule/${r.id}`, { name: 'renamed' })).status, 403);
    assert.equal((await asMember('DELETE', `/alertrule/${r.id}`)).status, 403);
    assert.equal((await asMember('POST', '/alertrule/defaults')).status, 403);

    crash(server);
    const [alert] = await waitFor('the alert', async () => {
      const a = await alertsOf({ ruleId: r.id });
      return a.length ? a : null;
    });
    const acked = await asMember('POST', `/alert/${alert.id}/acknowledge`);
    assert.equal(acked.status, 200, acked.text);
    assert.equal(acked.body.data.acknowledgedBy, member.userId);
    // Resolving tells every integration: not for read-only members.
    const resolve = await asMember('POST', `/alert/${alert.id}/resolve`);
    assert.equal(resolve.status, 403, resolve.text);
    assert.equal((await req('GET', `/alert/${alert.id}`)).body.data.state, 'firing');
  });

  it('a crash event fires an alert naming the server; running again resolves it; both are told once', async () => {
    const server = await newServer('Lobby');
    const other = await newServer('Elsewhere');
    const r = await rule({ kind: 'server.crashed', serverId: server.id, severity: 'critical' });
    crash(other); // out of the rule's scope
    crash(server);
    const [alert] = await waitFor('a firing alert', async () => {
      const a = await alertsOf({ ruleId: r.id, state: ['firing'] });
      return a.length ? a : null;
    });
    assert.equal(alert.subjectType, 'gameserver');
    assert.equal(alert.subjectId, server.id);
    assert.equal(alert.subjectName, 'Lobby');
    assert.equal(alert.severity, 'critical');
    assert.equal(alert.kind, 'server.crashed');
    assert.match(alert.message, /Server "Lobby" crashed \(exit code 1\)/);
    assert.equal(alert.triggerCount, 1);
    assert.equal((await alertsOf({ ruleId: r.id })).length, 1, 'the other server is not in scope');

    running(server);
    const resolved = await waitFor('resolved', async () => {
      const got = await req('GET', `/alert/${alert.id}`);
      return got.body.data.state === 'resolved' && got.body.data;
    });
    assert.ok(resolved.resolvedAt);
    // The notification follows the row's change: wait for it rather than race it.
    const told = await waitFor('two notifications', () => changesFor(r.id).length >= 2 && changesFor(r.id));
    assert.deepEqual(
      told.map((c) => c.state),
      ['firing', 'resolved'],
    );
    assert.deepEqual(told[0].subject, { type: 'gameserver', id: server.id, name: 'Lobby' });
    assert.equal(told[0].ruleName, 'rule server.crashed');
    assert.equal(told[0].domainId, admin.domainId);
  });

  it('flap control: 10 crashes in a row are one alert with triggerCount 10 and one notification', async () => {
    const server = await newServer();
    const r = await rule({ kind: 'server.crashed' });
    for (let i = 0; i < 10; i++) crash(server);
    await waitFor('10 triggers', async () => (await alertsOf({ ruleId: r.id }))[0]?.triggerCount === 10);
    const alerts = await alertsOf({ ruleId: r.id });
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0].state, 'firing');
    assert.equal(changesFor(r.id).length, 1);
  });

  it('a crash within the cooldown after resolving reopens the same alert without telling again; a held change is sent once the cooldown passed', async () => {
    const server = await newServer();
    const r = await rule({ kind: 'server.crashed', cooldownMinutes: 15 });
    crash(server);
    const [alert] = await waitFor('firing', async () => {
      const a = await alertsOf({ ruleId: r.id, state: ['firing'] });
      return a.length ? a : null;
    });
    const acked = await req('POST', `/alert/${alert.id}/acknowledge`);
    assert.equal(acked.status, 200, acked.text);
    running(server);
    await waitFor('resolved', async () => (await req('GET', `/alert/${alert.id}`)).body.data.state === 'resolved');
    crash(server);
    const reopened = await waitFor('reopened', async () => {
      const got = (await req('GET', `/alert/${alert.id}`)).body.data;
      return got.state === 'firing' && got;
    });
    assert.equal(reopened.triggerCount, 2);
    assert.equal(reopened.resolvedAt, null);
    assert.equal(reopened.acknowledged, false, 'a reopened alert is news again');
    assert.equal((await alertsOf({ ruleId: r.id })).length, 1, 'the same alert, not a new one');
    await waitFor('the resolved notification', () => changesFor(r.id).length >= 2);
    assert.deepEqual(
      changesFor(r.id).map((c) => c.state),
      ['firing', 'resolved'],
      'the reopening is held by the cooldown',
    );

    // The cooldown since the last notification passes: the evaluator sends what changed since.
    await db.query(`UPDATE alert SET "notifiedAt" = now() - interval '16 minutes' WHERE id = $1`, [alert.id]);
    await waitFor('the held firing notification', () => changesFor(r.id).length === 3);
    assert.equal(changesFor(r.id)[2].state, 'firing');
    assert.equal(changesFor(r.id)[2].alertId, alert.id);
    await t.app.get(AlertEngine).tick();
    await t.app.get(AlertEngine).tick();
    assert.equal(changesFor(r.id).length, 3, 'sent once');
  });

  it('without a cooldown a crash after resolving is a new alert, told again', async () => {
    const server = await newServer();
    const r = await rule({ kind: 'server.crashed', cooldownMinutes: 0 });
    crash(server);
    await waitFor('firing', async () => (await alertsOf({ ruleId: r.id, state: ['firing'] })).length === 1);
    running(server);
    await waitFor('resolved', async () => (await alertsOf({ ruleId: r.id, state: ['resolved'] })).length === 1);
    crash(server);
    await waitFor('a second alert', async () => (await alertsOf({ ruleId: r.id })).length === 2);
    await waitFor('three notifications', () => changesFor(r.id).length >= 3);
    assert.deepEqual(
      changesFor(r.id).map((c) => c.state),
      ['firing', 'resolved', 'firing'],
    );
  });

  it('OOM kills and crash loops fire their own kinds; resolving by hand works', async () => {
    const server = await newServer('Hungry');
    const oom = await rule({ kind: 'server.oom' });
    const loop = await rule({ kind: 'server.crash_loop' });
    crash(server, false);
    crash(server, true);
    bus.emit('gameserver.system', { domainId: domain(), serverId: server.id, serverName: server.name, action: 'crash_loop_stopped', details: { crashes: 3 } });
    const [o] = await waitFor('oom alert', async () => {
      const a = await alertsOf({ ruleId: oom.id });
      return a.length ? a : null;
    });
    assert.equal(o.triggerCount, 1, 'only the OOM crash');
    assert.match(o.message, /out of memory/);
    const [l] = await waitFor('loop alert', async () => {
      const a = await alertsOf({ ruleId: loop.id });
      return a.length ? a : null;
    });
    assert.equal(l.kind, 'server.crash_loop');
    const byHand = await req('POST', `/alert/${l.id}/resolve`);
    assert.equal(byHand.status, 200, byHand.text);
    assert.equal(byHand.body.data.state, 'resolved');
    await waitFor('two notifications', () => changesFor(loop.id).length >= 2);
    assert.deepEqual(
      changesFor(loop.id).map((c) => c.state),
      ['firing', 'resolved'],
    );
  });

  it('install failed (gameserver.state) fires with the server name; running resolves', async () => {
    const server = await newServer('Fresh');
    const r = await rule({ kind: 'server.install_failed' });
    bus.emit('gameserver.state', { domainId: domain(), serverId: server.id, state: 'install_failed', reason: 'install script exited with code 2' });
    const [a] = await waitFor('install alert', async () => {
      const x = await alertsOf({ ruleId: r.id });
      return x.length ? x : null;
    });
    assert.equal(a.subjectName, 'Fresh');
    assert.match(a.message, /Installing server "Fresh" failed: install script exited with code 2/);
    running(server);
    await waitFor('resolved', async () => (await alertsOf({ ruleId: r.id, state: ['resolved'] })).length === 1);
  });

  it('node offline fires with the node name, online resolves', async () => {
    const r = await rule({ kind: 'node.offline', severity: 'critical' });
    bus.emit('node.state', { domainId: domain(), nodeId, nodeName: 'Rack 1', state: 'offline', reason: 'heartbeats stopped' });
    const [a] = await waitFor('node alert', async () => {
      const x = await alertsOf({ ruleId: r.id, state: ['firing'] });
      return x.length ? x : null;
    });
    assert.equal(a.subjectType, 'node');
    assert.equal(a.subjectId, nodeId);
    assert.equal(a.subjectName, 'Rack 1');
    assert.match(a.message, /Node "Rack 1" is offline \(heartbeats stopped\)/);
    bus.emit('node.state', { domainId: domain(), nodeId, nodeName: 'Rack 1', state: 'online', reason: 'agent connected' });
    await waitFor('resolved', async () => (await alertsOf({ ruleId: r.id, state: ['resolved'] })).length === 1);
  });

  it('a failed backup fires for its server; the next completed backup resolves it', async () => {
    const server = await newServer('Saved');
    const r = await rule({ kind: 'backup.failed' });
    const finished = (status: 'completed' | 'failed') =>
      bus.emit('backup.finished', {
        domainId: domain(),
        backupId: '11111111-1111-4111-8111-111111111111',
        backupName: 'nightly',
        serverId: server.id,
        serverName: 'Saved',
        status,
        sizeBytes: status === 'completed' ? 10 : null,
        error: status === 'failed' ? 'disk full' : null,
      });
    finished('failed');
    const [a] = await waitFor('backup alert', async () => {
      const x = await alertsOf({ ruleId: r.id, state: ['firing'] });
      return x.length ? x : null;
    });
    assert.equal(a.subjectId, server.id);
    assert.match(a.message, /Backup "nightly" of server "Saved" failed: disk full/);
    finished('completed');
    await waitFor('resolved', async () => (await alertsOf({ ruleId: r.id, state: ['resolved'] })).length === 1);
  });

  it('metric rules: above the threshold for the whole window fires after a tick, back under resolves; a short spike does not', async () => {
    const hot = await newServer('Hot');
    const spiky = await newServer('Spiky');
    const r = await rule({ kind: 'server.memory', thresholdPercent: 80, forMinutes: 1 });
    const sample = (serverId: string, secondsAgo: number, percent: number) =>
      db.query(
        `INSERT INTO gameserver_metric ("domainId", "gameserverId", time, "cpuPercent", "memoryBytes", "memoryLimitBytes", "networkRxBytes", "networkTxBytes", pids) VALUES ($1, $2, now() - make_interval(secs => $3), 5, $4, 1000, 0, 0, 1)`,
        [admin.domainId, serverId, secondsAgo, percent * 10],
      );
    for (const ago of [58, 45, 30, 15, 1]) await sample(hot.id, ago, 90);
    // Only the last 20 s above: the condition has not lasted a minute.
    await sample(spiky.id, 20, 95);
    await sample(spiky.id, 5, 95);
    const [a] = await waitFor('memory alert', async () => {
      const x = await alertsOf({ ruleId: r.id, state: ['firing'] });
      return x.length ? x : null;
    });
    assert.equal(a.subjectName, 'Hot');
    assert.match(a.message, /Server "Hot" memory above 80% for 1 min \(now 90%\)/);
    await t.app.get(AlertEngine).tick();
    await t.app.get(AlertEngine).tick();
    assert.deepEqual(
      (await alertsOf({ ruleId: r.id })).map((x) => x.subjectId),
      [hot.id],
      'the spike did not fire',
    );

    await sample(hot.id, 0, 50);
    await waitFor('resolved', async () => (await req('GET', `/alert/${a.id}`)).body.data.state === 'resolved');
  });

  it('node metric rules read the node module’s samples (disk used of total)', async () => {
    const r = await rule({ kind: 'node.disk', nodeId, thresholdPercent: 90, forMinutes: 1 });
    for (const ago of [59, 40, 20, 2]) {
      await db.query(
        `INSERT INTO node_metric ("domainId", "nodeId", time, "cpuPercent", "memoryUsedBytes", "memoryTotalBytes", "diskUsedBytes", "diskTotalBytes", "networkRxBytes", "networkTxBytes", load1) VALUES ($1, $2, now() - make_interval(secs => $3), 10, 100, 1000, 95, 100, 0, 0, 0.1)`,
        [admin.domainId, nodeId, ago],
      );
    }
    const [a] = await waitFor('disk alert', async () => {
      const x = await alertsOf({ ruleId: r.id, state: ['firing'] });
      return x.length ? x : null;
    });
    assert.equal(a.subjectType, 'node');
    assert.match(a.message, /Node "Rack 1" disk above 90%/);
  });

  it('unread count: firing and not acknowledged; acknowledge takes one off; search filters by acknowledged', async () => {
    await db.query(`DELETE FROM alert WHERE "domainId" = $1`, [admin.domainId]);
    const r = await rule({ kind: 'server.crashed' });
    const s1 = await newServer();
    const s2 = await newServer();
    crash(s1);
    crash(s2);
    await waitFor('two alerts', async () => (await alertsOf({ ruleId: r.id })).length === 2);
    const unread = await asMember('GET', '/alert/unread');
    assert.equal(unread.status, 200, unread.text);
    assert.equal(unread.body.data.count, 2);
    const [first] = await alertsOf({ subjectId: s1.id });
    const acked = await req('POST', `/alert/${first.id}/acknowledge`);
    assert.equal(acked.status, 200, acked.text);
    assert.equal(acked.body.data.acknowledged, true);
    assert.equal(acked.body.data.acknowledgedBy, admin.userId);
    assert.equal((await req('GET', '/alert/unread')).body.data.count, 1);
    assert.deepEqual(
      (await alertsOf({ acknowledged: false })).map((x) => x.subjectId),
      [s2.id],
    );
    running(s2);
    await waitFor('resolved', async () => (await req('GET', '/alert/unread')).body.data.count === 0);
    assert.equal((await req('GET', '/alert/00000000-0000-4000-8000-000000000000')).status, 404);
  });
});
