import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppError } from '../../core/errors/app-error';
import { DomainId } from '@libs/tenancy/domain-id';
import { WorkloadDefinition } from '../workload/definition/workload-definition';
import { PowerAction } from './dto/gameserver.dto';
import { GameServer, GameServerState as S } from './entities/gameserver.entity';
import { afterFailedCommand, deliveryOf, installOutcome, Observed, powerSteps } from './lifecycle-decisions';
import { GameServerRuntime, INSTALL_TIMEOUT_MS } from './runtime.service';
import { GameServerStates } from './server-state.service';
import { canTransition, IDLE_STATES, restartBackoffMs } from './state-machine';

/** How many times one automatic restart is tried when its start fails (2 s, 4 s, 8 s, 16 s apart: a daemon restart fits). */
const AUTO_RESTART_START_ATTEMPTS = 5;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The lifecycle's power layer: provision, install, start/stop/restart/kill, rebuild, destroy.
 * Actions on one server are serialised in this process (a promise chain); the state layer's
 * compare-and-set guards them across processes. Automatic restarts are timers here, so that any
 * power action cancels a pending one.
 */
@Injectable()
export class GameServerPower implements OnModuleDestroy {
  private readonly logger = new Logger('GameServerPower');
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly restartTimers = new Map<string, NodeJS.Timeout>();
  private destroyed = false;
  private readonly ending = new Set<string>();
  /** Servers another module is working on (a backup restore swapping the data): power actions are refused meanwhile. */
  private readonly holds = new Map<string, { holder: symbol; reason: string }>();

  constructor(
    private readonly states: GameServerStates,
    private readonly runtime: GameServerRuntime,
  ) {}

  /** Runs `work` with no other action on this server in between (transfers use it). */
  exclusive<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.locks.set(id, next);
    void next.finally(() => this.locks.get(id) === next && this.locks.delete(id)).catch(() => undefined);
    return next;
  }

  /** Whether a power action on this server is running in this process (reconciliation leaves it alone meanwhile). */
  isBusy(id: string): boolean {
    return this.locks.has(id);
  }

  /** Whether this process is stopping or killing the server right now: its container's exit is expected, not a crash. */
  isEnding(id: string): boolean {
    return this.ending.has(id);
  }

  /**
   * Refuses power actions (except the holder's own) and automatic restarts on this server until
   * released. In this process only: the holder's module keeps its own cross-process record.
   */
  hold(id: string, reason: string): { holder: symbol; release(): void } {
    if (this.holds.has(id)) throw AppError.conflict(`The server is busy: ${this.holds.get(id)!.reason}`);
    const holder = Symbol(reason);
    this.holds.set(id, { holder, reason });
    this.cancelRestart(id);
    return { holder, release: () => void (this.holds.get(id)?.holder === holder && this.holds.delete(id)) };
  }

  private refuseIfHeld(id: string, holder?: symbol): void {
    const held = this.holds.get(id);
    if (held && held.holder !== holder) throw AppError.conflict(`The server is busy: ${held.reason}`);
  }

  /** Creates the server's container on its node, after running the template's install script if it has one. */
  provision(domainId: DomainId, id: string): Promise<void> {
    return this.exclusive(id, async () => {
      const server = await this.states.find(domainId, id);
      try {
        const def = await this.runtime.definition(server);
        await this.runtime.ensureImage(server.nodeId, server.image);
        if (server.state === S.INSTALLING && !(await this.install(domainId, server, def))) return;
        await this.runtime.createContainer(server, def);
      } catch (err) {
        const message = errorText(err);
        this.logger.warn({ serverId: id, err: message }, 'provisioning failed');
        const current = await this.states.find(domainId, id);
        if (current.state === S.INSTALLING) await this.states.move(domainId, id, 'installFailed', { installLog: `${current.installLog}provisioning failed: ${message}\n` }, message);
        else await this.states.update(domainId, id, { stateReason: `container not created: ${message}` });
      }
    });
  }

  /** Runs the install script (if any); its output becomes the install log. False: install_failed. */
  private async install(domainId: DomainId, server: GameServer, def: WorkloadDefinition): Promise<boolean> {
    if (!def.install) {
      await this.states.move(domainId, server.id, 'installed', { installLog: 'this template has no install script\n' });
      return true;
    }
    const outcome = installOutcome(await this.runtime.runInstall(server, { ...def, install: def.install }), INSTALL_TIMEOUT_MS);
    if (outcome.ok) await this.states.move(domainId, server.id, 'installed', { installLog: outcome.log });
    else await this.states.move(domainId, server.id, 'installFailed', { installLog: outcome.log }, outcome.summary);
    return outcome.ok;
  }

  /** Runs the install script again over the existing data, then rebuilds the container. */
  reinstall(domainId: DomainId, id: string): Promise<GameServer> {
    this.refuseIfHeld(id);
    return this.exclusive(id, async () => {
      this.cancelRestart(id);
      await this.states.moveOrConflict(domainId, id, 'reinstall', 'reinstall');
      const server = await this.states.find(domainId, id);
      try {
        const def = await this.runtime.definition(server);
        if (server.containerId) await this.runtime.removeContainer(server, false);
        await this.states.update(domainId, id, { containerId: null, installLog: '' });
        if (await this.install(domainId, server, def)) await this.runtime.createContainer(await this.states.find(domainId, id), def);
      } catch (err) {
        const message = errorText(err);
        await this.states.move(domainId, id, 'installFailed', { installLog: `reinstall failed: ${message}\n` }, message);
        throw err;
      }
      return this.states.find(domainId, id);
    });
  }

  power(domainId: DomainId, id: string, action: PowerAction, holder?: symbol): Promise<GameServer> {
    this.refuseIfHeld(id, holder);
    return this.exclusive(id, async () => {
      const current = await this.states.find(domainId, id);
      let result = current;
      for (const step of powerSteps(action, current.state)) {
        if (step === 'start') result = await this.start(domainId, id);
        else if (step === 'stop') result = await this.stop(domainId, id);
        else result = await this.kill(domainId, id);
      }
      return result;
    });
  }

  /** `auto`: an automatic restart after a crash, which keeps the crash history. */
  private async start(domainId: DomainId, id: string, auto = false): Promise<GameServer> {
    this.cancelRestart(id);
    const current = await this.states.find(domainId, id);
    const def = await this.runtime.definition(current);
    const server = await this.states.moveOrConflict(domainId, id, auto ? 'restartAfterCrash' : 'start', 'start');
    let alreadyRunning: boolean;
    try {
      // Ports, startup or image changed since the container was made (containerOutdated): it is made again, data kept.
      if (server.containerId && server.containerOutdated) await this.runtime.ensureImage(server.nodeId, server.image).then(() => this.runtime.removeContainer(server, false));
      if (!server.containerId || server.containerOutdated) await this.runtime.createContainer(server, def);
      await this.states.update(domainId, id, { oomKilled: false, lastExitCode: null, startedAt: new Date(), ...(auto ? {} : { recentCrashes: [] }) });
      alreadyRunning = (await this.runtime.start(server)).alreadyRunning === true;
    } catch (err) {
      await this.settleFailure(domainId, server, 'start', current.state, err, def.startupDone.length > 0);
      throw err;
    }
    // Already running: its "startup done" line is in the past. Without a pattern there is nothing to wait for.
    if (alreadyRunning) await this.states.move(domainId, id, 'ready', {}, 'was already running on the node');
    else if (!def.startupDone.length) await this.states.move(domainId, id, 'ready');
    return this.states.find(domainId, id);
  }

  private async stop(domainId: DomainId, id: string): Promise<GameServer> {
    this.cancelRestart(id);
    const before = (await this.states.find(domainId, id)).state;
    const server = await this.states.moveOrConflict(domainId, id, 'stop', 'stop');
    try {
      await this.runtime.stop(server);
    } catch (err) {
      await this.settleFailure(domainId, server, 'stop', before, err, false);
      throw err;
    }
    await this.states.move(domainId, id, 'stopped');
    return this.states.find(domainId, id);
  }

  private async kill(domainId: DomainId, id: string): Promise<GameServer> {
    this.cancelRestart(id);
    const server = await this.states.find(domainId, id);
    if (!canTransition('kill', server.state)) throw AppError.conflict(`Cannot kill a server that is ${server.state}`);
    // Until the move below is written, the container's exit is this kill's, not a crash.
    this.ending.add(id);
    try {
      try {
        await this.runtime.kill(server);
      } catch (err) {
        await this.settleFailure(domainId, server, 'kill', server.state, err, false);
        throw err;
      }
      await this.states.move(domainId, id, 'kill', {}, 'killed');
    } finally {
      this.ending.delete(id);
    }
    return this.states.find(domainId, id);
  }

  /**
   * A start, stop or kill failed: the state becomes what the node says (asked once, right now),
   * the state before the action when the command never reached the node, or `unknown` until the
   * node's next inventory — never what the command would have done.
   */
  private async settleFailure(domainId: DomainId, server: GameServer, action: 'start' | 'stop' | 'kill', before: S, err: unknown, hasReadyPattern: boolean): Promise<void> {
    const delivery = deliveryOf(GameServerRuntime.agentCode(err));
    const observed: Observed = delivery === 'not_sent' ? null : await this.runtime.observe(server);
    const next = afterFailedCommand({ action, delivery, observed, message: errorText(err), hasReadyPattern });
    this.logger.warn({ serverId: server.id, action, delivery, err: errorText(err), next: next.kind === 'move' ? next.transition : next.kind }, 'power command failed');
    if (next.kind === 'restore') {
      const during = action === 'start' ? S.STARTING : S.STOPPING;
      // A start cleared the crash record before sending its command: the start did not happen, so it comes back.
      const undo = action === 'start' ? { lastExitCode: server.lastExitCode, oomKilled: server.oomKilled, recentCrashes: server.recentCrashes, startedAt: server.startedAt } : {};
      await this.states.restore(domainId, server.id, during, before, next.reason, undo);
    } else if (next.kind === 'move') {
      await this.states.move(domainId, server.id, next.transition, {}, next.reason);
    }
  }

  /** Drops the container (not the data) so the next start creates it with the new settings. */
  async rebuild(domainId: DomainId, id: string): Promise<void> {
    await this.exclusive(id, async () => {
      const server = await this.states.find(domainId, id);
      if (!IDLE_STATES.includes(server.state)) throw AppError.conflict(`Stop the server first (it is ${server.state})`);
      if (server.containerId) await this.runtime.removeContainer(server, false);
    });
  }

  /** Removes the container and its data on the node, then the row. */
  async destroy(domainId: DomainId, id: string): Promise<void> {
    await this.exclusive(id, async () => {
      this.cancelRestart(id);
      const server = await this.states.find(domainId, id);
      try {
        await this.runtime.removeContainer(server, true);
      } catch (err) {
        const offline = GameServerRuntime.isOffline(err);
        // Nothing was ever created on the node: the row can go. Otherwise its container and data would be orphaned.
        if (!offline || server.containerId) {
          throw offline ? AppError.conflict(`${(err as Error).message.split(': ')[0]}: its container and data cannot be removed now; try again when it is back`) : err;
        }
      }
      await this.states.delete(domainId, id);
    });
  }

  async sendCommand(domainId: DomainId, id: string, command: string): Promise<void> {
    const server = await this.states.find(domainId, id);
    if (server.state !== S.RUNNING && server.state !== S.STARTING) throw AppError.conflict(`The server is ${server.state}; start it first`);
    await this.runtime.command(server, command);
  }

  /**
   * Starts the server again after `delayMs` unless a power action comes first. A start that fails
   * and leaves the server crashed (e.g. the node's container runtime is itself restarting, which is
   * what stopped the server) is tried again with backoff, AUTO_RESTART_START_ATTEMPTS times in all.
   */
  scheduleAutoRestart(domainId: DomainId, id: string, delayMs: number, attempt = 1): void {
    this.cancelRestart(id);
    const timer = setTimeout(() => {
      this.restartTimers.delete(id);
      if (this.holds.has(id)) return;
      this.exclusive(id, () => this.start(domainId, id, true)).catch(async (err) => {
        this.logger.warn({ serverId: id, attempt, err: errorText(err) }, 'automatic restart failed');
        const now = await this.states.find(domainId, id).catch(() => null);
        if (!this.destroyed && now?.state === S.CRASHED && now.autoRestart && attempt < AUTO_RESTART_START_ATTEMPTS && !this.restartTimers.has(id))
          this.scheduleAutoRestart(domainId, id, restartBackoffMs(attempt + 1), attempt + 1);
      });
    }, delayMs);
    this.restartTimers.set(id, timer);
  }

  private cancelRestart(id: string): void {
    const timer = this.restartTimers.get(id);
    if (timer) clearTimeout(timer);
    this.restartTimers.delete(id);
  }

  onModuleDestroy(): void {
    this.destroyed = true;
    for (const timer of this.restartTimers.values()) clearTimeout(timer);
  }
}
