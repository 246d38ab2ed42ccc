import { GameServerState as S } from './entities/gameserver.entity';
import type { PowerAction } from './dto/gameserver.dto';
import { AUTO_RESTART_MAX, AUTO_RESTART_WINDOW_MS, restartBackoffMs, Transition } from './state-machine';

// Pure decisions of the lifecycle: what to do, given what the database and the agent say.
// The services carry them out; keeping them here makes every rule testable without a node.

/** The transitions a power action runs, in order, from the server's current state. */
export function powerSteps(action: PowerAction, state: S): Array<'start' | 'stop' | 'kill'> {
  if (action === 'restart') return state === S.RUNNING || state === S.STARTING ? ['stop', 'start'] : ['start'];
  return [action];
}

/** What a container exit means for a server in `state`. */
export function onContainerExit(state: S): 'stopped' | 'crash' | 'ignore' {
  if (state === S.STOPPING) return 'stopped';
  if (state === S.RUNNING || state === S.STARTING) return 'crash';
  return 'ignore';
}

export interface CrashOutcome {
  /** Crashes inside the window, this one included: stored for the next decision. */
  recentCrashes: Date[];
  reason: string;
  /** Start again after this delay; null: stay crashed. */
  restartInMs: number | null;
  /** Why it stays crashed although auto-restart is on (the crash-loop guard), else null. */
  gaveUp: string | null;
}

/** A running server died: bounded automatic restarts with backoff, until the crash-loop limit. */
export function crashOutcome(input: { previousCrashes: readonly (Date | string)[]; now: number; oom: boolean; exitCode: number | null; autoRestart: boolean }): CrashOutcome {
  const recentCrashes = input.previousCrashes.map((d) => new Date(d)).filter((d) => input.now - d.getTime() < AUTO_RESTART_WINDOW_MS);
  recentCrashes.push(new Date(input.now));
  const reason = input.oom ? 'killed: out of memory (OOM)' : `exited unexpectedly with code ${input.exitCode ?? 'unknown'}`;
  if (!input.autoRestart) return { recentCrashes, reason, restartInMs: null, gaveUp: null };
  if (recentCrashes.length > AUTO_RESTART_MAX) {
    return { recentCrashes, reason, restartInMs: null, gaveUp: `${reason}; not restarting: ${recentCrashes.length} crashes within ${AUTO_RESTART_WINDOW_MS / 60000} minutes` };
  }
  return { recentCrashes, reason, restartInMs: restartBackoffMs(recentCrashes.length), gaveUp: null };
}

export interface ReconcileStep {
  transition: Extract<Transition, 'crash' | 'stopped'> | null;
  reason: string | null;
  /** The recorded container is gone from the node: forget it so the next start creates one. */
  forgetContainer: boolean;
}

/** After an agent (re)connects: what its inventory says about one server we have on record. */
export function reconcileStep(server: { state: S; containerId: string | null }, running: boolean, present: boolean): ReconcileStep {
  let transition: ReconcileStep['transition'] = null;
  let reason: string | null = null;
  if ((server.state === S.RUNNING || server.state === S.STARTING) && !running) {
    transition = 'crash';
    reason = 'not running on the node after the agent reconnected';
  } else if (server.state === S.STOPPING && !running) {
    transition = 'stopped';
  }
  return { transition, reason, forgetContainer: !!server.containerId && !present };
}

/** The install log as stored: the script's output, then one line saying how it ended. */
export function installOutcome(result: { exitCode: number | null; timedOut: boolean; log: string }, timeoutMs: number): { ok: boolean; summary: string; log: string } {
  const summary = result.timedOut ? `install timed out after ${timeoutMs / 60000} minutes` : `install finished with exit code ${result.exitCode}`;
  const log = `${result.log}${result.log.endsWith('\n') || !result.log ? '' : '\n'}[Outpost] ${summary}\n`;
  return { ok: result.exitCode === 0, summary, log };
}
