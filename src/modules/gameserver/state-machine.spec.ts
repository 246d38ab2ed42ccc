import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GameServerState as S } from './entities/gameserver.entity';
import { AUTO_RESTART_MAX, AUTO_RESTART_WINDOW_MS, canTransition, IDLE_STATES, matchesStartupDone, restartBackoffMs, Transition, TRANSITIONS } from './state-machine';

const ALL_STATES = Object.values(S);

/** The rules written out independently of TRANSITIONS: a change to the table must change this too. */
const EXPECTED: Record<Transition, { from: S[]; to: S }> = {
  start: { from: [S.OFFLINE, S.CRASHED], to: S.STARTING },
  restartAfterCrash: { from: [S.CRASHED], to: S.STARTING },
  ready: { from: [S.STARTING], to: S.RUNNING },
  stop: { from: [S.STARTING, S.RUNNING, S.UNKNOWN], to: S.STOPPING },
  stopped: { from: [S.STOPPING, S.STARTING, S.RUNNING, S.UNKNOWN], to: S.OFFLINE },
  kill: { from: [S.STARTING, S.RUNNING, S.STOPPING, S.CRASHED, S.OFFLINE, S.UNKNOWN], to: S.OFFLINE },
  crash: { from: [S.STARTING, S.RUNNING], to: S.CRASHED },
  reinstall: { from: [S.OFFLINE, S.CRASHED, S.INSTALL_FAILED], to: S.INSTALLING },
  installed: { from: [S.INSTALLING], to: S.OFFLINE },
  installFailed: { from: [S.INSTALLING], to: S.INSTALL_FAILED },
  unconfirmed: { from: [S.STARTING, S.RUNNING, S.STOPPING], to: S.UNKNOWN },
  observedRunning: { from: [S.UNKNOWN, S.OFFLINE, S.CRASHED, S.STOPPING], to: S.RUNNING },
};

describe('game-server state machine', () => {
  it('has exactly the expected transitions', () => {
    assert.deepEqual(Object.keys(TRANSITIONS).sort(), Object.keys(EXPECTED).sort());
  });

  for (const [name, rule] of Object.entries(EXPECTED) as Array<[Transition, (typeof EXPECTED)[Transition]]>) {
    it(`${name} leads to ${rule.to}`, () => assert.equal(TRANSITIONS[name].to, rule.to));
    for (const state of ALL_STATES) {
      const allowed = rule.from.includes(state);
      it(`${name} from ${state} is ${allowed ? 'allowed' : 'refused'}`, () => assert.equal(canTransition(name, state), allowed));
    }
  }

  it('only stopped servers count as idle (their container may change)', () => {
    assert.deepEqual([...IDLE_STATES].sort(), [S.CRASHED, S.INSTALL_FAILED, S.OFFLINE].sort());
  });

  it('automatic restarts back off 1 s, 2 s, 4 s … capped at 30 s', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 10].map(restartBackoffMs), [1000, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  // (Regex patterns run under a wall-clock budget — workload-definition's tests cover them.)
  it('recognises "startup done" lines by substring, any of several patterns, and survives a bad regex', () => {
    assert.equal(matchesStartupDone(['Done ('], '[12:00] Done (3.2s)! For help'), true);
    assert.equal(matchesStartupDone(['Done ('], 'Loading world'), false);
    assert.equal(matchesStartupDone(['Listening', 'Done ('], 'Done (1s)'), true);
    assert.equal(matchesStartupDone(['regex:(unclosed'], 'anything'), false);
    assert.equal(matchesStartupDone([], 'anything'), false);
  });

  it('a "regex:" pattern is matched as a regular expression (without its prefix), never as a substring', () => {
    assert.equal(matchesStartupDone(['regex:^Done \\(\\d+s\\)'], 'Done (12s)! For help'), true);
    assert.equal(matchesStartupDone(['regex:^Done \\(\\d+s\\)'], '[x] Done (12s)'), false);
    // The pattern text itself in the log is not a match: the prefix selects the matcher.
    assert.equal(matchesStartupDone(['regex:(unclosed'], 'regex:(unclosed'), false);
    assert.equal(matchesStartupDone(['regex:Done'], 'regex:Done'), true);
    assert.equal(matchesStartupDone(['Done regex:'], 'Done regex: x'), true);
  });

  it('the crash-loop guard: at most 3 automatic restarts within 10 minutes', () => {
    assert.equal(AUTO_RESTART_MAX, 3);
    assert.equal(AUTO_RESTART_WINDOW_MS, 10 * 60 * 1000);
  });
});
