import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { RedisService } from '../../core/redis/redis.service';
import { AgentCommandRelay } from './agent-relay';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { AgentHub } from '@libs/agent-protocol/agent-hub';
import { AGENT_CLOSE_RECONNECT_NOW, AgentError, CommandName, EventMap, EventName, Payload, Result } from '@libs/agent-protocol/protocol';
import { DomainId, trustedDomainId } from '@libs/tenancy/domain-id';
import { NodeStatus } from './entities/node.entity';
import { NodeMetricRepository, NodeRepository, type NodeStatusChange } from './node.repository';
import { toAppError } from './agent-errors';
import { EventBus } from '../../core/events/event-bus';
import type { AgentEvent } from '../../core/events/outpost-events';

export const HEARTBEAT_FLUSH_MS = 1000;
/** A node that sent nothing for this long is offline (agents beat every 5 s). */
export const OFFLINE_AFTER_MS = 20_000;
/** How long closing agents get to answer the close frame before their sockets are cut. */
const AGENT_CLOSE_WAIT_MS = 2_000;

/**
 * The control plane's end of the agent sockets: takes the sockets AgentGateway opened on /agent/ws
 * (AgentTokenGuard authenticated them during the upgrade), keeps node status in step with connections and heartbeats, stores inventory and
 * metrics, and emits every agent event on the EventBus as `agent.event` (node id and what the agent
 * said; the module that owns what an event is about resolves its domain).
 */
@Injectable()
export class AgentChannel implements OnApplicationBootstrap, OnModuleDestroy {
  readonly hub = new AgentHub();
  private readonly logger = new Logger('AgentChannel');
  /** Agent sockets attached here (closed ones leave the set). */
  private readonly sockets = new Set<WebSocket>();
  /** Node → owning domain (null: a shared node); where its metrics samples are stored. */
  private readonly domainOf = new Map<string, DomainId | null>();
  private pendingBeats = new Map<string, Date>();
  /** Nodes deleted while their agent is connected here: no longer commanded on `connectedOwner`'s word. */
  private readonly forgotten = new Set<string>();
  private timers: NodeJS.Timeout[] = [];
  /**
   * Writes started by agent connects, disconnects and events. Shutdown waits for them: closing the
   * pool under running queries hands their clients to queued ones (two queries on one pg client).
   */
  private readonly inFlight = new Set<Promise<void>>();

  /** Cross-process command relay (Redis); absent without REDIS_URL (single process). */
  private readonly relay?: AgentCommandRelay;
  /** Set when shutdown begins: commands are refused (never sent) and agents may not connect here again. */
  /** Commands are refused (agent sockets are closing). */
  private shuttingDown = false;
  /** New agent connections are refused (shutdown began). */
  private refusingAgents = false;

  constructor(
    redis: RedisService,
    private readonly nodes: NodeRepository,
    private readonly metrics: NodeMetricRepository,
    private readonly bus: EventBus,
  ) {
    if (redis.client) {
      this.relay = new AgentCommandRelay(redis, (nodeId, command, payload, timeoutMs) =>
        this.shuttingDown ? Promise.reject(this.refusal(nodeId)) : this.hub.send(nodeId, command, payload as never, { timeoutMs }),
      );
    }
    const report = (what: string) => (err: unknown) => this.logger.error({ err }, `agent ${what} handling failed`);
    this.hub.on('connected', (nodeId, hello) => this.track(this.onConnected(nodeId, hello.agentVersion).catch(report('connect'))));
    this.hub.on('disconnected', (nodeId) => this.track(this.onDisconnected(nodeId).catch(report('disconnect'))));
    // Heartbeats (most agent frames) are noted synchronously: no promise, no write per frame.
    this.hub.on('event', (nodeId, event, data) => (event === 'heartbeat' ? this.onHeartbeat(nodeId, data as EventMap['heartbeat']) : this.track(this.onEvent(nodeId, event, data))));
  }

  /** `write` must not reject (callers catch). */
  private track(write: Promise<void>): void {
    this.inFlight.add(write);
    void write.finally(() => this.inFlight.delete(write));
  }

  onApplicationBootstrap(): void {
    this.timers.push(setInterval(() => void this.flushHeartbeats(), HEARTBEAT_FLUSH_MS).unref());
    this.timers.push(setInterval(() => void this.sweepSilent(), 5000).unref());
  }

  /**
   * Shutdown step one (main.ts, before the HTTP drain): agents may not connect to this process
   * again. Open sockets stay up and commands still go out, so the requests still running (a restart
   * between its stop and its start) finish what they started.
   */
  beginShutdown(): void {
    this.refusingAgents = true;
  }

  /** False once shutdown began: AgentTokenGuard then refuses upgrades with 503. */
  get admitting(): boolean {
    return !this.refusingAgents;
  }

  /**
   * Closes every agent socket with AGENT_CLOSE_RECONNECT_NOW so agents reconnect at once (to the
   * restarted process or another replica) instead of backing off; sockets that do not complete the
   * close handshake within AGENT_CLOSE_WAIT_MS are cut. Idempotent.
   */
  async closeAgents(): Promise<void> {
    // From now on commands are refused with 'shutting_down' (503, not sent: the socket is closing, the answer would be lost).
    this.refusingAgents = true;
    this.shuttingDown = true;
    // Emits 'disconnected' for every socket: their offline marks join inFlight.
    this.hub.close(AGENT_CLOSE_RECONNECT_NOW, 'control plane restarting; reconnect now');
    const open = [...this.sockets].filter((ws) => ws.readyState !== ws.CLOSED);
    if (open.length) {
      let timer: NodeJS.Timeout | undefined;
      const closed = Promise.all(open.map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve()))));
      await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, AGENT_CLOSE_WAIT_MS)))]);
      clearTimeout(timer);
    }
    for (const socket of this.sockets) socket.terminate();
  }

  async onModuleDestroy(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.closeAgents();
    await Promise.all(this.inFlight);
    await this.relay?.close();
    await this.flushHeartbeats();
  }

  /** A socket AgentGateway opened for an authenticated node: the hub speaks the agent protocol on it. */
  attach(node: { id: string; domainId: string | null }, ws: WebSocket, req: IncomingMessage): void {
    this.domainOf.set(node.id, node.domainId ? trustedDomainId(node.domainId) : null);
    this.sockets.add(ws);
    ws.once('close', () => this.sockets.delete(ws));
    this.hub.attach(node.id, ws, { remoteAddress: req.socket.remoteAddress, userAgent: req.headers['user-agent'] });
  }

  private async onConnected(nodeId: string, agentVersion: string): Promise<void> {
    await this.relay?.own(nodeId);
    await this.nodes.setAgentFields(nodeId, { lastHeartbeatAt: new Date(), agentVersion });
    this.emitState(await this.nodes.changeStatus(nodeId, NodeStatus.ONLINE), 'online', 'agent connected');
    this.logger.log({ nodeId }, 'agent connected');
  }

  private async onDisconnected(nodeId: string): Promise<void> {
    // Another process (or a newer socket here) may hold the node now; only mark offline when nobody does.
    if (this.hub.isConnected(nodeId)) return;
    this.forgotten.delete(nodeId);
    await this.relay?.disown(nodeId);
    this.pendingBeats.delete(nodeId);
    this.emitState(await this.nodes.changeStatus(nodeId, NodeStatus.OFFLINE), 'offline', 'agent disconnected');
    this.logger.log({ nodeId }, 'agent disconnected');
  }

  /** A heartbeat only moves the node's lastHeartbeatAt, written for all nodes at once by flushHeartbeats. */
  private onHeartbeat(nodeId: string, data: EventMap['heartbeat']): void {
    if (this.domainOf.get(nodeId) === undefined) return;
    this.pendingBeats.set(nodeId, new Date());
    this.bus.emit('agent.event', { nodeId, event: 'heartbeat', data });
  }

  private async onEvent<E extends EventName>(nodeId: string, event: E, data: EventMap[E]): Promise<void> {
    const domainId = this.domainOf.get(nodeId);
    if (domainId === undefined) return;
    try {
      if (event === 'inventory') {
        const inv = data as EventMap['inventory'];
        await this.nodes.setAgentFields(nodeId, { inventory: inv as never, lastHeartbeatAt: new Date() });
        this.emitState(await this.nodes.changeStatus(nodeId, NodeStatus.ONLINE), 'online', 'agent reported');
      } else if (event === 'metrics') {
        const m = data as EventMap['metrics'];
        const sample = {
          nodeId,
          time: new Date(m.time),
          cpuPercent: m.cpuPercent,
          memoryUsedBytes: String(m.memoryUsedBytes),
          memoryTotalBytes: String(m.memoryTotalBytes),
          diskUsedBytes: String(m.diskUsedBytes),
          diskTotalBytes: String(m.diskTotalBytes),
          networkRxBytes: String(m.networkRxBytes),
          networkTxBytes: String(m.networkTxBytes),
          load1: m.load[0],
        };
        if (domainId) await this.metrics.insert(domainId, sample);
        else await this.metrics.insertShared(sample);
      }
      this.bus.emit('agent.event', { nodeId, event, data } as AgentEvent);
    } catch (err) {
      this.logger.error({ err, nodeId, event }, 'failed to handle agent event');
    }
  }

  async flushHeartbeats(): Promise<void> {
    if (!this.pendingBeats.size) return;
    const beats = [...this.pendingBeats].map(([nodeId, at]) => ({ nodeId, at }));
    this.pendingBeats = new Map();
    try {
      const { cameOnline, missing } = await this.nodes.recordHeartbeats(beats);
      for (const n of cameOnline) this.emitState(n, 'online', 'heartbeats resumed');
      // A node deleted (by any process) while its agent is connected here has no row to beat.
      for (const nodeId of missing) this.forget(nodeId);
    } catch (err) {
      this.logger.error({ err }, 'failed to record heartbeats');
    }
  }

  private async sweepSilent(): Promise<void> {
    try {
      const gone = await this.nodes.markSilentOffline(new Date(Date.now() - OFFLINE_AFTER_MS));
      for (const n of gone) {
        this.logger.warn({ nodeId: n.id }, 'node went offline: heartbeats stopped');
        this.emitState(n, 'offline', 'heartbeats stopped');
      }
    } catch (err) {
      this.logger.error({ err }, 'offline sweep failed');
    }
  }

  /** `node.state`, only for a status row this process's statement really changed (null: nothing changed). */
  private emitState(node: NodeStatusChange | null, state: 'online' | 'offline', reason: string): void {
    if (!node) return;
    this.bus.emit('node.state', { domainId: node.domainId ? trustedDomainId(node.domainId) : null, nodeId: node.id, nodeName: node.name, state, reason });
  }

  /** Sends a command to a node's agent (here, or through the process holding its socket); agent failures become API errors. */
  async send<C extends CommandName>(nodeId: string, command: C, payload: Payload<C>, timeoutMs = 30_000): Promise<Result<C>> {
    if (this.shuttingDown) throw toAppError(this.refusal(nodeId), await this.nodeName(nodeId));
    try {
      if (this.relay && !this.hub.isConnected(nodeId)) return await this.relay.send(nodeId, command, payload, timeoutMs);
      return await this.hub.send(nodeId, command, payload, { timeoutMs });
    } catch (err) {
      throw toAppError(err, err instanceof AgentError ? await this.nodeName(nodeId) : undefined);
    }
  }

  /** The node's name for an error message, read when the error happens (names change; failures are rare). */
  private async nodeName(nodeId: string): Promise<string | undefined> {
    try {
      return (await this.nodes.findForAgent(nodeId))?.name;
    } catch {
      return undefined;
    }
  }

  /**
   * The owning domain (null: a shared node) of a node whose agent is connected to this process, as
   * its token lookup read it when it connected (a node's domain never changes); undefined when its
   * agent is not connected here or the node was deleted meanwhile. Lets the command paths check
   * visibility without a database round trip.
   */
  connectedOwner(nodeId: string): string | null | undefined {
    if (this.forgotten.has(nodeId) || !this.hub.isConnected(nodeId)) return undefined;
    return this.domainOf.get(nodeId);
  }

  /** The node was deleted: `connectedOwner` no longer vouches for it (its commands check the database again). */
  forget(nodeId: string): void {
    if (this.hub.isConnected(nodeId)) this.forgotten.add(nodeId);
  }

  isConnected(nodeId: string): boolean {
    return this.hub.isConnected(nodeId);
  }

  private refusal(nodeId: string): AgentError {
    return new AgentError('shutting_down', `the command was not sent to node ${nodeId}; retry in a moment`);
  }
}
