/**
 * The node agent: dials the control plane (`/agent/ws`), says hello, reports inventory (on connect
 * and periodically), heartbeats and metrics, and executes commands through a ContainerDriver.
 * Survives control-plane restarts (reconnects with backoff, at once on AGENT_CLOSE_RECONNECT_NOW,
 * reconciles with a fresh inventory), keeps console lines read while disconnected and sends them
 * after the reconnect inventory, and never lets a command, a malformed frame or a runtime error
 * take the process down. Only containers labelled with its node id (or recorded in its store)
 * are its own: several agents may share one Docker host.
 */
import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { resolve } from 'node:path';
import WebSocket from 'ws';
import {
  AGENT_CLOSE_RECONNECT_NOW,
  AGENT_WS_PATH,
  type AgentToServerFrame,
  type CommandFrame,
  type ConsoleOutputEvent,
  type EventMap,
  type EventName,
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  parseServerFrame,
} from '@libs/agent-protocol/protocol';
import { type ContainerDriver, type ContainerEvent, NODE_ID_LABEL, SERVER_ID_LABEL } from '@libs/container-driver/container-driver';
import { DockerDriver } from '@libs/container-driver/docker-driver';
import { VERSION } from '../core/version';
import { backupHandlers, cleanBackupLeftovers } from './backup-commands';
import { type CommandContext, containerHandlers, errorBody, type Handler } from './commands';
import { ConsoleBuffer } from './console-buffer';
import { fileHandlers, forgetServerFiles } from './files-commands';
import { type AgentLogger, silentLogger } from './logger';
import { containerOwnership, ownedOnly, type OwnsContainer } from './ownership';
import { transferHandlers } from './transfers';
import { type AgentCredentials, RegistrationError, resolveCredentials, wsUrl } from './registration';
import { ServerStore } from './server-store';
import { ServerStreams } from './server-streams';
import { inventory, MetricsSampler } from './system-info';

/**
 * Console lines kept for a resend until a pong confirms them: the control plane recognises copies
 * within its console buffer (1,000 lines per server by default), so keeping more would only resend
 * lines it can no longer tell apart.
 */
const MAX_UNCONFIRMED_LINES = 1_000;

export interface AgentOptions {
  /** Control plane base URL (http(s):// or ws(s)://, may carry a path prefix). */
  url: string;
  /** `outpost_reg_…` (registers once) or `outpost_agent_…`; optional when agent.json exists. */
  token?: string;
  dataDir: string;
  heartbeatIntervalMs?: number;
  metricsIntervalMs?: number;
  /** Inventory is sent on connect, after an event-stream resync and every this often (default 30 s): the control plane reconciles on each. */
  inventoryIntervalMs?: number;
  /** Per-server `server.stats` events, at most one per server per period (default 10 s). */
  serverStatsIntervalMs?: number;
  driver?: ContainerDriver;
  logger?: AgentLogger;
  reconnect?: {
    /** First retry delay (default 500 ms); doubles per failed attempt, with jitter. */
    baseMs?: number;
    /** Longest retry delay (default 5 s: a node must not stay offline long after the control plane is back). */
    maxMs?: number;
    /** A connection open this long resets the backoff (default 10 s). */
    stableAfterMs?: number;
  };
  /** Keep retrying (at the max backoff) when the upgrade is refused with 401/403. Default false. */
  retryOnAuthFailure?: boolean;
  /** Drop the socket when the control plane sent nothing (not even a ping) for this long (default 60 s). */
  serverSilenceTimeoutMs?: number;
  /** Container events kept while disconnected and sent after the reconnect inventory. */
  maxBufferedEvents?: number;
  /** Console lines kept while disconnected (oldest dropped first): per server (default 2,000) and in total (default 20,000). */
  consoleBuffer?: { perServer?: number; total?: number };
  hostname?: string;
  agentVersion?: string;
}

export type AgentState = 'idle' | 'registering' | 'connecting' | 'connected' | 'waiting' | 'auth_failed' | 'stopped';

export interface Agent {
  on(event: 'connected', listener: () => void): this;
  on(event: 'disconnected', listener: (info: { code: number; reason: string }) => void): this;
  /** The control plane refused the token; unless retryOnAuthFailure, the agent stops trying. */
  on(event: 'auth_failed', listener: (info: { status: number }) => void): this;
  on(event: 'reconnect_scheduled', listener: (info: { attempt: number; delayMs: number }) => void): this;
  on(event: string | symbol, listener: (...args: never[]) => void): this;
}

export class Agent extends EventEmitter {
  readonly driver: ContainerDriver;
  private readonly log: AgentLogger;
  private readonly dataDir: string;
  private readonly store: ServerStore;
  private readonly streams: ServerStreams;
  private readonly sampler: MetricsSampler;
  private readonly handlers: Partial<Record<string, Handler>>;
  private readonly ctx: CommandContext;
  private readonly owns: OwnsContainer;
  private readonly consoleBuffer: ConsoleBuffer;
  private readonly hostname: string;
  private readonly agentVersion: string;

  private state: AgentState = 'idle';
  private credentials: AgentCredentials | null = null;
  private ws: WebSocket | null = null;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private stableTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private metricsTimer: NodeJS.Timeout | null = null;
  private inventoryTimer: NodeJS.Timeout | null = null;
  /**
   * Console lines sent on the current socket that no pong has confirmed yet, oldest first. A socket
   * cut without a close (the control plane killed, a network drop) loses what was in flight: these
   * are sent again, flagged `resent`, after the reconnect, and the control plane drops the copies it has.
   */
  private unconfirmed: Array<{ event: ConsoleOutputEvent; time: number; n: number }> = [];
  /** Lines sent on the current socket so far. */
  private sentLines = 0;
  /** The ping in flight (one at a time): its pong confirms the lines sent before it was sent. */
  private pingMark: number | null = null;
  private pingScheduled = false;
  /** The socket an inventory is being gathered for (a new connection never waits on an old one's). */
  private inventoryInFlight: WebSocket | null = null;
  /**
   * Connected and reconciled (the reconnect inventory and the backlog are sent): only then do live
   * console lines and events go out directly, so none overtakes the backlog.
   */
  private ready = false;
  /** Container events are handled one after another (ownership checks are async; order matters). */
  private eventChain: Promise<void> = Promise.resolve();
  private stopEvents: (() => void) | null = null;
  private eventsRetryTimer: NodeJS.Timeout | null = null;
  private buffered: ContainerEvent[] = [];
  private lastReceivedAt = 0;
  private startedAt = 0;
  private stopping: Promise<void> | null = null;
  private readonly stopSignal = new AbortController();

  constructor(private readonly options: AgentOptions) {
    super();
    this.log = options.logger ?? silentLogger;
    this.dataDir = resolve(options.dataDir);
    this.driver = options.driver ?? defaultDriver();
    this.store = new ServerStore(this.dataDir);
    this.sampler = new MetricsSampler(this.dataDir);
    this.hostname = options.hostname ?? os.hostname();
    this.agentVersion = options.agentVersion ?? VERSION;
    this.owns = containerOwnership(() => this.credentials?.nodeId, this.store);
    this.consoleBuffer = new ConsoleBuffer(options.consoleBuffer?.perServer, options.consoleBuffer?.total);
    this.streams = new ServerStreams({
      driver: this.driver,
      logger: this.log,
      store: this.store,
      statsIntervalMs: options.serverStatsIntervalMs ?? 10_000,
      onLine: (serverId, line, stream, time) => this.onConsoleLine({ serverId, stream, line, time: new Date(time).toISOString() }, time),
      onStats: (serverId, stats) => this.sendEvent('server.stats', { serverId, stats }),
    });
    this.ctx = {
      nodeId: () => this.credentials?.nodeId,
      ownsContainer: this.owns,
      driver: this.driver,
      store: this.store,
      streams: this.streams,
      inventory: () => inventory(this.driver, this.dataDir, this.owns),
      forgetFiles: (serverId) => forgetServerFiles(this.store.root, serverId),
    };
    this.handlers = {
      ...containerHandlers,
      ...fileHandlers,
      ...transferHandlers(() => (this.credentials ? { url: this.options.url, agentToken: this.credentials.agentToken } : null)),
      ...backupHandlers(() => (this.credentials ? { url: this.options.url, agentToken: this.credentials.agentToken } : null)),
    };
  }

  get currentState(): AgentState {
    return this.state;
  }

  get nodeId(): string | undefined {
    return this.credentials?.nodeId;
  }

  /**
   * Resolves the credentials (registering with a register token, retrying while the control plane
   * is unreachable), then connects in the background. Rejects only on a refused registration or
   * an unusable token/data dir.
   */
  async start(): Promise<void> {
    if (this.state !== 'idle') throw new Error(`agent already ${this.state}`);
    this.startedAt = Date.now();
    await fs.mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    await cleanBackupLeftovers(this.dataDir); // archives and restores a killed agent left half-done
    this.state = 'registering';
    try {
      this.credentials = await this.resolveWithRetry();
    } catch (err) {
      if (this.isStopped()) return;
      throw err;
    }
    if (this.isStopped()) return;
    await this.subscribeDriverEvents();
    await this.reattachRunning();
    this.connect();
  }

  async stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    this.stopping = (async () => {
      this.state = 'stopped';
      this.stopSignal.abort();
      for (const t of [this.reconnectTimer, this.stableTimer, this.eventsRetryTimer]) if (t) clearTimeout(t);
      this.clearSessionTimers();
      this.ready = false;
      const ws = this.ws;
      this.ws = null;
      if (ws) {
        ws.removeAllListeners('message');
        await new Promise<void>((done) => {
          if (ws.readyState === WebSocket.CLOSED) return done();
          ws.once('close', () => done());
          const t = setTimeout(() => {
            ws.terminate();
            done();
          }, 2_000);
          t.unref();
          if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
          else ws.close(1001, 'agent stopping');
        });
      }
      await this.streams.closeAll();
      this.stopEvents?.();
      this.stopEvents = null;
      this.log.info({}, 'agent stopped');
    })();
    return this.stopping;
  }

  // ───────────────────────── registration ─────────────────────────

  private async resolveWithRetry(): Promise<AgentCredentials> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await resolveCredentials({
          url: this.options.url,
          token: this.options.token,
          dataDir: this.dataDir,
          hostname: this.hostname,
          agentVersion: this.agentVersion,
          logger: this.log,
        });
      } catch (err) {
        if (!(err instanceof RegistrationError) || !err.retryable || this.isStopped()) throw err;
        const delayMs = this.backoff(attempt);
        this.log.warn({ err: err.message, retryInMs: delayMs }, 'registration failed; retrying');
        await sleep(delayMs, this.stopSignal.signal);
        if (this.isStopped()) throw err;
      }
    }
  }

  // ───────────────────────── connection ─────────────────────────

  private connect(): void {
    if (this.isStopped() || !this.credentials) return;
    this.state = 'connecting';
    const url = wsUrl(this.options.url, AGENT_WS_PATH);
    const ws = new WebSocket(url, {
      headers: { 'X-Agent-Token': this.credentials.agentToken },
      maxPayload: MAX_FRAME_BYTES,
      handshakeTimeout: 15_000,
    });
    this.ws = ws;
    let refusedStatus = 0;

    ws.on('unexpected-response', (_req, res) => {
      refusedStatus = res.statusCode ?? 0;
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => this.onOpen(ws));
    ws.on('message', (data, isBinary) => {
      this.lastReceivedAt = Date.now();
      if (isBinary) return this.send(ws, { type: 'error', code: 'invalid_frame', message: 'binary frames are not supported' });
      this.onMessage(ws, data);
    });
    ws.on('ping', () => {
      this.lastReceivedAt = Date.now();
    });
    ws.on('pong', () => {
      this.lastReceivedAt = Date.now();
      if (this.ws === ws) this.confirmed(ws);
    });
    ws.on('error', (err) => {
      // 'close' always follows; logged at debug because refused/unreachable is reported there.
      this.log.debug({ err: err.message }, 'socket error');
    });
    ws.on('close', (code, reasonBuf) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.ready = false;
      this.requeueUnconfirmed();
      const wasOpen = this.state === 'connected';
      this.clearSessionTimers();
      if (this.stableTimer) clearTimeout(this.stableTimer);
      if (this.isStopped()) return;
      const reason = reasonBuf.toString();
      if (wasOpen) {
        this.log.warn({ code, reason }, 'disconnected from the control plane');
        this.emit('disconnected', { code, reason });
      }
      if (refusedStatus === 401 || refusedStatus === 403) {
        if (!this.options.retryOnAuthFailure) {
          this.state = 'auth_failed';
          this.log.error({ status: refusedStatus, url }, 'control plane refused the agent token (bad, revoked or node deleted): not retrying; re-register with a new token');
          this.emit('auth_failed', { status: refusedStatus });
          return;
        }
        this.log.error({ status: refusedStatus }, 'control plane refused the agent token; retrying at the maximum backoff');
        this.emit('auth_failed', { status: refusedStatus });
        if (this.isStopped()) return;
        this.attempt = Math.max(this.attempt, 64);
      } else if (refusedStatus) {
        this.log.warn({ status: refusedStatus }, 'control plane refused the upgrade');
      } else if (code === AGENT_CLOSE_RECONNECT_NOW) {
        // Graceful control-plane restart: come back at once (jitter spreads a thousand agents over 250 ms).
        this.attempt = 0;
        this.scheduleReconnect(Math.round(Math.random() * 250));
        return;
      }
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(fixedDelayMs?: number): void {
    const delayMs = fixedDelayMs ?? this.backoff(this.attempt);
    this.attempt++;
    this.state = 'waiting';
    this.emit('reconnect_scheduled', { attempt: this.attempt, delayMs });
    this.log.info({ attempt: this.attempt, delayMs }, 'reconnecting');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delayMs);
  }

  /** Exponential with "equal jitter": half fixed, half random, so agents restarted together spread out. */
  private backoff(attempt: number): number {
    const base = this.options.reconnect?.baseMs ?? 500;
    const max = this.options.reconnect?.maxMs ?? 5_000;
    const d = Math.min(max, base * 2 ** Math.min(attempt, 30));
    return Math.round(d / 2 + Math.random() * (d / 2));
  }

  private onOpen(ws: WebSocket): void {
    if (this.ws !== ws || this.isStopped()) return;
    this.state = 'connected';
    this.ready = false;
    this.lastReceivedAt = Date.now();
    this.log.info({ nodeId: this.credentials?.nodeId }, 'connected to the control plane');
    this.send(ws, { type: 'hello', agentVersion: this.agentVersion, hostname: this.hostname, nodeId: this.credentials?.nodeId, protocolVersion: PROTOCOL_VERSION });
    this.stableTimer = setTimeout(() => {
      this.attempt = 0;
    }, this.options.reconnect?.stableAfterMs ?? 10_000);
    this.emit('connected');
    void this.afterHello(ws);
  }

  /**
   * Reconcile (fresh inventory, then the events and console lines kept while disconnected, then
   * consoles of running servers), then the periodic reports.
   */
  private async afterHello(ws: WebSocket): Promise<void> {
    await this.sendInventory(ws);
    if (this.ws !== ws) return;
    // Synchronous from here to `ready`: nothing live can slip in between the backlog lines.
    const backlog = this.buffered;
    this.buffered = [];
    for (let i = 0; i < backlog.length; i++) {
      if (this.send(ws, { type: 'event', event: 'container.event', data: backlog[i] })) continue;
      this.buffered = backlog.slice(i); // the socket is closing: keep them for the next connection
      break;
    }
    this.flushConsole(ws);
    this.ready = true;
    this.heartbeat(ws);
    this.heartbeatTimer = setInterval(() => this.heartbeat(ws), this.options.heartbeatIntervalMs ?? 5_000);
    this.metricsTimer = setInterval(() => void this.metrics(ws), this.options.metricsIntervalMs ?? 15_000);
    this.inventoryTimer = setInterval(() => void this.sendInventory(ws), this.options.inventoryIntervalMs ?? 30_000);
    void this.metrics(ws);
    await this.reattachRunning();
  }

  private async sendInventory(ws: WebSocket): Promise<void> {
    // A slow runtime must not pile up inventories; the next tick sends a fresh one.
    if (this.inventoryInFlight === ws) return;
    this.inventoryInFlight = ws;
    try {
      const inv = await inventory(this.driver, this.dataDir, this.owns);
      if (this.ws === ws) this.send(ws, { type: 'event', event: 'inventory', data: inv });
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'inventory failed');
    } finally {
      if (this.inventoryInFlight === ws) this.inventoryInFlight = null;
    }
  }

  /** Console lines kept while disconnected, oldest first; a server that lost lines gets a note where they were. */
  private flushConsole(ws: WebSocket): void {
    if (!this.consoleBuffer.size) return;
    const { lines, dropped } = this.consoleBuffer.drain();
    for (const [serverId, n] of dropped) this.log.warn({ serverId, dropped: n }, 'console lines dropped while disconnected (buffer full)');
    for (let i = 0; i < lines.length; i++) {
      const { event, time } = lines[i];
      const n = dropped.get(event.serverId);
      if (n) {
        dropped.delete(event.serverId);
        const note: ConsoleOutputEvent = { serverId: event.serverId, stream: 'stderr', line: `[outpost-agent] ${n} console line(s) lost while the control plane was unreachable`, time: event.time };
        this.send(ws, { type: 'event', event: 'console.output', data: note });
      }
      if (!this.send(ws, { type: 'event', event: 'console.output', data: event })) {
        // The socket went away mid-flush: keep the rest for the next connection.
        for (const rest of lines.slice(i)) this.consoleBuffer.push(rest.event, rest.time);
        return;
      }
      this.noteSent(event, time);
    }
  }

  /** A console line: out now when reconciled and connected, else kept for the next connection. */
  private onConsoleLine(event: ConsoleOutputEvent, time: number): void {
    const ws = this.ws;
    if (ws && this.ready && this.send(ws, { type: 'event', event: 'console.output', data: event })) {
      this.noteSent(event, time);
      return;
    }
    this.consoleBuffer.push(event, time);
  }

  private noteSent(event: ConsoleOutputEvent, time: number): void {
    this.streams.markSent(event.serverId, time);
    this.unconfirmed.push({ event, time, n: this.sentLines++ });
    // A control plane that never answers pings is dropped by the silence check long before this fills.
    if (this.unconfirmed.length > MAX_UNCONFIRMED_LINES) this.unconfirmed.splice(0, this.unconfirmed.length - MAX_UNCONFIRMED_LINES);
    const ws = this.ws;
    if (ws && this.pingMark === null && !this.pingScheduled) {
      // One ping for a burst of lines (the rest of this tick's output).
      this.pingScheduled = true;
      setImmediate(() => {
        this.pingScheduled = false;
        if (this.ws === ws) this.askConfirmation(ws);
      });
    }
  }

  /** A ping after the last line sent: its pong proves the control plane read every line before it (frames arrive in order). */
  private askConfirmation(ws: WebSocket): void {
    if (!this.unconfirmed.length || this.pingMark !== null || ws.readyState !== WebSocket.OPEN) return;
    this.pingMark = this.sentLines;
    ws.ping();
  }

  private confirmed(ws: WebSocket): void {
    const mark = this.pingMark;
    this.pingMark = null;
    if (mark === null) return;
    let k = 0;
    while (k < this.unconfirmed.length && this.unconfirmed[k].n < mark) k++;
    this.unconfirmed.splice(0, k);
    this.askConfirmation(ws); // lines sent while that ping was out
  }

  /** Console lines sent but not yet confirmed by the control plane (tests, diagnostics). */
  get unconfirmedConsoleLines(): number {
    return this.unconfirmed.length;
  }

  /** The socket is gone: its unconfirmed lines go first in the buffer, to be sent again after the reconnect. */
  private requeueUnconfirmed(): void {
    const again = this.unconfirmed.map((u) => ({ event: { ...u.event, resent: true as const }, time: u.time }));
    this.unconfirmed = [];
    this.pingMark = null;
    this.sentLines = 0;
    if (again.length) this.consoleBuffer.requeue(again);
  }

  private heartbeat(ws: WebSocket): void {
    const silence = Date.now() - this.lastReceivedAt;
    if (silence > (this.options.serverSilenceTimeoutMs ?? 60_000)) {
      // Half-open TCP (NAT dropped the mapping, server vanished): only silence tells.
      this.log.warn({ silenceMs: silence }, 'control plane silent; dropping the connection');
      ws.terminate();
      return;
    }
    this.send(ws, { type: 'event', event: 'heartbeat', data: { time: new Date().toISOString(), uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) } });
  }

  private async metrics(ws: WebSocket): Promise<void> {
    try {
      const m = await this.sampler.sample();
      if (this.ws === ws) this.send(ws, { type: 'event', event: 'metrics', data: m });
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'metrics failed');
    }
  }

  private clearSessionTimers(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.metricsTimer) clearInterval(this.metricsTimer);
    if (this.inventoryTimer) clearInterval(this.inventoryTimer);
    this.heartbeatTimer = this.metricsTimer = this.inventoryTimer = null;
  }

  private send(ws: WebSocket, frame: AgentToServerFrame): boolean {
    if (ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  /** Stats go to the current socket; dropped while disconnected (the next sample follows soon). */
  private sendEvent<E extends EventName>(event: E, data: EventMap[E]): void {
    const ws = this.ws;
    if (ws && this.state === 'connected') this.send(ws, { type: 'event', event, data } as AgentToServerFrame);
  }

  // ───────────────────────── commands ─────────────────────────

  private onMessage(ws: WebSocket, data: WebSocket.RawData): void {
    const parsed = parseServerFrame(data);
    if (!parsed.ok) {
      this.log.warn({ err: parsed.error }, 'refused a malformed frame');
      if (parsed.id) this.send(ws, { type: 'response', id: parsed.id, ok: false, error: { code: 'invalid_frame', message: parsed.error } });
      else this.send(ws, { type: 'error', code: 'invalid_frame', message: parsed.error });
      return;
    }
    const f = parsed.frame;
    if (f.type === 'error') {
      this.log.warn({ code: f.code, message: f.message }, 'control plane refused a frame');
      return;
    }
    void this.execute(ws, f);
  }

  private async execute(ws: WebSocket, f: CommandFrame): Promise<void> {
    const handler = Object.prototype.hasOwnProperty.call(this.handlers, f.command) ? this.handlers[f.command] : undefined;
    if (!handler) {
      this.send(ws, { type: 'response', id: f.id, ok: false, error: { code: 'unknown_command', message: `unknown command ${f.command}` } });
      return;
    }
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    // Aborted when this socket closes or the command times out: nobody can get the answer any more.
    const abort = new AbortController();
    const onClose = () => abort.abort(Object.assign(new Error(`the control socket closed during ${f.command}`), { code: 'disconnected' }));
    ws.setMaxListeners(0); // one 'close' listener per command in flight, each removed when it ends
    ws.once('close', onClose);
    try {
      const result = await Promise.race([
        handler(f.payload as Record<string, unknown>, this.ctx, abort.signal),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            const err = Object.assign(new Error(`${f.command} took longer than ${f.timeoutMs} ms`), { code: 'timeout' });
            abort.abort(err);
            reject(err);
          }, f.timeoutMs);
        }),
      ]);
      this.send(ws, { type: 'response', id: f.id, ok: true, result: result === undefined ? {} : result });
      this.log.debug({ command: f.command, ms: Date.now() - started }, 'command done');
    } catch (err) {
      const error = errorBody(err);
      this.log.warn({ command: f.command, code: error.code, err: error.message }, 'command failed');
      this.send(ws, { type: 'response', id: f.id, ok: false, error });
    } finally {
      clearTimeout(timer);
      ws.off('close', onClose);
    }
  }

  // ───────────────────────── runtime events, consoles ─────────────────────────

  private async subscribeDriverEvents(): Promise<void> {
    const retry = (why: string): void => {
      // Runtime down/restarted: keep the agent up (inventory says docker: null meanwhile) and retry.
      this.log.warn({ err: why }, 'container runtime events unavailable; retrying in 5 s');
      this.stopEvents = null;
      if (this.isStopped() || this.eventsRetryTimer) return;
      this.eventsRetryTimer = setTimeout(() => {
        this.eventsRetryTimer = null;
        if (!this.isStopped()) void this.subscribeDriverEvents().then(() => this.resync());
      }, 5_000);
    };
    try {
      this.stopEvents = await this.driver.events(
        (e) => this.onContainerEvent(e),
        (err) => retry(err?.message ?? 'event stream ended'),
      );
    } catch (err) {
      retry((err as Error).message);
    }
  }

  /** After the event stream was interrupted, events may have been missed: report the real state again. */
  private async resync(): Promise<void> {
    if (!this.stopEvents) return;
    await this.reattachRunning();
    const ws = this.ws;
    // Not reconciled yet: afterHello sends the inventory itself.
    if (ws && this.ready) await this.sendInventory(ws);
  }

  private onContainerEvent(e: ContainerEvent): void {
    if (this.isStopped()) return;
    this.eventChain = this.eventChain.then(
      () => this.handleContainerEvent(e),
      () => this.handleContainerEvent(e),
    );
  }

  private async handleContainerEvent(e: ContainerEvent): Promise<void> {
    // Another node's container on a shared Docker host: not ours to attach or report.
    const labels: Record<string, string> = {};
    if (e.nodeId) labels[NODE_ID_LABEL] = e.nodeId;
    if (e.serverId) labels[SERVER_ID_LABEL] = e.serverId;
    const mine = await this.owns(labels, e.containerId);
    if (!mine || this.isStopped()) return;
    if (e.type === 'die' || e.type === 'destroy') this.streams.containerEnded(e.containerId, e.serverId);
    // A start from anywhere (command, restart policy, admin) gets its console attached.
    if (e.type === 'start' && e.serverId)
      void this.streams.attach(e.serverId, e.containerId).catch((err) => this.log.warn({ serverId: e.serverId, err: (err as Error).message }, 'console attach failed'));
    const ws = this.ws;
    if (ws && this.ready && this.send(ws, { type: 'event', event: 'container.event', data: e })) return;
    // Exit codes matter for crash detection: keep the most recent ones for the next connection.
    this.buffered.push(e);
    const max = this.options.maxBufferedEvents ?? 500;
    if (this.buffered.length > max) this.buffered.splice(0, this.buffered.length - max);
  }

  /** Attaches consoles of running managed servers that have none (agent restart, reconnect). */
  private async reattachRunning(): Promise<void> {
    try {
      const running = await ownedOnly(await this.driver.list({ all: false, onlyOutpost: true }), this.owns);
      for (const c of running) {
        const serverId = c.labels[SERVER_ID_LABEL];
        if (!serverId || this.streams.isAttached(serverId) || c.state !== 'running') continue;
        await this.streams.attach(serverId, c.id).catch((err) => this.log.warn({ serverId, err: (err as Error).message }, 'console attach failed'));
      }
    } catch (err) {
      this.log.debug({ err: (err as Error).message }, 'could not list running containers');
    }
  }

  private isStopped(): boolean {
    return this.state === 'stopped';
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      done();
    });
  });
}

function defaultDriver(): ContainerDriver {
  return new DockerDriver({ socketPath: process.env.DOCKER_SOCKET });
}
