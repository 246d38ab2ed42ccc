/**
 * Control-plane side of the agent sockets, free of NestJS and the database: the HTTP layer
 * authenticates the upgrade, resolves the node id, and hands the socket to `attach`.
 *
 * Sized for ~1,000 nodes heartbeating every 5 s in one process: one shared ping timer for all
 * sockets (not one per socket), one timer per in-flight request, and per-frame work limited to
 * JSON.parse + an envelope check + a Map lookup.
 */
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { AgentError, type AgentToServerFrame, type CommandFrame, type CommandName, type EventMap, type EventName, type HelloFrame, type Payload, type Result, parseAgentFrame } from './protocol';

export interface AgentHubOptions {
  /** Keepalive ping period (default 15 s). */
  pingIntervalMs?: number;
  /** Terminate a socket after this many unanswered pings (default 2). */
  maxMissedPongs?: number;
  /** Command timeout when `send` gets none (default 30 s). */
  defaultTimeoutMs?: number;
}

/** Whatever the HTTP layer knows about the connection (shown in admin views, logged). */
export interface AttachMeta {
  remoteAddress?: string;
  userAgent?: string;
  [key: string]: unknown;
}

export interface ConnectionInfo {
  nodeId: string;
  attachedAt: Date;
  /** Set once the agent said hello; until then the node does not count as connected. */
  hello: HelloFrame | null;
  /** Last frame or pong from the agent. */
  lastSeenAt: Date;
  meta: AttachMeta;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: AgentError) => void;
  timer: NodeJS.Timeout;
  conn: Connection;
}

interface Connection extends ConnectionInfo {
  socket: WebSocket;
  missedPongs: number;
  pending: Set<string>;
  closed: boolean;
}

// Typed overloads for consumers; EventEmitter stays the implementation.
export interface AgentHub {
  on(event: 'connected', listener: (nodeId: string, hello: HelloFrame) => void): this;
  on(event: 'disconnected', listener: (nodeId: string) => void): this;
  on(event: 'event', listener: <E extends EventName>(nodeId: string, eventName: E, data: EventMap[E]) => void): this;
  /** A frame the hub refused (malformed, unknown type); the socket stays open. */
  on(event: 'protocol_error', listener: (nodeId: string, message: string) => void): this;
  on(event: string | symbol, listener: (...args: never[]) => void): this;
}

let idCounter = 0;

export class AgentHub extends EventEmitter {
  private readonly connections = new Map<string, Connection>();
  private readonly pending = new Map<string, Pending>();
  private readonly pingIntervalMs: number;
  private readonly maxMissedPongs: number;
  private readonly defaultTimeoutMs: number;
  private pingTimer: NodeJS.Timeout | null = null;
  /** Request ids: a per-process prefix + counter is unique and far cheaper than randomUUID per command. */
  private readonly idPrefix = `${process.pid.toString(36)}${Date.now().toString(36)}-`;

  constructor(options: AgentHubOptions = {}) {
    super();
    this.pingIntervalMs = options.pingIntervalMs ?? 15_000;
    this.maxMissedPongs = options.maxMissedPongs ?? 2;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 30_000;
    // 1,000 nodes may each have a listener-owning service; do not warn about "leaks".
    this.setMaxListeners(0);
  }

  /** Takes over an authenticated socket for `nodeId`; an older socket of the same node is closed. */
  attach(nodeId: string, socket: WebSocket, meta: AttachMeta = {}): void {
    const previous = this.connections.get(nodeId);
    if (previous) this.drop(previous, 4000, 'replaced by a newer connection');

    const now = new Date();
    const conn: Connection = { nodeId, socket, attachedAt: now, lastSeenAt: now, hello: null, meta, missedPongs: 0, pending: new Set(), closed: false };
    this.connections.set(nodeId, conn);

    socket.on('message', (data: unknown, isBinary: boolean) => this.onMessage(conn, data, isBinary));
    socket.on('pong', () => {
      conn.missedPongs = 0;
      conn.lastSeenAt = new Date();
    });
    socket.on('close', () => this.drop(conn));
    // A socket error is always followed by 'close'; the listener only keeps it from throwing.
    socket.on('error', () => undefined);
    if (socket.readyState !== socket.OPEN && socket.readyState !== socket.CONNECTING) this.drop(conn);
    this.ensurePingTimer();
  }

  /** True once the node's current socket is open and its agent said hello. */
  isConnected(nodeId: string): boolean {
    const c = this.connections.get(nodeId);
    return !!c && c.hello !== null && !c.closed;
  }

  connectedNodeIds(): string[] {
    const ids: string[] = [];
    for (const c of this.connections.values()) if (c.hello !== null && !c.closed) ids.push(c.nodeId);
    return ids;
  }

  connection(nodeId: string): ConnectionInfo | null {
    const c = this.connections.get(nodeId);
    if (!c || c.closed) return null;
    return { nodeId: c.nodeId, attachedAt: c.attachedAt, hello: c.hello, lastSeenAt: c.lastSeenAt, meta: c.meta };
  }

  /**
   * Sends a command and resolves with the agent's result. Rejects with AgentError:
   * 'offline' (not connected: never sent), 'disconnected' (socket closed before the answer), 'timeout', or the agent's error code.
   */
  send<C extends CommandName>(nodeId: string, command: C, payload: Payload<C>, options: { timeoutMs?: number } = {}): Promise<Result<C>> {
    const conn = this.connections.get(nodeId);
    if (!conn || conn.closed || conn.hello === null || conn.socket.readyState !== conn.socket.OPEN) {
      return Promise.reject(new AgentError('offline', `node ${nodeId} is not connected`));
    }
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    const id = this.idPrefix + (++idCounter).toString(36);
    const frame: CommandFrame<C> = { type: 'command', id, command, payload, timeoutMs };
    return new Promise<Result<C>>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.settle(id)) reject(new AgentError('timeout', `${command} on node ${nodeId} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer, conn });
      conn.pending.add(id);
      conn.socket.send(JSON.stringify(frame), (err) => {
        if (err && this.settle(id)) reject(new AgentError('offline', `node ${nodeId}: send failed: ${err.message}`));
      });
    });
  }

  /** Closes the node's socket (e.g. node deleted, token revoked). */
  disconnect(nodeId: string, code = 4001, reason = 'disconnected by the control plane'): void {
    const c = this.connections.get(nodeId);
    if (c) this.drop(c, code, reason);
  }

  /**
   * Closes every socket with `code` and stops the ping timer (shutdown). A restarting control plane
   * passes AGENT_CLOSE_RECONNECT_NOW so agents reconnect at once instead of backing off.
   */
  close(code = 1001, reason = 'control plane shutting down'): void {
    for (const c of [...this.connections.values()]) this.drop(c, code, reason);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  // ───────────────────────── internals ─────────────────────────

  private onMessage(conn: Connection, data: unknown, isBinary: boolean): void {
    if (conn.closed) return;
    conn.lastSeenAt = new Date();
    if (isBinary) return this.refuse(conn, 'binary frames are not supported');
    const parsed = parseAgentFrame(data);
    if (!parsed.ok) {
      // A malformed response still settles its request, so the caller is not left waiting for a timeout.
      if (parsed.id) this.fail(parsed.id, new AgentError('invalid_frame', parsed.error));
      return this.refuse(conn, parsed.error);
    }
    const f: AgentToServerFrame = parsed.frame;
    switch (f.type) {
      case 'event':
        if (conn.hello === null) return this.refuse(conn, 'event before hello');
        this.emit('event', conn.nodeId, f.event, f.data);
        return;
      case 'response': {
        const p = this.pending.get(f.id);
        // Only the socket that carried the command may answer it; late answers (after a timeout) are dropped.
        if (!p || p.conn !== conn) return;
        this.settle(f.id);
        if (f.ok) p.resolve(f.result);
        else p.reject(new AgentError(f.error.code, f.error.message));
        return;
      }
      case 'hello':
        if (f.nodeId !== undefined && f.nodeId !== conn.nodeId) {
          // The token says one node, the agent's saved registration another: refuse rather than mix up two machines.
          this.emit('protocol_error', conn.nodeId, `hello nodeId ${f.nodeId} does not match the token's node`);
          this.drop(conn, 4003, 'node id does not match the token');
          return;
        }
        {
          const first = conn.hello === null;
          conn.hello = f;
          if (first) this.emit('connected', conn.nodeId, f);
        }
        return;
      case 'error':
        this.emit('protocol_error', conn.nodeId, `agent refused a frame: ${f.code}: ${f.message}`);
        return;
    }
  }

  private refuse(conn: Connection, message: string): void {
    this.emit('protocol_error', conn.nodeId, message);
    if (conn.socket.readyState === conn.socket.OPEN) conn.socket.send(JSON.stringify({ type: 'error', code: 'invalid_frame', message }));
  }

  /** Removes a pending request and clears its timer; false if it was already settled. */
  private settle(id: string): boolean {
    const p = this.pending.get(id);
    if (!p) return false;
    clearTimeout(p.timer);
    this.pending.delete(id);
    p.conn.pending.delete(id);
    return true;
  }

  private fail(id: string, err: AgentError): void {
    const p = this.pending.get(id);
    if (p && this.settle(id)) p.reject(err);
  }

  /** Forgets a connection (idempotent): rejects its requests, emits 'disconnected' if it had said hello. */
  private drop(conn: Connection, code?: number, reason?: string): void {
    if (conn.closed) return;
    conn.closed = true;
    if (this.connections.get(conn.nodeId) === conn) this.connections.delete(conn.nodeId);
    for (const id of [...conn.pending]) this.fail(id, new AgentError('disconnected', `node ${conn.nodeId} disconnected before answering`));
    if (code !== undefined) {
      try {
        conn.socket.close(code, reason);
      } catch {
        conn.socket.terminate();
      }
      // A peer that never completes the closing handshake must not hold the socket open.
      const t = setTimeout(() => conn.socket.terminate(), 5_000);
      t.unref();
    }
    if (conn.hello !== null) this.emit('disconnected', conn.nodeId);
    if (this.connections.size === 0 && this.pingTimer) {
      clearInterval(this.pingTimer);
      this.pingTimer = null;
    }
  }

  private ensurePingTimer(): void {
    if (this.pingTimer) return;
    this.pingTimer = setInterval(() => this.pingAll(), this.pingIntervalMs);
    this.pingTimer.unref();
  }

  private pingAll(): void {
    for (const conn of [...this.connections.values()]) {
      if (conn.missedPongs >= this.maxMissedPongs) {
        this.drop(conn);
        conn.socket.terminate();
        continue;
      }
      conn.missedPongs++;
      if (conn.socket.readyState === conn.socket.OPEN) conn.socket.ping();
    }
  }
}

export { AgentError };
