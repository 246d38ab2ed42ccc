/**
 * Test double of the control plane's agent endpoints, built from node:http + ws + AgentHub:
 * `POST /agent/register` and the `/agent/ws` upgrade with X-Agent-Token auth, as the NestJS side
 * is meant to implement them. Used by the agent's tests only.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { AgentHub, type AgentHubOptions } from '@libs/agent-protocol/agent-hub';
import { AGENT_REGISTER_PATH, AGENT_TOKEN_PREFIX, AGENT_WS_PATH, type ConsoleOutputEvent, type EventMap, type EventName, type HelloFrame } from '@libs/agent-protocol/protocol';

export interface RecordedEvent {
  nodeId: string;
  event: EventName;
  data: unknown;
  at: number;
}

export class TestControlPlane {
  readonly hub: AgentHub;
  readonly http: Server;
  readonly wss: WebSocketServer;
  /** agent token → node id */
  readonly agentTokens = new Map<string, string>();
  /** unused register tokens → node id they enrol */
  readonly registerTokens = new Map<string, string>();
  readonly registrations: Array<{ registerToken: string; hostname: string; agentVersion: string }> = [];
  readonly upgrades: Array<{ at: number; status: number }> = [];
  readonly events: RecordedEvent[] = [];
  readonly hellos: Array<{ nodeId: string; hello: HelloFrame; at: number }> = [];
  /** Server-side sockets per node, in attach order (tests kill them). */
  readonly sockets = new Map<string, WebSocket>();
  /** While set, socket upgrades are answered 503 (the control plane is "down" for agents). */
  refuseUpgrades = false;
  /** Resent console lines dropped as copies of lines already recorded. */
  droppedResent = 0;
  url = '';

  constructor(hubOptions: AgentHubOptions = {}) {
    this.hub = new AgentHub(hubOptions);
    this.hub.on('connected', (nodeId: string, hello: HelloFrame) => this.hellos.push({ nodeId, hello, at: Date.now() }));
    this.hub.on('event', (nodeId: string, event: EventName, data: unknown) => {
      // Like the API's console hub: a resent line it already has is a copy (the protocol's `resent`).
      if (event === 'console.output' && (data as ConsoleOutputEvent).resent && this.hasLine(nodeId, data as ConsoleOutputEvent)) {
        this.droppedResent++;
        return;
      }
      this.events.push({ nodeId, event, data, at: Date.now() });
    });
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
  }

  async listen(): Promise<this> {
    await new Promise<void>((done) => this.http.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
    return this;
  }

  addNode(nodeId: string): { agentToken: string; registerToken: string } {
    const agentToken = `${AGENT_TOKEN_PREFIX}${randomBytes(16).toString('hex')}`;
    const registerToken = `outpost_reg_${randomBytes(16).toString('hex')}`;
    this.agentTokens.set(agentToken, nodeId);
    this.registerTokens.set(registerToken, nodeId);
    return { agentToken, registerToken };
  }

  private hasLine(nodeId: string, l: ConsoleOutputEvent): boolean {
    return this.eventsOf('console.output', nodeId).some((x) => x.serverId === l.serverId && x.time === l.time && x.stream === l.stream && x.line === l.line);
  }

  eventsOf<E extends EventName>(event: E, nodeId?: string): Array<EventMap[E]> {
    return this.events.filter((e) => e.event === event && (!nodeId || e.nodeId === nodeId)).map((e) => e.data as EventMap[E]);
  }

  /** Resolves with the first recorded event matching `pred` (also ones already recorded after `since`). */
  waitForEvent<E extends EventName>(event: E, pred: (d: EventMap[E]) => boolean = () => true, timeoutMs = 10_000, since = 0): Promise<EventMap[E]> {
    return waitFor(
      () => {
        const hit = this.events.find((e) => e.at >= since && e.event === event && pred(e.data as EventMap[E]));
        return hit ? (hit.data as EventMap[E]) : undefined;
      },
      timeoutMs,
      `event ${event}`,
    );
  }

  async close(): Promise<void> {
    this.hub.close();
    for (const c of this.wss.clients) c.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((done) => this.http.close(() => done()));
  }

  private async onRequest(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== AGENT_REGISTER_PATH) return reply(404, { meta: { error: { code: 'not_found', message: 'not found' } }, data: null });
    let raw = '';
    for await (const chunk of req) raw += chunk;
    let body: { registerToken?: string; hostname?: string; agentVersion?: string };
    try {
      body = JSON.parse(raw);
    } catch {
      return reply(400, { meta: { error: { code: 'validation_failed', message: 'bad json' } }, data: null });
    }
    const nodeId = body.registerToken ? this.registerTokens.get(body.registerToken) : undefined;
    if (!nodeId) return reply(401, { meta: { error: { code: 'unauthorized', message: 'invalid or used register token' } }, data: null });
    this.registerTokens.delete(body.registerToken!); // one-time
    this.registrations.push({ registerToken: body.registerToken!, hostname: String(body.hostname), agentVersion: String(body.agentVersion) });
    const agentToken = `${AGENT_TOKEN_PREFIX}${randomBytes(16).toString('hex')}`;
    this.agentTokens.set(agentToken, nodeId);
    reply(201, { meta: {}, data: { nodeId, agentToken } });
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.refuseUpgrades) {
      this.upgrades.push({ at: Date.now(), status: 503 });
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const token = req.headers['x-agent-token'];
    const nodeId = typeof token === 'string' ? this.agentTokens.get(token) : undefined;
    if (new URL(req.url ?? '/', 'http://x').pathname !== AGENT_WS_PATH || !nodeId) {
      const status = nodeId ? 404 : 401;
      this.upgrades.push({ at: Date.now(), status });
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    this.upgrades.push({ at: Date.now(), status: 101 });
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.set(nodeId, ws);
      this.hub.attach(nodeId, ws, { remoteAddress: req.socket.remoteAddress });
    });
  }
}

export async function waitFor<T>(probe: () => T | undefined | false | null, timeoutMs: number, what: string, intervalMs = 20): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false && v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
