import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { AppError } from '../../core/errors/app-error';
import { EventBus } from '../../core/events/event-bus';
import { trustedDomainId } from '@libs/tenancy/domain-id';
import type { WorkloadDefinition } from '../workload/definition/workload-definition';
import { GameServer, GameServerState as S } from './entities/gameserver.entity';
import type { GameServerRepository } from './gameserver.repository';
import { ErrorCode } from '../../core/errors/error-codes';
import type { Observed } from './lifecycle-decisions';
import { GameServerPower } from './power.service';
import type { GameServerRuntime } from './runtime.service';
import { GameServerStates } from './server-state.service';

const DOMAIN = trustedDomainId('6f1c1d2e-0000-4000-8000-000000000001');
const ID = '6f1c1d2e-0000-4000-8000-0000000000aa';

/** The rows in memory, with the repository's compare-and-set semantics (state must be one of `from`). */
class MemoryServers {
  row!: GameServer;
  async findById(_d: string, id: string) {
    return id === this.row.id ? { ...this.row } : null;
  }
  async update(_d: string, _id: string, patch: Partial<GameServer>) {
    Object.assign(this.row, patch);
  }
  async transition(_d: string, _id: string, from: S[], to: S, patch: Partial<GameServer>) {
    if (!from.includes(this.row.state)) return null;
    Object.assign(this.row, patch, { state: to });
    return { ...this.row };
  }
  async delete() {
    return true;
  }
}

/** An API error as AgentChannel raises it for an agent error code. */
const agentError = (agentCode: string, message: string) => new AppError(ErrorCode.ServiceUnavailableError, message, { agentCode });

/** Records what would be asked of the agent; `fail` makes one call throw (`failWith` picks the error). */
class RecordingRuntime {
  calls: string[] = [];
  fail: string | null = null;
  failWith: ((name: string) => Error) | null = null;
  startupDone: string[] = [];
  /** What `observe` answers after a failed command. */
  observed: Observed = null;
  alreadyRunning = false;
  private record(name: string) {
    this.calls.push(name);
    if (this.fail === name) throw this.failWith ? this.failWith(name) : new Error(`${name} failed on the node`);
  }
  async observe() {
    this.calls.push('observe');
    return this.observed;
  }
  async definition() {
    return { startupDone: this.startupDone, install: null } as unknown as WorkloadDefinition;
  }
  async ensureImage() {
    this.record('ensureImage');
  }
  async createContainer(server: GameServer) {
    this.record('createContainer');
    servers.row.containerId = `c-${server.id}`;
  }
  async removeContainer() {
    this.record('removeContainer');
  }
  async start() {
    this.record('start');
    return { alreadyRunning: this.alreadyRunning };
  }
  async stop() {
    this.record('stop');
  }
  async kill() {
    this.record('kill');
  }
  async command() {
    this.record('command');
  }
}

let servers: MemoryServers;
let runtime: RecordingRuntime;
let power: GameServerPower;
let announced: string[];

function given(state: S, extra: Partial<GameServer> = {}) {
  servers.row = { id: ID, domainId: DOMAIN, state, containerId: 'c-1', recentCrashes: [], stateReason: null, ...extra } as GameServer;
}

const conflict = (message: RegExp) => (err: unknown) => err instanceof AppError && err.code === 'ConflictError' && message.test(err.message);
const turn = () => new Promise((r) => setTimeout(r, 0));

describe('power actions', () => {
  beforeEach(() => {
    servers = new MemoryServers();
    runtime = new RecordingRuntime();
    const bus = new EventBus();
    announced = [];
    bus.on('gameserver.state', (s) => void announced.push(s.state));
    power = new GameServerPower(new GameServerStates(servers as unknown as GameServerRepository, bus), runtime as unknown as GameServerRuntime);
  });

  it('start from offline: starting, process started, running at once when the template has no "startup done" pattern', async () => {
    given(S.OFFLINE);
    const out = await power.power(DOMAIN, ID, 'start');
    assert.equal(out.state, S.RUNNING);
    assert.deepEqual(runtime.calls, ['start']);
    assert.deepEqual(announced, [S.STARTING, S.RUNNING]);
  });

  it('start waits in starting when the template has a "startup done" pattern, and creates a missing container first', async () => {
    given(S.CRASHED, { containerId: null });
    runtime.startupDone = ['Done'];
    assert.equal((await power.power(DOMAIN, ID, 'start')).state, S.STARTING);
    assert.deepEqual(runtime.calls, ['createContainer', 'start']);
  });

  for (const state of [S.INSTALLING, S.INSTALL_FAILED, S.STARTING, S.RUNNING, S.STOPPING]) {
    it(`start from ${state} is refused with 409 and asks nothing of the node`, async () => {
      given(state);
      await assert.rejects(power.power(DOMAIN, ID, 'start'), conflict(new RegExp(`Cannot start a server that is ${state}`)));
      assert.deepEqual(runtime.calls, []);
      assert.equal(servers.row.state, state);
    });
  }

  it('a start the node refuses ends offline with the reason, and the error reaches the caller', async () => {
    given(S.OFFLINE);
    runtime.fail = 'start';
    await assert.rejects(power.power(DOMAIN, ID, 'start'), /start failed on the node/);
    assert.equal(servers.row.state, S.OFFLINE);
    assert.equal(servers.row.stateReason, 'start failed: start failed on the node');
  });

  it('a stop that never reached the node (offline) leaves the server as it was, with the reason, and asks nothing more', async () => {
    given(S.RUNNING);
    runtime.fail = 'stop';
    runtime.failWith = () => agentError('offline', 'The node is offline: node n-1 is not connected');
    await assert.rejects(power.power(DOMAIN, ID, 'stop'), /node n-1 is not connected/);
    assert.equal(servers.row.state, S.RUNNING);
    assert.match(servers.row.stateReason ?? '', /^stop failed: The node is offline/);
    assert.deepEqual(announced, [S.STOPPING, S.RUNNING]);
    assert.deepEqual(runtime.calls, ['stop'], 'an undelivered command needs no inspection');
  });

  it('a stop whose answer never came becomes what the node says: stopped, still running, or unknown when it cannot be asked', async () => {
    const cases: Array<[Observed, S]> = [
      [{ running: false }, S.OFFLINE],
      ['absent', S.OFFLINE],
      [{ running: true }, S.RUNNING],
      [null, S.UNKNOWN],
    ];
    for (const [observed, expected] of cases) {
      given(S.RUNNING);
      runtime.calls = [];
      runtime.fail = 'stop';
      runtime.failWith = () => agentError('disconnected', 'The node disconnected before answering');
      runtime.observed = observed;
      await assert.rejects(power.power(DOMAIN, ID, 'stop'), /disconnected before answering/);
      assert.equal(servers.row.state, expected, JSON.stringify(observed));
      assert.deepEqual(runtime.calls, ['stop', 'observe']);
    }
    assert.match(servers.row.stateReason ?? '', /^stop not confirmed \(The node disconnected before answering\); waiting for the node's next report$/);
  });

  it('a start whose answer timed out is running when the node says so, unknown when it cannot say; an unknown server cannot be started but can be killed', async () => {
    given(S.OFFLINE);
    runtime.fail = 'start';
    runtime.failWith = () => agentError('timeout', 'The node did not answer in time');
    runtime.observed = { running: true };
    await assert.rejects(power.power(DOMAIN, ID, 'start'), /did not answer in time/);
    assert.equal(servers.row.state, S.RUNNING);

    given(S.CRASHED);
    runtime.observed = null;
    await assert.rejects(power.power(DOMAIN, ID, 'start'), /did not answer in time/);
    assert.equal(servers.row.state, S.UNKNOWN);
    runtime.fail = null;
    await assert.rejects(power.power(DOMAIN, ID, 'start'), conflict(/Cannot start a server that is unknown/));
    assert.equal((await power.power(DOMAIN, ID, 'kill')).state, S.OFFLINE);
  });

  it('a start the node confirms it did not carry out goes back to the state before (crashed stays crashed)', async () => {
    given(S.CRASHED);
    runtime.fail = 'start';
    runtime.failWith = () => agentError('internal', 'The node failed: port already allocated');
    runtime.observed = { running: false };
    await assert.rejects(power.power(DOMAIN, ID, 'start'), /port already allocated/);
    assert.equal(servers.row.state, S.CRASHED);
    assert.equal(servers.row.stateReason, 'start failed: The node failed: port already allocated');
  });

  it('start of a container that already runs is running at once, although the template waits for a "startup done" line', async () => {
    given(S.OFFLINE);
    runtime.startupDone = ['Done'];
    runtime.alreadyRunning = true;
    const out = await power.power(DOMAIN, ID, 'start');
    assert.equal(out.state, S.RUNNING);
    assert.equal(out.stateReason, 'was already running on the node');
  });

  it('a kill that never reached the node changes nothing', async () => {
    given(S.RUNNING);
    runtime.fail = 'kill';
    runtime.failWith = () => agentError('offline', 'The node is offline');
    await assert.rejects(power.power(DOMAIN, ID, 'kill'), /offline/);
    assert.equal(servers.row.state, S.RUNNING);
    assert.deepEqual(announced, []);
  });

  it('stop from offline is refused', async () => {
    given(S.OFFLINE);
    await assert.rejects(power.power(DOMAIN, ID, 'stop'), conflict(/Cannot stop a server that is offline/));
    assert.deepEqual(runtime.calls, []);
  });

  it('restart of a running server stops then starts; of a crashed one only starts', async () => {
    given(S.RUNNING);
    assert.equal((await power.power(DOMAIN, ID, 'restart')).state, S.RUNNING);
    assert.deepEqual(runtime.calls, ['stop', 'start']);
    given(S.CRASHED);
    runtime.calls = [];
    await power.power(DOMAIN, ID, 'restart');
    assert.deepEqual(runtime.calls, ['start']);
  });

  it('kill works from any running or stopped state but not while installing', async () => {
    for (const state of [S.STARTING, S.RUNNING, S.STOPPING, S.CRASHED, S.OFFLINE]) {
      given(state);
      assert.equal((await power.power(DOMAIN, ID, 'kill')).state, S.OFFLINE, state);
      assert.equal(servers.row.stateReason, 'killed');
    }
    for (const state of [S.INSTALLING, S.INSTALL_FAILED]) {
      given(state);
      runtime.calls = [];
      await assert.rejects(power.power(DOMAIN, ID, 'kill'), conflict(/Cannot kill/));
      assert.deepEqual(runtime.calls, [], state);
    }
  });

  it('actions on one server run one after the other', async () => {
    given(S.OFFLINE);
    const [started, stopped] = await Promise.all([power.power(DOMAIN, ID, 'start'), power.power(DOMAIN, ID, 'stop')]);
    assert.equal(started.state, S.RUNNING);
    assert.equal(stopped.state, S.OFFLINE);
    assert.deepEqual(runtime.calls, ['start', 'stop']);
  });

  it('commands reach only a running or starting server', async () => {
    given(S.OFFLINE);
    await assert.rejects(power.sendCommand(DOMAIN, ID, 'say hi'), conflict(/The server is offline; start it first/));
    given(S.RUNNING);
    await power.sendCommand(DOMAIN, ID, 'say hi');
    assert.deepEqual(runtime.calls, ['command']);
  });

  it('rebuild drops the container only while the server is idle', async () => {
    given(S.RUNNING);
    await assert.rejects(power.rebuild(DOMAIN, ID), conflict(/Stop the server first \(it is running\)/));
    given(S.CRASHED);
    await power.rebuild(DOMAIN, ID);
    assert.deepEqual(runtime.calls, ['removeContainer']);
  });

  it('an automatic restart starts the crashed server and keeps its crash history', async () => {
    const crashes = [new Date()];
    given(S.CRASHED, { recentCrashes: crashes });
    power.scheduleAutoRestart(DOMAIN, ID, 0);
    await turn();
    await turn();
    assert.deepEqual(runtime.calls, ['start']);
    assert.equal(servers.row.state, S.RUNNING);
    assert.deepEqual(servers.row.recentCrashes, crashes);
  });

  it('a power action cancels a pending automatic restart; a manual start clears the crash history', async () => {
    given(S.CRASHED, { recentCrashes: [new Date()] });
    power.scheduleAutoRestart(DOMAIN, ID, 0);
    await power.power(DOMAIN, ID, 'kill');
    await turn();
    await turn();
    assert.deepEqual(runtime.calls, ['kill'], 'no automatic start after the kill');
    await power.power(DOMAIN, ID, 'start');
    assert.deepEqual(servers.row.recentCrashes, []);
  });
});
