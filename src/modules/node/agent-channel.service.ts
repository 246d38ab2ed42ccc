import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AgentCommandRelay } from './agent-relay';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { EventEmitter } from 'node:events';
import { WebSocketServer } from 'ws';
import { AgentHub } from '../../../libs/agent-protocol/agent-hub';
import { AGENT_TOKEN_HEADER, AGENT_WS_PATH, CommandName, EventMap, EventName, MAX_FRAME_BYTES, Payload, Result } from '../../../libs/agent-protocol/protocol';
import { DomainId, trustedDomainId } from '../../../libs/tenancy/domain-id';
import { sha256 } from '../auth/token.service';
import { NodeStatus } from './entities/node.entity';
import { NodeMetricRepository, NodeRepository } from './node.repository';
import { toAppError } from './agent-errors';

export const HEARTBEAT_FLUSH_MS = 1000;
/** A node that sent nothing for this long is offline (agents beat every 5 s). */
export const OFFLINE_AFTER_MS = 20_000;

export interface AgentEvent<E extends EventName = EventName> {
  nodeId: string;
  domainId: DomainId;
  event: E;
  data: EventMap[E];
}

/**
 * The control plane's end of the agent sockets: authenticates upgrades on /agent/ws by agent
 * token, keeps node status in step with connections and heartbeats, stores inventory and
 * metrics, and re-emits agent events (tagged with the node's domain) for other modules.
 */
@Injectable()
export class AgentChannel implements OnApplicationBootstrap, OnModuleDestroy {
  readonly hub = new AgentHub();
  /** Agent events for other modules (gameserver state, console), already bound to a domain. */
  readonly events = new EventEmitter();
  private readonly logger = new Logger('AgentChannel');
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  /** Node → owning domain; null for a shared node (its events belong to each server's domain). */
  private readonly domainOf = new Map<string, DomainId | null>();
  /** Server → domain, for events from shared nodes (a server's domain never changes). */
  private readonly serverDomains = new Map<string, DomainId>();
  private pendingBeats = new Map<string, Date>();
  private timers: NodeJS.Timeout[] = [];
  private upgradeListener?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

  /** Cross-process command relay (Redis); absent without REDIS_URL (single process). */
  private readonly relay?: AgentCommandRelay;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly nodes: NodeRepository,
    private readonly metrics: NodeMetricRepository,
  ) {
    this.events.setMaxListeners(50);
    if (config.REDIS_URL) {
      // The database name keeps installations (and parallel test runs) apart on one Redis.
      const db = config.DATABASE_URL ? new URL(config.DATABASE_URL).pathname.slice(1) : 'outpost';
      this.relay = new AgentCommandRelay(config.REDIS_URL, `outpost:${db}:agent-rpc:`, (nodeId, command, payload, timeoutMs) =>
        this.hub.send(nodeId, command, payload as never, { timeoutMs }),
      );
    }
    const report = (what: string) => (err: unknown) => this.logger.error({ err }, `agent ${what} handling failed`);
    this.hub.on('connected', (nodeId, hello) => void this.onConnected(nodeId, hello.agentVersion).catch(report('connect')));
    this.hub.on('disconnected', (nodeId) => void this.onDisconnected(nodeId).catch(report('disconnect')));
    this.hub.on('event', (nodeId, event, data) => void this.onEvent(nodeId, event, data));
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer?.();
    if (server) {
      this.upgradeListener = (req, socket, head) => {
        if (!req.url || new URL(req.url, 'http://x').pathname !== AGENT_WS_PATH) return;
        void this.handleUpgrade(req, socket, head);
      };
      server.on('upgrade', this.upgradeListener);
    }
    this.timers.push(setInterval(() => void this.flushHeartbeats(), HEARTBEAT_FLUSH_MS).unref());
    this.timers.push(setInterval(() => void this.sweepSilent(), 5000).unref());
  }

  async onModuleDestroy(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    const server = this.adapterHost.httpAdapter?.getHttpServer?.();
    if (server && this.upgradeListener) server.off('upgrade', this.upgradeListener);
    for (const client of this.wss.clients) client.terminate();
    this.hub.close();
    await this.relay?.close();
    await this.flushHeartbeats();
  }

  private async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const refuse = (status: number, text: string) => {
      socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    try {
      const token = req.headers[AGENT_TOKEN_HEADER];
      if (typeof token !== 'string' || !token) return refuse(401, 'Unauthorized');
      const node = await this.nodes.findByAgentTokenHash(sha256(token));
      if (!node) return refuse(401, 'Unauthorized');
      this.domainOf.set(node.id, node.domainId ? trustedDomainId(node.domainId) : null);
      this.wss.handleUpgrade(req, socket, head, (ws) => this.hub.attach(node.id, ws, { remoteAddress: req.socket.remoteAddress, userAgent: req.headers['user-agent'] }));
    } catch (err) {
      this.logger.error({ err }, 'agent upgrade failed');
      refuse(503, 'Service Unavailable');
    }
  }

  private async onConnected(nodeId: string, agentVersion: string): Promise<void> {
    await this.relay?.own(nodeId);
    await this.nodes.setAgentFields(nodeId, { status: NodeStatus.ONLINE, lastHeartbeatAt: new Date(), agentVersion });
    this.logger.log({ nodeId }, 'agent connected');
  }

  private async onDisconnected(nodeId: string): Promise<void> {
    // Another process (or a newer socket here) may hold the node now; only mark offline when nobody does.
    if (this.hub.isConnected(nodeId)) return;
    await this.relay?.disown(nodeId);
    this.pendingBeats.delete(nodeId);
    await this.nodes.setAgentFields(nodeId, { status: NodeStatus.OFFLINE });
    this.logger.log({ nodeId }, 'agent disconnected');
  }

  private async onEvent<E extends EventName>(nodeId: string, event: E, data: EventMap[E]): Promise<void> {
    const domainId = this.domainOf.get(nodeId);
    if (domainId === undefined) return;
    try {
      if (event === 'heartbeat') {
        this.pendingBeats.set(nodeId, new Date());
      } else if (event === 'inventory') {
        const inv = data as EventMap['inventory'];
        await this.nodes.setAgentFields(nodeId, { inventory: inv as never, status: NodeStatus.ONLINE, lastHeartbeatAt: new Date() });
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
      for (const target of await this.eventDomains(nodeId, domainId, event, data)) {
        this.events.emit('agent-event', { nodeId, domainId: target, event, data } satisfies AgentEvent);
      }
    } catch (err) {
      this.logger.error({ err, nodeId, event }, 'failed to handle agent event');
    }
  }

  /**
   * Which domains an event concerns: the node's own; for a shared node, the domain of the server
   * the event is about (only servers placed on that node are answered for), or, for a whole-node
   * inventory, every domain with servers there.
   */
  private async eventDomains(nodeId: string, owner: DomainId | null, event: EventName, data: unknown): Promise<DomainId[]> {
    if (owner) return [owner];
    if (event === 'inventory') return (await this.nodes.serverDomainsOnNode(nodeId)).map((d) => trustedDomainId(d));
    const serverId = (data as { serverId?: unknown })?.serverId;
    if (typeof serverId !== 'string') return [];
    const cached = this.serverDomains.get(serverId);
    if (cached) return [cached];
    const found = await this.nodes.serverDomain(nodeId, serverId);
    if (!found) return [];
    if (this.serverDomains.size > 50_000) this.serverDomains.clear();
    this.serverDomains.set(serverId, trustedDomainId(found));
    return [trustedDomainId(found)];
  }

  async flushHeartbeats(): Promise<void> {
    if (!this.pendingBeats.size) return;
    const beats = [...this.pendingBeats].map(([nodeId, at]) => ({ nodeId, at }));
    this.pendingBeats = new Map();
    try {
      await this.nodes.recordHeartbeats(beats);
    } catch (err) {
      this.logger.error({ err }, 'failed to record heartbeats');
    }
  }

  private async sweepSilent(): Promise<void> {
    try {
      const gone = await this.nodes.markSilentOffline(new Date(Date.now() - OFFLINE_AFTER_MS));
      for (const n of gone) this.logger.warn({ nodeId: n.id }, 'node went offline: heartbeats stopped');
    } catch (err) {
      this.logger.error({ err }, 'offline sweep failed');
    }
  }

  /** Sends a command to a node's agent (here, or through the process holding its socket); agent failures become API errors. */
  async send<C extends CommandName>(nodeId: string, command: C, payload: Payload<C>, timeoutMs = 30_000): Promise<Result<C>> {
    try {
      if (this.relay && !this.hub.isConnected(nodeId)) return await this.relay.send(nodeId, command, payload, timeoutMs);
      return await this.hub.send(nodeId, command, payload, { timeoutMs });
    } catch (err) {
      throw toAppError(err);
    }
  }

  isConnected(nodeId: string): boolean {
    return this.hub.isConnected(nodeId);
  }
}
