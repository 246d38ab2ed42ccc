import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';

/** Two API processes on one database and Redis: either can drive a node whose agent is connected to the other. */
describe('agent commands across API processes (Redis relay)', () => {
  let a: TestApp;
  let b: NestFastifyApplication;
  let admin: Session;
  let node: RunningNode;

  const viaB = async (method: string, url: string, body?: unknown) => {
    const res = await b.inject({
      method: method as never,
      url,
      headers: { authorization: `Bearer ${admin.token}`, 'x-takaro-domain': admin.domainId, ...(body ? { 'content-type': 'application/json' } : {}) },
      payload: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.statusCode, body: JSON.parse(res.body || 'null'), text: res.body };
  };

  before(async () => {
    a = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:6379' });
    b = await createApp(a.config, { quiet: true });
    admin = await bootstrapAdmin(a);
    node = await startNodeWithAgent(a, admin); // the agent's socket lands on process A
  });
  after(async () => {
    await node?.stop();
    await b?.close();
    await a.close();
  });

  it('process B creates, starts and commands a server whose agent is connected to A', async () => {
    const workloadId = (await viaB('POST', '/workload/from-template', { template: 'echo-server' })).body.data.id;
    const created = await viaB('POST', '/gameserver', { name: 'Relayed', workloadId, memoryMiB: 64, cpuPercent: 50 });
    assert.equal(created.status, 201, created.text);
    const id = created.body.data.id;
    const started = await viaB('POST', `/gameserver/${id}/start`);
    assert.equal(started.status, 200, started.text);
    await waitFor('running', async () => (await viaB('GET', `/gameserver/${id}`)).body.data.state === 'running');
    assert.equal((await viaB('POST', `/gameserver/${id}/command`, { command: 'relayed hello' })).status, 200);
    await waitFor('echo in the container log', async () => {
      const r = await viaB('GET', `/node/${node.nodeId}/containers/outpost-${id}/logs`);
      return r.body.data?.some((l: { line: string }) => l.line === 'echo: relayed hello');
    });
    const stats = await viaB('GET', `/gameserver/${id}/stats`);
    assert.equal(stats.status, 200, stats.text);
    assert.ok(stats.body.data.memoryBytes > 0);
    assert.equal((await viaB('DELETE', `/gameserver/${id}`)).status, 200);
  });

  it('a node connected to no process answers offline (409) because no process took the relayed command, not after a timeout', async () => {
    await node.agent.stop();
    await waitFor('node offline', async () => (await viaB('GET', `/node/${node.nodeId}`)).body.data.state === 'offline');
    const r = await viaB('GET', `/node/${node.nodeId}/containers`);
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.meta.error.code, 'ConflictError');
    // A wait for an answer would end as agentCode 'timeout' (503); no receiver of the relay is 'offline'.
    assert.equal(r.body.meta.error.details.agentCode, 'offline');
    assert.match(r.body.meta.error.message, /not connected to any API process/);
  });
});
