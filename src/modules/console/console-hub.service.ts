import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { ConsoleOutputEvent } from '@libs/agent-protocol/protocol';
import { DomainId } from '@libs/tenancy/domain-id';
import { RedisService } from '../../core/redis/redis.service';
import { EventBus } from '../../core/events/event-bus';
import type { ServerConsoleLine, ServerStateChanged } from '../../core/events/outpost-events';
import { ConsoleLogRepository, ConsoleLogRow } from './console-log.repository';

// Why this file is over 300 lines: sequence numbers, the history ring, flood suppression, batching to
// PostgreSQL and the Redis relay are one consistency unit (a line gets its seq, its ring slot and its
// subscribers in one step, and keeps them through a Redis outage); split apart, each piece would need
// the others' invariants.

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
  | {
      t: 'lines';
      serverId: string;
      lines: ConsoleLine[];
      /** The `console output` frame of `lines`, encoded once per process for every local viewer; never published. */
      frame?: string;
      /** …and its UTF-8, which ws writes to every socket as is (a string it would measure and encode per socket). */
      frameBytes?: Buffer;
      /** publishing process */
      o?: string;
    }
  | { t: 'status'; serverId: string; state: string; reason: string | null; o?: string };

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
  /** Lines waiting for the database (or, before their seq can be seeded, for a seq) beyond this are dropped (oldest first) and logged. */
  maxPendingRows: number;
}

/**
 * Reserves `n` seqs of a server: never below `floor` (the highest this process assigned or saw), so a
 * counter Redis lost (restart, flush) or restored from an old snapshot continues after the real
 * last line. With `requireExisting`, a missing key answers -1 instead: the caller then seeds it
 * from the stored history.
 */
const RESERVE_SEQ_LUA = `
local cur = redis.call('GET', KEYS[1])
if not cur then
  if ARGV[3] == '1' then return -1 end
  cur = 0
else
  cur = tonumber(cur)
end
local floor = tonumber(ARGV[1])
if cur < floor then redis.call('SET', KEYS[1], ARGV[1]) end
return redis.call('INCRBY', KEYS[1], ARGV[2])`;

/**
 * Appends consecutive lines (first seq ARGV[3]) to a server's ring list, skipping those it already
 * ends with, so lines offered again after a reconnect are stored once; trims, refreshes the expiry
 * and publishes the message (viewers drop lines they already have by seq).
 */
const APPEND_LINES_LUA = `
local first = tonumber(ARGV[3])
local skip = 0
local tail = redis.call('LINDEX', KEYS[1], -1)
if tail then
  local last = tonumber(cjson.decode(tail).seq)
  if last >= first then skip = last - first + 1 end
end
if skip < #ARGV - 4 then redis.call('RPUSH', KEYS[1], unpack(ARGV, 5 + skip)) end
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[1]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return redis.call('PUBLISH', KEYS[2], ARGV[4])`;

interface ConsoleScripts {
  outpostConsoleReserve(key: string, floor: number, n: number, requireExisting: '0' | '1'): Promise<number>;
  outpostConsoleAppend(buf: string, channel: string, maxLines: number, ttlMs: number, firstSeq: number, message: string, ...lines: string[]): Promise<number>;
}

type PersistItem = { domainId: DomainId; row: ConsoleLogRow; /** written before, maybe stored: replace, don't duplicate */ retry?: boolean };

/** A line waiting for its seq; `resent`: an agent's repeat that may already be stored (see ConsoleOutputEvent). */
type PendingLine = Omit<ConsoleLine, 'seq'> & { resent?: true };

interface Ingest {
  serverId: string;
  domainId: DomainId;
  pending: PendingLine[];
  /** Resent lines in `pending` (their copies are dropped before sequencing). */
  resentPending: number;
  scheduled: boolean;
  flushing: boolean;
  /** This process knows a seq floor for the server: seeded from the stored history, or reserved through Redis. */
  seqReady: boolean;
  /** Highest seq known to be in the Redis ring list and published; lines above it are offered again. */
  inRedis: number;
  /** Sequencing waits for the database (stored max seq) after a failure. */
  retryTimer?: NodeJS.Timeout;
  attempts: number;
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

  /** Lines with seq in (after, before), oldest first. */
  between(after: number, before = Number.POSITIVE_INFINITY): ConsoleLine[] {
    let i = this.items.length;
    while (i > this.head && this.items[i - 1].seq > after) i--;
    const out: ConsoleLine[] = [];
    for (let j = i; j < this.items.length && this.items[j].seq < before; j++) out.push(this.items[j]);
    return out;
  }
}

/**
 * The console's data path, shared by every console socket of this process.
 *
 * Ingest (only in the process that holds the node's agent socket): `gameserver.console` events
 * (the game-server side already checked the server sits on the sending node) → flood throttle → a
 * per-server queue that is flushed in order: a block of sequence numbers is reserved (Redis
 * INCRBY when REDIS_URL is set, so every process agrees; else a counter here, seeded from the
 * stored history), the lines go to the ring buffer, to this process's viewers, to Redis for the
 * other processes, and are queued for the batched INSERT into console_log.
 *
 * Ring buffer: in this process for the servers it ingests, and with Redis also a capped Redis list
 * per server (appended and published in one script). That way any replica can answer
 * `resume`/`send logs` for a server even if it had no viewers (and therefore no subscription) when
 * the lines were produced, and a process only subscribes to the servers its own viewers watch.
 *
 * Fan-out: one pub/sub channel per server. The ingesting process delivers to its own sockets
 * directly (and ignores its own messages coming back), the others from their subscription; a
 * receiver that sees a gap in the seqs (its subscription was down) fills it from the Redis list.
 *
 * Redis is optional at runtime: while it is unreachable, seqs are assigned here from the highest
 * this process assigned or saw (seeded from the stored history if it has none), lines still reach
 * this process's viewers and PostgreSQL, and when Redis is back the counter is lifted to that
 * floor (or seeded again from the stored history if Redis lost it) and the lines it missed are
 * appended to its list and published, so viewers anywhere get every seq once and in order.
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
  readonly stats = { linesIn: 0, linesPublished: 0, linesSuppressed: 0, linesPersisted: 0, persistDropped: 0, persistRetried: 0, seqLocal: 0, linesResentDropped: 0 };

  private readonly logger = new Logger('ConsoleHub');
  private readonly redis?: Redis & ConsoleScripts;
  private readonly sub?: Redis;
  private readonly prefix: string;
  /** Tags this process's pub/sub messages: they were delivered here already. */
  private readonly origin = randomUUID();
  /** How this process's pub/sub messages begin (the tag comes first): recognised without parsing them. */
  private readonly ownMessage = `{"o":${JSON.stringify(this.origin)},`;
  private readonly ownMessageBytes = Buffer.from(this.ownMessage);
  private readonly listeners = new Map<string, Set<HubListener>>();
  private readonly subscribed = new Map<string, Promise<unknown>>();
  private readonly memBuffers = new Map<string, RingBuffer>();
  /** Per server: the highest seq this process assigned or saw; no seq it hands out is ever at or below it. */
  private readonly knownSeq = new Map<string, number>();
  /** Per watched server: the highest seq delivered from other processes (gap detection); forgotten when nobody watches. */
  private readonly remoteSeq = new Map<string, number>();
  private readonly remoteChains = new Map<string, Promise<void>>();
  /** Ring lists to delete once Redis is back (history deleted while it was down). */
  private readonly clearLater = new Set<string>();
  private readonly ingests = new Map<string, Ingest>();
  private persistQueue: PersistItem[] = [];
  private persisting: Promise<void> | null = null;
  private persistTimer?: NodeJS.Timeout;
  private redisDown = false;
  private readonly unsubscribe: Array<() => void> = [];
  private readonly onState = (s: ServerStateChanged) => void this.publish(s.serverId, { t: 'status', serverId: s.serverId, state: s.state, reason: s.reason });
  private readonly onRedisReady = () => this.resync();

  constructor(
    redis: RedisService,
    private readonly bus: EventBus,
    private readonly logs: ConsoleLogRepository,
  ) {
    this.prefix = `${redis.key('console')}:`;
    if (redis.client) {
      // ioredis runs these by EVALSHA and loads them again after a Redis restart (NOSCRIPT).
      redis.client.defineCommand('outpostConsoleReserve', { numberOfKeys: 1, lua: RESERVE_SEQ_LUA });
      redis.client.defineCommand('outpostConsoleAppend', { numberOfKeys: 2, lua: APPEND_LINES_LUA });
      this.redis = redis.client as Redis & ConsoleScripts;
      this.sub = redis.subscriber('console fan-out');
      // As Buffers: ioredis decodes a message to a string only for 'message' listeners, and our own come back too.
      this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onRedisMessage(channel.toString(), message));
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
    this.redis?.on('ready', this.onRedisReady);
    this.persistTimer = setInterval(() => void this.flushPersist(), this.options.persistEveryMs).unref();
  }

  async onModuleDestroy(): Promise<void> {
    for (const off of this.unsubscribe) off();
    this.redis?.off('ready', this.onRedisReady);
    if (this.persistTimer) clearInterval(this.persistTimer);
    for (const st of this.ingests.values()) {
      if (st.throttleTimer) clearTimeout(st.throttleTimer);
      if (st.retryTimer) clearTimeout(st.retryTimer);
    }
    // Let in-flight flushes reach the persistence queue, then write it. Flushes never wait for
    // Redis (its commands fail fast while it is down), so this ends promptly without it.
    for (let i = 0; i < 50 && [...this.ingests.values()].some((s) => s.flushing || s.scheduled); i++) await new Promise((r) => setTimeout(r, 10));
    await this.flushPersist();
    await this.persisting;
    if (this.persistQueue.length) this.logger.warn({ lines: this.persistQueue.length }, 'console lines not stored at shutdown: the database did not take them');
    // The connections themselves are RedisService's to close.
  }

  private key(kind: 'seq' | 'buf' | 'ch', serverId: string): string {
    return `${this.prefix}${kind}:${serverId}`;
  }

  /** The command client when it is connected: while it is not, callers take their in-process path at once. */
  private liveRedis(): (Redis & ConsoleScripts) | undefined {
    return this.redis?.status === 'ready' ? this.redis : undefined;
  }

  /** One warning per outage. */
  private redisTrouble(err: unknown, what: string): void {
    if (this.redisDown) return;
    this.redisDown = true;
    this.logger.warn({ err: err instanceof Error ? err.message : JSON.stringify(err), what }, 'Redis unavailable: console lines are sequenced and delivered in this process until it is back');
  }

  private redisWorks(): void {
    if (this.redisDown) this.logger.log('Redis is back: console fan-out across API processes resumes');
    this.redisDown = false;
  }

  // ───────────── ingest ─────────────

  private ingest(e: ServerConsoleLine): void {
    this.stats.linesIn++;
    this.accept(e.domainId, e.output);
  }

  private ingestFor(serverId: string, domainId: DomainId): Ingest {
    let st = this.ingests.get(serverId);
    if (!st) {
      st = { serverId, domainId, pending: [], resentPending: 0, scheduled: false, flushing: false, seqReady: false, inRedis: 0, attempts: 0, windowStart: 0, windowCount: 0, suppressed: 0 };
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
    // Lines sent again after a reconnect (bounded by the agent) are mostly copies, dropped later: not throttled.
    if (!d.resent) st.windowCount++;
    if (!d.resent && st.windowCount > this.options.linesPerSecond) {
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
    const entry: PendingLine = {
      line: this.clean(d.line),
      time: Number.isFinite(parsed) ? new Date(parsed).toISOString() : new Date(now).toISOString(),
      stream: d.stream === 'stderr' ? 'stderr' : 'stdout',
    };
    if (d.resent === true) {
      entry.resent = true;
      st.resentPending++;
    }
    this.queue(st, entry);
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

  private queue(st: Ingest, entry: PendingLine): void {
    st.pending.push(entry);
    // Only while seqs can't be seeded (database down at a server's first line) does this grow: bounded.
    const over = st.pending.length - this.options.maxPendingRows;
    if (over > 0) {
      st.pending.splice(0, over);
      this.stats.persistDropped += over;
      this.logger.warn({ serverId: st.serverId, dropped: over }, 'console lines waiting for a sequence number were dropped (oldest first)');
    }
    this.kick(st);
  }

  /** Schedules a flush unless one is running, scheduled, or waiting to retry. */
  private kick(st: Ingest): void {
    if (st.scheduled || st.flushing || st.retryTimer) return;
    st.scheduled = true;
    setImmediate(() => void this.flush(st));
  }

  /**
   * Per server and strictly in order: reserve seqs, buffer, deliver here, queue for the database,
   * then bring Redis up to date. A batch leaves the queue only once it has its seqs; nothing after
   * that can lose it (Redis failures leave it for the next sync, database failures are retried).
   */
  private async flush(st: Ingest): Promise<void> {
    st.scheduled = false;
    if (st.flushing) return;
    st.flushing = true;
    try {
      while (st.pending.length) {
        if (st.resentPending) await this.dropRepeats(st);
        if (!st.pending.length) break;
        const batch = st.pending.slice(0, 2000);
        let first: number;
        try {
          first = await this.reserveSeq(st, batch.length);
        } catch (err) {
          // Only the stored history (database) can fail here; Redis failures fall back to local seqs.
          this.retryLater(st, err);
          return;
        }
        st.attempts = 0;
        st.pending.splice(0, batch.length);
        const lines: ConsoleLine[] = batch.map((b, i) => ({ seq: first + i, line: b.line, time: b.time, stream: b.stream }));
        this.persist(st.domainId, st.serverId, lines);
        this.ring(st.serverId).push(lines);
        // With Redis each line is encoded once, for its list; the frame and the pub/sub message are joined from those.
        const encoded = this.redis ? lines.map((l) => JSON.stringify(l)) : undefined;
        const msg: HubMessage = { t: 'lines', serverId: st.serverId, lines };
        if (encoded && this.listeners.has(st.serverId)) msg.frame = `{"event":"console output","args":[${encoded.join(',')}]}`;
        this.deliver(msg);
        this.stats.linesPublished += lines.length;
        await this.syncRedis(st, lines, encoded);
      }
      // Lines delivered while Redis was down (or offered again after a reconnect) and no new line since.
      await this.syncRedis(st, []);
    } finally {
      st.flushing = false;
      if (st.pending.length) this.kick(st);
    }
  }

  /**
   * Drops the resent lines the server's console already has: one per copy of the same line, stream
   * and time in its buffer or earlier in the queue (its first copy not sequenced yet). Counted, not
   * a set: a chunk's identical lines share their time, and each is kept once.
   */
  private async dropRepeats(st: Ingest): Promise<void> {
    const id = (l: Omit<ConsoleLine, 'seq'>) => `${l.time}\u0000${l.stream}\u0000${l.line}`;
    const have = new Map<string, number>();
    for (const l of await this.buffer(st.serverId)) have.set(id(l), (have.get(id(l)) ?? 0) + 1);
    // Read after the await: only this flush takes lines off the queue, so all of it is looked at here.
    st.resentPending = 0;
    const kept: PendingLine[] = [];
    for (const p of st.pending) {
      const key = id(p);
      const copies = have.get(key) ?? 0;
      if (p.resent && copies > 0) {
        have.set(key, copies - 1);
        this.stats.linesResentDropped++;
        continue;
      }
      if (!p.resent) have.set(key, copies + 1);
      delete p.resent;
      kept.push(p);
    }
    st.pending = kept;
  }

  private retryLater(st: Ingest, err: unknown): void {
    st.attempts++;
    const delay = Math.min(250 * 2 ** Math.min(st.attempts - 1, 5), 5000);
    if (st.attempts === 1 || st.attempts % 10 === 0) {
      this.logger.warn(
        { err: String(err), serverId: st.serverId, attempts: st.attempts, waiting: st.pending.length },
        'console lines wait for their sequence numbers (stored history unreadable); retrying',
      );
    }
    st.retryTimer = setTimeout(() => {
      st.retryTimer = undefined;
      this.kick(st);
    }, delay);
    st.retryTimer.unref?.();
  }

  /** First seq of a block of n; never at or below a seq this process assigned or saw for the server. */
  private async reserveSeq(st: Ingest, n: number): Promise<number> {
    const redis = this.liveRedis();
    if (redis) {
      try {
        const end = await this.reserveInRedis(redis, st, n);
        this.redisWorks();
        return this.assigned(st, end - n + 1, n);
      } catch (err) {
        // The stored history failing is not a Redis problem: retry later rather than guess.
        if (err instanceof StoredHistoryError) throw err.original;
        this.redisTrouble(err, 'reserve seq');
      }
    } else if (this.redis) {
      this.redisTrouble(new Error(`Redis connection is ${this.redis.status}`), 'reserve seq');
    }
    // In this process: without Redis at all, or while it is down (the counter is lifted to this on reconnect).
    if (!st.seqReady) {
      const stored = await this.logs.maxSeq(st.domainId, st.serverId);
      this.knownSeq.set(st.serverId, Math.max(stored, this.knownSeq.get(st.serverId) ?? 0));
      st.seqReady = true;
    }
    if (this.redis) this.stats.seqLocal += n;
    return this.assigned(st, (this.knownSeq.get(st.serverId) ?? 0) + 1, n);
  }

  private async reserveInRedis(redis: Redis & ConsoleScripts, st: Ingest, n: number): Promise<number> {
    const key = this.key('seq', st.serverId);
    const floor = this.knownSeq.get(st.serverId) ?? 0;
    const end = await redis.outpostConsoleReserve(key, floor, n, '1');
    if (end !== -1) return end;
    // Redis has no counter: first use, or Redis lost it (restart, flush). Seed from the stored history too.
    let stored: number;
    try {
      stored = await this.logs.maxSeq(st.domainId, st.serverId);
    } catch (err) {
      // What this process assigned itself suffices as a floor; with nothing known, wait for the database.
      if (!st.seqReady) throw new StoredHistoryError(err);
      stored = 0;
    }
    return redis.outpostConsoleReserve(key, Math.max(stored, floor), n, '0');
  }

  private assigned(st: Ingest, first: number, n: number): number {
    st.seqReady = true;
    this.knownSeq.set(st.serverId, Math.max(this.knownSeq.get(st.serverId) ?? 0, first + n - 1));
    return first;
  }

  private ring(serverId: string): RingBuffer {
    let ring = this.memBuffers.get(serverId);
    if (!ring) {
      ring = new RingBuffer(
        () => this.options.bufferLines,
        () => this.options.bufferBytes,
      );
      this.memBuffers.set(serverId, ring);
    }
    return ring;
  }

  /**
   * Appends to the Redis list and publishes to the other processes the lines Redis has not got
   * yet: `lines` (just delivered here) and any earlier ones still in the ring. Never throws: while
   * Redis is down they stay above `inRedis` and go with the next sync.
   */
  private async syncRedis(st: Ingest, lines: ConsoleLine[], encoded: string[] = lines.map((l) => JSON.stringify(l))): Promise<void> {
    if (!this.redis) return;
    const first = lines.length ? lines[0].seq : Number.POSITIVE_INFINITY;
    const missed = this.memBuffers.get(st.serverId)?.between(st.inRedis, first) ?? [];
    const out = missed.length ? [...missed, ...lines] : lines;
    if (!out.length) return;
    const redis = this.liveRedis();
    if (!redis) return;
    const items = missed.length ? [...missed.map((l) => JSON.stringify(l)), ...encoded] : encoded;
    // A HubMessage ({ o, t: 'lines', serverId, lines }) joined from the encoded lines; the origin first (see onRedisMessage).
    const message = `${this.ownMessage}"t":"lines","serverId":${JSON.stringify(st.serverId)},"lines":[${items.join(',')}]}`;
    try {
      if (this.clearLater.delete(st.serverId)) await redis.del(this.key('buf', st.serverId));
      await redis.outpostConsoleAppend(this.key('buf', st.serverId), this.key('ch', st.serverId), this.options.bufferLines, 7 * 24 * 3600 * 1000, out[0].seq, message, ...items);
      st.inRedis = Math.max(st.inRedis, out[out.length - 1].seq);
      this.redisWorks();
    } catch (err) {
      this.redisTrouble(err, 'publish lines');
    }
  }

  /** Redis is back: offer every ingested server's ring again (the append skips what the list has) and delete lists cleared meanwhile. */
  private resync(): void {
    for (const serverId of [...this.clearLater]) {
      if (this.ingests.has(serverId)) continue; // synced with its lines below
      void this.redis
        ?.del(this.key('buf', serverId))
        .then(() => this.clearLater.delete(serverId))
        .catch(() => undefined);
    }
    for (const st of this.ingests.values()) {
      // After a Redis restart the list is empty; after a blip it ends where it ended: the script tells.
      st.inRedis = 0;
      this.kick(st);
    }
  }

  private async publish(serverId: string, msg: HubMessage): Promise<void> {
    this.deliver(msg);
    const redis = this.liveRedis();
    if (!redis) return;
    await redis.publish(this.key('ch', serverId), JSON.stringify({ o: this.origin, ...msg })).catch((err: unknown) => this.redisTrouble(err, 'publish status'));
  }

  private onRedisMessage(channel: string, message: Buffer): void {
    const serverId = channel.slice(channel.lastIndexOf(':') + 1);
    // Our own messages come back too: delivered here already, so not even parsed.
    if (!this.listeners.has(serverId) || message.subarray(0, this.ownMessageBytes.length).equals(this.ownMessageBytes)) return;
    let msg: HubMessage;
    try {
      msg = JSON.parse(message.toString()) as HubMessage;
    } catch (err) {
      this.logger.warn({ err: String(err) }, 'bad console message on pub/sub');
      return;
    }
    if (msg.o === this.origin) return;
    // In order per server, also when a gap has to be filled from the list first.
    const next = (this.remoteChains.get(serverId) ?? Promise.resolve())
      .then(() => this.deliverRemote(serverId, msg))
      .catch((err: unknown) => this.logger.warn({ err: String(err) }, 'console message from another process not delivered'));
    this.remoteChains.set(serverId, next);
    void next.finally(() => {
      if (this.remoteChains.get(serverId) === next) this.remoteChains.delete(serverId);
    });
  }

  private async deliverRemote(serverId: string, msg: HubMessage): Promise<void> {
    if (msg.t === 'lines' && msg.lines.length) {
      const seen = this.remoteSeq.get(serverId);
      const first = msg.lines[0].seq;
      if (seen !== undefined && first > seen + 1) {
        // Our subscription was down while these were published: they are in the list.
        const gap = (await this.buffer(serverId)).filter((l) => l.seq > seen && l.seq < first);
        if (gap.length) this.deliver({ t: 'lines', serverId, lines: gap });
      }
      const last = msg.lines[msg.lines.length - 1].seq;
      if (this.listeners.has(serverId)) this.remoteSeq.set(serverId, Math.max(seen ?? 0, last));
      this.knownSeq.set(serverId, Math.max(this.knownSeq.get(serverId) ?? 0, last));
    }
    this.deliver(msg);
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

  /**
   * Live messages of one server. Resolves once the (Redis) subscription is active, or at once while
   * Redis is down: this process's lines reach the listener regardless, other processes' once it is back.
   */
  async subscribe(serverId: string, listener: HubListener): Promise<() => void> {
    let set = this.listeners.get(serverId);
    if (!set) {
      set = new Set();
      this.listeners.set(serverId, set);
      if (this.sub) {
        const channel = this.key('ch', serverId);
        this.subscribed.set(
          serverId,
          this.sub.subscribe(channel).catch((err: unknown) => this.logger.warn({ err: String(err), serverId }, 'console subscription failed')),
        );
      }
    }
    set.add(listener);
    if (this.sub?.status === 'ready') await within(this.subscribed.get(serverId), 2000);
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
        this.remoteSeq.delete(serverId);
        if (this.sub) void this.sub.unsubscribe(this.key('ch', serverId)).catch(() => undefined);
      }
    };
  }

  /**
   * The ring buffer of a server, oldest first: the Redis list, completed by (and, while Redis is
   * down, replaced by) this process's ring of the lines it ingested.
   */
  async buffer(serverId: string): Promise<ConsoleLine[]> {
    const local = this.memBuffers.get(serverId)?.toArray() ?? [];
    const redis = this.liveRedis();
    if (!redis) return local;
    let shared: ConsoleLine[];
    try {
      shared = (await redis.lrange(this.key('buf', serverId), 0, -1)).map((s) => JSON.parse(s) as ConsoleLine);
    } catch (err) {
      this.redisTrouble(err, 'read buffer');
      return local;
    }
    if (!local.length) return shared;
    const merged = [...shared.filter((l) => l.seq < local[0].seq), ...local];
    return merged.slice(-this.options.bufferLines);
  }

  /** Forgets a server's buffered lines (logs deleted); sequence numbers keep counting. */
  async clearBuffer(serverId: string): Promise<void> {
    this.memBuffers.delete(serverId);
    if (!this.redis) return;
    try {
      await this.redis.del(this.key('buf', serverId));
    } catch (err) {
      this.redisTrouble(err, 'clear buffer');
      this.clearLater.add(serverId);
    }
  }

  /** Number of local viewers' listeners per server (tests, stats polling). */
  watchedServers(): string[] {
    return [...this.listeners.keys()];
  }

  // ───────────── persistence ─────────────

  private persist(domainId: DomainId, serverId: string, lines: ConsoleLine[]): void {
    for (const l of lines) this.persistQueue.push({ domainId, row: { gameserverId: serverId, seq: l.seq, stream: l.stream, line: l.line, time: new Date(l.time) } });
    this.capPersistQueue();
  }

  private capPersistQueue(): void {
    const over = this.persistQueue.length - this.options.maxPendingRows;
    if (over > 0) {
      this.persistQueue.splice(0, over);
      this.stats.persistDropped += over;
      this.logger.warn({ dropped: over }, 'console history is not keeping up: oldest pending lines were not stored');
    }
  }

  /** Writes everything queued so far (also used before deleting a server's history); what fails stays queued. */
  async flushPersist(): Promise<void> {
    while (this.persisting) await this.persisting;
    if (!this.persistQueue.length) return;
    const batch = this.persistQueue;
    this.persistQueue = [];
    this.persisting = this.write(batch).finally(() => (this.persisting = null));
    await this.persisting;
  }

  /**
   * Grouped per server, in seq order. A chunk the database refused for a reason that may pass
   * (connection lost, timeout) goes back to the front of the queue with everything after it and is
   * written again on the next tick, as a replace of its seqs (it may have been stored before the
   * error came). Only a server (or domain) deleted meanwhile drops its lines.
   */
  private async write(batch: PersistItem[]): Promise<void> {
    const groups = new Map<string, { domainId: DomainId; items: PersistItem[] }>();
    for (const item of batch) {
      let g = groups.get(item.row.gameserverId);
      if (!g) groups.set(item.row.gameserverId, (g = { domainId: item.domainId, items: [] }));
      g.items.push(item);
    }
    const unwritten: PersistItem[] = [];
    let failed: unknown = null;
    for (const [serverId, g] of groups) {
      for (let i = 0; i < g.items.length; i += 1000) {
        const chunk = g.items.slice(i, i + 1000);
        if (failed) {
          unwritten.push(...chunk);
          continue;
        }
        const rows = chunk.map((c) => c.row);
        try {
          if (chunk.some((c) => c.retry)) await this.logs.replaceBatch(g.domainId, rows);
          else await this.logs.insertBatch(g.domainId, rows);
          this.stats.linesPersisted += chunk.length;
        } catch (err) {
          if (isForeignKeyViolation(err)) {
            this.stats.persistDropped += chunk.length;
            this.logger.warn({ serverId, lines: chunk.length }, 'console lines of a deleted server were not stored');
            continue;
          }
          failed = err;
          this.stats.persistRetried += chunk.length;
          this.logger.warn({ err: String(err), serverId, lines: chunk.length }, 'storing console lines failed; they stay queued and are written again');
          unwritten.push(...chunk.map((c) => ({ ...c, retry: true })));
        }
      }
    }
    if (unwritten.length) {
      this.persistQueue = [...unwritten, ...this.persistQueue];
      this.capPersistQueue();
    }
  }
}

/** The stored history (database) failed while seeding a seq counter in Redis. */
class StoredHistoryError extends Error {
  constructor(readonly original: unknown) {
    super(String(original));
  }
}

function isForeignKeyViolation(err: unknown): boolean {
  return (err as { code?: unknown; driverError?: { code?: unknown } })?.code === '23503' || (err as { driverError?: { code?: unknown } })?.driverError?.code === '23503';
}

/** Waits for `p`, but no longer than `ms`. */
async function within(p: Promise<unknown> | undefined, ms: number): Promise<void> {
  if (!p) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
