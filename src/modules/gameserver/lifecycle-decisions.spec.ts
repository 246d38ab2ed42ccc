import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GameServerState as S } from './entities/gameserver.entity';
import {
  afterFailedCommand,
  ContainerSeen,
  crashOutcome,
  Delivery,
  deliveryOf,
  installOutcome,
  Observed,
  onContainerExit,
  powerSteps,
  ReconcileContext,
  reconcileStep,
  START_SETTLE_MS,
  STOP_SETTLE_MS,
} from './lifecycle-decisions';
import { AUTO_RESTART_MAX, AUTO_RESTART_WINDOW_MS } from './state-machine';

const NOW = Date.parse('2025-01-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms);

describe('lifecycle decisions', () => {
  describe('power actions', () => {
    it('restart stops first only when something runs', () => {
      for (const state of [S.RUNNING, S.STARTING]) assert.deepEqual(powerSteps('restart', state), ['stop', 'start'], state);
      for (const state of [S.OFFLINE, S.CRASHED, S.STOPPING, S.INSTALLING, S.INSTALL_FAILED]) assert.deepEqual(powerSteps('restart', state), ['start'], state);
    });

    it('start, stop and kill are one step whatever the state (the transition table refuses what is not allowed)', () => {
      for (const state of Object.values(S)) {
        for (const action of ['start', 'stop', 'kill'] as const) assert.deepEqual(powerSteps(action, state), [action]);
      }
    });
  });

  describe('container exits', () => {
    it('a stopping (or unknown) server is stopped, a running or starting one crashed, others unchanged', () => {
      const expected: Record<S, string> = {
        [S.STOPPING]: 'stopped',
        [S.RUNNING]: 'crash',
        [S.STARTING]: 'crash',
        [S.OFFLINE]: 'ignore',
        [S.CRASHED]: 'ignore',
        [S.INSTALLING]: 'ignore',
        [S.INSTALL_FAILED]: 'ignore',
        [S.UNKNOWN]: 'stopped',
      };
      for (const state of Object.values(S)) assert.equal(onContainerExit(state), expected[state], state);
    });
  });

  describe('crashes', () => {
    it('restarts with growing backoff until the crash-loop limit, then stays crashed and says why', () => {
      let history: Date[] = [];
      const delays: Array<number | null> = [];
      for (let i = 0; i < AUTO_RESTART_MAX + 1; i++) {
        const out = crashOutcome({ previousCrashes: history, now: NOW + i * 1000, oom: false, exitCode: 1, autoRestart: true });
        delays.push(out.restartInMs);
        history = out.recentCrashes;
        if (i < AUTO_RESTART_MAX) assert.equal(out.gaveUp, null);
        else assert.match(out.gaveUp!, new RegExp(`not restarting: ${AUTO_RESTART_MAX + 1} crashes within 10 minutes`));
      }
      assert.deepEqual(delays, [1000, 2000, 4000, null]);
    });

    it('forgets crashes older than the window', () => {
      const out = crashOutcome({ previousCrashes: [ago(AUTO_RESTART_WINDOW_MS + 1), ago(AUTO_RESTART_WINDOW_MS), ago(1000)], now: NOW, oom: false, exitCode: 1, autoRestart: true });
      assert.deepEqual(
        out.recentCrashes.map((d) => d.getTime()),
        [NOW - 1000, NOW],
      );
      assert.equal(out.restartInMs, 2000);
    });

    it('accepts stored timestamps as strings (the column comes back as text from raw rows)', () => {
      const out = crashOutcome({ previousCrashes: [ago(5000).toISOString()], now: NOW, oom: false, exitCode: 1, autoRestart: true });
      assert.equal(out.recentCrashes.length, 2);
    });

    it('with auto-restart off: recorded, never restarted, no crash-loop message', () => {
      const out = crashOutcome({ previousCrashes: [ago(1), ago(2), ago(3), ago(4)], now: NOW, oom: false, exitCode: 137, autoRestart: false });
      assert.equal(out.restartInMs, null);
      assert.equal(out.gaveUp, null);
      assert.equal(out.recentCrashes.length, 5);
    });

    it('names the cause: out of memory, or the exit code', () => {
      assert.equal(crashOutcome({ previousCrashes: [], now: NOW, oom: true, exitCode: 137, autoRestart: true }).reason, 'killed: out of memory (OOM)');
      assert.equal(crashOutcome({ previousCrashes: [], now: NOW, oom: false, exitCode: 3, autoRestart: true }).reason, 'exited unexpectedly with code 3');
      assert.equal(crashOutcome({ previousCrashes: [], now: NOW, oom: false, exitCode: null, autoRestart: true }).reason, 'exited unexpectedly with code unknown');
    });
  });

  describe('reconcile with every inventory', () => {
    const ctx = (over: Partial<ReconcileContext> = {}): ReconcileContext => ({ now: NOW, busy: false, hasReadyPattern: true, startTimeoutMs: 300_000, ...over });
    const row = (state: S, over: Partial<{ containerId: string | null; updatedAt: Date; startedAt: Date | null }> = {}) => ({
      state,
      containerId: 'c',
      updatedAt: ago(60_000),
      startedAt: ago(60_000),
      ...over,
    });
    const RUNNING_C: ContainerSeen = { running: true };
    const DEAD_C: ContainerSeen = { running: false };

    it('a running container makes the server running whatever Outpost had recorded, once the node confirms (not while installing)', () => {
      for (const state of [S.UNKNOWN, S.OFFLINE, S.CRASHED, S.STOPPING]) {
        const { action } = reconcileStep(row(state), RUNNING_C, ctx());
        assert.deepEqual(action, { kind: 'move', transition: 'observedRunning', reason: `running on the node (Outpost had it as ${state})`, confirm: 'running' }, state);
      }
      for (const state of [S.RUNNING, S.INSTALLING, S.INSTALL_FAILED]) assert.deepEqual(reconcileStep(row(state), RUNNING_C, ctx()).action, { kind: 'none' }, state);
    });

    it('a starting server with a running container: its log is searched for the ready line, until the start timeout makes it running with a reason', () => {
      assert.deepEqual(reconcileStep(row(S.STARTING), RUNNING_C, ctx()).action, { kind: 'checkReady' });
      assert.deepEqual(reconcileStep(row(S.STARTING, { startedAt: ago(301_000) }), RUNNING_C, ctx()).action, {
        kind: 'move',
        transition: 'ready',
        reason: 'no "startup done" line within 300 s; the process is running',
      });
      assert.deepEqual(reconcileStep(row(S.STARTING), RUNNING_C, ctx({ hasReadyPattern: false })).action, { kind: 'move', transition: 'ready', reason: 'running on the node' });
      // Fresh starts too: a running container cannot be contradicted by a start still in flight.
      assert.deepEqual(reconcileStep(row(S.STARTING, { updatedAt: ago(0) }), RUNNING_C, ctx()).action, { kind: 'checkReady' });
    });

    it('a dead container of a server Outpost has as up (or unknown) takes the exit path; idle servers keep their state', () => {
      const settled = { updatedAt: ago(START_SETTLE_MS + 1000) };
      for (const state of [S.RUNNING, S.STARTING, S.STOPPING, S.UNKNOWN]) assert.deepEqual(reconcileStep(row(state, settled), DEAD_C, ctx()).action, { kind: 'exited' }, state);
      for (const state of [S.OFFLINE, S.CRASHED, S.INSTALLING, S.INSTALL_FAILED]) assert.deepEqual(reconcileStep(row(state), DEAD_C, ctx()).action, { kind: 'none' }, state);
    });

    it('a missing container, confirmed gone by the node: an up server crashed, a stopping or unknown one is offline', () => {
      const settled = { updatedAt: ago(START_SETTLE_MS + 1000) };
      for (const state of [S.RUNNING, S.STARTING]) {
        assert.deepEqual(reconcileStep(row(state, settled), null, ctx()).action, { kind: 'move', transition: 'crash', reason: 'its container is gone from the node', confirm: 'absent' }, state);
      }
      for (const state of [S.STOPPING, S.UNKNOWN]) {
        assert.deepEqual(reconcileStep(row(state), null, ctx()).action, { kind: 'move', transition: 'stopped', reason: 'its container is gone from the node', confirm: 'absent' }, state);
      }
    });

    it('leaves a server alone while an action on it runs here, while a start may still be in flight (any process), or while a graceful stop may still be running', () => {
      assert.deepEqual(reconcileStep(row(S.OFFLINE), RUNNING_C, ctx({ busy: true })), { action: { kind: 'none' }, forgetContainer: false });
      const startFresh = row(S.STARTING, { updatedAt: ago(START_SETTLE_MS - 1000) });
      assert.deepEqual(reconcileStep(startFresh, DEAD_C, ctx()).action, { kind: 'none' });
      assert.deepEqual(reconcileStep(startFresh, null, ctx()), { action: { kind: 'none' }, forgetContainer: false }, 'the container being created is not forgotten');
      assert.deepEqual(reconcileStep(row(S.STOPPING, { updatedAt: ago(STOP_SETTLE_MS - 1000) }), RUNNING_C, ctx()).action, { kind: 'none' });
      assert.equal(reconcileStep(row(S.STOPPING, { updatedAt: ago(STOP_SETTLE_MS + 1000) }), RUNNING_C, ctx()).action.kind, 'move');
      // A stop that finished needs no waiting; unknown has no command in flight.
      assert.deepEqual(reconcileStep(row(S.STOPPING, { updatedAt: ago(0) }), DEAD_C, ctx()).action, { kind: 'exited' });
      assert.equal(reconcileStep(row(S.UNKNOWN, { updatedAt: ago(0) }), RUNNING_C, ctx()).action.kind, 'move');
    });

    it('forgets a recorded container the node no longer has', () => {
      assert.equal(reconcileStep(row(S.OFFLINE), null, ctx()).forgetContainer, true);
      assert.equal(reconcileStep(row(S.OFFLINE, { containerId: null }), null, ctx()).forgetContainer, false);
      assert.equal(reconcileStep(row(S.OFFLINE), DEAD_C, ctx()).forgetContainer, false);
    });

    it('an idle server whose container is gone keeps its state (only the container is forgotten)', () => {
      for (const state of [S.OFFLINE, S.CRASHED]) assert.deepEqual(reconcileStep(row(state), null, ctx()), { action: { kind: 'none' }, forgetContainer: true }, state);
    });

    it('the settle and start-timeout windows end exactly at their length (a boundary age is no longer in flight)', () => {
      assert.deepEqual(reconcileStep(row(S.STARTING, { updatedAt: ago(START_SETTLE_MS) }), DEAD_C, ctx()).action, { kind: 'exited' });
      assert.deepEqual(reconcileStep(row(S.STOPPING, { updatedAt: ago(STOP_SETTLE_MS) }), RUNNING_C, ctx()).action, {
        kind: 'move',
        transition: 'observedRunning',
        reason: `running on the node (Outpost had it as ${S.STOPPING})`,
        confirm: 'running',
      });
      // The start timeout is "more than": at exactly the timeout the log is still searched.
      assert.deepEqual(reconcileStep(row(S.STARTING, { startedAt: ago(300_000) }), RUNNING_C, ctx()).action, { kind: 'checkReady' });
    });
  });

  describe('install results', () => {
    it('exit code 0 installs; anything else, or a timeout, fails with the reason as the last log line', () => {
      assert.deepEqual(installOutcome({ exitCode: 0, timedOut: false, log: 'ok' }, 600_000), {
        ok: true,
        summary: 'install finished with exit code 0',
        log: 'ok\n[Outpost] install finished with exit code 0\n',
      });
      assert.equal(installOutcome({ exitCode: 2, timedOut: false, log: 'bad\n' }, 600_000).log, 'bad\n[Outpost] install finished with exit code 2\n');
      const timedOut = installOutcome({ exitCode: null, timedOut: true, log: '' }, 600_000);
      assert.equal(timedOut.ok, false);
      assert.equal(timedOut.log, '[Outpost] install timed out after 10 minutes\n');
    });
  });

  describe('after a failed power command', () => {
    it('classifies agent errors: undelivered, refused by the node, or unconfirmed', () => {
      const expected: Array<[string | undefined, Delivery]> = [
        [undefined, 'not_sent'],
        ['offline', 'not_sent'],
        ['shutting_down', 'not_sent'],
        ['disconnected', 'unconfirmed'],
        ['timeout', 'unconfirmed'],
        ['conflict', 'refused'],
        ['internal', 'refused'],
      ];
      for (const [code, delivery] of expected) assert.equal(deliveryOf(code), delivery, String(code));
    });

    it('never moves the state as if the command had happened: restore, what the node says, or unknown', () => {
      const decide = (action: 'start' | 'stop' | 'kill', delivery: Delivery, observed: Observed, hasReadyPattern = false) =>
        afterFailedCommand({ action, delivery, observed, message: 'm', hasReadyPattern });
      assert.deepEqual(decide('stop', 'not_sent', null), { kind: 'restore', reason: 'stop failed: m' });
      assert.deepEqual(decide('stop', 'unconfirmed', null), { kind: 'move', transition: 'unconfirmed', reason: "stop not confirmed (m); waiting for the node's next report" });
      assert.deepEqual(decide('stop', 'unconfirmed', { running: false }), { kind: 'move', transition: 'stopped', reason: null });
      assert.deepEqual(decide('stop', 'refused', { running: true }), { kind: 'restore', reason: 'stop failed: m' });
      assert.deepEqual(decide('start', 'not_sent', null), { kind: 'restore', reason: 'start failed: m' });
      assert.deepEqual(decide('start', 'refused', null), { kind: 'restore', reason: 'start failed: m' });
      assert.deepEqual(decide('start', 'unconfirmed', { running: true }, true), { kind: 'keep' });
      assert.deepEqual(decide('start', 'unconfirmed', { running: true }, false), { kind: 'move', transition: 'ready', reason: null });
      assert.deepEqual(decide('start', 'unconfirmed', 'absent'), { kind: 'restore', reason: 'start failed: m' });
      assert.deepEqual(decide('kill', 'not_sent', null), { kind: 'keep' });
      assert.deepEqual(decide('kill', 'unconfirmed', { running: true }), { kind: 'keep' });
      assert.deepEqual(decide('kill', 'unconfirmed', { running: false }), { kind: 'move', transition: 'kill', reason: 'killed' });
      assert.deepEqual(decide('kill', 'unconfirmed', null).kind, 'move');
    });

    it('each branch decides on its own input: delivery, what the node reports, and the action', () => {
      const decide = (action: 'start' | 'stop' | 'kill', delivery: Delivery, observed: Observed) => afterFailedCommand({ action, delivery, observed, message: 'm', hasReadyPattern: false });
      // Kill: an undelivered kill or a container still running keeps the state, whatever else is known.
      assert.deepEqual(decide('kill', 'not_sent', { running: false }), { kind: 'keep' });
      assert.deepEqual(decide('kill', 'refused', { running: true }), { kind: 'keep' });
      // Kill, node not asked: unknown only when the command may have run; a refusal keeps the state.
      assert.deepEqual(decide('kill', 'unconfirmed', null), { kind: 'move', transition: 'unconfirmed', reason: "kill not confirmed (m); waiting for the node's next report" });
      assert.deepEqual(decide('kill', 'refused', null), { kind: 'keep' });
      // Stop/start never delivered: restored even when the node reports the container stopped.
      assert.deepEqual(decide('stop', 'not_sent', { running: false }), { kind: 'restore', reason: 'stop failed: m' });
    });
  });
});
