import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GameServerState as S } from './entities/gameserver.entity';
import { crashOutcome, installOutcome, onContainerExit, powerSteps, reconcileStep } from './lifecycle-decisions';
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
    it('a stopping server is stopped, a running or starting one crashed, others unchanged', () => {
      const expected: Record<S, string> = {
        [S.STOPPING]: 'stopped',
        [S.RUNNING]: 'crash',
        [S.STARTING]: 'crash',
        [S.OFFLINE]: 'ignore',
        [S.CRASHED]: 'ignore',
        [S.INSTALLING]: 'ignore',
        [S.INSTALL_FAILED]: 'ignore',
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

  describe('reconcile after an agent reconnects', () => {
    it('a server thought up but not running crashed; a stopping one stopped; others keep their state', () => {
      assert.deepEqual(reconcileStep({ state: S.RUNNING, containerId: 'c' }, false, true), {
        transition: 'crash',
        reason: 'not running on the node after the agent reconnected',
        forgetContainer: false,
      });
      assert.deepEqual(reconcileStep({ state: S.STARTING, containerId: 'c' }, false, true).transition, 'crash');
      assert.deepEqual(reconcileStep({ state: S.STOPPING, containerId: 'c' }, false, true), { transition: 'stopped', reason: null, forgetContainer: false });
      for (const state of [S.RUNNING, S.STARTING, S.STOPPING]) assert.equal(reconcileStep({ state, containerId: 'c' }, true, true).transition, null, state);
      for (const state of [S.OFFLINE, S.CRASHED, S.INSTALLING, S.INSTALL_FAILED]) assert.equal(reconcileStep({ state, containerId: 'c' }, false, true).transition, null, state);
    });

    it('forgets a recorded container the node no longer has', () => {
      assert.equal(reconcileStep({ state: S.OFFLINE, containerId: 'c' }, false, false).forgetContainer, true);
      assert.equal(reconcileStep({ state: S.OFFLINE, containerId: null }, false, false).forgetContainer, false);
      assert.equal(reconcileStep({ state: S.OFFLINE, containerId: 'c' }, false, true).forgetContainer, false);
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
});
