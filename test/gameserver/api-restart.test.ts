import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { ensureTestImages } from '@libs/container-driver/test-images';
import { ApiProcess, spawnApi, callApi } from '../helpers/api-process';
import { AgentProcess, spawnAgent } from '../helpers/agent-process';
import { createThrowawayDatabase, ThrowawayDatabase } from '../helpers/test-db';
import { PASSWORD } from '../helpers/fixtures';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';

/**
 * The API process dies in the middle of a restart (graceful SIGTERM, and SIGKILL), a new one starts
 * on the same database and port, the agent reconnects: the server's state ends as `docker inspect`
 * says, within a bounded time.
 */
describe('API restarted in the middle of a power action: the state ends as the container is', () => {
  let db: ThrowawayDatabase;
  let api: ApiProcess;
  let agent: AgentProcess;
  let dataDir: string;
  let token: string;
  let domainId: string;
  let nodeId: string;
  let workloadId: string;
  const docker = new Docker();

  const call = (method: string, path: string, body?: unknown) => callApi(api, method, path, { token, domainId, body });
  const server = async (id: string) => (await call('GET', `/gameserver/${id}`)).body.data;
  const inspect = async (id: string) => {
    const [c] = await docker.listContainers({ all: true, filters: { label: [`outpost.server-id=${id}`] } });
    assert.ok(c, `server ${id} has a container`);
    return docker.getContainer(c.Id).inspect();
  };

  /** A new API process on the same database and port; the agent finds it on its own. */
  async function restartApi(): Promise<void> {
    api = await spawnApi({ databaseUrl: db.url, port: api.port });
    await waitFor('node online on the new API process', async () => (await call('GET', `/node/${nodeId}`)).body.data?.state === 'online', 30_000);
  }

  /** A server whose stop takes about a second (the game saves), with a ready line. */
  async function createRunningServer(name: string): Promise<string> {
    const command = `trap 'echo saving; sleep 1; exit 0' TERM INT; echo Server is ready; while :; do sleep 1 & wait $!; done`;
    const r = await call('POST', '/gameserver', { name, workloadId, nodeId, memoryMiB: 64, cpuPercent: 50, variables: { COMMAND: command } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const id = r.body.data.id;
    assert.equal((await call('POST', `/gameserver/${id}/start`)).status, 200);
    await waitFor('running', async () => (await server(id)).state === 'running', 30_000);
    return id;
  }

  before(async () => {
    await ensureTestImages();
    db = await createThrowawayDatabase();
    api = await spawnApi({ databaseUrl: db.url });
    const boot = await call('POST', '/auth/bootstrap', { username: 'admin', email: 'admin@example.com', password: PASSWORD, domainName: 'Restarts' });
    assert.equal(boot.status, 201, JSON.stringify(boot.body));
    token = boot.body.data.token;
    domainId = boot.body.data.domainId;
    // These servers publish no ports: any range will do.
    const node = await call('POST', '/node', { name: 'restart-node', address: '127.0.0.1', memoryMiB: 4096, diskMiB: 20480, cpuPercent: 400, portRangeStart: 47000, portRangeEnd: 47099 });
    assert.equal(node.status, 201, JSON.stringify(node.body));
    nodeId = node.body.data.id;
    const registerToken = (await call('POST', `/node/${nodeId}/register-token`)).body.data.token;
    dataDir = mkdtempSync(join(tmpdir(), 'outpost-api-restart-'));
    agent = spawnAgent({
      url: api.url,
      dataDir,
      token: registerToken,
      env: { OUTPOST_HEARTBEAT_INTERVAL_MS: '500', OUTPOST_INVENTORY_INTERVAL_MS: '1000', OUTPOST_RECONNECT_MAX_MS: '1000' },
    });
    await waitFor('node online', async () => (await call('GET', `/node/${nodeId}`)).body.data.state === 'online', 20_000);
    const base = (await call('POST', '/workload/from-template', { template: 'busybox-shell' })).body.data;
    const w = await call('POST', '/workload', { definition: { ...base.definition, name: 'Saver', startupDone: ['Server is ready'] } });
    assert.equal(w.status, 201, JSON.stringify(w.body));
    workloadId = w.body.data.id;
  });

  // A failed case must not leave the next one without an API.
  beforeEach(async () => {
    if (api && (api.child.exitCode !== null || api.child.signalCode !== null)) await restartApi();
  });

  after(async () => {
    await removeDomainContainers(domainId);
    await agent?.kill('SIGTERM');
    await api?.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await db?.drop();
  });

  it('SIGTERM while a restart is stopping the server: the restart completes, the process exits 0, and after a new API starts the server is running as its container is', async () => {
    const id = await createRunningServer('sigterm-mid-restart');
    const restart = call('POST', `/gameserver/${id}/restart`);
    await waitFor('stopping', async () => (await server(id)).state === 'stopping', 10_000, 20);
    const exit = api.kill('SIGTERM');
    const answer = await restart;
    assert.equal(answer.status, 200, `the in-flight restart finishes before the agents are let go: ${JSON.stringify(answer.body)}`);
    assert.deepEqual(await exit, { code: 0, signal: null });

    await restartApi();
    await waitFor('running as the container is', async () => (await server(id)).state === 'running', 40_000);
    assert.equal((await inspect(id)).State.Running, true);
  });

  it('SIGKILL while a restart is stopping the server: stuck in stopping no longer — a new API process makes it what the container is', async () => {
    const id = await createRunningServer('sigkill-mid-restart');
    void call('POST', `/gameserver/${id}/restart`).catch(() => undefined);
    await waitFor('stopping', async () => (await server(id)).state === 'stopping', 10_000, 20);
    await api.kill('SIGKILL');

    await restartApi();
    // Whether the stop reached the agent before the API died decides what the container is; either way the state must say it.
    const settled = await waitFor(
      'the recorded state matches the container',
      async () => {
        const s = await server(id);
        const running = (await inspect(id)).State.Running;
        return ((s.state === 'running' && running) || (s.state === 'offline' && !running)) && s;
      },
      // A stop that never reached the node is waited out (STOP_SETTLE_MS, 50 s) before the running container overrules it.
      80_000,
    );
    const truth = await inspect(id);
    if (settled.state === 'offline') assert.equal(settled.lastExitCode, truth.State.ExitCode, 'the real exit code is recorded');
  });
});
