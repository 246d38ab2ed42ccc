import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, Session } from '../helpers/fixtures';
import { createNodeForAgent } from '../helpers/agent-node';
import { AgentProcess, spawnAgent } from '../helpers/agent-process';
import { waitFor } from '../helpers/wait';
import { removeDomainContainers } from '../helpers/containers';

/** A node whose agent is a real process: killed with SIGKILL, started again on the same data dir. */
interface NodeProcess {
  nodeId: string;
  dataDir: string;
  agent: AgentProcess;
  kill(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The runtime is the truth (issue 21): faults injected with real processes and real Docker, and
 * each case ends with the API's state matching `docker inspect`.
 */
describe('runtime truth: the state follows the container through agent deaths and outside changes', () => {
  let t: TestApp;
  let admin: Session;
  let node: NodeProcess;
  let workloadId: string;
  const docker = new Docker();
  const req = (method: string, path: string, body?: unknown) => t.request(method, path, { token: admin.token, domain: admin.domainId, body });
  const server = async (id: string) => (await req('GET', `/gameserver/${id}`)).body.data;
  const nodeState = async (nodeId: string) => (await req('GET', `/node/${nodeId}`)).body.data.state;
  /** The server's game container, found by the label Outpost puts on it (the API does not expose container ids). */
  const container = async (id: string) => {
    const [c] = await docker.listContainers({ all: true, filters: { label: [`outpost.server-id=${id}`] } });
    assert.ok(c, `server ${id} has a container`);
    return docker.getContainer(c.Id);
  };
  const inspect = async (id: string) => (await container(id)).inspect();

  /** Agents here report inventory only on connect (and resync): each case controls when Outpost hears from the node. */
  async function startNode(env: Record<string, string> = {}): Promise<NodeProcess> {
    const { nodeId, url, registerToken } = await createNodeForAgent(t, admin);
    const dataDir = mkdtempSync(join(tmpdir(), 'outpost-truth-'));
    const agentEnv = { OUTPOST_HEARTBEAT_INTERVAL_MS: '500', OUTPOST_INVENTORY_INTERVAL_MS: '600000', OUTPOST_RECONNECT_MAX_MS: '1000', ...env };
    const n: NodeProcess = {
      nodeId,
      dataDir,
      agent: spawnAgent({ url, dataDir, token: registerToken, env: agentEnv }),
      async kill() {
        await n.agent.kill('SIGKILL');
      },
      async restart() {
        n.agent = spawnAgent({ url, dataDir, env: agentEnv });
        await waitFor('node online again', async () => (await nodeState(nodeId)) === 'online', 20_000).catch((err: Error) => {
          throw new Error(`${err.message}\n${n.agent.output().slice(-3000)}`);
        });
      },
      async close() {
        await n.agent.kill('SIGTERM');
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
    await waitFor('node online', async () => (await nodeState(nodeId)) === 'online', 20_000).catch((err: Error) => {
      throw new Error(`${err.message}\n${n.agent.output().slice(-3000)}`);
    });
    return n;
  }

  /** A BusyBox server printing `booting`, then after `delay` s the ready line, then a numbered tick per second. */
  async function createServer(name: string, delay = 0, extra: Record<string, unknown> = {}, nodeId = node.nodeId): Promise<string> {
    const command = `trap 'exit 0' TERM INT; echo booting; sleep ${delay}; echo Server is ready; i=0; while :; do i=$((i+1)); echo tick $i; sleep 1 & wait $!; done`;
    const r = await req('POST', '/gameserver', { name, workloadId, nodeId, memoryMiB: 64, cpuPercent: 50, variables: { COMMAND: command }, ...extra });
    assert.equal(r.status, 201, r.text);
    return r.body.data.id;
  }

  async function startAndWaitRunning(id: string): Promise<void> {
    const r = await req('POST', `/gameserver/${id}/start`);
    assert.equal(r.status, 200, r.text);
    await waitFor('running', async () => (await server(id)).state === 'running', 30_000);
  }

  before(async () => {
    t = await createTestApp({}, { transport: 'supertest' });
    admin = await bootstrapAdmin(t);
    node = await startNode();
    const base = (await req('POST', '/workload/from-template', { template: 'busybox-shell' })).body.data;
    assert.ok(base?.definition, 'the busybox-shell template exists');
    const r = await req('POST', '/workload', { definition: { ...base.definition, name: 'Ticker', startupDone: ['Server is ready'], startTimeoutSeconds: 5 } });
    assert.equal(r.status, 201, r.text);
    workloadId = r.body.data.id;
  });

  // A failed case must not leave the next one without an agent.
  beforeEach(async () => {
    if (node && node.agent.child.exitCode === null && node.agent.child.signalCode === null) return;
    if (node) await node.restart();
  });

  after(async () => {
    await removeDomainContainers(admin.domainId);
    await node?.close();
    await t.close();
  });

  it('a stop sent while the agent is down is refused and changes nothing; after the agent returns the server is still running and takes commands', async () => {
    const id = await createServer('stop-while-down');
    await startAndWaitRunning(id);
    await node.kill();
    await waitFor('node offline', async () => (await nodeState(node.nodeId)) === 'offline', 30_000);
    const stop = await req('POST', `/gameserver/${id}/stop`);
    assert.equal(stop.status, 409, stop.text);
    assert.match(stop.body.meta.error.message, /offline/);
    const after = await server(id);
    assert.equal(after.state, 'running', 'the stop never reached the node');
    assert.match(after.stateReason, /^stop failed: Node "[^"]+" is offline/);
    assert.equal((await inspect(id)).State.Running, true);

    await node.restart();
    assert.equal((await server(id)).state, 'running');
    const cmd = await req('POST', `/gameserver/${id}/command`, { command: 'echo still here' });
    assert.equal(cmd.status, 200, cmd.text);
  });

  it('agent dies after a start reached the node but before it answered: unknown, then running once the agent reports', async () => {
    const id = await createServer('start-unconfirmed');
    // Create the container (first start creates it), then stop, so the next start only starts it.
    await startAndWaitRunning(id);
    assert.equal((await req('POST', `/gameserver/${id}/stop`)).status, 200);
    assert.equal((await inspect(id)).State.Running, false);

    // The agent freezes with the start command in its socket; the container is started (as the agent would have) and the agent dies unanswered.
    node.agent.child.kill('SIGSTOP');
    const pending = req('POST', `/gameserver/${id}/start`);
    await waitFor('starting', async () => (await server(id)).state === 'starting');
    await (await container(id)).start();
    await node.kill();
    const answer = await pending;
    assert.equal(answer.status, 503, answer.text);
    assert.match(answer.body.meta.error.message, /disconnected before answering/);
    const unknown = await server(id);
    assert.equal(unknown.state, 'unknown');
    assert.match(unknown.stateReason, /^start not confirmed/);
    assert.equal((await req('POST', `/gameserver/${id}/start`)).status, 409, 'an unknown server is not started again blindly');

    await node.restart();
    await waitFor('running after the node reported', async () => (await server(id)).state === 'running', 20_000);
    assert.equal((await inspect(id)).State.Running, true);
  });

  it('agent frozen and killed before it carried out a start: unknown, then offline as the node reports', async () => {
    const id = await createServer('start-never-ran');
    await startAndWaitRunning(id);
    assert.equal((await req('POST', `/gameserver/${id}/stop`)).status, 200);
    node.agent.child.kill('SIGSTOP');
    const pending = req('POST', `/gameserver/${id}/start`);
    await waitFor('starting', async () => (await server(id)).state === 'starting');
    await node.kill();
    assert.equal((await pending).status, 503);
    assert.equal((await server(id)).state, 'unknown');
    await node.restart();
    const settled = await waitFor('offline after the node reported', async () => {
      const s = await server(id);
      return s.state === 'offline' && s;
    });
    assert.match(settled.stateReason, /^exited with code \d+ on the node$/);
    assert.equal((await inspect(id)).State.Running, false);
  });

  it('a container killed from outside while the agent is down: crashed with its real exit code (137) when the agent returns', async () => {
    const id = await createServer('killed-outside', 0, { autoRestart: false });
    await startAndWaitRunning(id);
    await node.kill();
    await (await container(id)).kill();
    await node.restart();
    const crashed = await waitFor('crashed', async () => {
      const s = await server(id);
      return s.state === 'crashed' && s;
    });
    assert.equal(crashed.lastExitCode, 137);
    assert.equal(crashed.stateReason, 'exited unexpectedly with code 137');
    assert.equal((await inspect(id)).State.ExitCode, 137);
  });

  it('a container stopped from outside while the agent is down is restarted automatically (auto-restart on), and counted as a crash', async () => {
    const id = await createServer('stopped-outside');
    await startAndWaitRunning(id);
    const firstStart = (await inspect(id)).State.StartedAt;
    await node.kill();
    await (await container(id)).stop({ t: 5 });
    await node.restart();
    const restarted = await waitFor(
      'running again after an automatic restart',
      async () => {
        const s = await server(id);
        return s.state === 'running' && s.recentCrashes.length === 1 && s;
      },
      30_000,
    );
    assert.equal(restarted.autoRestart, true);
    const now = await inspect(id);
    assert.equal(now.State.Running, true);
    assert.notEqual(now.State.StartedAt, firstStart, 'the container was started again');
  });

  it('the ready line printed while the agent was dead is not lost: the server becomes running after the agent returns', async () => {
    const id = await createServer('ready-while-down', 3);
    assert.equal((await req('POST', `/gameserver/${id}/start`)).status, 200);
    assert.equal((await server(id)).state, 'starting');
    await node.kill();
    const c = await container(id);
    await waitFor('ready line in the container log', async () => (await c.logs({ stdout: true, stderr: true })).toString().includes('Server is ready'), 20_000);
    assert.equal((await server(id)).state, 'starting', 'nobody told Outpost yet');
    await node.restart();
    await waitFor('running', async () => (await server(id)).state === 'running', 30_000);
    // The history gets the lines the agent replayed from the container's log (persisted in batches).
    const lines = await waitFor('ready line in the stored console history', async () => {
      const page = await req('GET', `/gameserver/${id}/logs?limit=500`);
      const all = (page.body.data.lines as Array<{ line: string }>).map((l) => l.line);
      return all.includes('Server is ready') && all;
    });
    assert.equal(lines.filter((l) => l === 'Server is ready').length, 1, 'replayed once');
  });

  it('a start that never sees its ready line ends running after the template start timeout, saying so (periodic inventory)', async () => {
    // This node's agent reports its inventory every second: the 5 s start timeout of the template decides (the ready line would come after 10 minutes).
    const reporting = await startNode({ OUTPOST_INVENTORY_INTERVAL_MS: '1000' });
    try {
      const id = await createServer('slow-ready', 600, {}, reporting.nodeId);
      assert.equal((await req('POST', `/gameserver/${id}/start`)).status, 200);
      assert.equal((await server(id)).state, 'starting');
      const running = await waitFor(
        'running after the start timeout',
        async () => {
          const s = await server(id);
          return s.state === 'running' && s;
        },
        45_000,
      );
      assert.equal(running.stateReason, 'no "startup done" line within 5 s; the process is running');
      assert.equal((await inspect(id)).State.Running, true);
    } finally {
      await reporting.close();
    }
  });

  it('start sent to a container that already runs: running at once, not stuck in starting', async () => {
    const id = await createServer('already-running', 0);
    await startAndWaitRunning(id);
    assert.equal((await req('POST', `/gameserver/${id}/stop`)).status, 200);
    const readyLines = async () => ((await req('GET', `/gameserver/${id}/logs?limit=500`)).body.data.lines as Array<{ line: string }>).filter((l) => l.line === 'Server is ready').length;
    const before = await readyLines();
    // Started behind Outpost's back while the agent is connected: container start events do not change the state.
    await (await container(id)).start();
    // Its ready line must have reached the API first: arriving after our start moved the server to
    // `starting`, it would (rightly) make it running by itself and the start would have nothing to settle.
    await waitFor('the outside start reached the console history', async () => (await readyLines()) > before, 20_000);
    assert.equal((await server(id)).state, 'offline');
    const r = await req('POST', `/gameserver/${id}/start`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.state, 'running');
    assert.equal(r.body.data.stateReason, 'was already running on the node');
  });
});
