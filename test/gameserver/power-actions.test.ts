import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { EventBus } from '../../src/core/events/event-bus';
import { STOP_TIMEOUT_MS } from '../../src/modules/gameserver/runtime.service';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';

/** Success paths of restart, kill, the generic power route and the stop timeout, on real containers. */
describe('power actions on real containers: restart, kill, POST /power, stop timeout', () => {
  let t: TestApp;
  let admin: Session;
  let node: RunningNode;
  let serverId: string;
  const docker = new Docker();
  /** Every state change the API made, in order, per server (from the in-process event bus). */
  const states = new Map<string, Array<{ state: string; reason: string | null }>>();
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const server = async (id = serverId) => (await req('GET', `/gameserver/${id}`)).body.data;
  const inspect = (id = serverId) => docker.getContainer(`outpost-${id}`).inspect();
  const seen = (id: string) => (states.get(id) ?? []).map((s) => s.state);

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
    t.app.get(EventBus).on('gameserver.state', (e) => {
      if (!states.has(e.serverId)) states.set(e.serverId, []);
      states.get(e.serverId)!.push({ state: e.state, reason: e.reason });
    });
    node = await startNodeWithAgent(t, admin);
    serverId = await startEchoServer(req, node.nodeId, 'Power');
  });
  after(async () => {
    await removeDomainContainers(admin.domainId);
    await node?.stop();
    await t.close();
  });

  it('restart: running → stopping → offline → starting → running, with a new container StartedAt', async () => {
    const before = await inspect();
    assert.equal(before.State.Running, true);
    states.set(serverId, []);
    const r = await req('POST', `/gameserver/${serverId}/restart`);
    assert.equal(r.status, 200, r.text);
    await waitFor('running again', async () => (await server()).state === 'running');
    // The stop leg ends in offline (the stop completed) before the start leg begins.
    assert.deepEqual(seen(serverId), ['stopping', 'offline', 'starting', 'running']);
    const afterRestart = await inspect();
    assert.equal(afterRestart.State.Running, true);
    assert.notEqual(afterRestart.State.StartedAt, before.State.StartedAt, 'the container process was started again');
    assert.equal(afterRestart.Id, before.Id, 'the same container (restart does not rebuild it)');
  });

  it('kill: offline with reason "killed"; the container is not running and exited with 137', async () => {
    states.set(serverId, []);
    const r = await req('POST', `/gameserver/${serverId}/kill`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.state, 'offline');
    assert.equal(r.body.data.stateReason, 'killed');
    const info = await inspect();
    assert.equal(info.State.Running, false);
    assert.equal(info.State.ExitCode, 137);
    const s = await server();
    assert.equal(s.state, 'offline');
    assert.equal(s.stateReason, 'killed');
    assert.deepEqual(s.recentCrashes, []);
    assert.deepEqual(seen(serverId), ['offline']);
  });

  it('POST /gameserver/:id/power runs start, stop, restart and kill', async () => {
    const power = (action: string) => req('POST', `/gameserver/${serverId}/power`, { action });

    const started = await power('start');
    assert.equal(started.status, 200, started.text);
    assert.equal(started.body.data.state, 'starting', 'echo-server waits for its ready line');
    await waitFor('running', async () => (await server()).state === 'running');
    assert.equal((await inspect()).State.Running, true);

    const stopped = await power('stop');
    assert.equal(stopped.status, 200, stopped.text);
    assert.equal(stopped.body.data.state, 'offline');
    const afterStop = await inspect();
    assert.equal(afterStop.State.Running, false);
    assert.equal(afterStop.State.ExitCode, 0, 'the template stop command ended the process cleanly');

    // From offline, restart is a start.
    states.set(serverId, []);
    const restarted = await power('restart');
    assert.equal(restarted.status, 200, restarted.text);
    await waitFor('running after restart', async () => (await server()).state === 'running');
    assert.deepEqual(seen(serverId), ['starting', 'running']);
    const afterRestart = await inspect();
    assert.equal(afterRestart.State.Running, true);
    assert.notEqual(afterRestart.State.StartedAt, afterStop.State.StartedAt);

    const killed = await power('kill');
    assert.equal(killed.status, 200, killed.text);
    assert.equal(killed.body.data.state, 'offline');
    assert.equal(killed.body.data.stateReason, 'killed');
    const afterKill = await inspect();
    assert.equal(afterKill.State.Running, false);
    assert.equal(afterKill.State.ExitCode, 137);
  });

  it(`a stop the process ignores: stopping for the template's stop timeout (3 s; default ${STOP_TIMEOUT_MS / 1000} s), then SIGKILL (137) and offline`, async () => {
    const workload = (await req('POST', '/workload/from-template', { template: 'busybox-shell' })).body.data;
    const workloadId = workload.id;
    const changed = await req('PUT', `/workload/${workloadId}`, { definition: { ...workload.definition, stopTimeoutSeconds: 3 } });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.data.definition.stopTimeoutSeconds, 3);
    // TERM is ignored (no exit in the trap), so only the kill after the timeout ends it.
    const command = "trap 'echo got TERM, ignoring' TERM; echo Ready; while :; do sleep 1 & wait $!; done";
    const created = await req('POST', '/gameserver', { name: 'Stubborn', workloadId, nodeId: node.nodeId, memoryMiB: 32, cpuPercent: 20, variables: { COMMAND: command } });
    assert.equal(created.status, 201, created.text);
    const id = created.body.data.id;
    const started = await req('POST', `/gameserver/${id}/start`);
    assert.equal(started.status, 200, started.text);
    assert.equal(started.body.data.state, 'running', 'no ready pattern: running once started');
    const startedAt = (await inspect(id)).State.StartedAt;

    states.set(id, []);
    const stopping = req('POST', `/gameserver/${id}/stop`);
    await waitFor('TERM delivered and ignored', async () => {
      const logs = (await req('GET', `/gameserver/${id}/logs`)).body.data?.lines ?? [];
      return logs.some((l: { line: string }) => l.line === 'got TERM, ignoring');
    });
    // TERM arrived and the process is still up: the stop is waiting out its timeout.
    assert.equal((await server(id)).state, 'stopping');
    const during = await inspect(id);
    assert.equal(during.State.Running, true);
    assert.equal(during.State.StartedAt, startedAt);

    const r = await stopping;
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.state, 'offline');
    const info = await inspect(id);
    assert.equal(info.State.Running, false);
    assert.equal(info.State.ExitCode, 137, 'ended by SIGKILL, not by the TERM');
    assert.deepEqual(seen(id), ['stopping', 'offline']);
    const finished = Date.parse(info.State.FinishedAt);
    const termLine = (await req('GET', `/gameserver/${id}/logs`)).body.data.lines.find((l: { line: string }) => l.line === 'got TERM, ignoring');
    // Order only: the kill came after the ignored TERM (the exact timeout is the driver's spec's business).
    assert.ok(finished > Date.parse(termLine.time), `killed (${info.State.FinishedAt}) after the TERM (${termLine.time})`);
    // Which timeout applied, not how fast: the default would have killed it 30 s after the TERM at the earliest.
    assert.ok(finished - Date.parse(termLine.time) < STOP_TIMEOUT_MS, `the template's 3 s applied, not the default ${STOP_TIMEOUT_MS / 1000} s`);
  });
});
