/**
 * `files.*` commands on top of ServerFiles, rooted at the server's data dir with the disk quota
 * of its last create spec (saved in the server record). ServerFiles errors already carry
 * snake_case codes (path_unsafe, quota_exceeded, not_found, conflict, ...) that become response codes.
 */
import { AgentError } from '@libs/agent-protocol/protocol';
import { type ArchiveFormat, ServerFiles } from '@libs/server-files/server-files';
import { type CommandContext, type Handler, str } from './commands';
import { assertServerId } from './server-store';

const MiB = 1024 * 1024;
const DEFAULT_READ_BYTES = 1 * MiB;
const MAX_READ_BYTES = 8 * MiB; // stays well under the frame limit after JSON escaping

/**
 * One ServerFiles per server: it holds the usage cache and the in-flight write reservations that
 * keep concurrent writes from jointly overshooting the quota, so it must not be rebuilt per call.
 */
const instances = new Map<string, { root: string; quotaBytes: number; files: ServerFiles }>();

export async function filesOf(ctx: CommandContext, p: Record<string, unknown>): Promise<ServerFiles> {
  const serverId = assertServerId(p.serverId);
  const root = ctx.store.dataDirOf(serverId);
  const quotaBytes = (await ctx.store.get(serverId))?.quotaBytes ?? 0;
  const key = `${ctx.store.root}\0${serverId}`;
  const cur = instances.get(key);
  if (cur && cur.root === root && cur.quotaBytes === quotaBytes) return cur.files;
  const files = new ServerFiles(root, { quotaBytes });
  instances.set(key, { root, quotaBytes, files });
  return files;
}

/** Paths are relative to the data dir; '' is the root. ServerFiles does the safety checks. */
function path(p: Record<string, unknown>, key: string, optional = false): string {
  const v = p[key];
  if (v === undefined && optional) return '';
  if (typeof v !== 'string') throw new AgentError('invalid_payload', `${key} must be a string`);
  return v;
}
function paths(p: Record<string, unknown>, key: string): string[] {
  const v = p[key];
  if (!Array.isArray(v) || v.length === 0 || v.length > 10_000 || !v.every((x) => typeof x === 'string')) {
    throw new AgentError('invalid_payload', `${key} must be a non-empty array of strings`);
  }
  return v;
}
function overwrite(p: Record<string, unknown>): { overwrite: boolean } {
  if (p.overwrite !== undefined && typeof p.overwrite !== 'boolean') throw new AgentError('invalid_payload', 'overwrite must be a boolean');
  return { overwrite: p.overwrite === true };
}

const EMPTY = {};

export const fileHandlers: Record<string, Handler> = {
  async 'files.list'(p, ctx) {
    return (await filesOf(ctx, p)).list(path(p, 'path', true));
  },
  async 'files.stat'(p, ctx) {
    return (await filesOf(ctx, p)).stat(path(p, 'path'));
  },
  async 'files.read'(p, ctx) {
    const max = p.maxBytes === undefined ? DEFAULT_READ_BYTES : Number(p.maxBytes);
    if (!Number.isInteger(max) || max <= 0) throw new AgentError('invalid_payload', 'maxBytes must be a positive integer');
    return { content: await (await filesOf(ctx, p)).readText(path(p, 'path'), { maxBytes: Math.min(max, MAX_READ_BYTES) }) };
  },
  async 'files.write'(p, ctx) {
    if (typeof p.content !== 'string') throw new AgentError('invalid_payload', 'content must be a string');
    await (await filesOf(ctx, p)).writeText(path(p, 'path'), p.content);
    return EMPTY;
  },
  async 'files.mkdir'(p, ctx) {
    await (await filesOf(ctx, p)).mkdir(path(p, 'path'));
    return EMPTY;
  },
  async 'files.delete'(p, ctx) {
    await (await filesOf(ctx, p)).delete(paths(p, 'paths'));
    return EMPTY;
  },
  async 'files.rename'(p, ctx) {
    await (await filesOf(ctx, p)).rename(path(p, 'from'), path(p, 'to'), overwrite(p));
    return EMPTY;
  },
  async 'files.copy'(p, ctx) {
    await (await filesOf(ctx, p)).copy(path(p, 'from'), path(p, 'to'), overwrite(p));
    return EMPTY;
  },
  async 'files.chmod'(p, ctx) {
    const mode = p.mode;
    if (typeof mode !== 'string' && typeof mode !== 'number') throw new AgentError('invalid_payload', 'mode must be an octal string or a number');
    await (await filesOf(ctx, p)).chmod(path(p, 'path'), mode);
    return EMPTY;
  },
  async 'files.compress'(p, ctx) {
    const format = (p.format === undefined ? 'tar.gz' : str(p, 'format', { max: 16 })) as ArchiveFormat;
    if (format !== 'tar.gz' && format !== 'zip') throw new AgentError('invalid_payload', 'format must be tar.gz or zip');
    await (await filesOf(ctx, p)).compress(paths(p, 'paths'), path(p, 'destination'), format);
    return EMPTY;
  },
  async 'files.decompress'(p, ctx) {
    return (await filesOf(ctx, p)).decompress(path(p, 'archive'), path(p, 'destination', true));
  },
  async 'files.usage'(p, ctx) {
    const files = await filesOf(ctx, p);
    return { usedBytes: await files.diskUsage(), quotaBytes: files.quotaBytes };
  },
};

/** Drops the cached instance (server removed or recreated with another quota). */
export function forgetServerFiles(storeRoot: string, serverId: string): void {
  instances.delete(`${storeRoot}\0${serverId}`);
}
