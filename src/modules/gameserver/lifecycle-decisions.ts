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
  if (state === S.STOPPING || state === S.UNKNOWN) return 'stopped';
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

/**
 * How long a start or stop may be in flight (in any API process) before an inventory may contradict
 * it: the agent's own timeouts for create + start, and for a graceful stop, plus margins.
 */
export const START_SETTLE_MS = 90_000;
export const STOP_SETTLE_MS = 50_000;
/** How long a start may wait for its "startup done" line when the template does not say (documented on the template DTO). */
export const DEFAULT_START_TIMEOUT_S = 300;

/** What the node's inventory says about one server's container: null when it has none. */
export type ContainerSeen = { running: boolean } | null;

export type ReconcileAction =
  | { kind: 'none' }
  /**
   * `confirm`: an inventory is a snapshot that may predate the last state change, so the node is
   * asked again (`server.inspect`) and the move happens only if it still says running / absent.
   */
  | { kind: 'move'; transition: Extract<Transition, 'observedRunning' | 'stopped' | 'ready' | 'crash'>; reason: string; confirm?: 'running' | 'absent' }
  /** The container is dead while Outpost has the server up: the exit path (inspects; real exit code, OOM, automatic restarts). */
  | { kind: 'exited' }
  /** Starting and running: the "startup done" line may have been printed while nobody listened; look in the container's log. */
  | { kind: 'checkReady' };

export interface ReconcileStep {
  action: ReconcileAction;
  /** The recorded container is missing from the inventory: forget it (so the next start creates one) if the node confirms it is gone. */
  forgetContainer: boolean;
}

export interface ReconcileContext {
  now: number;
  /** A power action on this server is running in this process. */
  busy: boolean;
  hasReadyPattern: boolean;
  startTimeoutMs: number;
}

const NONE: ReconcileAction = { kind: 'none' };

/** On every inventory (reconnect and periodic): make the recorded state what the node reports. */
export function reconcileStep(server: { state: S; containerId: string | null; updatedAt: Date; startedAt: Date | null }, container: ContainerSeen, ctx: ReconcileContext): ReconcileStep {
  const { state } = server;
  if (state === S.INSTALLING || state === S.INSTALL_FAILED || ctx.busy) return { action: NONE, forgetContainer: false };
  const age = ctx.now - new Date(server.updatedAt).getTime();
  // A start in flight elsewhere: its container may not exist or run yet.
  const startInFlight = state === S.STARTING && age < START_SETTLE_MS && !container?.running;
  return { action: startInFlight ? NONE : reconcileAction(server, container, ctx, age), forgetContainer: !!server.containerId && container === null && !startInFlight };
}

function reconcileAction(server: { state: S; startedAt: Date | null }, container: ContainerSeen, ctx: ReconcileContext, age: number): ReconcileAction {
  const { state } = server;
  if (container?.running) {
    if (state === S.RUNNING) return NONE;
    // A graceful stop in flight elsewhere keeps the container running for a while.
    if (state === S.STOPPING && age < STOP_SETTLE_MS) return NONE;
    if (state !== S.STARTING) return { kind: 'move', transition: 'observedRunning', reason: `running on the node (Outpost had it as ${state})`, confirm: 'running' };
    if (!ctx.hasReadyPattern) return { kind: 'move', transition: 'ready', reason: 'running on the node' };
    const since = server.startedAt ? new Date(server.startedAt).getTime() : 0;
    if (ctx.now - since > ctx.startTimeoutMs) {
      return { kind: 'move', transition: 'ready', reason: `no "startup done" line within ${Math.round(ctx.startTimeoutMs / 1000)} s; the process is running` };
    }
    return { kind: 'checkReady' };
  }
  if (container) return state === S.OFFLINE || state === S.CRASHED ? NONE : { kind: 'exited' };
  if (state === S.RUNNING || state === S.STARTING) return { kind: 'move', transition: 'crash', reason: 'its container is gone from the node', confirm: 'absent' };
  if (state === S.STOPPING || state === S.UNKNOWN) return { kind: 'move', transition: 'stopped', reason: 'its container is gone from the node', confirm: 'absent' };
  return NONE;
}

/**
 * How a failed agent command ended, as far as the API can tell: never delivered (node offline, API
 * shutting down, or failed before any command), refused by the node (it ran and reported an error),
 * or unconfirmed (sent, then the socket closed or the answer timed out: it may have happened).
 */
export type Delivery = 'not_sent' | 'refused' | 'unconfirmed';

export function deliveryOf(agentCode: string | undefined): Delivery {
  if (agentCode === undefined || agentCode === 'offline' || agentCode === 'shutting_down') return 'not_sent';
  if (agentCode === 'disconnected' || agentCode === 'timeout') return 'unconfirmed';
  return 'refused';
}

/** What the node says about the container right after a failed command: null when it could not be asked. */
export type Observed = { running: boolean } | 'absent' | null;

/** restore: back to the state before the action (it did not happen); move: to what the node reports; keep: leave it. */
export type AfterFailure =
  { kind: 'restore'; reason: string } | { kind: 'move'; transition: Extract<Transition, 'ready' | 'stopped' | 'kill' | 'unconfirmed'>; reason: string | null } | { kind: 'keep' };

/**
 * A start, stop or kill failed: the state becomes what the runtime says, never what the command
 * would have done. Start and stop have already moved the server to starting/stopping; kill has not.
 */
export function afterFailedCommand(input: { action: 'start' | 'stop' | 'kill'; delivery: Delivery; observed: Observed; message: string; hasReadyPattern: boolean }): AfterFailure {
  const { action, delivery, observed, message } = input;
  const failed = `${action} failed: ${message}`;
  const running = observed !== null && observed !== 'absent' && observed.running;
  const unconfirmed: AfterFailure = { kind: 'move', transition: 'unconfirmed', reason: `${action} not confirmed (${message}); waiting for the node's next report` };
  if (action === 'kill') {
    if (delivery === 'not_sent' || running) return { kind: 'keep' };
    if (observed !== null) return { kind: 'move', transition: 'kill', reason: 'killed' };
    return delivery === 'unconfirmed' ? unconfirmed : { kind: 'keep' };
  }
  if (delivery === 'not_sent') return { kind: 'restore', reason: failed };
  if (observed === null) return delivery === 'unconfirmed' ? unconfirmed : { kind: 'restore', reason: failed };
  if (action === 'start') {
    if (!running) return { kind: 'restore', reason: failed };
    return input.hasReadyPattern ? { kind: 'keep' } : { kind: 'move', transition: 'ready', reason: null };
  }
  return running ? { kind: 'restore', reason: failed } : { kind: 'move', transition: 'stopped', reason: null };
}

/** The install log as stored: the script's output, then one line saying how it ended. */
export function installOutcome(result: { exitCode: number | null; timedOut: boolean; log: string }, timeoutMs: number): { ok: boolean; summary: string; log: string } {
  const summary = result.timedOut ? `install timed out after ${timeoutMs / 60000} minutes` : `install finished with exit code ${result.exitCode}`;
  const log = `${result.log}${result.log.endsWith('\n') || !result.log ? '' : '\n'}[Outpost] ${summary}\n`;
  return { ok: result.exitCode === 0, summary, log };
}
