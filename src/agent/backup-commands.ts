/**
 * `backup.*` commands: archives of a server's data dir (libs/server-files/backup-archive.ts).
 *
 * Local archives live at `<dataDir>/backups/<serverId>/<backupId>.tar.gz`; a `.part` file is an
 * archive being written (renamed when complete, removed on failure, and removed at agent start
 * when a killed agent left one). `transfer` archives stream over HTTP to or from the control
 * plane (see transfers.ts). Restores verify size + sha256 before touching anything, refuse while
 * the server's container runs, and swap a fully extracted staging dir in place of the data dir.
 * A command whose control socket closes is aborted and cleans up after itself.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AgentError } from '@libs/agent-protocol/protocol';
import { archiveStream, cleanRestoreLeftovers, restoreArchive, verifyArchive, writeArchive, MAX_IGNORE_PATTERNS, MAX_IGNORE_PATTERN_LENGTH } from '@libs/server-files/backup-archive';
import { type CommandContext, containerOf, type Handler } from './commands';
import { assertServerId } from './server-store';
import { interrupted, openPull, push, type TransferConnection, transferHeaders, transferUrl } from './transfers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const NEVER = new AbortController().signal;

function bad(message: string): AgentError {
  return new AgentError('invalid_payload', message);
}

function backupId(p: Record<string, unknown>): string {
  const v = typeof p.backupId === 'string' ? p.backupId.toLowerCase() : '';
  if (!UUID.test(v)) throw bad('backupId must be a uuid');
  return v;
}

function ignorePatterns(p: Record<string, unknown>): string[] {
  const v = p.ignore;
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > MAX_IGNORE_PATTERNS || !v.every((x) => typeof x === 'string' && x.length <= MAX_IGNORE_PATTERN_LENGTH && !x.includes('\0'))) {
    throw bad(`ignore must be an array of at most ${MAX_IGNORE_PATTERNS} strings of at most ${MAX_IGNORE_PATTERN_LENGTH} characters`);
  }
  return v as string[];
}

type Location = { kind: 'local' } | { kind: 'transfer'; p: Record<string, unknown> };

function location(p: Record<string, unknown>, key: string): Location {
  const v = p[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(`${key} must be an object`);
  const o = v as Record<string, unknown>;
  if (o.kind === 'local') return { kind: 'local' };
  if (o.kind === 'transfer') return { kind: 'transfer', p: o };
  throw bad(`${key}.kind must be local or transfer`);
}

/** `<dataDir>/backups/<serverId>` (ids checked before they become path segments). */
export function backupDirOf(ctx: CommandContext, serverId: string): string {
  return join(ctx.store.root, 'backups', assertServerId(serverId));
}

export function localArchiveOf(ctx: CommandContext, serverId: string, id: string): string {
  if (!UUID.test(id)) throw bad('backupId must be a uuid');
  return join(backupDirOf(ctx, serverId), `${id}.tar.gz`);
}

/** One restore per server at a time, and no archive made while one runs (it swaps the tree). */
const busy = new Map<string, { restoring: boolean; creating: number }>();

async function exclusive<T>(key: string, kind: 'restore' | 'create', fn: () => Promise<T>): Promise<T> {
  const cur = busy.get(key) ?? { restoring: false, creating: 0 };
  if (cur.restoring) throw new AgentError('conflict', 'a restore of this server is running');
  if (kind === 'restore' && cur.creating > 0) throw new AgentError('conflict', 'a backup of this server is being made');
  if (kind === 'restore') cur.restoring = true;
  else cur.creating++;
  busy.set(key, cur);
  try {
    return await fn();
  } finally {
    if (kind === 'restore') cur.restoring = false;
    else cur.creating--;
    if (!cur.restoring && cur.creating === 0) busy.delete(key);
  }
}

async function refuseWhileRunning(ctx: CommandContext, serverId: string): Promise<void> {
  const id = await containerOf(ctx, serverId);
  const state = id ? await ctx.driver.inspect(id) : null;
  if (state?.running) throw new AgentError('conflict', `server ${serverId} is running: stop it before restoring a backup`);
}

/** Errors of an aborted command carry the abort's reason (socket closed, timeout). */
function abortReason(signal: AbortSignal, err: unknown): unknown {
  if (!signal.aborted) return err;
  const r: unknown = signal.reason;
  return r instanceof Error ? r : new AgentError('disconnected', 'the command was aborted');
}

/** Removes archives a killed agent left half-written, and restore staging dirs. Run at agent start. */
export async function cleanBackupLeftovers(dataDir: string): Promise<void> {
  const root = join(dataDir, 'backups');
  let servers: string[];
  try {
    servers = await fsp.readdir(root);
  } catch {
    servers = [];
  }
  for (const s of servers) {
    let names: string[];
    try {
      names = await fsp.readdir(join(root, s));
    } catch {
      continue;
    }
    for (const n of names) if (n.endsWith('.part')) await fsp.rm(join(root, s, n), { force: true }).catch(() => undefined);
  }
  await cleanRestoreLeftovers(join(dataDir, 'servers'));
}

export function backupHandlers(connection: () => TransferConnection | null): Record<string, Handler> {
  const conn = (): TransferConnection => {
    const c = connection();
    if (!c) throw new AgentError('offline', 'agent has no control plane credentials');
    return c;
  };
  return {
    async 'backup.create'(p, ctx, signal = NEVER) {
      const serverId = assertServerId(p.serverId);
      const id = backupId(p);
      const ignore = ignorePatterns(p);
      const dest = location(p, 'destination');
      const root = ctx.store.dataDirOf(serverId);
      await fsp.access(root).catch(() => {
        throw new AgentError('not_found', `server ${serverId} has no data directory on this node`);
      });
      return exclusive(`${ctx.store.root}\0${serverId}`, 'create', async () => {
        if (dest.kind === 'local') {
          const dir = backupDirOf(ctx, serverId);
          await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
          try {
            return await writeArchive(root, localArchiveOf(ctx, serverId, id), { ignore, signal });
          } catch (err) {
            throw abortReason(signal, err);
          }
        }
        const c = conn();
        const url = transferUrl(c, dest.p);
        const hdrs = transferHeaders(c, dest.p);
        const { stream, summary } = archiveStream(root, { ignore });
        const onAbort = () => stream.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        signal.addEventListener('abort', onAbort, { once: true });
        try {
          signal.throwIfAborted();
          await push(url, hdrs, stream);
          return summary();
        } catch (err) {
          throw abortReason(signal, err);
        } finally {
          signal.removeEventListener('abort', onAbort);
          stream.destroy();
        }
      });
    },

    async 'backup.restore'(p, ctx, signal = NEVER) {
      const serverId = assertServerId(p.serverId);
      const id = backupId(p);
      const sha256 = typeof p.sha256 === 'string' ? p.sha256.toLowerCase() : '';
      if (!SHA256.test(sha256)) throw bad('sha256 must be 64 hex digits');
      const sizeBytes = p.sizeBytes;
      if (typeof sizeBytes !== 'number' || !Number.isSafeInteger(sizeBytes) || sizeBytes < 0) throw bad('sizeBytes must be a non-negative integer');
      const source = location(p, 'source');
      return exclusive(`${ctx.store.root}\0${serverId}`, 'restore', async () => {
        await refuseWhileRunning(ctx, serverId);
        const dir = backupDirOf(ctx, serverId);
        let archive = localArchiveOf(ctx, serverId, id);
        let temp: string | undefined;
        try {
          if (source.kind === 'local') {
            await fsp.access(archive).catch(() => {
              throw new AgentError('not_found', `backup ${id} is not stored on this node`);
            });
          } else {
            const c = conn();
            const url = transferUrl(c, source.p);
            const hdrs = transferHeaders(c, source.p);
            await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
            temp = join(dir, `.restore-${id}.part`);
            archive = temp;
            const res = await openPull(url, hdrs);
            try {
              // Never more than the recorded size: a longer download is the wrong archive anyway.
              let got = 0;
              await pipeline(
                res,
                async function* (src: AsyncIterable<Buffer>) {
                  for await (const chunk of src) {
                    got += chunk.length;
                    if (got > sizeBytes) throw Object.assign(new Error(`the archive has more than the ${sizeBytes} bytes recorded`), { code: 'checksum_mismatch' });
                    yield chunk;
                  }
                },
                fs.createWriteStream(temp, { flags: 'w', mode: 0o600 }),
                { signal },
              );
            } catch (err) {
              const e = abortReason(signal, err);
              throw (e as { code?: unknown }).code === 'checksum_mismatch' ? e : interrupted(e);
            } finally {
              if (!res.readableEnded) res.destroy();
            }
          }
          await verifyArchive(archive, { sizeBytes, sha256 }, signal);
          const quotaBytes = (await ctx.store.get(serverId))?.quotaBytes ?? 0;
          const result = await restoreArchive(archive, ctx.store.dataDirOf(serverId), {
            quotaBytes,
            signal,
            beforeSwap: () => refuseWhileRunning(ctx, serverId),
          });
          return { files: result.files, bytes: result.bytes };
        } catch (err) {
          throw abortReason(signal, err);
        } finally {
          // The data changed (or a failed attempt may have warmed the cache): no stale usage/quota state.
          ctx.forgetFiles(serverId);
          if (temp) await fsp.rm(temp, { force: true }).catch(() => undefined);
        }
      });
    },

    async 'backup.push'(p, ctx, signal = NEVER) {
      const serverId = assertServerId(p.serverId);
      const file = localArchiveOf(ctx, serverId, backupId(p));
      const c = conn();
      const url = transferUrl(c, p);
      const hdrs = transferHeaders(c, p);
      let fh: fsp.FileHandle;
      try {
        fh = await fsp.open(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AgentError('not_found', `backup ${String(p.backupId)} is not stored on this node`);
        throw err;
      }
      const size = (await fh.stat()).size;
      const stream = fh.createReadStream({ autoClose: true, highWaterMark: 1024 * 1024 });
      const onAbort = () => stream.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        return { bytes: await push(url, hdrs, stream, size) };
      } catch (err) {
        throw abortReason(signal, err);
      } finally {
        signal.removeEventListener('abort', onAbort);
        stream.destroy();
      }
    },

    async 'backup.delete'(p, ctx) {
      const serverId = assertServerId(p.serverId);
      const id = backupId(p);
      const file = localArchiveOf(ctx, serverId, id);
      for (const f of [file, `${file}.part`, join(backupDirOf(ctx, serverId), `.restore-${id}.part`)]) await fsp.rm(f, { force: true });
      return {};
    },
  };
}
