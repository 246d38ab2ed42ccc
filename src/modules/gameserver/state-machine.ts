import { GameServerState as S } from './entities/gameserver.entity';
import { safeRegexTest } from '../workload/definition/variable-rules';

/** Which states each action may start from. One table, so the rules are readable in one place. */
export const TRANSITIONS = {
  start: { from: [S.OFFLINE, S.CRASHED], to: S.STARTING },
  /** An automatic restart: only a server that is still crashed (a stop or kill meanwhile, in any process, wins). */
  restartAfterCrash: { from: [S.CRASHED], to: S.STARTING },
  ready: { from: [S.STARTING], to: S.RUNNING },
  stop: { from: [S.STARTING, S.RUNNING, S.UNKNOWN], to: S.STOPPING },
  stopped: { from: [S.STOPPING, S.STARTING, S.RUNNING, S.UNKNOWN], to: S.OFFLINE },
  kill: { from: [S.STARTING, S.RUNNING, S.STOPPING, S.CRASHED, S.OFFLINE, S.UNKNOWN], to: S.OFFLINE },
  crash: { from: [S.STARTING, S.RUNNING], to: S.CRASHED },
  reinstall: { from: [S.OFFLINE, S.CRASHED, S.INSTALL_FAILED], to: S.INSTALLING },
  installed: { from: [S.INSTALLING], to: S.OFFLINE },
  installFailed: { from: [S.INSTALLING], to: S.INSTALL_FAILED },
  /** A command was sent, its answer never came and the node could not be asked. */
  unconfirmed: { from: [S.STARTING, S.RUNNING, S.STOPPING], to: S.UNKNOWN },
  /** The node reports the container running while Outpost had the server as something else. */
  observedRunning: { from: [S.UNKNOWN, S.OFFLINE, S.CRASHED, S.STOPPING], to: S.RUNNING },
} as const satisfies Record<string, { from: readonly S[]; to: S }>;

export type Transition = keyof typeof TRANSITIONS;

/** May `transition` start from `state`? (The database's compare-and-set has the last word.) */
export function canTransition(transition: Transition, state: S): boolean {
  return (TRANSITIONS[transition].from as readonly S[]).includes(state);
}

/** A server may change its container (resources, image, variables) only while nothing runs. */
export const IDLE_STATES: readonly S[] = [S.OFFLINE, S.CRASHED, S.INSTALL_FAILED];

/** Crash-loop guard: at most this many automatic restarts within the window. */
export const AUTO_RESTART_MAX = 3;
export const AUTO_RESTART_WINDOW_MS = 10 * 60 * 1000;

/** 1 s, 2 s, 4 s … between automatic restarts. */
export function restartBackoffMs(recentCrashes: number): number {
  return Math.min(1000 * 2 ** Math.max(recentCrashes - 1, 0), 30_000);
}

/** Does this console line mean the server finished starting? */
export function matchesStartupDone(patterns: readonly string[], line: string): boolean {
  return patterns.some((p) => {
    if (p.startsWith('regex:')) {
      // Template authors write these; a time-boxed match keeps a bad pattern from stalling the API.
      try {
        return safeRegexTest(new RegExp(p.slice(6)), line) === true;
      } catch {
        return false;
      }
    }
    return line.includes(p);
  });
}
