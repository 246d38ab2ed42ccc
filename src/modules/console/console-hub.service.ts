import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import type { ConsoleOutputEvent } from '@libs/agent-protocol/protocol';
import { DomainId } from '@libs/tenancy/domain-id';
import { RedisService } from '../../core/redis/redis.service';
import { EventBus } from '../../core/events/event-bus';
import type { ServerConsoleLine, ServerStateChanged } from '../../core/events/outpost-events';
import { ConsoleLogRepository, ConsoleLogRow } from './console-log.repository';

// Why this file is over 300 lines: sequence numbers, the history ring, flood suppression, batching to
// PostgreSQL and the Redis relay are one consistency unit (a line gets its seq, its ring slot and its
// subscribers in one step); split apart, each piece would need the others' invariants.

export type ConsoleStream = 'stdout' | 'stderr' | 'outpost';

/** One console line as viewers see it. `seq` increases by one per line of a game server. */
export interface ConsoleLine {
  seq: number;
  line: string;
  time: string;
  stream: ConsoleStream;
}

/** What travels between API processes (Redis pub/sub) and to the local console sockets. */
export type HubMessage =
  | { t: 'lines'; serverId: string; lines: ConsoleLine[]; /** encoded `console output` frame, cached per process */ frame?: string }
  | { t: 'status'; serverId: string; state: string; reason: string | null };

export type HubListener = (msg: HubMessage) => void;

export interface ConsoleHubOptions {
  /** Lines per server per one-second window; beyond it lines are suppressed and counted. */
  linesPerSecond: number;
  /** Ring buffer per server: at most this many lines… */
  bufferLines: number;
  /** …and (in-process buffer) at most this many bytes of line text. */
  bufferBytes: number;
  /** Longer lines are cut (and marked) before they are buffered, published and stored. */
  maxLineChars: number;
  /** Persistence: batched INSERTs this often. */
  persistEveryMs: number;
  /** Lines waiting for the database beyond this are dropped (oldest first) and logged. */
  maxPendingRows: number;
}

interface Ingest {
  serverId: string;
  domainId: DomainId;
  pending: Array<Omit<ConsoleLine, 'seq'>>;
  scheduled: boolean;
  flushing: boolean;
  seqReady: boolean;
  windowStart: number;
  windowCount: number;
  suppressed: number;
  throttleTimer?: NodeJS.Timeout;
}

/** In-process ring buffer (no REDIS_URL): capped by lines and by bytes. */
class RingBuffer {
  private items: ConsoleLine[] = [];
  private head = 0;
  private bytes = 0;

  constructor(
    private readonly maxLines: () => number,
    private readonly maxBytes: () => number,
  ) {}

  push(lines: ConsoleLine[]): void {
    for (const l of lines) {
      this.items.push(l);
      this.bytes += l.line.length;
    }
    while (this.items.length - this.head > this.maxLines() || (this.bytes > this.maxBytes() && this.items.length - this.head > 1)) {
      this.bytes -= this.items[this.head].line.length;
      this.head++;
    }
    // Compact now and then instead of shifting on every line.
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  toArray(): ConsoleLine[] {
    return this.items.slice(this.head);
  }
}

/**
 * The console's data path, shared by every console socket of this process.
 *
 * Ingest (only in the process that holds the node's agent socket): `gameserver.console` events
 * (the game-server side already checked the server sits on the sending node) → flood throttle → a
 * per-server queue that is flushed in order: a block of sequence numbers is reserved (Redis
 * INCRBY when REDIS_URL is set, so every process agrees; else a counter here, seeded from the
 * stored history), the lines go to the ring buffer, are published, and are queued for the
 * batched INSERT into console_log.
 *
 * Ring buffer: with Redis it is a capped Redis list per server (RPUSH + LTRIM in the same MULTI
 * as the PUBLISH). That way any replica can answer `resume`/`send logs` for a server even if it
 * had no viewers (and therefore no subscription) when the lines were produced, and a process
 * only subscribes to the servers its own viewers watch. Without Redis it is an in-memory ring.
 *
 * Fan-out: one pub/sub channel per server; every process (the publisher included) delivers to
 * its own sockets from the subscription, so there is one delivery path and one order.
 */
@Injectable()
export class ConsoleHub implements OnModuleInit, OnModuleDestroy {
  /** Tunable at runtime (tests and the benchmark lower or raise the flood limit). */
  readonly options: ConsoleHubOptions = {
    linesPerSecond: 2000,
    bufferLines: 1000,
    bufferBytes: 1024 * 1024,
    maxLineChars: 4096,
    persistEveryMs: 250,
    maxPendingRows: 200_000,
  };
  /** Counters for /metrics-style reporting and tests. */
  readonly stats = { linesIn: 0, linesPublished: 0, linesSuppressed: 0, linesPersisted: 0, persistDropped: 0 };

  private readonly logger = new Logger('ConsoleHub');
  private readonly redis?: Redis;
  private readonly sub?: Redis;
  private readonly prefix: string;
  private readonly listeners = new Map<string, Set<HubListener>>();
  private readonly subscribed = new Map<string, Promise<unknown>>();
  private readonly memBuffers = new Map<string, RingBuffer>();
  private readonly memSeq = new Map<string, number>();
  private readonly ingests = new Map<string, Ingest>();
  private persistQueue: Array<{ domainId: DomainId; row: ConsoleLogRow }> = [];
  private persisting: Promise<void> | null = null;
  private persistTimer?: NodeJS.Timeout;
  private readonly unsubscribe: Array<() => void> = [];
  private readonly onState = (s: ServerStateChanged) =>
    void this.publish(s.serverId, { t: 'status', serverId: s.serverId, state: s.state, reason: s.reason }).catch((err) => this.logger.warn({ err: String(err) }, 'status publish failed'));

  constructor(
    redis: RedisService,
    private readonly bus: EventBus,
    private readonly logs: ConsoleLogRepository,
  ) {
    this.prefix = `${redis.key('console')}:`;
    this.redis = redis.client;
    if (this.redis) {
      this.sub = redis.subscriber('console fan-out');
      this.sub.on('message', (channel: string, message: string) => this.onRedisMessage(channel, message));
    }
  }

  get backend(): 'redis' | 'memory' {
    return this.redis ? 'redis' : 'memory';
  }

  onModuleInit(): void {
    this.unsubscribe.push(
      this.bus.on('gameserver.console', (e) => this.ingest(e)),
      this.bus.on('gameserver.state', this.onState),
    );
    this.persistTimer = setInterval(() => void this.flushPersist(), this.options.persistEveryMs).unref();
  }

  async onModuleDestroy(): Promise<void> {
    for (const off of this.unsubscribe) off();
    if (this.persistTimer) clearInterval(this.persistTimer);
    for (const st of this.ingests.values()) if (st.throttleTimer) clearTimeout(st.throttleTimer);
    // Let in-flight flushes reach the persistence queue, then write it.
    for (let i = 0; i < 50 && [...this.ingests.values()].some((s) => s.flushing || s.scheduled); i++) await new Promise((r) => setTimeout(r, 10));
    await this.flushPersist();
    await this.persisting;
    // The connections themselves are RedisService's to close.
  }

  private key(kind: 'seq' | 'buf' | 'ch', serverId: string): string {
    return `${this.prefix}${kind}:${serverId}`;
  }

  // ───────────── ingest ─────────────

  private ingest(e: ServerConsoleLine): void {
    this.stats.linesIn++;
    this.accept(e.domainId, e.output);
  }

  private ingestFor(serverId: string, domainId: DomainId): Ingest {
    let st = this.ingests.get(serverId);
    if (!st) {
      st = { serverId, domainId, pending: [], scheduled: false, flushing: false, seqReady: false, windowStart: 0, windowCount: 0, suppressed: 0 };
      this.ingests.set(serverId, st);
    }
    return st;
  }

  /** Throttle, clean up and queue one line for sequencing. */
  private accept(domainId: DomainId, d: ConsoleOutputEvent): void {
    const st = this.ingestFor(d.serverId, domainId);
    const now = Date.now();
    if (now - st.windowStart >= 1000) {
      this.endWindow(st);
      st.windowStart = now;
      st.windowCount = 0;
    }
    st.windowCount++;
    if (st.windowCount > this.options.linesPerSecond) {
      if (st.suppressed === 0) {
        this.queue(st, {
          line: `[Outpost] output throttled: more than ${this.options.linesPerSecond} lines per second; suppressing until the next second`,
          time: new Date(now).toISOString(),
          stream: 'outpost',
        });
        st.throttleTimer = setTimeout(() => this.endWindow(st), Math.max(0, st.windowStart + 1000 - now));
        st.throttleTimer.unref?.();
      }
      st.suppressed++;
      this.stats.linesSuppressed++;
      return;
    }
    const parsed = typeof d.time === 'string' ? Date.parse(d.time) : NaN;
    this.queue(st, { line: this.clean(d.line), time: Number.isFinite(parsed) ? new Date(parsed).toISOString() : new Date(now).toISOString(), stream: d.stream === 'stderr' ? 'stderr' : 'stdout' });
  }

  /** Closes a throttled window with the visible count of what was suppressed in it. */
  private endWindow(st: Ingest): void {
    if (st.throttleTimer) clearTimeout(st.throttleTimer);
    st.throttleTimer = undefined;
    if (st.suppressed > 0) {
      const n = st.suppressed;
      st.suppressed = 0;
      this.queue(st, { line: `[Outpost] output throttled: ${n} lines suppressed`, time: new Date().toISOString(), stream: 'outpost' });
    }
  }

  private clean(line: string): string {
    // PostgreSQL text can't hold NUL; over-long lines are cut so one line can't fill the buffer.
    let out = line.includes('\u0000') ? line.replace(/\u0000/g, '') : line;
    if (out.length > this.options.maxLineChars) out = `${out.slice(0, this.options.maxLineChars)}… [${out.length - this.options.maxLineChars} more characters cut]`;
    return out;
  }

  private queue(st: Ingest, entry: Omit<ConsoleLine, 'seq'>): void {
    st.pending.push(entry);
    if (!st.scheduled && !st.flushing) {
      st.scheduled = true;
      setImmediate(() => void this.flush(st));
    }
  }

  /** Per server and strictly in order: reserve seqs, buffer, publish, queue for the database. */
  private async flush(st: Ingest): Promise<void> {
    st.scheduled = false;
    if (st.flushing || !st.pending.length) return;
    st.flushing = true;
    try {
      while (st.pending.length) {
        const batch = st.pending.splice(0, 2000);
        const first = await this.reserveSeq(st, batch.length);
        const lines: ConsoleLine[] = batch.map((b, i) => ({ seq: first + i, line: b.line, time: b.time, stream: b.stream }));
        this.persist(st.domainId, st.serverId, lines);
        await this.publishLines(st.serverId, lines);
        this.stats.linesPublished += lines.length;
      }
    } catch (err) {
      this.logger.error({ err: String(err), serverId: st.serverId }, 'console flush failed; lines of this batch were not delivered');
    } finally {
      st.flushing = false;
      if (st.pending.length && !st.scheduled) {
        st.scheduled = true;
        setImmediate(() => void this.flush(st));
      }
    }
  }

  /** First seq of a block of n. Seeded once from the stored history so a restart never reuses seqs. */
  private async reserveSeq(st: Ingest, n: number): Promise<number> {
    if (this.redis) {
      const key = this.key('seq', st.serverId);
      if (!st.seqReady) {
        await this.redis.set(key, String(await this.logs.maxSeq(st.domainId, st.serverId)), 'NX');
        st.seqReady = true;
      }
      const end = await this.redis.incrby(key, n);
      return end - n + 1;
    }
    if (!st.seqReady) {
      const stored = await this.logs.maxSeq(st.domainId, st.serverId);
      this.memSeq.set(st.serverId, Math.max(stored, this.memSeq.get(st.serverId) ?? 0));
      st.seqReady = true;
    }
    const current = this.memSeq.get(st.serverId) ?? 0;
    this.memSeq.set(st.serverId, current + n);
    return current + 1;
  }

  private async publishLines(serverId: string, lines: ConsoleLine[]): Promise<void> {
    const msg: HubMessage = { t: 'lines', serverId, lines };
    if (this.redis) {
      const buf = this.key('buf', serverId);
      await this.redis
        .multi()
        .rpush(buf, ...lines.map((l) => JSON.stringify(l)))
        .ltrim(buf, -this.options.bufferLines, -1)
        .pexpire(buf, 7 * 24 * 3600 * 1000)
        .publish(this.key('ch', serverId), JSON.stringify(msg))
        .exec();
      return;
    }
    let ring = this.memBuffers.get(serverId);
    if (!ring) {
      ring = new RingBuffer(
        () => this.options.bufferLines,
        () => this.options.bufferBytes,
      );
      this.memBuffers.set(serverId, ring);
    }
    ring.push(lines);
    this.deliver(msg);
  }

  private async publish(serverId: string, msg: HubMessage): Promise<void> {
    if (this.redis) await this.redis.publish(this.key('ch', serverId), JSON.stringify(msg));
    else this.deliver(msg);
  }

  private onRedisMessage(channel: string, message: string): void {
    const serverId = channel.slice(channel.lastIndexOf(':') + 1);
    if (!this.listeners.has(serverId)) return;
    try {
      this.deliver(JSON.parse(message) as HubMessage);
    } catch (err) {
      this.logger.warn({ err: String(err) }, 'bad console message on pub/sub');
    }
  }

  private deliver(msg: HubMessage): void {
    const set = this.listeners.get(msg.serverId);
    if (!set) return;
    for (const listener of set) {
      try {
        listener(msg);
      } catch (err) {
        this.logger.warn({ err: String(err) }, 'console listener failed');
      }
    }
  }

  // ───────────── viewers ─────────────

  /** Live messages of one server; resolves once the (Redis) subscription is active. */
  async subscribe(serverId: string, listener: HubListener): Promise<() => void> {
    let set = this.listeners.get(serverId);
    if (!set) {
      set = new Set();
      this.listeners.set(serverId, set);
      if (this.sub) this.subscribed.set(serverId, this.sub.subscribe(this.key('ch', serverId)));
    }
    set.add(listener);
    await this.subscribed.get(serverId);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const current = this.listeners.get(serverId);
      if (!current) return;
      current.delete(listener);
      if (!current.size) {
        this.listeners.delete(serverId);
        this.subscribed.delete(serverId);
        if (this.sub) void this.sub.unsubscribe(this.key('ch', serverId)).catch(() => undefined);
      }
    };
  }

  /** The ring buffer of a server, oldest first. */
  async buffer(serverId: string): Promise<ConsoleLine[]> {
    if (this.redis) {
      const raw = await this.redis.lrange(this.key('buf', serverId), 0, -1);
      return raw.map((s) => JSON.parse(s) as ConsoleLine);
    }
    return this.memBuffers.get(serverId)?.toArray() ?? [];
  }

  /** Forgets a server's buffered lines (logs deleted); sequence numbers keep counting. */
  async clearBuffer(serverId: string): Promise<void> {
    if (this.redis) await this.redis.del(this.key('buf', serverId));
    else this.memBuffers.delete(serverId);
  }

  /** Number of local viewers' listeners per server (tests, stats polling). */
  watchedServers(): string[] {
    return [...this.listeners.keys()];
  }

  // ───────────── persistence ─────────────

  private persist(domainId: DomainId, serverId: string, lines: ConsoleLine[]): void {
    for (const l of lines) this.persistQueue.push({ domainId, row: { gameserverId: serverId, seq: l.seq, stream: l.stream, line: l.line, time: new Date(l.time) } });
    const over = this.persistQueue.length - this.options.maxPendingRows;
    if (over > 0) {
      this.persistQueue.splice(0, over);
      this.stats.persistDropped += over;
      this.logger.warn({ dropped: over }, 'console history is not keeping up: oldest pending lines were not stored');
    }
  }

  /** Writes everything queued so far (also used before deleting a server's history). */
  async flushPersist(): Promise<void> {
    while (this.persisting) await this.persisting;
    if (!this.persistQueue.length) return;
    const batch = this.persistQueue;
    this.persistQueue = [];
    this.persisting = this.write(batch).finally(() => (this.persisting = null));
    await this.persisting;
  }

  private async write(batch: Array<{ domainId: DomainId; row: ConsoleLogRow }>): Promise<void> {
    // Grouped per server: a server deleted meanwhile (FK) costs only its own lines.
    const groups = new Map<string, { domainId: DomainId; rows: ConsoleLogRow[] }>();
    for (const { domainId, row } of batch) {
      let g = groups.get(row.gameserverId);
      if (!g) groups.set(row.gameserverId, (g = { domainId, rows: [] }));
      g.rows.push(row);
    }
    for (const [serverId, g] of groups) {
      for (let i = 0; i < g.rows.length; i += 1000) {
        const chunk = g.rows.slice(i, i + 1000);
        try {
          await this.logs.insertBatch(g.domainId, chunk);
          this.stats.linesPersisted += chunk.length;
        } catch (err) {
          this.logger.warn({ err: String(err), serverId, lines: chunk.length }, 'storing console lines failed');
        }
      }
    }
  }
}
