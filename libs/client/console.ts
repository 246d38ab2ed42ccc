import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { OutpostApiError } from './errors';
import type { Transport } from './transport';

/** One console line. `seq` orders the server's output; notices Outpost makes for one socket only (e.g. "older lines are gone") have seq 0. */
export interface ConsoleLine {
  seq: number;
  line: string;
  stream: string;
  time?: string;
}

export interface ConsoleOptions {
  /** Resume after this sequence number (the `lastSeq` of an earlier stream): lines after it are replayed, then live ones. */
  since?: number;
  /** Reconnect with a fresh token and `since=lastSeq` when the socket drops (default true). */
  reconnect?: boolean;
}

/**
 * Events: `open` (authenticated), `line` (ConsoleLine), `status` (state, reason), `install` (install log text),
 * `stats` (stats object), `reconnecting` ({ attempt, delayMs }), `error` (Error; OutpostApiError for the API's
 * refusals), `close` ({ code, reason }) once, at the end. Like every EventEmitter, an `error` without a listener throws.
 */
export interface ConsoleStream extends EventEmitter {
  send(command: string): void;
  close(): void;
  /** Highest sequence number received; `console(serverId, { since: lastSeq })` continues without gaps or repeats. */
  readonly lastSeq: number;
}

const CLOSE_TOKEN_EXPIRED = 4001;
/** Closes that another connection cannot fix: server deleted, refused by policy. */
const FINAL_CLOSES = new Set([1008, 4404]);
const MAX_BACKOFF_MS = 10_000;
const MAX_PENDING_COMMANDS = 100;

interface Frame {
  event?: unknown;
  args?: unknown;
}

export class OutpostConsole extends EventEmitter implements ConsoleStream {
  private ws?: WebSocket;
  private seq: number;
  /** A position to resume from: given, or a line was received. Without one a reconnect only follows live output. */
  private positioned: boolean;
  private closedByUser = false;
  private ended = false;
  private open = false;
  private attempt = 0;
  private timer?: NodeJS.Timeout;
  private readonly pending: string[] = [];
  private readonly reconnect: boolean;

  constructor(
    private readonly transport: Transport,
    private readonly serverId: string,
    opts: ConsoleOptions = {},
  ) {
    super();
    this.seq = opts.since ?? 0;
    this.positioned = opts.since !== undefined;
    this.reconnect = opts.reconnect ?? true;
    // Emitted on the next tick so callers can attach listeners after console() returns.
    process.nextTick(() => void this.connect());
  }

  get lastSeq(): number {
    return this.seq;
  }

  send(command: string): void {
    if (this.ended) throw new Error('The console stream is closed');
    if (this.open && this.ws?.readyState === WebSocket.OPEN) return this.ws.send(JSON.stringify({ event: 'send command', args: [command] }));
    if (this.pending.length >= MAX_PENDING_COMMANDS) throw new Error('Too many commands waiting for the console to connect');
    this.pending.push(command);
  }

  close(): void {
    this.closedByUser = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.ws && this.ws.readyState !== WebSocket.CLOSED) this.ws.close(1000, 'client closed');
    else this.finish(1000, 'client closed');
  }

  private async token(): Promise<string> {
    const data = await this.transport.json<{ token: string }>('POST', `/gameserver/${encodeURIComponent(this.serverId)}/console-token`);
    return data.token;
  }

  private async connect(): Promise<void> {
    if (this.closedByUser || this.ended) return;
    let token: string;
    try {
      token = await this.token();
    } catch (err) {
      // The API refused (no access, server gone): final. A network error: try again if allowed.
      if (err instanceof OutpostApiError && err.status !== 0 && err.status < 500) return this.fail(err);
      return this.retry(err as Error);
    }
    if (this.closedByUser) return this.finish(1000, 'client closed');
    const url = new URL(this.transport.url(`/gameserver/${encodeURIComponent(this.serverId)}/console`));
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    if (this.positioned) url.searchParams.set('since', String(this.seq));
    const ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws = ws;
    let refused: Error | undefined;
    ws.on('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => {
        refused = OutpostApiError.from({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '' }, text);
        ws.terminate();
      });
    });
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.onFrame(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8'));
    });
    ws.on('error', (err) => (refused ??= err));
    ws.on('close', (code, reasonBuf) => {
      this.open = false;
      const reason = reasonBuf.toString('utf8');
      if (this.closedByUser) return this.finish(code, reason);
      if (refused instanceof OutpostApiError && refused.status < 500) return this.fail(refused);
      if (FINAL_CLOSES.has(code) || !this.reconnect) return this.finish(code, reason);
      // Token expiry (4001) and network drops reconnect with a fresh token, resuming after lastSeq.
      this.retry(refused ?? new Error(`console closed (${code}${reason ? `: ${reason}` : ''})`), code === CLOSE_TOKEN_EXPIRED);
    });
  }

  private onFrame(raw: string): void {
    let frame: Frame;
    try {
      frame = JSON.parse(raw) as Frame;
    } catch {
      return;
    }
    const args = Array.isArray(frame.args) ? (frame.args as unknown[]) : [];
    switch (frame.event) {
      case 'auth success': {
        const first = !this.open;
        this.open = true;
        this.attempt = 0;
        if (first) {
          this.emit('open');
          for (const command of this.pending.splice(0)) this.ws?.send(JSON.stringify({ event: 'send command', args: [command] }));
        }
        return;
      }
      case 'console output':
        for (const l of args as { seq: number | null; line: string; stream?: string; time?: string }[]) {
          if (typeof l?.line !== 'string') continue;
          if (typeof l.seq === 'number') {
            // Replay and live output can overlap around a reconnect: never repeat a line.
            if (this.positioned && l.seq <= this.seq) continue;
            this.seq = l.seq;
            this.positioned = true;
          }
          this.emit('line', { seq: l.seq ?? 0, line: l.line, stream: l.stream ?? 'stdout', time: l.time } satisfies ConsoleLine);
        }
        return;
      case 'status':
        this.emit('status', args[0], args[1] ?? null);
        return;
      case 'install output':
        this.emit('install', args[0]);
        return;
      case 'stats':
        this.emit('stats', args[0]);
        return;
      case 'token expiring':
        // Swap the socket's credentials in place, so a long session never drops.
        this.token()
          .then((token) => this.ws?.readyState === WebSocket.OPEN && this.ws.send(JSON.stringify({ event: 'auth', args: [token] })))
          .catch(() => undefined); // the socket closes at expiry and reconnects from there
        return;
      case 'error': {
        const e = (args[0] ?? {}) as { code?: string; message?: string; event?: string | null };
        this.report(new OutpostApiError(0, e.code ?? 'ConsoleError', e.message ?? 'console error', { event: e.event ?? null }));
        return;
      }
      default:
        return;
    }
  }

  private retry(err: Error, immediately = false): void {
    if (!this.reconnect || this.closedByUser) return this.fail(err);
    const delayMs = immediately ? 0 : Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.attempt);
    this.attempt++;
    this.emit('reconnecting', { attempt: this.attempt, delayMs, error: err });
    this.timer = setTimeout(() => void this.connect(), delayMs);
  }

  /** An EventEmitter throws an unheard `error`; a console viewer should not crash over a refused command. */
  private report(err: Error): void {
    if (this.listenerCount('error')) this.emit('error', err);
  }

  private fail(err: Error): void {
    this.report(err);
    const status = err instanceof OutpostApiError ? err.status : 0;
    this.finish(status ? 4000 + status : 1006, err.message);
  }

  private finish(code: number, reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.open = false;
    if (this.timer) clearTimeout(this.timer);
    this.emit('close', { code, reason });
  }
}
