import { Logger, OnApplicationBootstrap, OnModuleDestroy, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import { RawData, WebSocket, WebSocketServer as WsServer } from 'ws';
import { AppError } from '../../core/errors/app-error';
import { createValidationPipe } from '../../core/http/validation';
import { OutpostGatewayOptions, useFrameCodec, useHandshakeGuards, WsFrameCodec, WsFrameErrorFilter } from '../../core/ws/ws-adapter';
import { GameServerState } from '../gameserver/gameserver.types';
import { GameServerService } from '../gameserver/gameserver.service';
import { ConsoleGrant } from './console-auth.service';
import { ConsoleGrantWatch } from './console-grant-watch.service';
import { CONSOLE_GRANT, CONSOLE_HANDSHAKE, ConsoleTokenGuard, RequireConsolePermission } from './console.guards';
import { ConsoleHub, ConsoleLine, HubMessage } from './console-hub.service';
import { AuthFrame, NoArgsFrame, ResumeFrame, SendCommandFrame, SetStateFrame } from './dto/console-frames.dto';

// Why this file is over 300 lines: one socket protocol (auth, resume by seq, replay with live queueing,
// backpressure, rate limiting, token expiry) whose states interleave; it reads best as one state machine.

/** A viewer whose socket holds more unsent bytes than this is dropped instead of growing memory. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Live messages held for a viewer while its replay (resume / send logs) is read. */
const MAX_QUEUED_MESSAGES = 10_000;
const STATS_EVERY_MS = 5000;
const EXPIRY_WARNING_MS = 60_000;
const REPLAY_CHUNK = 500;
/** Incoming messages per socket: a token bucket. */
const MESSAGES_PER_SECOND = 20;
const MESSAGE_BURST = 40;

/** A text message's payload as a string, whichever of ws's RawData shapes it arrived in. */
function rawDataText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

export const CLOSE_TOKEN_EXPIRED = 4001;
/** The grant no longer stands: account suspended or deleted, session or API token ended, membership or gameserver.read gone. */
export const CLOSE_ACCESS_ENDED = 4003;
export const CLOSE_TOO_SLOW = 4008;
export const CLOSE_SERVER_DELETED = 4404;

interface Session {
  ws: WebSocket;
  grant: ConsoleGrant;
  /** Highest seq sent to this socket. */
  delivered: number;
  /** Seq of the first line delivered live on this socket (null: none yet). */
  liveFrom: number | null;
  replaying: number;
  queued: HubMessage[];
  closed: boolean;
  unsubscribe?: () => void;
  unwatch?: () => void;
  timers: NodeJS.Timeout[];
  tokens: number;
  tokensAt: number;
}

const frame = (event: string, args: unknown[]) => JSON.stringify({ event, args });

/** ws.send options: every frame is text, also when it is handed over as a Buffer. */
const TEXT = { binary: false } as const;

/**
 * The console WebSocket, `GET /gameserver/:id/console?token=…` (optionally `&since=<seq>` to
 * resume atomically at connect). A Nest gateway on OutpostWsAdapter: ConsoleTokenGuard checks the
 * token during the upgrade (refused with 401/403/404/400 as plain HTTP), incoming frames reach the
 * `@SubscribeMessage` handlers below through this gateway's frame codec, their `args` validated by
 * the frame DTOs (dto/console-frames.dto.ts) and permissions by guards; every refusal is an `error`
 * frame with a code from the error catalogue. Output (console lines, status, stats) does not go
 * through Nest: a batch is serialized once and the same string sent to every viewer (onHub).
 *
 * Messages are `{ event, args }`:
 * - out: `auth success`, `console output` (args: one or more `{ seq, line, time, stream }`, in
 *   seq order; notices the control plane makes for one socket only have `seq: null`), `status`
 *   ([state, reason]), `stats` ([stats]), `install output` ([log]), `token expiring`,
 *   `token expired` (then close 4001), `error` ([{ code, message, event }]).
 * - in: `send command` ([line], needs gameserver.console), `set state` ([start|stop|restart|kill],
 *   needs gameserver.control), `send logs`, `send stats`, `resume` ([lastSeq]), `auth` ([token]).
 */
// Nest gives gateways none of the global (HTTP) guards, pipes or interceptors: what frames get is declared here.
@UseFilters(WsFrameErrorFilter)
@UsePipes(createValidationPipe())
@WebSocketGateway<OutpostGatewayOptions>({
  path: ['/gameserver/:id/console', '/v1/instances/:id/console' /* Shardlyn /v1 dialect */],
  trailingSlash: true,
  maxPayload: 64 * 1024,
  perMessageDeflate: false,
})
export class ConsoleGateway implements OnGatewayInit<WsServer>, OnGatewayConnection<WebSocket>, WsFrameCodec, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ConsoleGateway');
  @WebSocketServer() private readonly wss: WsServer;
  private readonly sessions = new Map<WebSocket, Session>();
  private readonly byServer = new Map<string, Set<Session>>();
  private readonly statsInFlight = new Set<string>();
  private statsTimer?: NodeJS.Timeout;

  constructor(
    private readonly hub: ConsoleHub,
    private readonly gameServers: GameServerService,
    private readonly tokenGuard: ConsoleTokenGuard,
    private readonly grantWatch: ConsoleGrantWatch,
  ) {}

  afterInit(server: WsServer): void {
    useHandshakeGuards(server, [this.tokenGuard]);
    useFrameCodec(server, this);
  }

  onApplicationBootstrap(): void {
    this.statsTimer = setInterval(() => this.pollStats(), STATS_EVERY_MS).unref();
  }

  onModuleDestroy(): void {
    if (this.statsTimer) clearInterval(this.statsTimer);
    for (const s of this.sessions.values()) this.end(s, 1001, 'server shutting down');
    for (const client of this.wss?.clients ?? []) client.terminate();
  }

  /** Open console sockets in this process (tests, metrics). */
  get viewerCount(): number {
    return this.sessions.size;
  }

  // ───────────── connect ─────────────

  /** After ConsoleTokenGuard admitted the upgrade: the request carries the grant, the server's state and `since`. */
  handleConnection(ws: WebSocket, req: IncomingMessage): void {
    const { grant, server, since } = CONSOLE_HANDSHAKE.get(req);
    CONSOLE_GRANT.set(ws, grant);
    void this.open(ws, grant, server.state, server.stateReason, server.installLog, since);
  }

  private async open(ws: WebSocket, grant: ConsoleGrant, state: string, reason: string | null, installLog: string, since: number | null): Promise<void> {
    const s: Session = { ws, grant, delivered: 0, liveFrom: null, replaying: 0, queued: [], closed: false, timers: [], tokens: MESSAGE_BURST, tokensAt: Date.now() };
    this.sessions.set(ws, s);
    let set = this.byServer.get(grant.serverId);
    if (!set) this.byServer.set(grant.serverId, (set = new Set()));
    set.add(s);
    s.unwatch = this.grantWatch.watch(ws, (refusal) => {
      this.sendError(s, null, refusal);
      this.end(s, CLOSE_ACCESS_ENDED, 'access ended');
    });
    ws.on('close', () => this.cleanup(s));
    ws.on('error', () => this.cleanup(s));
    // Replay first when resuming at connect, so the socket sees lines strictly in order.
    if (since !== null) s.replaying++;
    try {
      const unsubscribe = await this.hub.subscribe(grant.serverId, (msg) => this.onHub(s, msg));
      if (s.closed) return unsubscribe();
      s.unsubscribe = unsubscribe;
    } catch (err) {
      this.logger.error({ err: String(err) }, 'console subscription failed');
      return this.end(s, 1011, 'console unavailable');
    }
    this.scheduleExpiry(s);
    this.send(s, frame('auth success', []));
    this.send(s, frame('status', [state, reason]));
    if ((state === GameServerState.INSTALLING || state === GameServerState.INSTALL_FAILED) && installLog) this.send(s, frame('install output', [installLog]));
    if (since !== null) {
      s.replaying--;
      await this.replay(s, since, true);
    }
  }

  private cleanup(s: Session): void {
    if (s.closed && this.sessions.get(s.ws) !== s) return;
    s.closed = true;
    for (const t of s.timers) clearTimeout(t);
    s.timers = [];
    s.unsubscribe?.();
    s.unwatch?.();
    s.queued = [];
    if (this.sessions.get(s.ws) === s) this.sessions.delete(s.ws);
    const set = this.byServer.get(s.grant.serverId);
    set?.delete(s);
    if (set && !set.size) this.byServer.delete(s.grant.serverId);
  }

  private end(s: Session, code: number, reason: string): void {
    const ws = s.ws;
    this.cleanup(s);
    try {
      ws.close(code, reason);
    } catch {
      /* already closing */
    }
    // A close frame waits behind everything already buffered: don't wait for a stuck client.
    setTimeout(() => ws.readyState !== WebSocket.CLOSED && ws.terminate(), 2000).unref();
  }

  private scheduleExpiry(s: Session): void {
    for (const t of s.timers) clearTimeout(t);
    s.timers = [];
    const left = s.grant.expiresAt - Date.now();
    if (!s.grant.expiresAt) return;
    if (left <= 0) {
      this.send(s, frame('token expired', []));
      return this.end(s, CLOSE_TOKEN_EXPIRED, 'token expired');
    }
    const warnIn = left - EXPIRY_WARNING_MS;
    const warn = () => this.send(s, frame('token expiring', [{ expiresAt: new Date(s.grant.expiresAt).toISOString() }]));
    if (warnIn > 0) s.timers.push(setTimeout(warn, warnIn));
    else warn();
    s.timers.push(
      setTimeout(() => {
        this.send(s, frame('token expired', []));
        this.end(s, CLOSE_TOKEN_EXPIRED, 'token expired');
      }, left),
    );
    for (const t of s.timers) t.unref?.();
  }

  // ───────────── outgoing ─────────────

  /**
   * Sends a text frame, or drops the viewer when its socket can't keep up (bounded memory per
   * viewer). A Buffer is the UTF-8 of a frame shared by many sockets: ws writes it as is instead of
   * measuring and encoding the string again for each one.
   */
  private send(s: Session, data: string | Buffer): boolean {
    if (s.closed || s.ws.readyState !== WebSocket.OPEN) return false;
    if (s.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.end(s, CLOSE_TOO_SLOW, 'client too slow: console output backlog exceeded');
      return false;
    }
    s.ws.send(data, TEXT);
    return true;
  }

  private sendError(s: Session, event: string | null, err: unknown): void {
    const e = err instanceof AppError ? err : null;
    if (!e) this.logger.warn({ err: String(err), event }, 'console action failed');
    this.send(s, frame('error', [{ code: e?.code ?? 'InternalServerError', message: e ? e.message : 'Internal error', event }]));
  }

  private onHub(s: Session, msg: HubMessage): void {
    if (s.closed) return;
    if (s.replaying > 0) {
      s.queued.push(msg);
      if (s.queued.length > MAX_QUEUED_MESSAGES) this.end(s, CLOSE_TOO_SLOW, 'client too slow: console output backlog exceeded');
      return;
    }
    if (msg.t === 'status') {
      this.send(s, frame('status', [msg.state, msg.reason]));
      if (msg.reason === 'deleted') this.end(s, CLOSE_SERVER_DELETED, 'game server deleted');
      return;
    }
    const lines = msg.lines;
    if (!lines.length) return;
    if (lines[0].seq > s.delivered) {
      // The common case: one encoding of the batch (the hub may have made it already) shared by every socket of this process.
      msg.frameBytes ??= Buffer.from((msg.frame ??= frame('console output', lines)));
      this.send(s, msg.frameBytes);
    } else {
      const fresh = lines.filter((l) => l.seq > s.delivered);
      if (!fresh.length) return;
      this.send(s, frame('console output', fresh));
    }
    if (s.liveFrom === null) s.liveFrom = Math.max(lines[0].seq, s.delivered + 1);
    s.delivered = Math.max(s.delivered, lines[lines.length - 1].seq);
  }

  /**
   * Replays from the ring buffer while live messages wait in the socket's queue.
   * resume: exactly the lines after `lastSeq` this socket has not been sent (lines already
   * delivered live are not repeated); if the buffer no longer reaches back that far, a notice
   * says how many were dropped (they are in GET /gameserver/:id/logs).
   * send logs (`all`): the whole buffer.
   */
  private async replay(s: Session, lastSeq: number, resume: boolean): Promise<void> {
    s.replaying++;
    try {
      const buffer = await this.hub.buffer(s.grant.serverId);
      let lines: ConsoleLine[];
      if (resume) {
        const upper = s.liveFrom ?? Number.POSITIVE_INFINITY;
        const oldest = buffer[0]?.seq;
        if (oldest !== undefined && oldest > lastSeq + 1 && lastSeq + 1 < upper) {
          const missing = Math.min(oldest, upper) - lastSeq - 1;
          this.send(
            s,
            frame('console output', [
              {
                seq: null,
                stream: 'outpost',
                time: new Date().toISOString(),
                line: `[Outpost] ${missing} older lines (seq ${lastSeq + 1}–${lastSeq + missing}) are no longer in the console buffer; see GET /gameserver/${s.grant.serverId}/logs`,
              },
            ]),
          );
        }
        lines = buffer.filter((l) => l.seq > lastSeq && l.seq < upper);
      } else {
        lines = buffer;
      }
      for (let i = 0; i < lines.length; i += REPLAY_CHUNK) {
        if (!this.send(s, frame('console output', lines.slice(i, i + REPLAY_CHUNK)))) return;
      }
      if (lines.length) s.delivered = Math.max(s.delivered, lines[lines.length - 1].seq);
    } catch (err) {
      this.sendError(s, resume ? 'resume' : 'send logs', err);
    } finally {
      s.replaying--;
      if (s.replaying === 0 && !s.closed) {
        const queued = s.queued;
        s.queued = [];
        for (const msg of queued) this.onHub(s, msg);
      }
    }
  }

  // ───────────── incoming ─────────────

  private allow(s: Session): boolean {
    const now = Date.now();
    s.tokens = Math.min(MESSAGE_BURST, s.tokens + ((now - s.tokensAt) / 1000) * MESSAGES_PER_SECOND);
    s.tokensAt = now;
    if (s.tokens < 1) return false;
    s.tokens--;
    return true;
  }

  /** WsFrameCodec: rate limit, then `{ event, args }` → the handler of `event` with `{ args }`. */
  decode(ws: WebSocket, data: RawData, isBinary: boolean): { event: string; data: { args: unknown[] } } | null {
    const s = this.sessions.get(ws);
    if (!s || s.closed) return null;
    if (!this.allow(s)) throw AppError.tooManyRequests('Too many console messages, slow down', 1);
    let parsed: unknown;
    try {
      parsed = isBinary ? null : JSON.parse(rawDataText(data));
    } catch {
      parsed = null;
    }
    const event = (parsed as { event?: unknown } | null)?.event;
    const args = (parsed as { args?: unknown } | null)?.args;
    if (!parsed || typeof parsed !== 'object' || typeof event !== 'string' || (args !== undefined && !Array.isArray(args))) {
      throw AppError.badRequest('Messages are JSON { "event": string, "args": [] }');
    }
    return { event, data: { args: (args as unknown[] | undefined) ?? [] } };
  }

  /** WsFrameCodec: a refused frame (bad frame, unknown event, guard, validation or handler error) as an `error` frame. */
  reject(ws: WebSocket, event: string | null, err: unknown): void {
    const s = this.sessions.get(ws);
    if (s) this.sendError(s, event, err);
  }

  @SubscribeMessage('send command')
  @RequireConsolePermission('gameserver.console')
  async sendCommand(@ConnectedSocket() ws: WebSocket, @MessageBody() body: SendCommandFrame): Promise<void> {
    const { domainId, serverId } = this.session(ws).grant;
    await this.gameServers.sendCommand(domainId, serverId, body.args[0]);
  }

  @SubscribeMessage('set state')
  @RequireConsolePermission('gameserver.control')
  async setState(@ConnectedSocket() ws: WebSocket, @MessageBody() body: SetStateFrame): Promise<void> {
    const { domainId, serverId } = this.session(ws).grant;
    await this.gameServers.powerAction(domainId, serverId, body.args[0]);
  }

  @SubscribeMessage('send logs')
  async sendLogs(@ConnectedSocket() ws: WebSocket, @MessageBody() _frame: NoArgsFrame): Promise<void> {
    await this.replay(this.session(ws), 0, false);
  }

  @SubscribeMessage('resume')
  async resume(@ConnectedSocket() ws: WebSocket, @MessageBody() body: ResumeFrame): Promise<void> {
    await this.replay(this.session(ws), body.args[0], true);
  }

  @SubscribeMessage('send stats')
  async sendStats(@ConnectedSocket() ws: WebSocket, @MessageBody() _frame: NoArgsFrame): Promise<void> {
    const s = this.session(ws);
    this.send(s, frame('stats', [await this.gameServers.stats(s.grant.domainId, s.grant.serverId)]));
  }

  /** ConsoleTokenGuard checked the new token and put its grant on the socket. */
  @SubscribeMessage('auth')
  @UseGuards(ConsoleTokenGuard)
  renew(@ConnectedSocket() ws: WebSocket, @MessageBody() _frame: AuthFrame): void {
    const s = this.session(ws);
    s.grant = CONSOLE_GRANT.get(ws);
    this.scheduleExpiry(s);
    this.send(s, frame('auth success', []));
  }

  /** The socket's session; frames reach handlers only while it is open (decode). */
  private session(ws: WebSocket): Session {
    const s = this.sessions.get(ws);
    if (!s) throw AppError.unavailable('The console socket is closing');
    return s;
  }

  // ───────────── stats ─────────────

  /** Every 5 s, one stats read per watched server, sent to all of its viewers here. */
  private pollStats(): void {
    for (const [serverId, set] of this.byServer) {
      const first = set.values().next().value;
      if (!first || this.statsInFlight.has(serverId)) continue;
      this.statsInFlight.add(serverId);
      this.gameServers
        .stats(first.grant.domainId, serverId)
        .then((stats) => {
          const data = frame('stats', [stats]);
          for (const s of this.byServer.get(serverId) ?? []) this.send(s, data);
        })
        .catch(() => undefined) // node offline or held by another process: no stats this round
        .finally(() => this.statsInFlight.delete(serverId));
    }
  }
}
