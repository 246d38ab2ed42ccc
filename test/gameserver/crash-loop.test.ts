import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Docker from 'dockerode';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { RunningNode, startEchoServer, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';

/**
 * The crash-loop guard on a real container: the echo-server's `crash` command exits 3. Three
 * crashes within ten minutes are restarted (1 s, 2 s, 4 s apart), the fourth is not.
 */
describe('crash-loop guard: at most 3 automatic restarts within 10 minutes, on a real container', () => {
  let t: TestApp;
  let admin: Session;
  let node: RunningNode;
  let serverId: string;
  const docker = new Docker();
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const server = async () => (await req('GET', `/gameserver/${serverId}`)).body.data;

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
    node = await startNodeWithAgent(t, admin);
    serverId = await startEchoServer(req, node.nodeId, 'Crasher');
  });
  after(async () => {
    await removeDomainContainers(admin.domainId);
    await node?.stop();
    await t.close();
  });

  it('restarts the first 3 crashes with growing backoff, then stays crashed with the crash-loop reason', async () => {
    const first = await server();
    assert.deepEqual(first.recentCrashes, [], 'a manual start clears the crash history');
    // [startedAt, container StartedAt] of every run: the manual start, then each automatic restart.
    const runs: Array<{ startedAt: string; containerStartedAt: string; crashedAt?: string }> = [
      { startedAt: first.startedAt, containerStartedAt: (await docker.getContainer(`outpost-${serverId}`).inspect()).State.StartedAt },
    ];

    for (let crash = 1; crash <= 3; crash++) {
      const cmd = await req('POST', `/gameserver/${serverId}/command`, { command: 'crash' });
      assert.equal(cmd.status, 200, cmd.text);
      // Crashed first (exit code 3 recorded), then running again with a new start time.
      const crashed = await waitFor(
        `crash ${crash} recorded`,
        async () => {
          const s = await server();
          return s.recentCrashes.length === crash && s;
        },
        15_000,
        20,
      );
      assert.equal(crashed.lastExitCode, 3);
      const restarted = await waitFor(
        `automatic restart ${crash}`,
        async () => {
          const s = await server();
          return s.state === 'running' && s.startedAt !== runs[runs.length - 1].startedAt && s;
        },
        30_000,
      );
      assert.equal(restarted.recentCrashes.length, crash, 'an automatic restart keeps the crash history');
      assert.equal(restarted.stateReason, null);
      const info = await docker.getContainer(`outpost-${serverId}`).inspect();
      assert.equal(info.State.Running, true);
      assert.notEqual(info.State.StartedAt, runs[runs.length - 1].containerStartedAt, 'the container process was started again');
      runs[runs.length - 1].crashedAt = restarted.recentCrashes[crash - 1];
      runs.push({ startedAt: restarted.startedAt, containerStartedAt: info.State.StartedAt });
    }

    const cmd = await req('POST', `/gameserver/${serverId}/command`, { command: 'crash' });
    assert.equal(cmd.status, 200, cmd.text);
    const gaveUp = await waitFor(
      'fourth crash recorded',
      async () => {
        const s = await server();
        return s.recentCrashes.length === 4 && s;
      },
      15_000,
      20,
    );
    assert.equal(gaveUp.state, 'crashed');
    assert.equal(gaveUp.lastExitCode, 3);
    assert.equal(gaveUp.stateReason, 'exited unexpectedly with code 3; not restarting: 4 crashes within 10 minutes');

    // Backoff order from the recorded sequence: the delay crash → next start grows with each crash.
    const delays = runs.slice(0, 3).map((r, i) => Date.parse(runs[i + 1].startedAt) - Date.parse(r.crashedAt!));
    assert.ok(delays[0] < delays[1] && delays[1] < delays[2], `restart delays grow: ${delays.join(', ')} ms`);
    // The recorded crash times are the history the guard counted: strictly increasing, one per crash.
    const crashTimes = gaveUp.recentCrashes.map((d: string) => Date.parse(d));
    assert.deepEqual(
      [...crashTimes].sort((a, b) => a - b),
      crashTimes,
    );

    // No fifth start: the guard left it crashed and the container stays exited.
    await waitFor('the last container exit settled', async () => !(await docker.getContainer(`outpost-${serverId}`).inspect()).State.Running);
    const info = await docker.getContainer(`outpost-${serverId}`).inspect();
    assert.equal(info.State.ExitCode, 3);
    assert.equal(info.State.StartedAt, runs[3].containerStartedAt, 'not started again after the fourth crash');
    assert.equal((await server()).state, 'crashed');
  });
});
