import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { BUSYBOX_IMAGE, ECHO_SERVER_IMAGE, ensureTestImages } from '@libs/container-driver/test-images';
import { SERVER_ID_LABEL } from '@libs/container-driver/container-driver';
import { ApiProcess, spawnApi } from '../helpers/api-process';
import { AgentProcess, spawnAgent } from '../helpers/agent-process';
import { createThrowawayDatabase, ThrowawayDatabase } from '../helpers/test-db';
import { waitFor } from '../helpers/wait';
import { bootstrap, call, createEchoServer, createNode, FAULT_API_ENV, requireProgram, Session } from './kit';
import { PrivateDockerd } from './private-dockerd';

/**
 * Fault suite: the Docker daemon restarted (SIGTERM, then started again, as `systemctl restart
 * docker` does) under running game servers. The daemon is a PRIVATE dockerd (./private-dockerd.ts),
 * never the machine's shared one; a dedicated agent process drives it (DOCKER_SOCKET). Without
 * live-restore the daemon stops its containers on the way down (the echo server exits 0 on SIGTERM)
 * and does not start them again (Outpost's containers have no restart policy). End state, read
 * from `docker inspect` on that daemon: the server with auto-restart on runs again in a container
 * started after the restart and the API says running, with the exit counted as a crash; the one
 * with auto-restart off is exited and the API says crashed with the real exit code. (An agent killed
 * under a starting server is test/gameserver/runtime-truth.test.ts.)
 */
describe('fault: dockerd restarted under running game servers', { timeout: 150_000 }, () => {
  let dockerd: PrivateDockerd;
  let docker: Docker;
  let database: ThrowawayDatabase;
  let api: ApiProcess;
  let agent: AgentProcess;
  let agentDir: string;
  let session: Session;
  let nodeId: string;

  before(async () => {
    requireProgram('dockerd', 'the dockerd fault case runs a Docker daemon of its own (Debian package docker.io)');
    requireProgram('docker', 'the dockerd fault case copies the test images into its daemon with the docker CLI');
    await ensureTestImages();
    dockerd = new PrivateDockerd();
    await dockerd.start();
    for (const image of [ECHO_SERVER_IMAGE, BUSYBOX_IMAGE]) dockerd.loadImage(image);
    docker = new Docker({ socketPath: dockerd.socket });
    database = await createThrowawayDatabase('outpost_fault', { migrated: true });
    api = await spawnApi({ databaseUrl: database.url, env: FAULT_API_ENV });
    session = await bootstrap(api);
    let registerToken: string;
    ({ nodeId, registerToken } = await createNode(api, session, 'dockerd-fault-node'));
    agentDir = mkdtempSync(join(tmpdir(), 'outpost-fault-agent-'));
    agent = spawnAgent({ url: api.url, dataDir: agentDir, token: registerToken, env: { DOCKER_SOCKET: dockerd.socket, OUTPOST_INVENTORY_INTERVAL_MS: '2000' } });
    await waitFor('node online', async () => (await call(api, 'GET', `/node/${nodeId}`, { session })).body.data?.state === 'online', 30_000, 200).catch((err: Error) => {
      throw new Error(`${err.message}\n${agent.output().slice(-3000)}`);
    });
  });

  after(async () => {
    await agent?.kill('SIGKILL');
    await api?.kill('SIGKILL');
    await dockerd?.destroy();
    await database?.drop();
    if (agentDir) rmSync(agentDir, { recursive: true, force: true });
  });

  const server = async (id: string) => (await call(api, 'GET', `/gameserver/${id}`, { session })).body.data;
  const inspect = async (id: string) => {
    const [c] = await docker.listContainers({ all: true, filters: { label: [`${SERVER_ID_LABEL}=${id}`] } });
    assert.ok(c, `server ${id} has a container on the private daemon`);
    return docker.getContainer(c.Id).inspect();
  };

  it('auto-restart on: running again in a new start; auto-restart off: crashed with the exit code docker reports', async () => {
    const on = await createEchoServer(api, session, nodeId, 'restart-on', { autoRestart: true });
    const off = await createEchoServer(api, session, nodeId, 'restart-off', { autoRestart: false });
    for (const id of [on, off]) {
      const r = await call(api, 'POST', `/gameserver/${id}/start`, { session });
      assert.equal(r.status, 200, r.text);
    }
    for (const id of [on, off]) await waitFor(`${id} running`, async () => (await server(id)).state === 'running', 30_000, 200);
    const startedBefore = (await inspect(on)).State.StartedAt;
    assert.equal((await inspect(off)).State.Running, true);

    await dockerd.restart();

    // auto-restart off: docker says exited; the API says crashed with that exit code.
    const offState = await waitFor(
      'the auto-restart-off server no longer running',
      async () => {
        const s = await server(off);
        return s.state !== 'running' && s.state !== 'unknown' && s;
      },
      45_000,
      200,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${agent.output().slice(-3000)}`);
    });
    const offContainer = await inspect(off);
    assert.equal(offContainer.State.Running, false, 'docker: the auto-restart-off container is not running');
    assert.equal(offState.state, 'crashed', `API state of the auto-restart-off server: ${JSON.stringify(offState)}`);
    assert.equal(offState.stateReason, `exited unexpectedly with code ${offContainer.State.ExitCode}`);

    // auto-restart on: running again, in a container started after the daemon came back.
    const onState = await waitFor(
      'the auto-restart-on server running again',
      async () => {
        const s = await server(on);
        return s.state === 'running' && s.recentCrashes?.length === 1 && s;
      },
      45_000,
      200,
    ).catch(async (err: Error) => {
      throw new Error(`${err.message}; now ${JSON.stringify(await server(on))}\n${agent.output().slice(-3000)}`);
    });
    assert.equal(onState.autoRestart, true);
    const onContainer = await inspect(on);
    assert.equal(onContainer.State.Running, true, 'docker: the auto-restart-on container runs');
    assert.notEqual(onContainer.State.StartedAt, startedBefore, 'docker: it was started again after the daemon restart');

    // The off server stays as it is (nothing restarts it behind the user's back).
    assert.equal((await server(off)).state, 'crashed');
    assert.equal((await inspect(off)).State.Running, false);
    assert.equal(agent.child.exitCode, null, 'the agent did not exit');
  });
});
