import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../core/events/event-bus';
import type { AgentEvent } from '../../core/events/outpost-events';
import type { ConsoleOutputEvent, EventMap } from '@libs/agent-protocol/protocol';
import { SERVER_ID_LABEL } from '@libs/container-driver/container-driver';
import { DomainId, trustedDomainId } from '@libs/tenancy/domain-id';
import { GameServer, GameServerState as S } from './entities/gameserver.entity';
import { GameServerMetricRepository, GameServerRepository } from './gameserver.repository';
import { ContainerSeen, crashOutcome, DEFAULT_START_TIMEOUT_S, Observed, onContainerExit, reconcileStep } from './lifecycle-decisions';
import { GameServerPower } from './power.service';
import { GameServerRuntime } from './runtime.service';
import { GameServerStates } from './server-state.service';
import { matchesStartupDone } from './state-machine';

/** How long a looked-up server may answer for console lines and stats without reading it again. */
const SERVER_VIEW_TTL_MS = 5000;
const SERVER_VIEW_MAX = 10_000;
/** How far back a starting server's log is searched for a missed "startup done" line. */
const READY_LOOKBACK_LINES = 2_000;

/**
 * The lifecycle's top layer: what agents report, applied to game servers. Every agent event
 * comes raw (node id + what the agent said); the server it names is looked up with one check —
 * it must sit on that node — which also gives its domain. Then: console lines go out as
 * `gameserver.console`, a starting server's "startup done" line makes it running, container
 * exits become stopped or crashed (with bounded automatic restarts), stats become the metrics
 * history, and an inventory after a reconnect is reconciled with the recorded states.
 */
@Injectable()
export class GameServerAgentEvents implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('GameServerAgentEvents');
  /**
   * serverId → the row as read for the node that sent a line. Console lines are hot; every state
   * change this process makes drops the entry (`gameserver.state`), and the TTL bounds staleness
   * (changes made by another process, a transfer to another node).
   */
  private readonly view = new Map<string, { nodeId: string; server: GameServer | null; at: number }>();
  /**
   * A starting server's "startup done" patterns, read once per start: every console line of a
   * starting server is checked, and a flood must not become one template query per line (that
   * exhausted the connection pool and failed unrelated requests).
   */
  private readonly readyPatterns = new Map<string, Promise<string[]>>();
  /** Console lines held in arrival order while their server is being looked up. */
  private readonly held = new Map<string, ConsoleOutputEvent[]>();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly servers: GameServerRepository,
    private readonly metrics: GameServerMetricRepository,
    private readonly states: GameServerStates,
    private readonly runtime: GameServerRuntime,
    private readonly power: GameServerPower,
    private readonly bus: EventBus,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.bus.on('agent.event', (e) => this.onAgentEvent(e)),
      this.bus.on('gameserver.state', (s) => {
        this.view.delete(s.serverId);
        this.readyPatterns.delete(s.serverId);
      }),
    );
  }

  onModuleDestroy(): void {
    for (const off of this.unsubscribe) off();
  }

  private onAgentEvent(e: AgentEvent): void {
    const failed = (err: unknown) => this.logger.error({ err, nodeId: e.nodeId, event: e.event }, 'failed to apply agent event');
    if (e.event === 'console.output') this.onConsole(e.nodeId, e.data);
    else if (e.event === 'container.event') this.onContainerEvent(e.nodeId, e.data).catch(failed);
    else if (e.event === 'inventory') this.reconcile(e.nodeId, e.data).catch(failed);
    else if (e.event === 'server.stats') this.recordStats(e.nodeId, e.data).catch(failed);
  }

  private cached(nodeId: string, serverId: string): GameServer | null | undefined {
    const hit = this.view.get(serverId);
    return hit && hit.nodeId === nodeId && Date.now() - hit.at < SERVER_VIEW_TTL_MS ? hit.server : undefined;
  }

  /** The one "server on node" check: an agent speaks only for servers placed on its own node. */
  private async serverOnNode(nodeId: string, serverId: unknown, fresh = false): Promise<GameServer | null> {
    if (typeof serverId !== 'string') return null;
    const hit = fresh ? undefined : this.cached(nodeId, serverId);
    if (hit !== undefined) return hit;
    const server = await this.servers.crossDomainServerOnNode(nodeId, serverId);
    if (this.view.size > SERVER_VIEW_MAX) this.view.clear();
    this.view.set(serverId, { nodeId, server, at: Date.now() });
    return server;
  }

  private onConsole(nodeId: string, output: ConsoleOutputEvent): void {
    if (!output || typeof output.serverId !== 'string' || typeof output.line !== 'string') return;
    const key = `${nodeId}:${output.serverId}`;
    const waiting = this.held.get(key);
    if (waiting) {
      waiting.push(output);
      return;
    }
    const hit = this.cached(nodeId, output.serverId);
    if (hit !== undefined) return this.deliverConsole(nodeId, hit, output);
    this.held.set(key, [output]);
    this.serverOnNode(nodeId, output.serverId).then(
      (server) => {
        const lines = this.held.get(key) ?? [];
        this.held.delete(key);
        if (!server) this.logger.warn({ nodeId, serverId: output.serverId }, 'agent sent console output for a server that is not on its node; ignored');
        for (const line of lines) this.deliverConsole(nodeId, server, line);
      },
      (err: unknown) => {
        this.held.delete(key);
        this.logger.error({ err, nodeId }, 'console lines dropped: the server lookup failed');
      },
    );
  }

  private deliverConsole(nodeId: string, server: GameServer | null, output: ConsoleOutputEvent): void {
    if (!server) return;
    const domainId = trustedDomainId(server.domainId);
    this.bus.emit('gameserver.console', { domainId, nodeId, serverId: server.id, output });
    if (server.state === S.STARTING) {
      this.detectReady(domainId, server, output.line).catch((err: unknown) => this.logger.error({ err, serverId: server.id }, 'ready detection failed'));
    }
  }

  private async detectReady(domainId: DomainId, server: GameServer, line: string): Promise<void> {
    if (matchesStartupDone(await this.patternsOf(server), line)) await this.states.move(domainId, server.id, 'ready');
  }

  /** The template's patterns as of this start (cached until the server's state changes). */
  private patternsOf(server: GameServer): Promise<string[]> {
    let patterns = this.readyPatterns.get(server.id);
    if (!patterns) {
      if (this.readyPatterns.size > SERVER_VIEW_MAX) this.readyPatterns.clear();
      patterns = this.runtime.definition(server).then((d) => d.startupDone);
      patterns.catch(() => this.readyPatterns.delete(server.id));
      this.readyPatterns.set(server.id, patterns);
    }
    return patterns;
  }

  private async onContainerEvent(nodeId: string, ev: EventMap['container.event']): Promise<void> {
    // State decides what an exit means: read it fresh.
    const server = await this.serverOnNode(nodeId, ev.serverId, true);
    if (!server) return;
    const domainId = trustedDomainId(server.domainId);
    if (ev.type === 'oom') {
      await this.states.update(domainId, server.id, { oomKilled: true });
      return;
    }
    if (ev.type === 'die') await this.onExit(nodeId, server, ev.exitCode ?? null, false);
  }

  /**
   * A container exited (a `die` event, or an inventory showing it dead while Outpost had it up):
   * stopped when a stop was under way, else the crash path with bounded automatic restarts. The
   * runtime's own record is authoritative for exit code and OOM (the `oom` event may come after
   * `die`; a `die` buffered while the agent was away may be older than a later start).
   */
  private async onExit(nodeId: string, server: GameServer, reportedExitCode: number | null, fromInventory: boolean): Promise<void> {
    const domainId = trustedDomainId(server.domainId);
    const exit = onContainerExit(server.state);
    // A kill from this process: its own move records the end (a crash here would count against the crash-loop guard).
    if (exit === 'ignore' || (exit === 'crash' && this.power.isEnding(server.id))) return;
    const inspected = await this.runtime.inspect(nodeId, server.id);
    if (inspected?.running) return; // it runs again: this exit is history
    const exitCode = inspected?.exitCode ?? reportedExitCode;
    // Seen in an inventory while starting: if the container last ran before this start began, the start never reached it (API restarted mid-action).
    const finished = inspected?.finishedAt ? Date.parse(inspected.finishedAt) : NaN;
    if (fromInventory && server.state === S.STARTING && server.startedAt && finished < new Date(server.startedAt).getTime()) {
      await this.states.move(domainId, server.id, 'stopped', { lastExitCode: exitCode }, 'the start was not carried out on the node');
      return;
    }
    if (exit === 'stopped') {
      await this.states.move(domainId, server.id, 'stopped', { lastExitCode: exitCode }, server.state === S.UNKNOWN ? `exited with code ${exitCode ?? 'unknown'} on the node` : null);
      return;
    }
    const oom = inspected?.oomKilled ?? server.oomKilled;
    const outcome = crashOutcome({ previousCrashes: server.recentCrashes ?? [], now: Date.now(), oom, exitCode, autoRestart: server.autoRestart });
    // One write: the crash history and the final reason (with "not restarting" when the guard gives up) land together.
    const reason = outcome.gaveUp ?? outcome.reason;
    const crashed = await this.states.move(domainId, server.id, 'crash', { lastExitCode: exitCode, recentCrashes: outcome.recentCrashes, oomKilled: oom }, reason);
    if (!crashed) return;
    this.logger.warn({ serverId: server.id, reason }, 'game server crashed');
    this.bus.emit('gameserver.system', {
      domainId,
      serverId: server.id,
      serverName: server.name,
      action: outcome.gaveUp ? 'crash_loop_stopped' : 'crashed',
      details: { reason, exitCode, oom, restartInMs: outcome.restartInMs },
    });
    if (outcome.restartInMs !== null) this.power.scheduleAutoRestart(domainId, server.id, outcome.restartInMs);
  }

  /** Periodic stats the agent sends for running servers become the metrics history. */
  private async recordStats(nodeId: string, data: EventMap['server.stats']): Promise<void> {
    const server = await this.serverOnNode(nodeId, data?.serverId);
    if (!server) return;
    const s = data.stats;
    await this.metrics.insert(trustedDomainId(server.domainId), {
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

  /**
   * Every inventory (on connect and periodically): the runtime is the truth. Servers whose container
   * runs become running; dead ones take the exit path; a start whose "startup done" line was missed
   * is found in the container's log, or times out into running with a reason.
   */
  private async reconcile(nodeId: string, inv: EventMap['inventory']): Promise<void> {
    if (!inv.docker) return; // runtime unknown: nothing to conclude
    const seen = new Map<string, ContainerSeen>();
    for (const c of inv.containers) {
      const id = c.labels[SERVER_ID_LABEL];
      // A server's install run may share its label; the game container (running, else any) speaks for it.
      if (id && !seen.get(id)?.running) seen.set(id, { running: c.state === 'running' });
    }
    for (const server of await this.servers.crossDomainServersOnNode(nodeId)) {
      await this.reconcileOne(nodeId, server, seen.get(server.id) ?? null).catch((err: unknown) => this.logger.error({ err, serverId: server.id }, 'reconciling a server failed'));
    }
  }

  private async reconcileOne(nodeId: string, server: GameServer, container: ContainerSeen): Promise<void> {
    const domainId = trustedDomainId(server.domainId);
    const def = server.state === S.STARTING ? await this.runtime.definition(server) : null;
    const step = reconcileStep(server, container, {
      now: Date.now(),
      busy: this.power.isBusy(server.id),
      hasReadyPattern: !!def?.startupDone.length,
      startTimeoutMs: (def?.startTimeoutSeconds ?? DEFAULT_START_TIMEOUT_S) * 1000,
    });
    const { action } = step;
    let observed: Observed | undefined;
    const observe = async () => (observed ??= await this.runtime.observe(server));
    if (action.kind === 'move') {
      if (action.confirm) {
        const now = await observe();
        const confirmed = action.confirm === 'absent' ? now === 'absent' : now !== null && now !== 'absent' && now.running;
        if (!confirmed) return;
      }
      const moved = await this.states.move(domainId, server.id, action.transition, {}, action.reason);
      if (moved) this.logger.warn({ serverId: server.id, from: server.state, to: moved.state, reason: action.reason }, 'state corrected from the node inventory');
      if (moved)
        this.bus.emit('gameserver.system', { domainId, serverId: server.id, serverName: server.name, action: 'reconciled', details: { from: server.state, to: moved.state, reason: action.reason } });
    } else if (action.kind === 'exited') {
      await this.onExit(nodeId, server, null, true);
    } else if (action.kind === 'checkReady' && def) {
      const since = new Date(server.startedAt ?? 0);
      const lines = await this.runtime.logs(server, since, READY_LOOKBACK_LINES).catch(() => []);
      if (lines.some((l) => matchesStartupDone(def.startupDone, l.line))) await this.states.move(domainId, server.id, 'ready', {}, null);
    }
    if (step.forgetContainer && (await observe()) === 'absent') await this.states.update(domainId, server.id, { containerId: null });
  }
}
