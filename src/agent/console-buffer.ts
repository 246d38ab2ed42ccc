/**
 * Console lines read while the control plane is unreachable, kept in arrival order and sent after
 * the reconnect inventory. Bounded per server and in total; when full, the oldest line goes
 * (of that server, or overall) and is counted, so the control plane can be told about the gap.
 */
import type { ConsoleOutputEvent } from '@libs/agent-protocol/protocol';

interface Entry {
  seq: number;
  event: ConsoleOutputEvent;
  /** The line's time in ms (the event's `time`, parsed once). */
  time: number;
}

export interface DrainedConsole {
  /** All buffered lines, oldest first. */
  lines: Array<{ event: ConsoleOutputEvent; time: number }>;
  /** Lines dropped per server since the last drain. */
  dropped: Map<string, number>;
}

export class ConsoleBuffer {
  private readonly servers = new Map<string, { entries: Entry[]; dropped: number }>();
  private total = 0;
  private seq = 0;
  /** Below every seq handed out so far: requeued lines sort before everything buffered. */
  private frontSeq = 0;

  constructor(
    private readonly maxPerServer = 2_000,
    private readonly maxTotal = 20_000,
  ) {}

  get size(): number {
    return this.total;
  }

  push(event: ConsoleOutputEvent, time: number): void {
    let s = this.servers.get(event.serverId);
    if (!s) this.servers.set(event.serverId, (s = { entries: [], dropped: 0 }));
    s.entries.push({ seq: this.seq++, event, time });
    this.total++;
    if (s.entries.length > this.maxPerServer) this.dropOldestOf(s);
    if (this.total > this.maxTotal) this.dropOldestOverall();
  }

  /**
   * Puts lines (oldest first) before everything buffered: lines sent on a socket that was cut before
   * they were confirmed. The same bounds apply (the oldest go first).
   */
  requeue(lines: Array<{ event: ConsoleOutputEvent; time: number }>): void {
    for (let i = lines.length - 1; i >= 0; i--) {
      const { event, time } = lines[i];
      let s = this.servers.get(event.serverId);
      if (!s) this.servers.set(event.serverId, (s = { entries: [], dropped: 0 }));
      s.entries.unshift({ seq: --this.frontSeq, event, time });
      this.total++;
      if (s.entries.length > this.maxPerServer) this.dropOldestOf(s);
      if (this.total > this.maxTotal) this.dropOldestOverall();
    }
  }

  drain(): DrainedConsole {
    const all: Entry[] = [];
    const dropped = new Map<string, number>();
    for (const [serverId, s] of this.servers) {
      all.push(...s.entries);
      if (s.dropped) dropped.set(serverId, s.dropped);
    }
    this.servers.clear();
    this.total = 0;
    all.sort((a, b) => a.seq - b.seq);
    return { lines: all.map((e) => ({ event: e.event, time: e.time })), dropped };
  }

  private dropOldestOf(s: { entries: Entry[]; dropped: number }): void {
    s.entries.shift();
    s.dropped++;
    this.total--;
  }

  private dropOldestOverall(): void {
    let oldest: { entries: Entry[]; dropped: number } | undefined;
    for (const s of this.servers.values()) if (s.entries.length && (!oldest || s.entries[0].seq < oldest.entries[0].seq)) oldest = s;
    if (oldest) this.dropOldestOf(oldest);
  }
}
