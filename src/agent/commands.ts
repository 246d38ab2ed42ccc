/**
 * Command handlers: validate the payload, call the ContainerDriver, return the result.
 * Errors are thrown (AgentError or driver/fs errors) and turned into response frames by the agent.
 */
import { promises as fs } from 'node:fs';
import { AgentError, type CommandName, type InventoryEvent } from '@libs/agent-protocol/protocol';
import { type ContainerDriver, NODE_ID_LABEL, type ServerSpec, SERVER_ID_LABEL, type StopOptions } from '@libs/container-driver/container-driver';
import { ownedOnly, type OwnsContainer } from './ownership';
import { assertServerId, type ServerStore } from './server-store';
import type { ServerStreams } from './server-streams';

export interface CommandContext {
  /**
   * This agent's node: labels every container it creates (another agent may share the Docker host).
   * Unknown when the agent was given a bare agent token without a saved registration: then nothing is labelled.
   */
  nodeId(): string | undefined;
  /** Whether an Outpost container on the host is this agent's (see ownership.ts). */
  ownsContainer: OwnsContainer;
  driver: ContainerDriver;
  store: ServerStore;
  streams: ServerStreams;
  inventory(): Promise<InventoryEvent>;
  /** Drops per-server file state (quota cache) when a server is recreated or removed. */
  forgetFiles(serverId: string): void;
}

/**
 * `signal` aborts when the command's socket closes or its timeout passes (the answer can no longer
 * be delivered): long-running handlers stop and clean up. Absent when called outside a socket.
 */
export type Handler = (payload: Record<string, unknown>, ctx: CommandContext, signal?: AbortSignal) => Promise<unknown>;

const DEFAULT_STOP: StopOptions = { timeoutMs: 30_000 };
const MiB = 1024 * 1024;
/** Grace between the stop signal and SIGKILL on `container.restart` (Docker's own default is 10 s). */
const DEFAULT_RESTART_GRACE_MS = 10_000;
const MAX_RESTART_GRACE_MS = 300_000;

// ───────────────────────── payload checks ─────────────────────────

function bad(message: string): AgentError {
  return new AgentError('invalid_payload', message);
}
export function str(p: Record<string, unknown>, key: string, opts: { optional?: boolean; max?: number } = {}): string {
  const v = p[key];
  if (v === undefined && opts.optional) return undefined as unknown as string;
  if (typeof v !== 'string' || v.length === 0) throw bad(`${key} must be a non-empty string`);
  if (v.length > (opts.max ?? 4096)) throw bad(`${key} is too long`);
  return v;
}
export function num(p: Record<string, unknown>, key: string, opts: { optional?: boolean; min?: number } = {}): number {
  const v = p[key];
  if (v === undefined && opts.optional) return undefined as unknown as number;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < (opts.min ?? -Infinity)) throw bad(`${key} must be a number${opts.min !== undefined ? ` >= ${opts.min}` : ''}`);
  return v;
}
function bool(p: Record<string, unknown>, key: string, optional = false): boolean {
  const v = p[key];
  if (v === undefined && optional) return false;
  if (typeof v !== 'boolean') throw bad(`${key} must be a boolean`);
  return v;
}
function obj(p: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = p[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(`${key} must be an object`);
  return v as Record<string, unknown>;
}
function stringRecord(p: Record<string, unknown>, key: string, optional = false): Record<string, string> | undefined {
  if (p[key] === undefined && optional) return undefined;
  const o = obj(p, key);
  for (const [k, v] of Object.entries(o)) if (typeof v !== 'string') throw bad(`${key}.${k} must be a string`);
  return o as Record<string, string>;
}
/** Docker ids (hex, possibly short) and names. */
function containerId(p: Record<string, unknown>): string {
  const v = str(p, 'containerId', { max: 128 });
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(v)) throw bad('containerId is not a container id or name');
  return v;
}
function stopOptions(p: Record<string, unknown>): StopOptions {
  if (p.stop === undefined) return DEFAULT_STOP;
  const s = obj(p, 'stop');
  const command = str(s, 'command', { optional: true, max: 1024 });
  if (command?.includes('\n')) throw bad('stop.command must be one line');
  return { command, signal: str(s, 'signal', { optional: true, max: 32 }), timeoutMs: num(s, 'timeoutMs', { optional: true, min: 0 }) ?? DEFAULT_STOP.timeoutMs };
}
function logOptions(p: Record<string, unknown>): { since?: number; tail?: number } {
  return { since: num(p, 'since', { optional: true, min: 0 }), tail: num(p, 'tail', { optional: true, min: 0 }) };
}

function limitsOf(l: Record<string, unknown>) {
  return {
    memoryMiB: num(l, 'memoryMiB', { min: 0 }),
    swapMiB: num(l, 'swapMiB', { min: -1 }),
    cpuPercent: num(l, 'cpuPercent', { min: 0 }),
    pids: num(l, 'pids', { min: 0 }),
    diskMiB: num(l, 'diskMiB', { min: 0 }),
  };
}

function specOf(p: Record<string, unknown>, store: ServerStore): ServerSpec {
  const s = obj(p, 'spec');
  const serverId = assertServerId(s.serverId);
  const limits = limitsOf(obj(s, 'limits'));
  if (!Array.isArray(s.ports)) throw bad('spec.ports must be an array');
  const ports = s.ports.map((raw, i) => {
    if (typeof raw !== 'object' || raw === null) throw bad(`spec.ports[${i}] must be an object`);
    const r = raw as Record<string, unknown>;
    const protocol = r.protocol as 'tcp' | 'udp';
    if (protocol !== 'tcp' && protocol !== 'udp') throw bad(`spec.ports[${i}].protocol must be tcp or udp`);
    return { ip: str(r, 'ip', { max: 64 }), hostPort: num(r, 'hostPort', { min: 0 }), containerPort: num(r, 'containerPort', { min: 1 }), protocol };
  });
  const mountPath = str(s, 'mountPath', { max: 1024 });
  if (!mountPath.startsWith('/')) throw bad('spec.mountPath must be absolute');
  return {
    serverId,
    name: str(s, 'name', { max: 128 }),
    image: str(s, 'image', { max: 512 }),
    startup: str(s, 'startup', { max: 16_384 }),
    env: stringRecord(s, 'env') ?? {},
    limits,
    ports,
    dataDir: store.dataDirOf(serverId),
    mountPath,
    labels: stringRecord(s, 'labels', true),
    openStdin: bool(s, 'openStdin', true),
  };
}

/** The server's container: from the saved record, else found by Outpost's labels among this node's containers (agent state lost). */
export async function containerOf(ctx: CommandContext, serverId: string): Promise<string | null> {
  assertServerId(serverId);
  const rec = await ctx.store.get(serverId);
  if (rec) return rec.containerId;
  const candidates = (await ctx.driver.list({ all: true, onlyOutpost: true })).filter((c) => c.labels[SERVER_ID_LABEL] === serverId);
  const [found] = await ownedOnly(candidates, ctx.ownsContainer);
  if (!found) return null;
  await ctx.store.put({ serverId, containerId: found.id, quotaBytes: 0 });
  return found.id;
}

/** The agent's own node label; it wins over anything a payload says. */
function nodeLabel(ctx: CommandContext): Record<string, string> {
  const nodeId = ctx.nodeId();
  return nodeId ? { [NODE_ID_LABEL]: nodeId } : {};
}

async function requireContainer(ctx: CommandContext, p: Record<string, unknown>): Promise<{ serverId: string; id: string }> {
  const serverId = assertServerId(p.serverId);
  const id = await containerOf(ctx, serverId);
  if (!id) throw new AgentError('not_found', `server ${serverId} has no container on this node`);
  return { serverId, id };
}

const EMPTY = {};

// ───────────────────────── handlers ─────────────────────────

export const containerHandlers: Partial<Record<CommandName, Handler>> = {
  async 'container.create'(p, ctx) {
    const spec = specOf(p, ctx.store);
    const existing = await containerOf(ctx, spec.serverId);
    if (existing && (await ctx.driver.inspect(existing))) {
      throw new AgentError('conflict', `server ${spec.serverId} already has container ${existing}; remove it first`);
    }
    await fs.mkdir(spec.dataDir, { recursive: true, mode: 0o755 });
    const id = await ctx.driver.create({ ...spec, labels: { ...(spec.labels ?? {}), ...nodeLabel(ctx) } });
    await ctx.store.put({ serverId: spec.serverId, containerId: id, quotaBytes: spec.limits.diskMiB * MiB });
    ctx.forgetFiles(spec.serverId);
    return { containerId: id };
  },

  async 'server.start'(p, ctx) {
    const { serverId, id } = await requireContainer(ctx, p);
    const state = await ctx.driver.inspect(id);
    if (!state) throw new AgentError('not_found', `container ${id} of server ${serverId} no longer exists`);
    if (state.running) {
      // Nothing to start (a retried command, a start the control plane missed): make sure the console streams.
      await ctx.streams.attach(serverId, id).catch(() => undefined);
      return { alreadyRunning: true };
    }
    // Attach before starting so the first output lines (often the interesting ones) are not lost.
    let attachedEarly = true;
    await ctx.streams.attach(serverId, id, { stats: false }).catch(() => {
      attachedEarly = false;
    });
    try {
      await ctx.driver.start(id);
    } catch (err) {
      ctx.streams.detach(serverId);
      throw err;
    }
    if (attachedEarly) await ctx.streams.ensureStats(serverId);
    else await ctx.streams.attach(serverId, id).catch(() => undefined);
    return { alreadyRunning: false };
  },

  async 'server.stop'(p, ctx) {
    const { id } = await requireContainer(ctx, p);
    await ctx.driver.stop(id, stopOptions(p));
    return EMPTY;
  },

  async 'server.kill'(p, ctx) {
    const { id } = await requireContainer(ctx, p);
    await ctx.driver.kill(id, str(p, 'signal', { optional: true, max: 32 }));
    return EMPTY;
  },

  async 'server.remove'(p, ctx) {
    const serverId = assertServerId(p.serverId);
    const deleteData = bool(p, 'deleteData');
    ctx.streams.detach(serverId);
    const id = await containerOf(ctx, serverId);
    if (id) {
      try {
        await ctx.driver.remove(id, { force: true });
      } catch (err) {
        // Already gone is what we wanted: remove stays idempotent for retries.
        if (errorBody(err).code !== 'not_found') throw err;
      }
    }
    await ctx.store.delete(serverId);
    ctx.forgetFiles(serverId);
    if (deleteData) await fs.rm(ctx.store.dataDirOf(serverId), { recursive: true, force: true });
    return EMPTY;
  },

  /** The install script runs with the data dir at /mnt/server; the script file lives outside it. */
  async 'server.install'(p, ctx) {
    const serverId = assertServerId(p.serverId);
    const entrypoint = str(p, 'entrypoint', { max: 64 });
    if (!/^[A-Za-z0-9_./-]+$/.test(entrypoint)) throw bad('entrypoint must be a program name or path');
    const dataDir = ctx.store.dataDirOf(serverId);
    const scriptDir = `${dataDir}.install`;
    await fs.mkdir(dataDir, { recursive: true, mode: 0o755 });
    await fs.mkdir(scriptDir, { recursive: true, mode: 0o755 });
    try {
      await fs.writeFile(`${scriptDir}/install.sh`, str(p, 'script', { max: 1_000_000 }).replace(/\r\n/g, '\n'), { mode: 0o755 });
      return await ctx.driver.runInstall({
        serverId,
        name: `outpost-${serverId}-install`,
        image: str(p, 'image', { max: 512 }),
        entrypoint,
        scriptDir,
        dataDir,
        env: stringRecord(p, 'env') ?? {},
        limits: limitsOf(obj(p, 'limits')),
        timeoutMs: num(p, 'timeoutMs', { min: 1000 }),
        labels: nodeLabel(ctx),
      });
    } finally {
      await fs.rm(scriptDir, { recursive: true, force: true });
    }
  },

  async 'server.inspect'(p, ctx) {
    const id = await containerOf(ctx, assertServerId(p.serverId));
    return id ? ctx.driver.inspect(id) : null;
  },

  async 'server.stats'(p, ctx) {
    const { id } = await requireContainer(ctx, p);
    return ctx.driver.stats(id);
  },

  async 'server.logs'(p, ctx) {
    const { id } = await requireContainer(ctx, p);
    return ctx.driver.logs(id, logOptions(p));
  },

  async 'server.command'(p, ctx) {
    const command = str(p, 'command', { max: 4096 });
    // One line = one console command; an embedded newline would smuggle in a second one.
    if (/[\r\n]/.test(command)) throw bad('command must be a single line');
    const { id } = await requireContainer(ctx, p);
    await ctx.driver.sendCommand(id, command);
    return EMPTY;
  },

  async 'containers.list'(p, ctx) {
    return ctx.driver.list({ all: bool(p, 'all', true), onlyOutpost: bool(p, 'onlyOutpost', true) });
  },
  async 'container.start'(p, ctx) {
    await ctx.driver.start(containerId(p));
    return EMPTY;
  },
  async 'container.stop'(p, ctx) {
    await ctx.driver.stop(containerId(p), stopOptions(p));
    return EMPTY;
  },
  async 'container.kill'(p, ctx) {
    await ctx.driver.kill(containerId(p), str(p, 'signal', { optional: true, max: 32 }));
    return EMPTY;
  },
  async 'container.restart'(p, ctx) {
    const timeoutMs = num(p, 'timeoutMs', { optional: true, min: 0 }) ?? DEFAULT_RESTART_GRACE_MS;
    if (timeoutMs > MAX_RESTART_GRACE_MS) throw bad(`timeoutMs must be at most ${MAX_RESTART_GRACE_MS}`);
    await ctx.driver.restart(containerId(p), { timeoutMs });
    return EMPTY;
  },
  async 'container.logs'(p, ctx) {
    return ctx.driver.logs(containerId(p), logOptions(p));
  },
  async 'container.stats'(p, ctx) {
    return ctx.driver.stats(containerId(p));
  },

  async 'images.list'(_p, ctx) {
    return ctx.driver.listImages();
  },
  async 'images.ensure'(p, ctx) {
    await ctx.driver.ensureImage(str(p, 'ref', { max: 512 }));
    return EMPTY;
  },
  async 'inventory.get'(_p, ctx) {
    return ctx.inventory();
  },
};

// ───────────────────────── errors → response ─────────────────────────

const ERRNO_CODES: Record<string, string> = {
  ENOENT: 'not_found',
  ENOTDIR: 'not_found',
  EEXIST: 'conflict',
  ENOTEMPTY: 'conflict',
  EISDIR: 'conflict',
  EACCES: 'permission_denied',
  EPERM: 'permission_denied',
  ENOSPC: 'no_space',
  EDQUOT: 'quota_exceeded',
  ECONNREFUSED: 'runtime_unavailable',
};
const HTTP_CODES: Record<number, string> = { 400: 'invalid_payload', 404: 'not_found', 409: 'conflict', 304: 'not_modified', 500: 'runtime_error' };

/** Maps any thrown value to a response error: keeps snake_case codes (ours, the driver's, ServerFiles'). */
export function errorBody(err: unknown): { code: string; message: string } {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; statusCode?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (typeof e.code === 'string') {
    if (/^[a-z][a-z0-9_.]*$/.test(e.code)) return { code: e.code, message };
    if (ERRNO_CODES[e.code]) return { code: ERRNO_CODES[e.code], message };
  }
  if (typeof e.statusCode === 'number' && HTTP_CODES[e.statusCode]) return { code: HTTP_CODES[e.statusCode], message };
  return { code: 'internal', message };
}
