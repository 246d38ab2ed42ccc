import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { AppError } from '../../core/errors/app-error';
import { DomainId } from '../../../libs/tenancy/domain-id';
import { EventMap } from '../../../libs/agent-protocol/protocol';
import { StopOptions } from '../../../libs/container-driver/container-driver';
import { AgentChannel, AgentEvent } from '../node/agent-channel.service';
import { METRICS_HISTORY_LIMIT, metricsWindow } from '../node/dto/node.dto';
import { buildEnvironment, renderStartup, WorkloadDefinition } from '../workload/definition/workload-definition';
import { WorkloadService } from '../workload/workload.service';
import { AllocationRepository, GameServerMetricRepository, GameServerRepository } from './gameserver.repository';
import { GameServer, GameServerState as S } from './entities/gameserver.entity';
import { AUTO_RESTART_MAX, AUTO_RESTART_WINDOW_MS, IDLE_STATES, matchesStartupDone, restartBackoffMs, Transition, TRANSITIONS } from './state-machine';
import { GameServerStatsDTO, PowerAction } from './dto/gameserver.dto';

export const DATA_MOUNT = '/home/container';
const STOP_TIMEOUT_MS = 30_000;
const INSTALL_TIMEOUT_MS = 10 * 60_000;

export interface StateChange {
  domainId: DomainId;
  serverId: string;
  state: S;
  reason: string | null;
}

/**
 * Drives game servers through their states on the node's agent. Power actions on one server are
 * serialised in this process (a promise chain) and guarded across processes by compare-and-set
 * transitions in the database. Agent events (console lines, container exits, OOM, inventory)
 * move servers to running / crashed / offline and trigger bounded automatic restarts.
 */
@Injectable()
export class GameServerLifecycle implements OnModuleInit {
  /** `state` events (StateChange) for the console and dashboards. */
  readonly events = new EventEmitter();
  private readonly logger = new Logger('GameServerLifecycle');
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly restartTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly servers: GameServerRepository,
    private readonly allocations: AllocationRepository,
    private readonly metrics: GameServerMetricRepository,
    private readonly workloads: WorkloadService,
    private readonly channel: AgentChannel,
  ) {
    this.events.setMaxListeners(100);
  }

  onModuleInit(): void {
    this.channel.events.on('agent-event', (e: AgentEvent) => void this.onAgentEvent(e));
  }

  async find(domainId: DomainId, id: string): Promise<GameServer> {
    const server = await this.servers.findById(domainId, id);
    if (!server) throw AppError.notFound('Game server');
    return server;
  }

  /** Runs `work` with no other action on this server in between (transfers use it). */
  exclusive<T>(id: string, work: () => Promise<T>): Promise<T> {
    return this.serialise(id, work);
  }

  /** Creates the server's container on the node its row names (after a move or rebuild). */
  async createContainer(domainId: DomainId, id: string): Promise<void> {
    const server = await this.find(domainId, id);
    const def = (await this.workloads.find(domainId, server.workloadId)).definition;
    await this.channel.send(server.nodeId, 'images.ensure', { ref: server.image }, 120_000);
    const { containerId } = await this.channel.send(server.nodeId, 'container.create', { spec: await this.spec(server, def) }, 60_000);
    await this.servers.update(domainId, id, { containerId });
  }

  /** One action at a time per server in this process. */
  private serialise<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.locks.set(id, next);
    void next.finally(() => this.locks.get(id) === next && this.locks.delete(id)).catch(() => undefined);
    return next;
  }

  private async move(domainId: DomainId, id: string, t: Transition, patch: Partial<GameServer> = {}, reason: string | null = null): Promise<GameServer | null> {
    const { from, to } = TRANSITIONS[t];
    const row = await this.servers.transition(domainId, id, [...from], to, { stateReason: reason, ...patch });
    this.consoleView.delete(id);
    if (row) this.events.emit('state', { domainId, serverId: id, state: to, reason } satisfies StateChange);
    return row;
  }

  private async moveOrConflict(domainId: DomainId, id: string, t: Transition, action: string): Promise<GameServer> {
    const row = await this.move(domainId, id, t);
    if (row) return row;
    const current = await this.find(domainId, id);
    throw AppError.conflict(`Cannot ${action} a server that is ${current.state}`, { state: current.state });
  }

  private async spec(server: GameServer, def: WorkloadDefinition) {
    const allocations = await this.allocations.forServer(server.domainId as DomainId, server.id);
    const primary = allocations[0];
    const builtins = { SERVER_MEMORY: String(server.memoryMiB), SERVER_IP: '0.0.0.0', SERVER_PORT: String(primary?.port ?? 0) };
    const values = { ...server.variables, ...builtins };
    return {
      serverId: server.id,
      name: `outpost-${server.id}`,
      image: server.image,
      startup: renderStartup(def, values),
      env: buildEnvironment(def, server.variables, builtins),
      limits: { memoryMiB: server.memoryMiB, swapMiB: 0, cpuPercent: server.cpuPercent, pids: server.pids, diskMiB: server.diskMiB },
      ports: allocations.map((a) => ({ ip: '0.0.0.0', hostPort: a.port, containerPort: a.containerPort, protocol: a.protocol })),
      mountPath: DATA_MOUNT,
      labels: { 'outpost.domain-id': server.domainId },
      openStdin: true,
    };
  }

  /** Creates the server's container on its node, after running the template's install script if it has one. */
  async provision(domainId: DomainId, id: string): Promise<void> {
    return this.serialise(id, async () => {
      const server = await this.find(domainId, id);
      const def = (await this.workloads.find(domainId, server.workloadId)).definition;
      try {
        await this.channel.send(server.nodeId, 'images.ensure', { ref: server.image }, 120_000);
        if (server.state === S.INSTALLING && !(await this.install(domainId, server, def))) return;
        const { containerId } = await this.channel.send(server.nodeId, 'container.create', { spec: await this.spec(server, def) }, 60_000);
        await this.servers.update(domainId, id, { containerId });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.logger.warn({ serverId: id, err: message }, 'provisioning failed');
        const current = await this.find(domainId, id);
        if (current.state === S.INSTALLING) await this.move(domainId, id, 'installFailed', { installLog: `${current.installLog}provisioning failed: ${message}\n` }, message);
        else await this.servers.update(domainId, id, { stateReason: `container not created: ${message}` });
      }
    });
  }

  /**
   * Runs the install script in its own container over the server's data (Pterodactyl's model:
   * data at /mnt/server). Its output becomes the install log; a non-zero exit is install_failed.
   */
  private async install(domainId: DomainId, server: GameServer, def: WorkloadDefinition): Promise<boolean> {
    if (!def.install) {
      await this.move(domainId, server.id, 'installed', { installLog: 'this template has no install script\n' });
      return true;
    }
    const builtins = { SERVER_MEMORY: String(server.memoryMiB), SERVER_IP: '0.0.0.0', SERVER_PORT: String((await this.allocations.forServer(domainId, server.id))[0]?.port ?? 0) };
    await this.channel.send(server.nodeId, 'images.ensure', { ref: def.install.image }, 120_000);
    const result = await this.channel.send(
      server.nodeId,
      'server.install',
      {
        serverId: server.id,
        image: def.install.image,
        entrypoint: def.install.entrypoint,
        script: def.install.script,
        env: buildEnvironment(def, server.variables, builtins),
        limits: { memoryMiB: Math.max(server.memoryMiB, 256), swapMiB: 0, cpuPercent: server.cpuPercent, pids: Math.max(server.pids, 256), diskMiB: server.diskMiB },
        timeoutMs: INSTALL_TIMEOUT_MS,
      },
      INSTALL_TIMEOUT_MS + 30_000,
    );
    const summary = result.timedOut ? `install timed out after ${INSTALL_TIMEOUT_MS / 60000} minutes` : `install finished with exit code ${result.exitCode}`;
    const log = `${result.log}${result.log.endsWith('\n') || !result.log ? '' : '\n'}[Outpost] ${summary}\n`;
    if (result.exitCode === 0) {
      await this.move(domainId, server.id, 'installed', { installLog: log });
      return true;
    }
    await this.move(domainId, server.id, 'installFailed', { installLog: log }, summary);
    return false;
  }

  /** Runs the install script again over the existing data, then rebuilds the container. */
  reinstall(domainId: DomainId, id: string): Promise<GameServer> {
    return this.serialise(id, async () => {
      this.cancelRestart(id);
      await this.moveOrConflict(domainId, id, 'reinstall', 'reinstall');
      const server = await this.find(domainId, id);
      const def = (await this.workloads.find(domainId, server.workloadId)).definition;
      try {
        if (server.containerId) await this.channel.send(server.nodeId, 'server.remove', { serverId: id, deleteData: false });
        await this.servers.update(domainId, id, { containerId: null, installLog: '' });
        if (await this.install(domainId, { ...server, installLog: '' } as GameServer, def)) {
          const fresh = await this.find(domainId, id);
          const { containerId } = await this.channel.send(fresh.nodeId, 'container.create', { spec: await this.spec(fresh, def) }, 60_000);
          await this.servers.update(domainId, id, { containerId });
        }
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await this.move(domainId, id, 'installFailed', { installLog: `reinstall failed: ${message}\n` }, message);
        throw err;
      }
      return this.find(domainId, id);
    });
  }

  power(domainId: DomainId, id: string, action: PowerAction): Promise<GameServer> {
    return this.serialise(id, async () => {
      switch (action) {
        case 'start':
          return this.doStart(domainId, id);
        case 'stop':
          return this.doStop(domainId, id);
        case 'restart': {
          const current = await this.find(domainId, id);
          if (current.state === S.RUNNING || current.state === S.STARTING) await this.doStop(domainId, id);
          return this.doStart(domainId, id);
        }
        case 'kill':
          return this.doKill(domainId, id);
      }
    });
  }

  private async doStart(domainId: DomainId, id: string, auto = false): Promise<GameServer> {
    this.cancelRestart(id);
    const server = await this.moveOrConflict(domainId, id, 'start', 'start');
    try {
      if (!server.containerId) {
        const def = (await this.workloads.find(domainId, server.workloadId)).definition;
        const { containerId } = await this.channel.send(server.nodeId, 'container.create', { spec: await this.spec(server, def) }, 60_000);
        await this.servers.update(domainId, id, { containerId });
      }
      await this.servers.update(domainId, id, { oomKilled: false, lastExitCode: null, startedAt: new Date(), ...(auto ? {} : { recentCrashes: [] }) });
      await this.channel.send(server.nodeId, 'server.start', { serverId: id });
      const def = (await this.workloads.find(domainId, server.workloadId)).definition;
      if (!def.startupDone.length) await this.move(domainId, id, 'ready');
    } catch (err) {
      await this.move(domainId, id, 'stopped', {}, `start failed: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
    return this.find(domainId, id);
  }

  private async stopOptions(server: GameServer): Promise<StopOptions> {
    const def = (await this.workloads.find(server.domainId as DomainId, server.workloadId)).definition;
    return def.stop.type === 'command' ? { command: def.stop.value, timeoutMs: STOP_TIMEOUT_MS } : { signal: def.stop.value, timeoutMs: STOP_TIMEOUT_MS };
  }

  private async doStop(domainId: DomainId, id: string): Promise<GameServer> {
    this.cancelRestart(id);
    const server = await this.moveOrConflict(domainId, id, 'stop', 'stop');
    try {
      await this.channel.send(server.nodeId, 'server.stop', { serverId: id, stop: await this.stopOptions(server) }, STOP_TIMEOUT_MS + 15_000);
    } finally {
      await this.move(domainId, id, 'stopped');
    }
    return this.find(domainId, id);
  }

  private async doKill(domainId: DomainId, id: string): Promise<GameServer> {
    this.cancelRestart(id);
    const server = await this.find(domainId, id);
    if (!TRANSITIONS.kill.from.includes(server.state as never)) throw AppError.conflict(`Cannot kill a server that is ${server.state}`);
    try {
      await this.channel.send(server.nodeId, 'server.kill', { serverId: id, signal: 'SIGKILL' });
    } catch (err) {
      // Killing something that already stopped is fine.
      if (!(err instanceof AppError && (err.code === 'ConflictError' || err.code === 'NotFoundError'))) throw err;
    }
    await this.move(domainId, id, 'kill', {}, 'killed');
    return this.find(domainId, id);
  }

  /** Drops the container (not the data) so the next start creates it with the new settings. */
  async rebuild(domainId: DomainId, id: string): Promise<void> {
    await this.serialise(id, async () => {
      const server = await this.find(domainId, id);
      if (!IDLE_STATES.includes(server.state)) throw AppError.conflict(`Stop the server first (it is ${server.state})`);
      if (server.containerId) await this.channel.send(server.nodeId, 'server.remove', { serverId: id, deleteData: false });
      await this.servers.update(domainId, id, { containerId: null });
    });
  }

  /** Stops the container, removes it and its data, then the row (allocations cascade). */
  async destroy(domainId: DomainId, id: string): Promise<void> {
    await this.serialise(id, async () => {
      this.cancelRestart(id);
      const server = await this.find(domainId, id);
      try {
        await this.channel.send(server.nodeId, 'server.remove', { serverId: id, deleteData: true }, 60_000);
      } catch (err) {
        const offline = err instanceof AppError && (err.details as { agentCode?: string } | undefined)?.agentCode === 'offline';
        // Nothing was ever created on the node: the row can go. Otherwise its container and data would be orphaned.
        if (!offline || server.containerId) {
          throw offline ? AppError.conflict('The node is offline: its container and data cannot be removed now; try again when it is back') : err;
        }
      }
      await this.servers.delete(domainId, id);
      this.events.emit('state', { domainId, serverId: id, state: S.OFFLINE, reason: 'deleted' } satisfies StateChange);
    });
  }

  async sendCommand(domainId: DomainId, id: string, command: string): Promise<void> {
    const server = await this.find(domainId, id);
    if (server.state !== S.RUNNING && server.state !== S.STARTING) throw AppError.conflict(`The server is ${server.state}; start it first`);
    await this.channel.send(server.nodeId, 'server.command', { serverId: id, command });
  }

  async stats(domainId: DomainId, id: string): Promise<GameServerStatsDTO> {
    const server = await this.find(domainId, id);
    const base = { state: server.state, cpuPercent: 0, memoryBytes: 0, memoryLimitBytes: server.memoryMiB * 1024 * 1024, networkRxBytes: 0, networkTxBytes: 0, diskUsedBytes: null as number | null, uptimeSeconds: null as number | null };
    if (server.state !== S.RUNNING && server.state !== S.STARTING) return base;
    const [stats, usage] = await Promise.all([
      this.channel.send(server.nodeId, 'server.stats', { serverId: id }),
      this.channel.send(server.nodeId, 'files.usage', { serverId: id }).catch(() => null),
    ]);
    return {
      ...base,
      cpuPercent: stats.cpuPercent,
      memoryBytes: stats.memoryBytes,
      memoryLimitBytes: stats.memoryLimitBytes,
      networkRxBytes: stats.networkRxBytes,
      networkTxBytes: stats.networkTxBytes,
      diskUsedBytes: usage?.usedBytes ?? null,
      uptimeSeconds: server.startedAt ? Math.round((Date.now() - new Date(server.startedAt).getTime()) / 1000) : null,
    };
  }

  // ───────────── agent events ─────────────

  private async onAgentEvent(e: AgentEvent): Promise<void> {
    try {
      if (e.event === 'console.output') await this.onConsole(e.domainId, e.nodeId, e.data as EventMap['console.output']);
      else if (e.event === 'container.event') await this.onContainerEvent(e.domainId, e.nodeId, e.data as EventMap['container.event']);
      else if (e.event === 'inventory') await this.reconcile(e.domainId, e.nodeId, e.data as EventMap['inventory']);
      else if (e.event === 'server.stats') await this.recordStats(e.domainId, e.nodeId, e.data as EventMap['server.stats']);
    } catch (err) {
      this.logger.error({ err, nodeId: e.nodeId, event: e.event }, 'failed to apply agent event');
    }
  }

  /** An agent speaks only for servers placed on its own node (and so in its node's domain). */
  private async ownServer(domainId: DomainId, nodeId: string, serverId: string | undefined): Promise<GameServer | null> {
    if (!serverId) return null;
    const server = await this.servers.findById(domainId, serverId);
    return server && server.nodeId === nodeId ? server : null;
  }

  /**
   * Console lines are hot. Power actions run on the process that holds the node's agent socket —
   * the same process that receives its console lines — so every state change this cache needs to
   * see is emitted here (`move`), and entries are dropped on it; the TTL only bounds staleness.
   */
  private readonly consoleView = new Map<string, { server: GameServer | null; at: number }>();

  private async consoleServer(domainId: DomainId, nodeId: string, serverId: string): Promise<GameServer | null> {
    const hit = this.consoleView.get(serverId);
    if (hit && Date.now() - hit.at < 5000) return hit.server && hit.server.nodeId === nodeId ? hit.server : null;
    const server = await this.ownServer(domainId, nodeId, serverId);
    if (this.consoleView.size > 10_000) this.consoleView.clear();
    this.consoleView.set(serverId, { server, at: Date.now() });
    return server;
  }

  private async onConsole(domainId: DomainId, nodeId: string, data: EventMap['console.output']): Promise<void> {
    const server = await this.consoleServer(domainId, nodeId, data.serverId);
    if (!server || server.state !== S.STARTING) return;
    // Only lines of a starting server get here, so reading the (editable) template each time is cheap.
    const patterns = (await this.workloads.find(domainId, server.workloadId)).definition.startupDone;
    if (matchesStartupDone(patterns, data.line)) await this.move(domainId, server.id, 'ready');
  }

  private async onContainerEvent(domainId: DomainId, nodeId: string, ev: EventMap['container.event']): Promise<void> {
    const server = await this.ownServer(domainId, nodeId, ev.serverId);
    if (!server) return;
    if (ev.type === 'oom') {
      await this.servers.update(domainId, server.id, { oomKilled: true });
      return;
    }
    if (ev.type !== 'die') return;
    if (server.state === S.STOPPING) {
      await this.move(domainId, server.id, 'stopped', { lastExitCode: ev.exitCode ?? null });
      return;
    }
    if (server.state !== S.RUNNING && server.state !== S.STARTING) return;
    const fresh = await this.find(domainId, server.id);
    // The runtime's own record is authoritative: the 'oom' event may arrive after 'die'.
    const inspected = await this.channel.send(nodeId, 'server.inspect', { serverId: server.id }).catch(() => null);
    const oom = inspected?.oomKilled ?? fresh.oomKilled;
    const reason = oom ? 'killed: out of memory (OOM)' : `exited unexpectedly with code ${ev.exitCode ?? 'unknown'}`;
    const now = Date.now();
    const recent = (fresh.recentCrashes ?? []).map((d) => new Date(d)).filter((d) => now - d.getTime() < AUTO_RESTART_WINDOW_MS);
    recent.push(new Date(now));
    const crashed = await this.move(domainId, server.id, 'crash', { lastExitCode: ev.exitCode ?? null, recentCrashes: recent, oomKilled: oom }, reason);
    if (!crashed) return;
    this.logger.warn({ serverId: server.id, reason }, 'game server crashed');
    if (!fresh.autoRestart) return;
    if (recent.length > AUTO_RESTART_MAX) {
      await this.servers.update(domainId, server.id, { stateReason: `${reason}; not restarting: ${recent.length} crashes within ${AUTO_RESTART_WINDOW_MS / 60000} minutes` });
      return;
    }
    const delay = restartBackoffMs(recent.length);
    this.restartTimers.set(
      server.id,
      setTimeout(() => {
        this.restartTimers.delete(server.id);
        void this.serialise(server.id, () => this.doStart(domainId, server.id, true)).catch((err) => this.logger.warn({ serverId: server.id, err: String(err) }, 'automatic restart failed'));
      }, delay),
    );
  }

  /** Periodic stats the agent sends for running servers become the metrics history. */
  private async recordStats(domainId: DomainId, nodeId: string, data: EventMap['server.stats']): Promise<void> {
    const server = await this.ownServer(domainId, nodeId, data.serverId);
    if (!server) return;
    const s = data.stats;
    await this.metrics.insert(domainId, {
      gameserverId: server.id,
      time: new Date(s.timestamp),
      cpuPercent: s.cpuPercent,
      memoryBytes: String(s.memoryBytes),
      memoryLimitBytes: String(s.memoryLimitBytes),
      networkRxBytes: String(s.networkRxBytes),
      networkTxBytes: String(s.networkTxBytes),
      pids: s.pids,
    });
  }

  async metricsHistory(domainId: DomainId, id: string, from?: string, to?: string) {
    await this.find(domainId, id);
    const w = metricsWindow(from, to);
    return this.metrics.history(domainId, id, w.from, w.to, METRICS_HISTORY_LIMIT);
  }

  private cancelRestart(id: string) {
    const t = this.restartTimers.get(id);
    if (t) clearTimeout(t);
    this.restartTimers.delete(id);
  }

  /** After an agent (re)connects: servers we think are up but whose container isn't running are fixed. */
  private async reconcile(domainId: DomainId, nodeId: string, inv: EventMap['inventory']): Promise<void> {
    if (!inv.docker) return; // runtime unknown: nothing to conclude
    const running = new Set(inv.containers.filter((c) => c.state === 'running').map((c) => c.labels['outpost.server-id']));
    const present = new Set(inv.containers.map((c) => c.labels['outpost.server-id']));
    for (const server of await this.servers.findOnNode(domainId, nodeId)) {
      if ((server.state === S.RUNNING || server.state === S.STARTING) && !running.has(server.id)) {
        await this.move(domainId, server.id, 'crash', {}, 'not running on the node after the agent reconnected');
      } else if (server.state === S.STOPPING && !running.has(server.id)) {
        await this.move(domainId, server.id, 'stopped');
      }
      if (server.containerId && !present.has(server.id)) await this.servers.update(domainId, server.id, { containerId: null });
    }
  }

  onModuleDestroy(): void {
    for (const t of this.restartTimers.values()) clearTimeout(t);
  }
}
