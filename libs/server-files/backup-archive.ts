/**
 * Backup archives of a whole server data directory: tar + gzip (level 6, as `tar czf`), streamed,
 * never held in memory, with the size and sha256 of the compressed bytes computed on the way; and
 * restores that verify those first, extract into a staging directory next to the data directory
 * (same filesystem) with the file manager's confinement rules, and swap it in only when complete.
 *
 * The tar walk and the extractor live in ServerFiles (`backupTar`, `extractBackup`) so they share
 * its path checks; this file adds compression, checksums, files on disk and the swap.
 * (zstd would slot in behind the same shape: Node ≥ 22.15 has zlib.createZstdCompress.)
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { pipeline as pipelineCb, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import ignore from 'ignore';
import { InvalidArgumentError, ServerFiles, ServerFilesError, FileConflictError, type BackupExtractResult } from './server-files';

const MiB = 1024 * 1024;
/** zlib output chunk: fewer, larger round trips to the thread pool than the 16 KiB default. */
const GZIP_CHUNK = 256 * 1024;
export const MAX_IGNORE_PATTERNS = 1000;
export const MAX_IGNORE_PATTERN_LENGTH = 1024;

export class ChecksumMismatchError extends ServerFilesError {
  constructor(message: string) {
    super('checksum_mismatch', message);
  }
}

export interface ArchiveSummary {
  /** Bytes of the compressed archive. */
  sizeBytes: number;
  /** Hex sha256 of the compressed archive. */
  sha256: string;
  /** Regular files archived. */
  files: number;
}

/** .gitignore-style patterns (`!negation`, `dir/`, `**`) as a predicate on root-relative paths. */
export function ignoreMatcher(patterns: readonly string[]): (rel: string, isDirectory: boolean) => boolean {
  if (patterns.length > MAX_IGNORE_PATTERNS) throw new InvalidArgumentError(`at most ${MAX_IGNORE_PATTERNS} ignore patterns`);
  for (const p of patterns) {
    if (typeof p !== 'string' || p.length > MAX_IGNORE_PATTERN_LENGTH || p.includes('\0')) {
      throw new InvalidArgumentError(`ignore patterns must be strings of at most ${MAX_IGNORE_PATTERN_LENGTH} characters`);
    }
  }
  const lines = patterns.map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith('#'));
  if (lines.length === 0) return () => false;
  const ig = ignore({ allowRelativePaths: false }).add(lines);
  return (rel, isDirectory) => ig.ignores(isDirectory ? `${rel}/` : rel);
}

/**
 * The archive of `root` as a stream of .tar.gz bytes. `summary()` is valid once the stream ended.
 * Destroying the stream stops the walk and closes every file it had open.
 */
export function archiveStream(root: string, options: { ignore?: readonly string[] } = {}): { stream: Readable; summary: () => ArchiveSummary } {
  const exclude = ignoreMatcher(options.ignore ?? []);
  const files = new ServerFiles(root);
  const counts = { files: 0, bytes: 0 };
  const hash = createHash('sha256');
  let size = 0;
  let digest: string | undefined;
  const tap = new Transform({
    highWaterMark: 4 * MiB,
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
    flush(cb) {
      digest = hash.digest('hex');
      cb();
    },
  });
  const tar = Readable.from(files.backupTar({ exclude, counts }), { highWaterMark: 8 });
  const gzip = zlib.createGzip({ level: 6, chunkSize: GZIP_CHUNK });
  const stream = pipelineCb(tar, gzip, tap, () => undefined);
  return {
    stream,
    summary: () => {
      if (digest === undefined) throw new Error('archive not finished');
      return { sizeBytes: size, sha256: digest, files: counts.files };
    },
  };
}

/** fsync of a directory (makes a rename in it durable). */
async function syncDir(dir: string): Promise<void> {
  const fh = await fsp.open(dir, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Writes the archive of `root` to `target` through `<target>.part` (created exclusively, fsync-ed,
 * renamed only once complete). Any failure or abort removes the partial file.
 */
export async function writeArchive(root: string, target: string, options: { ignore?: readonly string[]; signal?: AbortSignal } = {}): Promise<ArchiveSummary> {
  const part = `${target}.part`;
  if (
    await fsp.lstat(target).then(
      () => true,
      () => false,
    )
  )
    throw new FileConflictError(`archive exists already: ${path.basename(target)}`);
  const { stream, summary } = archiveStream(root, options);
  let done = false;
  try {
    options.signal?.throwIfAborted();
    const out = await fsp.open(part, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') throw new FileConflictError(`archive is being written already: ${path.basename(target)}`);
      throw err;
    });
    // The stream closes the handle when it ends or fails (a FileHandle with a stream on it can't be closed by hand).
    await pipeline(stream, out.createWriteStream({ highWaterMark: 4 * MiB }), options.signal ? { signal: options.signal } : {});
    // fsync is per file, not per descriptor: the data written through the stream's fd is durable.
    const fh = await fsp.open(part, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    options.signal?.throwIfAborted();
    await fsp.rename(part, target);
    done = true;
    await syncDir(path.dirname(target)).catch(() => undefined);
    return summary();
  } finally {
    if (!done) {
      stream.destroy();
      await fsp.rm(part, { force: true }).catch(() => undefined);
    }
  }
}

/**
 * Checks a stored archive against the size and sha256 recorded when it was made. A mismatch
 * (truncated, corrupted, another file) throws `checksum_mismatch`.
 */
export async function verifyArchive(file: string, expected: { sizeBytes: number; sha256: string }, signal?: AbortSignal): Promise<void> {
  const fh = await fsp.open(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  let st: fs.Stats;
  try {
    st = await fh.stat();
    if (!st.isFile()) throw new ChecksumMismatchError('the archive is not a regular file');
    if (st.size !== expected.sizeBytes) {
      throw new ChecksumMismatchError(`the archive has ${st.size} bytes, ${expected.sizeBytes} were recorded: it is truncated or damaged; nothing was restored`);
    }
  } catch (err) {
    await fh.close();
    throw err;
  }
  const hash = createHash('sha256');
  let read = 0;
  await pipeline(
    fh.createReadStream({ highWaterMark: 4 * MiB }), // closes the handle when done
    async function* (src: AsyncIterable<Buffer>) {
      for await (const c of src) {
        hash.update(c);
        read += c.length;
      }
      yield* [];
    },
    signal ? { signal } : {},
  );
  const got = hash.digest('hex');
  if (read !== expected.sizeBytes || got !== expected.sha256.toLowerCase()) {
    throw new ChecksumMismatchError(`the archive's sha256 is ${got}, ${expected.sha256} was recorded: it is damaged; nothing was restored`);
  }
}

export interface RestoreOptions {
  /** Disk quota of the data dir (0 = unlimited); the extracted bytes count against it. */
  quotaBytes?: number;
  signal?: AbortSignal;
  /** Runs after extraction, right before the swap (e.g. "is the server still stopped?"); throwing aborts. */
  beforeSwap?: () => Promise<void>;
  /** Restore owners from the archive (default: when running as root). */
  owners?: boolean;
}

const STAGING_PREFIX = '.restore-';
const OLD_PREFIX = '.old-';

/**
 * Restores `archive` (.tar.gz, already verified) as `dataDir`: extracts into
 * `<parent>/.restore-<name>-<rand>`, then renames the data dir to `.old-<name>-<rand>`, the
 * staging dir into place, and removes the old tree. The data dir keeps its own mode and owner.
 * Any failure before the swap removes the staging dir and leaves the data untouched.
 */
export async function restoreArchive(archive: string, dataDir: string, options: RestoreOptions = {}): Promise<BackupExtractResult> {
  const parent = path.dirname(dataDir);
  const name = path.basename(dataDir);
  await fsp.mkdir(parent, { recursive: true, mode: 0o755 });
  const staging = path.join(parent, `${STAGING_PREFIX}${name}-${randomBytes(8).toString('hex')}`);
  await fsp.mkdir(staging, { mode: 0o700 });
  try {
    const files = new ServerFiles(staging, { quotaBytes: options.quotaBytes ?? 0 });
    const src = pipelineCb(fs.createReadStream(archive, { highWaterMark: MiB }), zlib.createGunzip({ chunkSize: GZIP_CHUNK }), () => undefined);
    const onAbort = () => src.destroy(options.signal?.reason instanceof Error ? options.signal.reason : new Error('aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let result: BackupExtractResult;
    try {
      options.signal?.throwIfAborted();
      result = await files.extractBackup(src, { owners: options.owners });
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      src.destroy();
    }
    options.signal?.throwIfAborted();
    const current = await fsp.lstat(dataDir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (current && !current.isDirectory()) throw new FileConflictError('the data directory is not a directory');
    await fsp.chmod(staging, current ? current.mode & 0o7777 : 0o755);
    if (current && process.getuid?.() === 0) await fsp.lchown(staging, current.uid, current.gid);
    await options.beforeSwap?.();
    options.signal?.throwIfAborted();
    if (!current) {
      await fsp.rename(staging, dataDir);
    } else {
      const old = path.join(parent, `${OLD_PREFIX}${name}-${randomBytes(8).toString('hex')}`);
      await fsp.rename(dataDir, old);
      try {
        await fsp.rename(staging, dataDir);
      } catch (err) {
        await fsp.rename(old, dataDir);
        throw err;
      }
      await syncDir(parent).catch(() => undefined);
      await fsp.rm(old, { recursive: true, force: true });
    }
    return result;
  } catch (err) {
    await fsp.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
}

/**
 * After a crash: removes staging dirs under `parent`, and for a swap cut short between its two
 * renames (data dir gone, `.old-` there) puts the old data back; other `.old-` trees are removed.
 */
export async function cleanRestoreLeftovers(parent: string): Promise<void> {
  let names: string[];
  try {
    names = await fsp.readdir(parent);
  } catch {
    return;
  }
  for (const n of names) {
    if (n.startsWith(STAGING_PREFIX)) {
      await fsp.rm(path.join(parent, n), { recursive: true, force: true }).catch(() => undefined);
      continue;
    }
    const m = n.startsWith(OLD_PREFIX) ? /^(.+)-[0-9a-f]{16}$/.exec(n.slice(OLD_PREFIX.length)) : null;
    if (!m) continue;
    const dataDir = path.join(parent, m[1]);
    const exists = await fsp.lstat(dataDir).then(
      () => true,
      () => false,
    );
    if (exists) await fsp.rm(path.join(parent, n), { recursive: true, force: true }).catch(() => undefined);
    else await fsp.rename(path.join(parent, n), dataDir).catch(() => undefined);
  }
}
