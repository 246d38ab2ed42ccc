/**
 * What the agent remembers per managed server, on disk so it survives agent restarts:
 * `<dataDir>/state/<serverId>.json` = { serverId, containerId, quotaBytes, lastOutputAt? }.
 * Data lives in `<dataDir>/servers/<serverId>` (bind-mounted into the container).
 */
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { AgentError } from '@libs/agent-protocol/protocol';

export interface ServerRecord {
  serverId: string;
  containerId: string;
  /** Disk quota for the data dir from the last create spec (0 = unlimited). */
  quotaBytes: number;
  /**
   * When this agent last sent a console line of the server to the control plane (ISO, agent clock,
   * saved at most once a second): after an agent restart, the console replay starts here.
   */
  lastOutputAt?: string;
  updatedAt: string;
}

/** Server ids become path segments and container names: keep them boring. */
const SERVER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function assertServerId(v: unknown): string {
  if (typeof v !== 'string' || !SERVER_ID.test(v)) {
    throw new AgentError('invalid_payload', 'serverId must be 1-128 characters of [A-Za-z0-9_-], not starting with - or _');
  }
  return v;
}

export class ServerStore {
  readonly root: string;
  private readonly cache = new Map<string, ServerRecord>();
  /** Writes per server run one after another: a late lastOutputAt write must not resurrect a replaced record. */
  private readonly writes = new Map<string, Promise<unknown>>();

  constructor(dataDir: string) {
    this.root = resolve(dataDir);
  }

  dataDirOf(serverId: string): string {
    return join(this.root, 'servers', assertServerId(serverId));
  }

  private recordPath(serverId: string): string {
    return join(this.root, 'state', `${assertServerId(serverId)}.json`);
  }

  async get(serverId: string): Promise<ServerRecord | null> {
    const hit = this.cache.get(serverId);
    if (hit) return hit;
    try {
      const rec = JSON.parse(await fs.readFile(this.recordPath(serverId), 'utf8')) as ServerRecord;
      this.cache.set(serverId, rec);
      return rec;
    } catch {
      return null;
    }
  }

  put(rec: Omit<ServerRecord, 'updatedAt'>): Promise<ServerRecord> {
    return this.serialized(rec.serverId, () => this.write(rec));
  }

  /** Changes an existing record (no-op without one, e.g. after a remove); returns it, or null. */
  update(serverId: string, patch: Partial<Omit<ServerRecord, 'serverId' | 'updatedAt'>>): Promise<ServerRecord | null> {
    return this.serialized(serverId, async () => {
      const cur = await this.get(serverId);
      return cur ? this.write({ ...cur, ...patch }) : null;
    });
  }

  delete(serverId: string): Promise<void> {
    return this.serialized(serverId, async () => {
      this.cache.delete(serverId);
      await fs.rm(this.recordPath(serverId), { force: true });
    });
  }

  private async write(rec: Omit<ServerRecord, 'updatedAt'>): Promise<ServerRecord> {
    const full: ServerRecord = { ...rec, updatedAt: new Date().toISOString() };
    const file = this.recordPath(rec.serverId);
    await fs.mkdir(join(this.root, 'state'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(full) + '\n', { mode: 0o600 });
    await fs.rename(tmp, file);
    this.cache.set(rec.serverId, full);
    return full;
  }

  private serialized<T>(serverId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.writes.get(serverId) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const settled = next.catch(() => undefined);
    this.writes.set(serverId, settled);
    void settled.then(() => {
      if (this.writes.get(serverId) === settled) this.writes.delete(serverId);
    });
    return next;
  }
}
