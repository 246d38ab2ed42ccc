/**
 * Live streams of running managed servers: console output (attach) and resource stats,
 * forwarded as `console.output` / `server.stats` events. One entry per server; attaching is
 * idempotent, and everything is dropped when the container stops or the output stream ends.
 */
import type { Attachment, ContainerDriver, ContainerStats } from '@libs/container-driver/container-driver';
import type { AgentLogger } from './logger';

export interface ServerStreamsOptions {
  driver: ContainerDriver;
  logger: AgentLogger;
  onLine: (serverId: string, line: string, stream: 'stdout' | 'stderr') => void;
  onStats: (serverId: string, stats: ContainerStats) => void;
  /** Forward at most one stats sample per server per this period. */
  statsIntervalMs: number;
}

interface Live {
  serverId: string;
  containerId: string;
  attachment: Attachment | null;
  stopStats: (() => void) | null;
  closed: boolean;
}

/** Console lines longer than this are cut: one runaway line must not become a huge frame. */
const MAX_LINE = 16 * 1024;

export class ServerStreams {
  private readonly live = new Map<string, Live>();
  /** Attach calls in flight, so concurrent triggers (start command + start event) attach once. */
  private readonly attaching = new Map<string, Promise<void>>();

  constructor(private readonly o: ServerStreamsOptions) {}

  isAttached(serverId: string): boolean {
    return this.live.has(serverId);
  }

  attachedServerIds(): string[] {
    return [...this.live.keys()];
  }

  /** Attaches console + stats to the server's container; no-op when already attached to it. */
  attach(serverId: string, containerId: string, options: { stats?: boolean } = {}): Promise<void> {
    const cur = this.live.get(serverId);
    if (cur && cur.containerId === containerId) return Promise.resolve();
    if (cur) this.detach(serverId);
    const inflight = this.attaching.get(serverId);
    if (inflight) return inflight;
    const p = this.doAttach(serverId, containerId, options.stats ?? true).finally(() => this.attaching.delete(serverId));
    this.attaching.set(serverId, p);
    return p;
  }

  /** Starts stats streaming for an attached server (used after start, when attach happened before it). */
  async ensureStats(serverId: string): Promise<void> {
    const l = this.live.get(serverId);
    if (!l || l.stopStats || l.closed) return;
    await this.startStats(l);
  }

  private async doAttach(serverId: string, containerId: string, withStats: boolean): Promise<void> {
    const attachment = await this.o.driver.attach(containerId);
    const l: Live = { serverId, containerId, attachment, stopStats: null, closed: false };
    this.live.set(serverId, l);
    let partial = '';
    const emit = (line: string): void => {
      if (!l.closed) this.o.onLine(serverId, line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line, 'stdout');
    };
    attachment.output.on('data', (chunk: unknown) => {
      // The driver yields one line per chunk; raw bytes are split here in case a driver does not.
      if (typeof chunk === 'string') return emit(chunk.replace(/\r?\n$/, ''));
      if (Buffer.isBuffer(chunk)) {
        const parts = (partial + chunk.toString('utf8')).split(/\r?\n/);
        partial = parts.pop() ?? '';
        for (const p of parts) emit(p);
        return;
      }
      if (chunk && typeof chunk === 'object' && typeof (chunk as { line?: unknown }).line === 'string') emit((chunk as { line: string }).line);
    });
    const ended = (): void => {
      if (partial) emit(partial);
      partial = '';
      if (this.live.get(serverId) === l) this.detach(serverId);
    };
    attachment.output.once('end', ended);
    attachment.output.once('close', ended);
    attachment.output.on('error', (err: Error) => {
      this.o.logger.warn({ serverId, err: err.message }, 'console stream error');
      ended();
    });
    if (withStats) await this.startStats(l);
  }

  private async startStats(l: Live): Promise<void> {
    let last = 0;
    try {
      const stop = await this.o.driver.streamStats(l.containerId, (s) => {
        const now = Date.now();
        if (l.closed || now - last < this.o.statsIntervalMs) return;
        last = now;
        this.o.onStats(l.serverId, s);
      });
      if (l.closed) stop();
      else l.stopStats = stop;
    } catch (err) {
      // Stats are a nicety: a container that is not running yet has none; the console still works.
      this.o.logger.debug({ serverId: l.serverId, err: (err as Error).message }, 'stats stream not started');
    }
  }

  detach(serverId: string): void {
    const l = this.live.get(serverId);
    if (!l) return;
    this.live.delete(serverId);
    l.closed = true;
    try {
      l.stopStats?.();
    } catch {
      /* already stopped */
    }
    try {
      l.attachment?.close();
    } catch {
      /* already closed */
    }
  }

  detachContainer(containerId: string): void {
    // Events may carry a full id where we stored a short one (or the reverse): match by prefix.
    const same = (a: string, b: string): boolean => a === b || (Math.min(a.length, b.length) >= 12 && (a.startsWith(b) || b.startsWith(a)));
    for (const l of [...this.live.values()]) if (same(l.containerId, containerId)) this.detach(l.serverId);
  }

  closeAll(): void {
    for (const id of [...this.live.keys()]) this.detach(id);
  }
}
