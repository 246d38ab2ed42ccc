import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { DataSource } from 'typeorm';
import { EventBus } from '../../src/core/events/event-bus';
import { AgentChannel } from '../../src/modules/node/agent-channel.service';
import type { AlertChanged, BackupFinished, NodeStateChanged } from '../../src/core/events/outpost-events';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { removeDomainContainers } from '../helpers/containers';
import { waitFor } from '../helpers/wait';

/**
 * On a real agent and real Docker: the node module's node.state (once per real change), the
 * backup runner's backup.finished, and a container killed from outside → a server.crashed alert
 * naming the server → resolved when the server runs again.
 */
describe('alerts on real Docker: crash killed from outside, node.state and backup.finished emits', () => {
  let t: TestApp;
  let admin: Session;
  let node: RunningNode;
  let serverId: string;
  const nodeEvents: NodeStateChanged[] = [];
  const backupEvents: BackupFinished[] = [];
  const alertEvents: AlertChanged[] = [];
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const ofNode = () => nodeEvents.filter((e) => e.nodeId === node.nodeId);

  before(async () => {
    t = await createTestApp({ ALERT_EVALUATE_MS: '200' });
    const bus = t.app.get(EventBus);
    bus.on('node.state', (e) => void nodeEvents.push(e));
    bus.on('backup.finished', (e) => void backupEvents.push(e));
    bus.on('alert.changed', (e) => void alertEvents.push(e));
    admin = await bootstrapAdmin(t);
    const defaults = await req('POST', '/alertrule/defaults');
    assert.equal(defaults.status, 200, defaults.text);
    node = await startNodeWithAgent(t, admin, { name: 'Docker box' });
    serverId = await startEchoServer(req, node.nodeId, 'Crashy');
    // No automatic restart: the test starts it again itself.
    const updated = await req('PUT', `/gameserver/${serverId}`, { autoRestart: false });
    assert.equal(updated.status, 200, updated.text);
  });
  after(async () => {
    await removeDomainContainers(admin.domainId);
    await node?.stop();
    await t.close();
  });

  it('node.state: one online event when the agent connects, with the node name and its domain', async () => {
    await waitFor('online event', () => ofNode().length >= 1);
    assert.equal(ofNode().length, 1, 'connect and the first inventory change the status once');
    assert.equal(ofNode()[0].state, 'online');
    assert.equal(ofNode()[0].nodeName, 'Docker box');
    assert.equal(ofNode()[0].domainId, admin.domainId);
  });

  it('killing the container from outside fires server.crashed naming the server; starting it again resolves it', async () => {
    await new Docker().getContainer(`outpost-${serverId}`).kill({ signal: 'SIGKILL' });
    const alert = await waitFor('crash alert', async () => {
      const r = await req('POST', '/alert/search', { filters: { kind: ['server.crashed'], subjectId: serverId } });
      return r.body.data[0]?.state === 'firing' && r.body.data[0];
    });
    assert.equal(alert.subjectName, 'Crashy');
    assert.match(alert.message, /Server "Crashy" crashed \(exit code 137\)/);
    assert.equal((await req('GET', '/alert/unread')).body.data.count, 1);
    const told = alertEvents.find((e) => e.alertId === alert.id);
    assert.equal(told?.state, 'firing');

    assert.equal((await req('POST', `/gameserver/${serverId}/start`)).status, 200);
    await waitFor('resolved', async () => (await req('GET', `/alert/${alert.id}`)).body.data.state === 'resolved', 30_000);
    await waitFor('resolved told', () => alertEvents.some((e) => e.alertId === alert.id && e.state === 'resolved'));
  });

  it('backup.finished: a completed backup is emitted with the server name', async () => {
    const created = await req('POST', '/backup', { gameserverId: serverId, name: 'before-update' });
    assert.equal(created.status, 202, created.text);
    const e = await waitFor('backup.finished', () => backupEvents.find((b) => b.backupId === created.body.data.id));
    assert.equal(e.status, 'completed');
    assert.equal(e.serverName, 'Crashy');
    assert.equal(e.backupName, 'before-update');
    assert.ok(e.sizeBytes && e.sizeBytes > 0);
    assert.equal(e.error, null);
  });

  it('node.state: heartbeats after an offline mark bring it back once; the agent stopping is one offline event and fires node.offline', async () => {
    // As the sweeper of another process would: the node is marked offline while its agent still beats.
    await t.app.get(DataSource).query(`UPDATE node SET status = 'offline' WHERE id = $1`, [node.nodeId]);
    await waitFor('back online', () => ofNode().length >= 2);
    assert.equal(ofNode()[1].state, 'online');
    await node.agent.stop();
    await waitFor('offline event', () => ofNode().length >= 3);
    assert.equal(ofNode()[2].state, 'offline');
    assert.equal(ofNode()[2].reason, 'agent disconnected');
    const alert = await waitFor('node alert', async () => {
      const r = await req('POST', '/alert/search', { filters: { kind: ['node.offline'], subjectId: node.nodeId } });
      return r.body.data[0]?.state === 'firing' && r.body.data[0];
    });
    assert.equal(alert.subjectName, 'Docker box');
    // Another heartbeat flush changes nothing: no further event.
    await t.app.get(AgentChannel).flushHeartbeats();
    assert.equal(ofNode().length, 3);
  });
});
