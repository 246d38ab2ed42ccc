/**
 * Live streams of running managed servers: console output (attach) and resource stats,
 * forwarded as `console.output` / `server.stats` events. One entry per server; attaching is
 * idempotent, and everything is dropped when the container stops or the output stream ends.
 *
 * Attaching a container that already runs (agent restart, a start by someone else) first replays
 * what it printed while nobody was attached, from the runtime's log: since the last line this
 * agent handled for the server (in memory) or sent (persisted as `lastOutputAt`), else since the
 * container started. Live lines arriving meanwhile are held and follow the replay, minus the
 * overlap, so the console has neither a gap nor a seam of doubled lines.
 */
import type { Attachment, ContainerDriver, ContainerState, ContainerStats } from '@libs/container-driver/container-driver';
import type { AgentLogger } from './logger';
import { sameContainerId } from './ownership';
import type { ServerStore } from './server-store';

export type ConsoleStream = 'stdout' | 'stderr';

export interface ServerStreamsOptions {
  driver: ContainerDriver;
  logger: AgentLogger;
  store: ServerStore;
  /** `time`: when the agent read the line (ms), or for a replayed line when the runtime logged it. */
  onLine: (serverId: string, line: string, stream: ConsoleStream, time: number) => void;
  onStats: (serverId: string, stats: ContainerStats) => void;
  /** Forward at most one stats sample per server per this period. */
  statsIntervalMs: number;
  /** At most this many lines are replayed from the runtime's log on attach (default 1,000). */
  replayMaxLines?: number;
  /** `lastOutputAt` is written at most once per this period per server (default 1 s), and on detach. */
  saveOutputEveryMs?: number;
}

interface HeldLine {
  line: string;
  stream: ConsoleStream;
  time: number;
}

interface Live {
  serverId: string;
  containerId: string;
  attachment: Attachment | null;
  stopStats: (() => void) | null;
  closed: boolean;
  /** Live lines kept back while the replay is fetched; null once live lines flow straight through. */
  held: HeldLine[] | null;
}

/** Persisting of the last sent line's time per server: throttled, never one write per line. */
interface SentMark {
  at: number;
  saved: number;
  lastWriteAt: number;
  timer: NodeJS.Timeout | null;
  writing: Promise<void> | null;
}

/** Console lines longer than this are cut: one runaway line must not become a huge frame. */
const MAX_LINE = 16 * 1024;
/** Live lines held during a replay fetch (a slow daemon must not grow this without bound). */
const MAX_HELD = 10_000;
/**
 * Replayed lines logged up to this long before the attach request may still be in the live stream
 * (daemon and agent stamp a line at slightly different moments).
 */
const ATTACH_SKEW_MS = 100;

export class ServerStreams {
  private readonly live = new Map<string, Live>();
  /** Attach calls in flight, so concurrent triggers (start command + start event) attach once. */
  private readonly attaching = new Map<string, Promise<void>>();
  /** Time of the last line handed to onLine per server (forwarded or buffered by the agent). */
  private readonly handled = new Map<string, number>();
  private readonly sent = new Map<string, SentMark>();
  /**
   * Servers whose container died since their last line was handled: the next attach is to a new run, so
   * `handled` (stamped when the agent read a line, not when the runtime logged it) must not cut its
   * replay — a lagging agent can stamp the old run's last line after the new run's first ones.
   */
  private readonly endedRuns = new Map<string, number>();
  /** After closeAll (agent stop), late triggers (an event, a reconnect) attach nothing. */
  private shutDown = false;

  constructor(private readonly o: ServerStreamsOptions) {}

  isAttached(serverId: string): boolean {
    return this.live.has(serverId);
  }

  attachedServerIds(): string[] {
    return [...this.live.keys()];
  }

  /** Attaches console + stats to the server's container; no-op when already attached to it. */
  attach(serverId: string, containerId: string, options: { stats?: boolean } = {}): Promise<void> {
    if (this.shutDown) return Promise.resolve();
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
    const endedMark = this.endedRuns.get(serverId);
    const newRun = endedMark !== undefined;
    const state = await this.o.driver.inspect(containerId).catch(() => null);
    const requestedAt = Date.now();
    const attachment = await this.o.driver.attach(containerId);
    // Only an attach that happened uses up the mark (a failed one leaves it for the retry), and not a
    // newer one: the container may have died again meanwhile.
    if (this.endedRuns.get(serverId) === endedMark) this.endedRuns.delete(serverId);
    // Running already: it may have printed lines nobody read. Not running: the attach sees its first line.
    const replay = state?.running === true;
    const l: Live = { serverId, containerId, attachment, stopStats: null, closed: false, held: replay ? [] : null };
    this.live.set(serverId, l);
    let partial = '';
    let endPending = false;
    const emit = (raw: string): void => {
      if (l.closed && !l.held) return;
      const line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
      if (l.held) {
        l.held.push({ line, stream: 'stdout', time: Date.now() });
        if (l.held.length > MAX_HELD) l.held.shift();
        return;
      }
      this.deliver(serverId, line, 'stdout', Date.now());
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
      // The replay still delivers what it fetched and held; the entry goes when it is done.
      if (l.held) endPending = true;
      else if (this.live.get(serverId) === l) this.detach(serverId);
    };
    attachment.output.once('end', ended);
    attachment.output.once('close', ended);
    attachment.output.on('error', (err: Error) => {
      this.o.logger.warn({ serverId, err: err.message }, 'console stream error');
      ended();
    });
    if (replay) {
      await this.replay(l, state, requestedAt, newRun);
      if (endPending && this.live.get(serverId) === l) this.detach(serverId);
    }
    if (withStats && !l.closed) await this.startStats(l);
  }

  /**
   * Delivers the lines the container logged before the attach was up, then the held live ones; live
   * lines flow straight after. Lines logged while the attach was being set up may have arrived both
   * ways: the held lines that repeat the end of the replay are the overlap and are dropped from it.
   */
  private async replay(l: Live, state: ContainerState, requestedAt: number, newRun: boolean): Promise<void> {
    let lines: HeldLine[] = [];
    try {
      const last = newRun ? null : (this.handled.get(l.serverId) ?? (await this.persistedOutputAt(l.serverId)));
      const started = state.startedAt ? Date.parse(state.startedAt) || 0 : 0;
      const since = Math.max(last ?? 0, started);
      // No `until`: the daemon stamps a line when its log copier reads it, which can be after the attach
      // was up although the attach never saw it (it was written before). Reading up to now and dropping
      // the overlap with the held live lines loses neither.
      const logs = await this.o.driver.logs(l.containerId, { since: since / 1000, tail: this.o.replayMaxLines ?? 1_000 });
      for (const x of logs) {
        const time = Date.parse(x.timestamp);
        // At or before the last line already handled: sent before (the boundary of the previous run).
        if (Number.isNaN(time) || (last !== null && time <= last)) continue;
        lines.push({ line: x.line.length > MAX_LINE ? x.line.slice(0, MAX_LINE) : x.line, stream: x.stream, time });
      }
      lines = lines.slice(0, lines.length - overlap(lines, l.held ?? [], requestedAt - ATTACH_SKEW_MS));
      if (lines.length) this.o.logger.info({ serverId: l.serverId, lines: lines.length, since: new Date(since).toISOString() }, 'console replayed from the runtime log');
    } catch (err) {
      this.o.logger.warn({ serverId: l.serverId, err: (err as Error).message }, 'console replay failed; continuing live');
    }
    const held = l.held ?? [];
    l.held = null;
    for (const x of lines) this.deliver(l.serverId, x.line, x.stream, x.time);
    for (const x of held) this.deliver(l.serverId, x.line, x.stream, x.time);
  }

  private async persistedOutputAt(serverId: string): Promise<number | null> {
    const at = (await this.o.store.get(serverId))?.lastOutputAt;
    const t = at ? Date.parse(at) : NaN;
    return Number.isNaN(t) ? null : t;
  }

  private deliver(serverId: string, line: string, stream: ConsoleStream, time: number): void {
    this.handled.set(serverId, Math.max(this.handled.get(serverId) ?? 0, time));
    this.o.onLine(serverId, line, stream, time);
  }

  /**
   * The agent sent a line of this server to the control plane: remembered on disk (throttled) so a
   * restarted agent replays from here. Lines only buffered are not marked: they die with the process.
   */
  markSent(serverId: string, time: number): void {
    let m = this.sent.get(serverId);
    if (!m) this.sent.set(serverId, (m = { at: 0, saved: 0, lastWriteAt: 0, timer: null, writing: null }));
    if (time <= m.at) return;
    m.at = time;
    this.scheduleSave(serverId, m);
  }

  private scheduleSave(serverId: string, m: SentMark): void {
    if (m.timer || m.writing || m.at <= m.saved) return;
    const wait = Math.max(0, m.lastWriteAt + (this.o.saveOutputEveryMs ?? 1_000) - Date.now());
    m.timer = setTimeout(() => {
      m.timer = null;
      void this.saveMark(serverId, m);
    }, wait);
    m.timer.unref();
  }

  private saveMark(serverId: string, m: SentMark): Promise<void> {
    if (m.writing) return m.writing;
    if (m.at <= m.saved) return Promise.resolve();
    const at = m.at;
    m.lastWriteAt = Date.now();
    m.writing = this.o.store
      .update(serverId, { lastOutputAt: new Date(at).toISOString() })
      .then(
        (rec) => {
          m.saved = Math.max(m.saved, at);
          // No record (server removed): nothing to resume later.
          if (!rec && m.at <= at && this.sent.get(serverId) === m) this.sent.delete(serverId);
        },
        (err: Error) => this.o.logger.warn({ serverId, err: err.message }, 'could not save lastOutputAt'),
      )
      .finally(() => {
        m.writing = null;
        this.scheduleSave(serverId, m); // lines sent during the write
      });
    return m.writing;
  }

  /** Writes pending `lastOutputAt` marks now (detach, agent stop). */
  async flushMarks(serverId?: string): Promise<void> {
    const ids = serverId ? [serverId] : [...this.sent.keys()];
    await Promise.all(
      ids.map(async (id) => {
        const m = this.sent.get(id);
        if (!m) return;
        if (m.timer) clearTimeout(m.timer);
        m.timer = null;
        if (m.writing) await m.writing;
        await this.saveMark(id, m);
      }),
    );
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
    void this.flushMarks(serverId);
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

  /**
   * The container died or was removed: its console goes, and the server's next attach is to a new run.
   * Marked by server too, since the output stream may have ended (and detached it) before the event came.
   */
  containerEnded(containerId: string, serverId?: string): void {
    // Events may carry a full id where we stored a short one (or the reverse): match by prefix.
    for (const l of [...this.live.values()])
      if (sameContainerId(l.containerId, containerId)) {
        this.detach(l.serverId);
        this.markEnded(l.serverId);
      }
    if (serverId) this.markEnded(serverId);
  }

  private markEnded(serverId: string): void {
    this.endedRuns.set(serverId, (this.endedRuns.get(serverId) ?? 0) + 1);
  }

  /** Detaches everything and saves the pending `lastOutputAt` marks (agent stop). */
  async closeAll(): Promise<void> {
    this.shutDown = true;
    // Attaches in flight finish first, so none survives the stop (bounded: a hung runtime must not hang the stop).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all([...this.attaching.values()].map((p) => p.catch(() => undefined))), new Promise((done) => (timer = setTimeout(done, 5_000)))]);
    clearTimeout(timer);
    for (const id of [...this.live.keys()]) this.detach(id);
    await this.flushMarks();
  }
}

/**
 * How many trailing replay lines (logged after `from`) the held live lines start with: those were
 * printed after the attach began and arrived both ways.
 */
function overlap(replay: HeldLine[], held: HeldLine[], from: number): number {
  let candidates = 0;
  while (candidates < replay.length && replay[replay.length - 1 - candidates].time >= from) candidates++;
  for (let k = Math.min(candidates, held.length); k > 0; k--) {
    let same = true;
    for (let i = 0; i < k && same; i++) same = replay[replay.length - k + i].line === held[i].line;
    if (same) return k;
  }
  return 0;
}
