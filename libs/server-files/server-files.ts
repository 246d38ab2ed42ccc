/**
 * File manager engine for one game server's data directory.
 *
 * Threat model: the user (through the API) and the game server process (which can write into the
 * directory and race us) are both untrusted. Every path is confined to the root on the real
 * filesystem: we resolve component by component, following only symlinks that stay inside the root,
 * then pin directories with O_DIRECTORY|O_NOFOLLOW file descriptors and operate through
 * /proc/self/fd/<fd>/<name> (an openat() emulation), verifying each fd's real location. Writes go to
 * an O_CREAT|O_EXCL|O_NOFOLLOW temp file in the pinned directory and are renamed into place.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline as pipelineCb, Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { Header, Parser, Pax, ReadEntry } from 'tar';
import { ZipFile } from 'yazl';
import * as yauzl from 'yauzl';

/**
 * A file's modification time for an archive header. fs.Stats.mtime rounds to the nearest
 * millisecond, so a file written 0.2 ms before a second boundary would be recorded (tar keeps whole
 * seconds) one second later than it is; truncating keeps the recorded time the file's own.
 */
function archiveTime(st: fs.Stats): Date {
  return new Date(Math.floor(st.mtimeMs));
}

// ---------------------------------------------------------------------------------------------
// Errors

export class ServerFilesError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
export class PathSafetyError extends ServerFilesError {
  constructor(message: string) {
    super('path_unsafe', message);
  }
}
export class QuotaExceededError extends ServerFilesError {
  constructor(message: string) {
    super('quota_exceeded', message);
  }
}
export class FileNotFoundError extends ServerFilesError {
  constructor(message: string) {
    super('not_found', message);
  }
}
export class FileConflictError extends ServerFilesError {
  constructor(message: string) {
    super('conflict', message);
  }
}
export class FileTooLargeError extends ServerFilesError {
  constructor(message: string) {
    super('too_large', message);
  }
}
export class InvalidArgumentError extends ServerFilesError {
  constructor(message: string) {
    super('invalid_argument', message);
  }
}

// ---------------------------------------------------------------------------------------------
// Public types

export const FILE_OPERATIONS = ['list', 'read', 'write', 'delete', 'mkdir', 'rename', 'copy', 'chmod', 'compress', 'decompress', 'download', 'download-zip', 'upload'] as const;
export type FileOperation = (typeof FILE_OPERATIONS)[number];

export interface ServerFilesOptions {
  /** Disk quota for everything under the root; 0 or undefined = unlimited. */
  quotaBytes?: number;
  /** Max bytes (UTF-8) of one path segment; default 255. */
  maxNameLength?: number;
  /** Max bytes (UTF-8) of a user path; default 4096. */
  maxPathLength?: number;
  /** How long diskUsage() may be served from cache; default 5000 ms. Our own writes invalidate it. */
  usageCacheMs?: number;
}

export type FileEntryType = 'file' | 'directory' | 'symlink' | 'other';

export interface FileEntry {
  name: string;
  /** Root-relative, '/'-separated ('' for the root itself). */
  path: string;
  type: FileEntryType;
  size: number;
  /** Permission bits as a 4-digit octal string, e.g. '0644'. */
  mode: string;
  modifiedAt: string;
  /** Symlinks only: root-relative path of the target, present only when it resolves inside the root. */
  target?: string;
}

export type ArchiveFormat = 'tar.gz' | 'zip';

export interface BackupTarOptions {
  /** Entries to leave out (`rel` is root-relative, '/'-separated; a directory left out is not descended). */
  exclude?: (rel: string, isDirectory: boolean) => boolean;
  /** Filled in while the archive is produced. */
  counts?: { files: number; bytes: number };
}

export interface BackupExtractResult {
  /** Regular files (and hard links) written. */
  files: number;
  /** Bytes of file content written. */
  bytes: number;
}

export interface DecompressResult {
  /** Entries written (files, directories, symlinks). */
  extracted: number;
  /** Bytes of file content written. */
  bytes: number;
  /** Entries ignored (device files, FIFOs, symlinks that would resolve outside the root). */
  skipped: string[];
}

// ---------------------------------------------------------------------------------------------
// Internals

const C = fs.constants;
const O_DIR = C.O_RDONLY | C.O_DIRECTORY | C.O_NOFOLLOW;
const O_READ = C.O_RDONLY | C.O_NOFOLLOW | C.O_NONBLOCK; // NONBLOCK: never hang on a FIFO
const O_TEMP = C.O_WRONLY | C.O_CREAT | C.O_EXCL | C.O_NOFOLLOW;
const TEMP_PREFIX = '.outpost-tmp-';
const MAX_SYMLINK_HOPS = 40;
const DEFAULT_READ_MAX = 10 * 1024 * 1024;
/** Output block of backup tars; also the read size for large files. */
const BACKUP_BLOCK = 1024 * 1024;
/** Files up to this size are read whole, ahead of the writer. */
const BACKUP_SMALL_FILE = 256 * 1024;
/** Entries loaded ahead of the writer (bounds memory to about BACKUP_PREFETCH x BACKUP_SMALL_FILE). */
const BACKUP_PREFETCH = 32;
// /proc/self/fd lets us address entries relative to a pinned directory fd (Node has no openat()).
const HAVE_PROC_FD = process.platform === 'linux' && fs.existsSync('/proc/self/fd');

interface Resolved {
  /** Absolute real path (no symlinks in it, except the final component when not following). */
  real: string;
  /** Normalized root-relative user path. */
  rel: string;
  exists: boolean;
  /** lstat of `real` when it exists. */
  stat?: fs.Stats;
}

interface ArchiveItem {
  /** Archive-relative segments. */
  segments: string[];
  kind: 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';
  size: number;
  mode: number;
  mtime?: Date;
  linkpath?: string;
}

interface BackupWalkEntry {
  rel: string;
  real: string;
  kind: 'file' | 'directory' | 'symlink';
}
interface BackupItem extends BackupWalkEntry {
  st: fs.Stats;
  /** Whole content of a small file. */
  data?: Buffer;
  /** Open handle of a large file (closed by the writer). */
  fh?: fsp.FileHandle;
  linkpath?: string;
}

// Characters refused in user-supplied names: controls, bidi overrides and invisible marks (used to
// spoof names), and backslash (never a separator here, and never an escape either).
const FORBIDDEN_CHARS = /[\p{Cc}\u200B\u200C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\\]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function errno(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

function mapFsError(err: unknown, what: string): unknown {
  if (err instanceof ServerFilesError) return err;
  switch (errno(err)) {
    case 'ENOENT':
      return new FileNotFoundError(`not found: ${what}`);
    case 'EEXIST':
    case 'ENOTEMPTY':
      return new FileConflictError(`already exists: ${what}`);
    case 'ENOTDIR':
      return new FileConflictError(`not a directory: ${what}`);
    case 'EISDIR':
      return new FileConflictError(`is a directory: ${what}`);
    case 'EINVAL':
      return new FileConflictError(`invalid operation: ${what}`);
    case 'ELOOP':
      return new PathSafetyError(`symbolic link refused: ${what}`);
    case 'ENAMETOOLONG':
      return new PathSafetyError(`path too long: ${what}`);
    default:
      return err;
  }
}

async function lstatOrNull(p: string): Promise<fs.Stats | null> {
  try {
    return await fsp.lstat(p);
  } catch (err) {
    if (errno(err) === 'ENOENT') return null;
    throw err;
  }
}

function describe(p: unknown): string {
  return typeof p === 'string' ? JSON.stringify(p.length > 120 ? p.slice(0, 120) + '…' : p) : String(p);
}

function modeString(mode: number): string {
  return '0' + (mode & 0o777).toString(8).padStart(3, '0');
}

function entryType(st: fs.Stats): FileEntryType {
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isDirectory()) return 'directory';
  if (st.isFile()) return 'file';
  return 'other';
}

function joinRel(a: string, b: string): string {
  return a ? `${a}/${b}` : b;
}

function parseMode(mode: string | number): number {
  let n: number;
  if (typeof mode === 'number') n = mode;
  else {
    const s = mode.trim().replace(/^0o/i, '');
    if (!/^[0-7]{1,4}$/.test(s)) throw new InvalidArgumentError(`invalid mode: ${describe(mode)}`);
    n = parseInt(s, 8);
  }
  if (!Number.isInteger(n) || n < 0 || n > 0o777) {
    throw new InvalidArgumentError(`mode must be within 0000-0777 (permission bits only): ${describe(String(mode))}`);
  }
  return n;
}

/** Writes all of buf (FileHandle.write may write partially). */
async function writeAll(fh: fsp.FileHandle, buf: Buffer): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await fh.write(buf, off, buf.length - off);
    off += bytesWritten;
  }
}

/** Bytes chunksOf holds before it pauses its stream. */
const CHUNKS_BUFFER_BYTES = 1024 * 1024;

/**
 * A Readable's chunks one by one, as they were pushed. (Its own async iterator calls read(), which
 * concatenates everything buffered into a new Buffer: a copy of most bytes of a fast stream.) Ends
 * like that iterator: throws the stream's error, or a premature-close error when it closes before
 * its end; destroys the stream when the consumer stops early.
 */
async function* chunksOf(readable: Readable): AsyncGenerator<Buffer | string> {
  const queue: Array<Buffer | string> = [];
  let queued = 0;
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const onData = (chunk: Buffer | string) => {
    queue.push(chunk);
    queued += chunk.length;
    if (queued >= CHUNKS_BUFFER_BYTES) readable.pause();
    notify();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  const onError = (err: Error) => {
    failure ??= err;
    notify();
  };
  const onClose = () => {
    if (!ended) failure ??= Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
    notify();
  };
  if (readable.readableEnded) ended = true;
  else if (readable.errored) failure = readable.errored;
  else if (readable.destroyed) onClose();
  readable.on('data', onData);
  readable.once('end', onEnd);
  readable.on('error', onError);
  readable.once('close', onClose);
  readable.resume();
  try {
    for (;;) {
      const chunk = queue.shift();
      if (chunk !== undefined) {
        queued -= chunk.length;
        if (queued < CHUNKS_BUFFER_BYTES / 2 && readable.isPaused() && !failure) readable.resume();
        yield chunk;
        continue;
      }
      if (failure) throw failure;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    readable.off('data', onData);
    readable.off('end', onEnd);
    readable.off('close', onClose);
    if (!ended) readable.destroy();
    // Still listening for errors: one emitted while the stream is torn down is not uncaught.
    setImmediate(() => readable.off('error', onError));
  }
}

/** Chunks of an upload source: a Readable's as pushed (chunksOf), any other iterable as is. */
function chunksFrom<T>(source: AsyncIterable<T>): AsyncIterable<T | Buffer | string> {
  return source instanceof Readable && !source.readableObjectMode ? chunksOf(source) : source;
}

/** Bytes (and chunks) a stream write queues while the previous write is still in the kernel. */
const WRITE_BATCH_BYTES = 4 * 1024 * 1024;
const WRITE_BATCH_CHUNKS = 512;

/**
 * Writes a stream's chunks to a file in batches: while one writev is in flight, the chunks that
 * arrive meanwhile are queued (up to WRITE_BATCH_BYTES) instead of being awaited one by one, so
 * the source keeps flowing and the disk gets a few large writes rather than one per socket read.
 * Chunks are passed to writev as they are (no copy); they must not be reused by the source.
 * `position` null: at the file's current position; else positional writes from there.
 */
class BatchWriter {
  private queue: Buffer[] = [];
  private queued = 0;
  private inflight?: Promise<void>;
  private failure?: { err: unknown };
  private stopped = false;

  constructor(
    private readonly fh: fsp.FileHandle,
    private position: number | null,
  ) {}

  /** Queues a chunk; waits only while the queue is full. Throws the error of a failed write. */
  async write(buf: Buffer): Promise<void> {
    this.rethrow();
    if (buf.length === 0) return;
    this.queue.push(buf);
    this.queued += buf.length;
    if (!this.inflight) this.start();
    while (this.inflight && (this.queued >= WRITE_BATCH_BYTES || this.queue.length >= WRITE_BATCH_CHUNKS)) await this.inflight;
    this.rethrow();
  }

  /** Resolves once every queued byte is written; throws the error of a failed write. */
  async flush(): Promise<void> {
    while (this.inflight) await this.inflight;
    this.rethrow();
  }

  private rethrow(): void {
    if (this.failure) throw this.failure.err;
  }

  /** After a failure elsewhere: starts no further write and waits for the one in flight (never throws). */
  async abandon(): Promise<void> {
    this.stopped = true;
    while (this.inflight) await this.inflight;
  }

  private start(): void {
    const bufs = this.queue;
    const n = this.queued;
    this.queue = [];
    this.queued = 0;
    const at = this.position;
    if (at !== null) this.position = at + n;
    this.inflight = this.writeAll(bufs, at).then(
      () => {
        this.inflight = undefined;
        if (this.queue.length > 0 && !this.stopped) this.start();
      },
      (err: unknown) => {
        this.failure = { err };
        this.inflight = undefined;
      },
    );
  }

  private async writeAll(bufs: Buffer[], at: number | null): Promise<void> {
    let i = 0;
    while (i < bufs.length) {
      const { bytesWritten } = await this.fh.writev(i === 0 ? bufs : bufs.slice(i), at ?? undefined);
      if (at !== null) at += bytesWritten;
      let left = bytesWritten;
      while (left > 0 && i < bufs.length) {
        if (bufs[i].length <= left) {
          left -= bufs[i].length;
          i++;
        } else {
          bufs[i] = bufs[i].subarray(left);
          left = 0;
        }
      }
      if (bytesWritten === 0 && i < bufs.length) throw new Error('write made no progress');
    }
  }
}

/** Exactly `size` bytes of a file (zero-padded if it shrank meanwhile, truncated if it grew). */
async function* readExactly(fh: fsp.FileHandle, size: number): AsyncGenerator<Buffer> {
  let pos = 0;
  while (pos < size) {
    const want = Math.min(256 * 1024, size - pos);
    const buf = Buffer.allocUnsafe(want);
    const { bytesRead } = await fh.read(buf, 0, want, pos);
    if (bytesRead === 0) {
      yield Buffer.alloc(size - pos);
      return;
    }
    pos += bytesRead;
    yield buf.subarray(0, bytesRead);
  }
}

/** Tracks bytes written by one operation against the quota (shared with concurrent operations). */
class QuotaMeter {
  written = 0;
  constructor(
    private readonly owner: { reserved: number },
    private readonly base: number,
    private readonly limit: number,
  ) {}
  add(n: number): void {
    this.written += n;
    this.owner.reserved += n;
    if (this.limit > 0 && this.base + this.owner.reserved > this.limit) {
      throw new QuotaExceededError(`disk quota of ${this.limit} bytes exceeded`);
    }
  }
  release(): void {
    this.owner.reserved -= this.written;
    this.written = 0;
  }
}

// ---------------------------------------------------------------------------------------------

export class ServerFiles {
  readonly quotaBytes: number;
  readonly maxNameLength: number;
  readonly maxPathLength: number;
  private readonly usageCacheMs: number;
  private readonly rootInput: string;
  private rootPromise?: Promise<string>;
  private usageCache?: { bytes: number; at: number };
  /** Bytes written by in-flight operations (so concurrent writes can't jointly overshoot the quota). */
  reserved = 0;

  constructor(root: string, options: ServerFilesOptions = {}) {
    if (typeof root !== 'string' || root === '' || root.includes('\0')) throw new InvalidArgumentError('invalid root');
    this.rootInput = path.resolve(root);
    this.quotaBytes = Math.max(0, options.quotaBytes ?? 0);
    this.maxNameLength = options.maxNameLength ?? 255;
    this.maxPathLength = options.maxPathLength ?? 4096;
    this.usageCacheMs = options.usageCacheMs ?? 5000;
  }

  // ---- path handling ------------------------------------------------------------------------

  private realRoot(): Promise<string> {
    this.rootPromise ??= (async () => {
      const real = await fsp.realpath(this.rootInput);
      if (!(await fsp.stat(real)).isDirectory()) throw new InvalidArgumentError('root is not a directory');
      return real;
    })();
    this.rootPromise.catch(() => (this.rootPromise = undefined));
    return this.rootPromise;
  }

  private inside(root: string, p: string): boolean {
    return p === root || p.startsWith(root === '/' ? '/' : root + '/');
  }

  /** Lexical validation of a user path; returns its segments relative to the root. */
  private normalize(userPath: string, forArchive = false): string[] {
    if (typeof userPath !== 'string') throw new PathSafetyError('path must be a string');
    const shown = describe(userPath);
    if (userPath.includes('\0')) throw new PathSafetyError(`NUL byte in path ${shown}`);
    if (Buffer.byteLength(userPath) > this.maxPathLength) throw new PathSafetyError(`path too long: ${shown}`);
    if (LONE_SURROGATE.test(userPath)) throw new PathSafetyError(`invalid unicode in path ${shown}`);
    if (FORBIDDEN_CHARS.test(userPath)) throw new PathSafetyError(`forbidden character in path ${shown}`);
    if (forArchive && (userPath.startsWith('/') || /^[A-Za-z]:/.test(userPath))) {
      throw new PathSafetyError(`absolute path in archive: ${shown}`);
    }
    const out: string[] = [];
    for (const seg of userPath.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        // Archives never get '..' (tar/zip-slip); users may use it as long as it stays inside.
        if (forArchive || out.length === 0) throw new PathSafetyError(`path escapes the server root: ${shown}`);
        out.pop();
        continue;
      }
      if (Buffer.byteLength(seg) > this.maxNameLength) throw new PathSafetyError(`name too long in path ${shown}`);
      // Compatibility forms of '.', '/' (e.g. U+2024, U+FF0E, U+FF0F) would become escapes in any
      // component that normalizes Unicode; refuse rather than hope nobody does.
      const nfkc = seg.normalize('NFKC');
      if (nfkc === '.' || nfkc === '..' || /[/\\]/.test(nfkc)) {
        throw new PathSafetyError(`look-alike dot or slash in path ${shown}`);
      }
      out.push(seg);
    }
    return out;
  }

  /**
   * Resolves a user path on the real filesystem, following symlinks only while they stay inside
   * the root (kernel semantics, checked at every hop). A missing tail is allowed (exists=false).
   */
  private async resolveInternal(userPath: string, followFinal: boolean): Promise<Resolved> {
    const segments = this.normalize(userPath);
    const rel = segments.join('/');
    const root = await this.realRoot();
    const rootVariants = [root, this.rootInput].map((r) => r.split('/').filter(Boolean));
    const pending = [...segments];
    let cur = root;
    let hops = 0;
    let stat: fs.Stats | undefined = await fsp.lstat(root);
    while (pending.length > 0) {
      const seg = pending.shift()!;
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        // Only reachable through symlink targets (user '..' was collapsed lexically).
        if (cur === root) throw new PathSafetyError(`symbolic link escapes the server root: ${describe(userPath)}`);
        cur = path.dirname(cur);
        stat = await fsp.lstat(cur);
        continue;
      }
      const next = path.join(cur, seg);
      const st = await lstatOrNull(next);
      if (!st) {
        // A missing component followed by '..' (from a link target) can't be resolved.
        if (pending.includes('..')) throw new FileNotFoundError(`not found: ${describe(userPath)}`);
        return { real: path.join(next, ...pending.filter((s) => s !== '' && s !== '.')), rel, exists: false };
      }
      const isFinal = pending.every((s) => s === '' || s === '.');
      if (st.isSymbolicLink() && (!isFinal || followFinal)) {
        if (++hops > MAX_SYMLINK_HOPS) throw new PathSafetyError(`too many symbolic links: ${describe(userPath)}`);
        const target = await fsp.readlink(next);
        const parts = target.split('/');
        if (path.isAbsolute(target)) {
          // Absolute targets are accepted only when they spell out a path under the root.
          const abs = parts.filter((s) => s !== '' && s !== '.');
          const match = rootVariants.find((rv) => rv.every((s, i) => abs[i] === s));
          if (!match) throw new PathSafetyError(`symbolic link points outside the server root: ${describe(userPath)}`);
          pending.unshift(...abs.slice(match.length));
          cur = root;
        } else {
          pending.unshift(...parts);
        }
        continue;
      }
      if (!isFinal && !st.isDirectory()) throw new FileConflictError(`not a directory in path ${describe(userPath)}`);
      cur = next;
      stat = st;
    }
    return { real: cur, rel, exists: true, stat };
  }

  /** The safe absolute path for a user path ('' / '/' / '.' = the root). Symlinks are followed if they stay inside. */
  async resolve(userPath: string): Promise<string> {
    return (await this.guard(userPath, () => this.resolveInternal(userPath, true))).real;
  }

  private async guard<T>(what: unknown, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw mapFsError(err, describe(what));
    }
  }

  private async relOf(real: string): Promise<string> {
    const root = await this.realRoot();
    return path.relative(root, real).split(path.sep).join('/');
  }

  // ---- pinned descriptors -------------------------------------------------------------------

  /** Checks where an opened fd really is; returns a path that addresses it (and only it). */
  private async verifyHandle(fh: fsp.FileHandle, opened: string): Promise<string> {
    const root = await this.realRoot();
    if (HAVE_PROC_FD) {
      const ref = `/proc/self/fd/${fh.fd}`;
      const actual = await fsp.readlink(ref);
      if (!this.inside(root, actual)) throw new PathSafetyError('path left the server root while being opened');
      return ref;
    }
    const actual = await fsp.realpath(opened);
    if (!this.inside(root, actual)) throw new PathSafetyError('path left the server root while being opened');
    return actual;
  }

  /** Runs fn with a reference to the directory at `dir`, pinned against symlink swaps. */
  private async withDir<T>(dir: string, fn: (ref: string) => Promise<T>): Promise<T> {
    const fh = await fsp.open(dir, O_DIR);
    try {
      return await fn(await this.verifyHandle(fh, dir));
    } finally {
      await fh.close().catch(() => undefined);
    }
  }

  /** Opens a non-directory for reading without following a final symlink; verified inside the root. */
  private async openFile(p: string): Promise<{ fh: fsp.FileHandle; st: fs.Stats }> {
    const fh = await fsp.open(p, O_READ);
    try {
      await this.verifyHandle(fh, p);
      const st = await fh.stat();
      if (st.isDirectory()) throw new FileConflictError('is a directory');
      if (!st.isFile()) throw new FileConflictError('not a regular file');
      return { fh, st };
    } catch (err) {
      await fh.close().catch(() => undefined);
      throw err;
    }
  }

  private async readDirSorted(ref: string): Promise<string[]> {
    return (await fsp.readdir(ref)).sort();
  }

  /**
   * Walks a directory tree without following symlinks. `visit` sees every entry (ref = a path
   * addressing it through pinned parents); returning false skips descending into a directory.
   */
  private async walk(dirRef: string, rel: string, visit: (ref: string, rel: string, name: string, st: fs.Stats) => Promise<boolean | void>): Promise<void> {
    for (const name of await this.readDirSorted(dirRef)) {
      const ref = `${dirRef}/${name}`;
      const st = await lstatOrNull(ref);
      if (!st) continue;
      const childRel = joinRel(rel, name);
      const descend = await visit(ref, childRel, name, st);
      if (st.isDirectory() && descend !== false) {
        await this.withDir(ref, (sub) => this.walk(sub, childRel, visit));
      }
    }
  }

  /** Deletes `name` inside the pinned dir; directories recursively, symlinks as links. */
  private async removeAt(dirRef: string, name: string): Promise<void> {
    const ref = `${dirRef}/${name}`;
    const st = await lstatOrNull(ref);
    if (!st) return;
    if (st.isDirectory()) {
      await this.withDir(ref, async (sub) => {
        for (const child of await fsp.readdir(sub)) await this.removeAt(sub, child);
      });
      await fsp.rmdir(ref);
    } else {
      await fsp.unlink(ref);
    }
  }

  private async removeReal(real: string): Promise<void> {
    await this.withDir(path.dirname(real), (ref) => this.removeAt(ref, path.basename(real)));
  }

  /** mkdir -p for a real path whose existing prefix was resolved inside the root. */
  private async ensureDirReal(target: string): Promise<void> {
    const root = await this.realRoot();
    const missing: string[] = [];
    let cur = target;
    for (;;) {
      if (!this.inside(root, cur)) throw new PathSafetyError('directory outside the server root');
      const st = await lstatOrNull(cur);
      if (st) {
        if (!st.isDirectory()) throw new FileConflictError(`not a directory: ${describe(await this.relOf(cur))}`);
        break;
      }
      missing.unshift(path.basename(cur));
      cur = path.dirname(cur);
    }
    for (const name of missing) {
      await this.withDir(cur, async (ref) => {
        try {
          await fsp.mkdir(`${ref}/${name}`, { mode: 0o755 });
        } catch (err) {
          if (errno(err) !== 'EEXIST') throw err;
        }
      });
      cur = path.join(cur, name);
    }
  }

  // ---- quota ----------------------------------------------------------------------------------

  /** Bytes used under the root (apparent size of regular files, hard links counted once). */
  async diskUsage(): Promise<number> {
    if (this.usageCache && Date.now() - this.usageCache.at < this.usageCacheMs) return this.usageCache.bytes;
    const root = await this.realRoot();
    let bytes = 0;
    const seen = new Set<string>();
    await this.withDir(root, (ref) =>
      this.walk(ref, '', async (_r, _rel, _n, st) => {
        if (!st.isFile()) return;
        if (st.nlink > 1) {
          const key = `${st.dev}:${st.ino}`;
          if (seen.has(key)) return;
          seen.add(key);
        }
        bytes += st.size;
      }),
    );
    this.usageCache = { bytes, at: Date.now() };
    return bytes;
  }

  private invalidateUsage(): void {
    this.usageCache = undefined;
  }

  /** Starts quota accounting for an operation that frees `freed` bytes and adds about `expected`. */
  private async meter(freed: number, expected = 0): Promise<QuotaMeter> {
    const base = this.quotaBytes > 0 ? (await this.diskUsage()) - freed : 0;
    if (this.quotaBytes > 0 && base + this.reserved + expected > this.quotaBytes) {
      throw new QuotaExceededError(`disk quota of ${this.quotaBytes} bytes exceeded`);
    }
    return new QuotaMeter(this, base, this.quotaBytes);
  }

  // ---- writing --------------------------------------------------------------------------------

  /**
   * Streams `source` into `<dir>/<name>` through an O_EXCL|O_NOFOLLOW temp file in the pinned
   * directory, then renames it over the target; on any failure the temp file is removed.
   */
  private async writeFileAt(
    dir: string,
    name: string,
    source: AsyncIterable<Buffer | string | Uint8Array>,
    meter: QuotaMeter,
    opts: { mode?: number; expectedBytes?: number; mtime?: Date } = {},
  ): Promise<number> {
    return this.withDir(dir, async (ref) => {
      const existing = await lstatOrNull(`${ref}/${name}`);
      if (existing?.isDirectory()) throw new FileConflictError(`is a directory: ${describe(name)}`);
      const tmp = `${ref}/${TEMP_PREFIX}${randomBytes(8).toString('hex')}`;
      const fh = await fsp.open(tmp, O_TEMP, 0o600);
      let closed = false;
      let done = false;
      let written = 0;
      const writer = new BatchWriter(fh, null);
      try {
        for await (const chunk of chunksFrom(source)) {
          const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
          written += buf.length;
          if (opts.expectedBytes !== undefined && written > opts.expectedBytes) {
            throw new InvalidArgumentError(`more data than the expected ${opts.expectedBytes} bytes`);
          }
          meter.add(buf.length);
          await writer.write(buf);
        }
        await writer.flush();
        if (opts.expectedBytes !== undefined && written !== opts.expectedBytes) {
          throw new InvalidArgumentError(`received ${written} bytes, expected ${opts.expectedBytes}`);
        }
        const mode = opts.mode ?? (existing?.isFile() ? existing.mode & 0o777 : 0o644);
        await fh.chmod(mode & 0o777);
        if (opts.mtime) await fh.utimes(opts.mtime, opts.mtime);
        await fh.close();
        closed = true;
        await fsp.rename(tmp, `${ref}/${name}`);
        done = true;
        return written;
      } finally {
        await writer.abandon();
        if (!closed) await fh.close().catch(() => undefined);
        if (!done) await fsp.unlink(tmp).catch(() => undefined);
      }
    });
  }

  /** Resolves a write target (following in-root symlinks), creating missing parent directories. */
  private async prepareWrite(userPath: string): Promise<Resolved> {
    const r = await this.resolveInternal(userPath, true);
    const root = await this.realRoot();
    if (r.real === root) throw new FileConflictError('cannot write to the root directory');
    if (r.exists && r.stat?.isDirectory()) throw new FileConflictError(`is a directory: ${describe(userPath)}`);
    if (r.exists && !r.stat?.isFile()) throw new FileConflictError(`not a regular file: ${describe(userPath)}`);
    await this.ensureDirReal(path.dirname(r.real));
    return r;
  }

  async writeText(userPath: string, content: string): Promise<void> {
    await this.writeStream(userPath, Readable.from([Buffer.from(content, 'utf8')]), {
      expectedBytes: Buffer.byteLength(content, 'utf8'),
    });
  }

  /** Streams an upload into place atomically; quota is enforced while streaming. Returns bytes written. */
  async writeStream(userPath: string, readable: AsyncIterable<Buffer | string | Uint8Array>, options: { expectedBytes?: number } = {}): Promise<number> {
    try {
      return await this.guard(userPath, async () => {
        const r = await this.prepareWrite(userPath);
        const meter = await this.meter(r.exists ? (r.stat?.size ?? 0) : 0, options.expectedBytes ?? 0);
        try {
          return await this.writeFileAt(path.dirname(r.real), path.basename(r.real), readable, meter, {
            expectedBytes: options.expectedBytes,
          });
        } finally {
          meter.release();
          this.invalidateUsage();
        }
      });
    } finally {
      // Don't leave an upload's source (e.g. an HTTP body) half-read and paused after a failure.
      if (readable instanceof Readable && !readable.readableEnded) readable.destroy();
    }
  }

  /**
   * Validates a path without changing anything: it must resolve inside the root (in-root symlinks
   * followed). forWrite: it must also be something a file could be written to (not the root, not
   * a directory or special file). Returns whether it exists.
   */
  async checkPath(userPath: string, options: { forWrite?: boolean } = {}): Promise<{ exists: boolean; type?: FileEntryType }> {
    return this.guard(userPath, async () => {
      const r = await this.resolveInternal(userPath, true);
      if (options.forWrite) {
        if (r.real === (await this.realRoot())) throw new FileConflictError('cannot write to the root directory');
        if (r.exists && r.stat?.isDirectory()) throw new FileConflictError(`is a directory: ${describe(userPath)}`);
        if (r.exists && !r.stat?.isFile()) throw new FileConflictError(`not a regular file: ${describe(userPath)}`);
      }
      return { exists: r.exists, type: r.stat ? entryType(r.stat) : undefined };
    });
  }

  /**
   * Appends a stream to a file at `expectedOffset` (resumable uploads). The file is opened with
   * O_NOFOLLOW through its pinned parent and must be a regular file with a single link; it is
   * created when missing (only at offset 0). Bytes past `expectedOffset` (never acknowledged)
   * are cut off first; a shorter file is a conflict. Quota is enforced while streaming.
   *
   * - source fails (client went away): what was written is fsync-ed and kept → `interrupted`;
   * - anything else (quota, too many bytes, disk errors): the file is cut back to
   *   `expectedOffset` and the error is thrown.
   * Returns the new durable offset.
   */
  async appendStream(
    userPath: string,
    readable: AsyncIterable<Buffer | string | Uint8Array>,
    expectedOffset: number,
    options: { maxBytes?: number } = {},
  ): Promise<{ offset: number; written: number; interrupted: boolean }> {
    if (!Number.isSafeInteger(expectedOffset) || expectedOffset < 0) throw new InvalidArgumentError('offset must be a non-negative integer');
    try {
      return await this.guard(userPath, async () => {
        const r = await this.resolveInternal(userPath, false);
        const root = await this.realRoot();
        if (r.real === root) throw new FileConflictError('cannot write to the root directory');
        if (r.exists && r.stat?.isSymbolicLink()) throw new PathSafetyError(`symbolic link refused: ${describe(userPath)}`);
        if (r.exists && !r.stat?.isFile()) throw new FileConflictError(`not a regular file: ${describe(userPath)}`);
        if (!r.exists && expectedOffset !== 0) throw new FileNotFoundError(`not found: ${describe(userPath)}`);
        await this.ensureDirReal(path.dirname(r.real));
        const name = path.basename(r.real);
        return this.withDir(path.dirname(r.real), async (ref) => {
          const flags = C.O_WRONLY | C.O_NOFOLLOW | C.O_NONBLOCK | (expectedOffset === 0 ? C.O_CREAT : 0);
          const fh = await fsp.open(`${ref}/${name}`, flags, 0o600);
          let meter: QuotaMeter | undefined;
          try {
            await this.verifyHandle(fh, `${ref}/${name}`);
            const st = await fh.stat();
            if (!st.isFile()) throw new FileConflictError(`not a regular file: ${describe(userPath)}`);
            if (st.nlink > 1) throw new PathSafetyError(`refusing to append to a file with several links: ${describe(userPath)}`);
            if (st.size < expectedOffset) throw new FileConflictError(`offset mismatch: the file has ${st.size} bytes, not ${expectedOffset}`);
            if (st.size > expectedOffset) await fh.truncate(expectedOffset);
            this.invalidateUsage();
            meter = await this.meter(0);
            // Every byte received is queued to be written (a batch may be in the kernel while more
            // arrive): on interruption they are all flushed, so the new offset is pos.
            let pos = expectedOffset;
            let interrupted = false;
            const it = chunksFrom(readable)[Symbol.asyncIterator]();
            const writer = new BatchWriter(fh, expectedOffset);
            try {
              for (;;) {
                let next: IteratorResult<Buffer | string | Uint8Array>;
                try {
                  next = await it.next();
                } catch {
                  interrupted = true;
                  break;
                }
                if (next.done) break;
                const c = next.value;
                const buf = typeof c === 'string' ? Buffer.from(c) : Buffer.isBuffer(c) ? c : Buffer.from(c);
                if (options.maxBytes !== undefined && pos - expectedOffset + buf.length > options.maxBytes) {
                  throw new InvalidArgumentError(`more data than the expected ${options.maxBytes} bytes`);
                }
                meter.add(buf.length);
                await writer.write(buf);
                pos += buf.length;
              }
              await writer.flush();
              await fh.sync();
            } catch (err) {
              await writer.abandon();
              await fh.truncate(expectedOffset).catch(() => undefined);
              await fh.sync().catch(() => undefined);
              throw err;
            }
            return { offset: pos, written: pos - expectedOffset, interrupted };
          } finally {
            meter?.release();
            this.invalidateUsage();
            await fh.close().catch(() => undefined);
          }
        });
      });
    } finally {
      if (readable instanceof Readable && !readable.readableEnded) readable.destroy();
    }
  }

  async mkdir(userPath: string): Promise<void> {
    await this.guard(userPath, async () => {
      const r = await this.resolveInternal(userPath, true);
      if (r.exists) {
        if (!r.stat?.isDirectory()) throw new FileConflictError(`exists and is not a directory: ${describe(userPath)}`);
        return;
      }
      await this.ensureDirReal(r.real);
    });
  }

  // ---- reading --------------------------------------------------------------------------------

  private async toEntry(name: string, rel: string, st: fs.Stats): Promise<FileEntry> {
    const entry: FileEntry = {
      name,
      path: rel,
      type: entryType(st),
      size: st.isDirectory() ? 0 : st.size,
      mode: modeString(st.mode),
      modifiedAt: st.mtime.toISOString(),
    };
    if (st.isSymbolicLink()) {
      try {
        const t = await this.resolveInternal(rel, true);
        entry.target = await this.relOf(t.real);
      } catch {
        // escaping, looping or unaddressable: show no target
      }
    }
    return entry;
  }

  async list(dir = ''): Promise<FileEntry[]> {
    return this.guard(dir, async () => {
      const r = await this.resolveInternal(dir, true);
      if (!r.exists) throw new FileNotFoundError(`not found: ${describe(dir)}`);
      if (!r.stat?.isDirectory()) throw new FileConflictError(`not a directory: ${describe(dir)}`);
      const entries = await this.withDir(r.real, async (ref) => {
        const out: FileEntry[] = [];
        for (const name of await fsp.readdir(ref)) {
          if (name.startsWith(TEMP_PREFIX)) continue; // our in-flight writes
          const st = await lstatOrNull(`${ref}/${name}`);
          if (st) out.push(await this.toEntry(name, joinRel(r.rel, name), st));
        }
        return out;
      });
      return entries.sort((a, b) => {
        const da = a.type === 'directory' ? 0 : 1;
        const db = b.type === 'directory' ? 0 : 1;
        if (da !== db) return da - db;
        return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
      });
    });
  }

  /** Metadata of the path itself (a final symlink is reported as a symlink, like list() does). */
  async stat(userPath: string): Promise<FileEntry> {
    return this.guard(userPath, async () => {
      const r = await this.resolveInternal(userPath, false);
      if (!r.exists) throw new FileNotFoundError(`not found: ${describe(userPath)}`);
      const root = await this.realRoot();
      if (r.real === root) return this.toEntry('', '', await fsp.lstat(root));
      const name = path.basename(r.real);
      const st = await this.withDir(path.dirname(r.real), (ref) => fsp.lstat(`${ref}/${name}`));
      return this.toEntry(name, r.rel, st);
    });
  }

  async readText(userPath: string, options: { maxBytes?: number } = {}): Promise<string> {
    const maxBytes = options.maxBytes ?? DEFAULT_READ_MAX;
    return this.guard(userPath, async () => {
      const r = await this.resolveInternal(userPath, true);
      if (!r.exists) throw new FileNotFoundError(`not found: ${describe(userPath)}`);
      const { fh, st } = await this.openFile(r.real);
      try {
        if (st.size > maxBytes) {
          throw new FileTooLargeError(`file is ${st.size} bytes, larger than the ${maxBytes} bytes allowed for reading`);
        }
        // Read at most maxBytes+1 until EOF: the file may have grown since fstat.
        const chunks: Buffer[] = [];
        let total = 0;
        while (total <= maxBytes) {
          const buf = Buffer.allocUnsafe(Math.min(256 * 1024, maxBytes + 1 - total));
          const { bytesRead } = await fh.read(buf, 0, buf.length, total);
          if (bytesRead === 0) break;
          chunks.push(buf.subarray(0, bytesRead));
          total += bytesRead;
        }
        if (total > maxBytes) throw new FileTooLargeError(`file is larger than the ${maxBytes} bytes allowed for reading`);
        return Buffer.concat(chunks, total).toString('utf8');
      } finally {
        await fh.close().catch(() => undefined);
      }
    });
  }

  /** A stream of a regular file's content (for downloads); the fd is opened and verified up front. */
  async createReadStream(userPath: string): Promise<fs.ReadStream> {
    return this.guard(userPath, async () => {
      const r = await this.resolveInternal(userPath, true);
      if (!r.exists) throw new FileNotFoundError(`not found: ${describe(userPath)}`);
      const { fh } = await this.openFile(r.real);
      return fh.createReadStream({ autoClose: true });
    });
  }

  // ---- delete / rename / copy / chmod -----------------------------------------------------------

  async delete(paths: string[]): Promise<void> {
    const root = await this.guard('', () => this.realRoot());
    // Validate everything before deleting anything.
    const targets: string[] = [];
    for (const p of paths) {
      const r = await this.guard(p, () => this.resolveInternal(p, false));
      if (r.real === root) throw new PathSafetyError('refusing to delete the server root');
      if (!r.exists) throw new FileNotFoundError(`not found: ${describe(p)}`);
      targets.push(r.real);
    }
    try {
      for (const real of [...new Set(targets)]) {
        await this.guard(real, () => this.removeReal(real));
      }
    } finally {
      this.invalidateUsage();
    }
  }

  async rename(from: string, to: string, options: { overwrite?: boolean } = {}): Promise<void> {
    const root = await this.guard('', () => this.realRoot());
    const src = await this.guard(from, () => this.resolveInternal(from, false));
    const dst = await this.guard(to, () => this.resolveInternal(to, false));
    if (src.real === root) throw new PathSafetyError('refusing to rename the server root');
    if (dst.real === root) throw new FileConflictError('destination is the server root');
    if (!src.exists) throw new FileNotFoundError(`not found: ${describe(from)}`);
    if (src.real === dst.real) return;
    if (dst.exists) {
      if (!options.overwrite) throw new FileConflictError(`destination exists: ${describe(to)}`);
      if (dst.stat?.isDirectory() || src.stat?.isDirectory()) {
        throw new FileConflictError(`refusing to overwrite with or onto a directory: ${describe(to)}`);
      }
    }
    if (src.stat?.isDirectory() && this.inside(src.real, dst.real)) {
      throw new FileConflictError('cannot move a directory into itself');
    }
    await this.guard(to, async () => {
      await this.ensureDirReal(path.dirname(dst.real));
      const a = path.basename(src.real);
      const b = path.basename(dst.real);
      await this.withDir(path.dirname(src.real), (sref) => this.withDir(path.dirname(dst.real), (dref) => fsp.rename(`${sref}/${a}`, `${dref}/${b}`)));
    });
    // A relative symlink means something else at its new place; never let a move make it escape.
    if (src.stat?.isSymbolicLink()) {
      try {
        await this.resolveInternal(dst.rel, true);
      } catch (err) {
        if (err instanceof PathSafetyError) {
          await this.withDir(path.dirname(dst.real), (dref) =>
            this.withDir(path.dirname(src.real), (sref) => fsp.rename(`${dref}/${path.basename(dst.real)}`, `${sref}/${path.basename(src.real)}`)),
          ).catch(() => this.removeReal(dst.real).catch(() => undefined));
          throw new PathSafetyError('the moved symbolic link would point outside the server root');
        }
      }
    }
  }

  /** Total file bytes under a real path (no symlink following). */
  private async treeSize(real: string, st: fs.Stats): Promise<number> {
    if (!st.isDirectory()) return st.isFile() ? st.size : 0;
    let total = 0;
    await this.withDir(real, (ref) =>
      this.walk(ref, '', async (_r, _rel, _n, s) => {
        if (s.isFile()) total += s.size;
      }),
    );
    return total;
  }

  /** Removes symlinks (given by user-relative path) that resolve outside the root; returns their paths. */
  private async pruneEscapingLinks(rels: string[]): Promise<string[]> {
    const removed: string[] = [];
    for (const rel of rels) {
      try {
        await this.resolveInternal(rel, true);
      } catch (err) {
        if (!(err instanceof PathSafetyError) && !(err instanceof FileConflictError)) continue;
        const r = await this.resolveInternal(rel, false).catch(() => undefined);
        if (r?.exists && r.stat?.isSymbolicLink()) {
          await this.removeReal(r.real).catch(() => undefined);
          removed.push(rel);
        }
      }
    }
    return removed;
  }

  async copy(from: string, to: string, options: { overwrite?: boolean } = {}): Promise<void> {
    const root = await this.guard('', () => this.realRoot());
    const src = await this.guard(from, () => this.resolveInternal(from, true));
    const dst = await this.guard(to, () => this.resolveInternal(to, false));
    if (!src.exists || !src.stat) throw new FileNotFoundError(`not found: ${describe(from)}`);
    if (dst.real === root) throw new FileConflictError('destination is the server root');
    const srcIsDir = src.stat.isDirectory();
    if (!srcIsDir && !src.stat.isFile()) throw new FileConflictError(`not a regular file or directory: ${describe(from)}`);
    if (dst.exists) {
      if (!options.overwrite) throw new FileConflictError(`destination exists: ${describe(to)}`);
      if (srcIsDir || dst.stat?.isDirectory()) throw new FileConflictError(`refusing to overwrite a directory: ${describe(to)}`);
    }
    if (srcIsDir && this.inside(src.real, dst.real)) throw new FileConflictError('cannot copy a directory into itself');
    const links: string[] = [];
    await this.guard(to, async () => {
      const size = await this.treeSize(src.real, src.stat!);
      const freed = dst.exists && dst.stat?.isFile() ? dst.stat.size : 0;
      const meter = await this.meter(freed, size);
      try {
        await this.ensureDirReal(path.dirname(dst.real));
        const dstDir = path.dirname(dst.real);
        const dstName = path.basename(dst.real);
        if (!srcIsDir) {
          const { fh, st } = await this.openFile(src.real);
          try {
            await this.writeFileAt(dstDir, dstName, readExactly(fh, st.size), meter, { mode: st.mode & 0o777 });
          } finally {
            await fh.close().catch(() => undefined);
          }
          return;
        }
        // Build the copy under a temp name, then rename: no half-copied tree on failure.
        const tmpName = `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`;
        const tmpReal = path.join(dstDir, tmpName);
        await this.withDir(dstDir, (ref) => fsp.mkdir(`${ref}/${tmpName}`, { mode: src.stat!.mode & 0o777 }));
        try {
          const dstRel = await this.relOf(dst.real);
          await this.withDir(src.real, (sref) =>
            this.walk(sref, '', async (ref, rel, _name, st) => {
              const target = path.join(tmpReal, ...rel.split('/'));
              if (st.isDirectory()) {
                await this.withDir(path.dirname(target), (d) => fsp.mkdir(`${d}/${path.basename(target)}`, { mode: st.mode & 0o777 }));
              } else if (st.isFile()) {
                const { fh, st: fst } = await this.openFile(ref);
                try {
                  await this.writeFileAt(path.dirname(target), path.basename(target), readExactly(fh, fst.size), meter, {
                    mode: fst.mode & 0o777,
                  });
                } finally {
                  await fh.close().catch(() => undefined);
                }
              } else if (st.isSymbolicLink()) {
                const linkTarget = await fsp.readlink(ref);
                if (!path.isAbsolute(linkTarget)) {
                  await this.withDir(path.dirname(target), (d) => fsp.symlink(linkTarget, `${d}/${path.basename(target)}`));
                  links.push(joinRel(dstRel, rel));
                }
              }
            }),
          );
          await this.withDir(dstDir, (ref) => fsp.rename(`${ref}/${tmpName}`, `${ref}/${dstName}`));
        } catch (err) {
          await this.removeReal(tmpReal).catch(() => undefined);
          throw err;
        }
      } finally {
        meter.release();
        this.invalidateUsage();
      }
    });
    // Copied relative links may now point elsewhere: drop the ones that would leave the root.
    await this.pruneEscapingLinks(links);
  }

  async chmod(userPath: string, mode: string | number): Promise<void> {
    const bits = parseMode(mode);
    await this.guard(userPath, async () => {
      const r = await this.resolveInternal(userPath, true);
      if (!r.exists) throw new FileNotFoundError(`not found: ${describe(userPath)}`);
      await this.chmodReal(r.real, bits);
    });
  }

  /** chmod through a verified O_NOFOLLOW fd: a symlink swapped in after resolving can't redirect it. */
  private async chmodReal(real: string, bits: number): Promise<void> {
    const fh = await fsp.open(real, O_READ);
    try {
      await this.verifyHandle(fh, real);
      const st = await fh.stat();
      if (!st.isFile() && !st.isDirectory()) throw new FileConflictError('not a regular file or directory');
      await fh.chmod(bits & 0o777);
    } finally {
      await fh.close().catch(() => undefined);
    }
  }

  // ---- archives: creating -----------------------------------------------------------------------

  /**
   * Resolves archive sources; entry names are relative to the sources' deepest common parent
   * (so compressing 'plugins/Foo' stores 'Foo/...').
   */
  private async resolveSources(paths: string[]): Promise<Array<{ real: string; name: string; st: fs.Stats }>> {
    if (!Array.isArray(paths) || paths.length === 0) throw new InvalidArgumentError('no paths given');
    const root = await this.realRoot();
    const resolved: Resolved[] = [];
    for (const p of paths) {
      const r = await this.guard(p, () => this.resolveInternal(p, true));
      if (!r.exists || !r.stat) throw new FileNotFoundError(`not found: ${describe(p)}`);
      resolved.push(r);
    }
    const parts = resolved.map((r) => r.real.split('/'));
    let common = parts[0].slice(0, -1);
    for (const p of parts) {
      let i = 0;
      while (i < common.length && i < p.length - 1 && common[i] === p[i]) i++;
      common = common.slice(0, i);
    }
    let base = common.join('/') || '/';
    if (!this.inside(root, base)) base = root;
    return resolved.map((r) => ({
      real: r.real,
      st: r.stat!,
      name: r.real === root ? '' : path.relative(base, r.real).split(path.sep).join('/'),
    }));
  }

  /** Every file/directory under the sources (symlinks, devices and our temp files are left out). */
  private async *archiveItems(sources: Array<{ real: string; name: string; st: fs.Stats }>): AsyncGenerator<{ name: string; st: fs.Stats; ref: string }> {
    const queue: Array<{ name: string; st: fs.Stats; ref: string }> = [];
    for (const s of sources) {
      if (s.st.isFile()) {
        yield { name: s.name, st: s.st, ref: s.real };
      } else if (s.st.isDirectory()) {
        // Collect per source so the walk's pinned fds are released before yielding.
        queue.length = 0;
        if (s.name) queue.push({ name: s.name + '/', st: s.st, ref: s.real });
        await this.withDir(s.real, (ref) =>
          this.walk(ref, s.name, async (_childRef, rel, name, st) => {
            if (name.startsWith(TEMP_PREFIX)) return false;
            if (st.isDirectory()) queue.push({ name: rel + '/', st, ref: '' });
            else if (st.isFile()) queue.push({ name: rel, st, ref: '' });
          }),
        );
        for (const item of queue.splice(0)) {
          const relFromSource = s.name ? item.name.slice(s.name.length + 1) : item.name;
          yield { ...item, ref: path.join(s.real, ...relFromSource.split('/').filter(Boolean)) };
        }
      }
    }
  }

  /** Opens an archive member for reading through its pinned parent (O_NOFOLLOW, verified in-root). */
  private async openMember(real: string): Promise<{ fh: fsp.FileHandle; st: fs.Stats } | null> {
    const root = await this.realRoot();
    if (!this.inside(root, real) || real === root) throw new PathSafetyError('archive member outside the server root');
    try {
      return await this.withDir(path.dirname(real), (ref) => this.openFile(`${ref}/${path.basename(real)}`));
    } catch (err) {
      // Vanished or replaced (e.g. by a symlink) since the walk: leave it out.
      if (['ENOENT', 'ELOOP', 'ENOTDIR'].includes(errno(err) ?? '') || err instanceof FileConflictError) return null;
      throw err;
    }
  }

  private tarStream(sources: Array<{ real: string; name: string; st: fs.Stats }>): Readable {
    return pipelineCb(Readable.from(this.tarChunks(sources)), zlib.createGzip(), () => undefined);
  }

  /** The tar bytes of `sources`, member by member (each file is opened only while it is written). */
  private async *tarChunks(sources: Array<{ real: string; name: string; st: fs.Stats }>): AsyncGenerator<Buffer> {
    for await (const item of this.archiveItems(sources)) {
      const isDir = item.name.endsWith('/');
      let member: { fh: fsp.FileHandle; st: fs.Stats } | null = null;
      if (!isDir) {
        member = await this.openMember(item.ref);
        if (!member) continue;
      }
      try {
        const st = member?.st ?? item.st;
        const size = isDir ? 0 : st.size;
        const data = {
          path: item.name,
          mode: st.mode & 0o777,
          uid: 0,
          gid: 0,
          size,
          mtime: archiveTime(st),
          type: isDir ? ('Directory' as const) : ('File' as const),
          uname: '',
          gname: '',
        };
        const header = new Header(data);
        if (header.encode()) yield new Pax({ path: item.name, size, mtime: archiveTime(st) }).encode();
        yield header.block!;
        if (member) {
          yield* readExactly(member.fh, size);
          if (size % 512) yield Buffer.alloc(512 - (size % 512));
        }
      } finally {
        await member?.fh.close().catch(() => undefined);
      }
    }
    yield Buffer.alloc(1024);
  }

  private zipFrom(sources: Array<{ real: string; name: string; st: fs.Stats }>): Readable {
    const zip = new ZipFile();
    const out = zip.outputStream as unknown as Readable;
    zip.on('error', (err: Error) => out.destroy(err));
    (async () => {
      for await (const item of this.archiveItems(sources)) {
        if (item.name.endsWith('/')) {
          zip.addEmptyDirectory(item.name, { mtime: archiveTime(item.st), mode: (item.st.mode & 0o777) | 0o40000 });
          continue;
        }
        const real = item.ref;
        zip.addReadStreamLazy(item.name, { mtime: archiveTime(item.st), mode: (item.st.mode & 0o777) | 0o100000 }, (cb) => {
          this.openMember(real).then(
            (m) => {
              if (!m) cb(null, Readable.from([]));
              else
                cb(
                  null,
                  Readable.from(readExactly(m.fh, m.st.size)).on('close', () => void m.fh.close().catch(() => undefined)),
                );
            },
            (err: unknown) => cb(err, Readable.from([])),
          );
        });
      }
      zip.end();
    })().catch((err: unknown) => out.destroy(asError(err)));
    return out;
  }

  /** Creates an archive of `paths` at `destination` (inside the root; must not exist yet). */
  async compress(paths: string[], destination: string, format: ArchiveFormat): Promise<void> {
    if (format !== 'tar.gz' && format !== 'zip') throw new InvalidArgumentError(`unsupported archive format: ${describe(format)}`);
    const sources = await this.resolveSources(paths);
    const root = await this.realRoot();
    const dst = await this.guard(destination, () => this.resolveInternal(destination, false));
    if (dst.real === root) throw new FileConflictError('destination is the server root');
    if (dst.exists) throw new FileConflictError(`destination exists: ${describe(destination)}`);
    await this.guard(destination, async () => {
      await this.ensureDirReal(path.dirname(dst.real));
      const meter = await this.meter(0);
      const stream = format === 'zip' ? this.zipFrom(sources) : this.tarStream(sources);
      try {
        await this.writeFileAt(path.dirname(dst.real), path.basename(dst.real), stream, meter);
      } finally {
        stream.destroy();
        meter.release();
        this.invalidateUsage();
      }
    });
  }

  /** Several files/directories as one streamed zip (downloads). Paths are validated before returning. */
  async zipStream(paths: string[]): Promise<Readable> {
    const sources = await this.resolveSources(paths);
    return this.zipFrom(sources);
  }

  // ---- archives: extracting ---------------------------------------------------------------------

  /** Validates one archive entry's name and link target; returns its segments ([] = the root itself). */
  private checkArchiveEntry(item: { name: string; kind: ArchiveItem['kind']; linkpath?: string }, destSegs: string[]): string[] {
    const segments = this.normalize(item.name, true);
    if (item.kind === 'symlink' || item.kind === 'hardlink') {
      const lp = item.linkpath ?? '';
      if (lp === '' || lp.includes('\0') || path.isAbsolute(lp) || /^[A-Za-z]:/.test(lp)) {
        throw new PathSafetyError(`link entry ${describe(item.name)} points outside the extraction: ${describe(lp)}`);
      }
      // Symlinks are relative to their own directory, hard links to the archive root.
      const stack = item.kind === 'symlink' ? [...destSegs, ...segments.slice(0, -1)] : [...destSegs];
      for (const s of lp.split('/')) {
        if (s === '' || s === '.') continue;
        if (s === '..') {
          if (stack.length === 0 || (item.kind === 'hardlink' && stack.length <= destSegs.length)) {
            throw new PathSafetyError(`link entry ${describe(item.name)} points outside: ${describe(lp)}`);
          }
          stack.pop();
        } else stack.push(s);
      }
    }
    return segments;
  }

  private async detectFormat(fh: fsp.FileHandle): Promise<'zip' | 'tar'> {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    if (bytesRead >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5)) return 'zip';
    return 'tar';
  }

  /** Reads a tar(.gz) sequentially; `onEntry` may be async and must consume (or not) the entry. */
  private async readTar(fh: fsp.FileHandle, onEntry: (item: ArchiveItem, name: string, body: ReadEntry) => Promise<void>): Promise<void> {
    return this.readTarFrom(fh.createReadStream({ autoClose: false, start: 0 }), onEntry);
  }

  /** Reads tar(.gz) bytes from `src` (destroyed on failure) entry by entry, as readTar does. */
  private async readTarFrom(src: Readable, onEntry: (item: ArchiveItem, name: string, body: ReadEntry) => Promise<void>): Promise<void> {
    const parser = new Parser({ strict: true, maxDecompressionRatio: 2000 });
    let failure: Error | undefined;
    let chain: Promise<void> = Promise.resolve();
    const done = new Promise<void>((resolve, reject) => {
      parser.on('end', () => resolve());
      // tar emits Errors for both (its warn() wraps string messages).
      parser.on('error', (err: Error) => reject(err));
      parser.on('abort', (err: Error) => reject(err));
    });
    done.catch(() => undefined);
    parser.on('entry', (e: ReadEntry) => {
      chain = chain.then(async () => {
        if (failure !== undefined) return void e.resume();
        const kinds: Record<string, ArchiveItem['kind']> = {
          File: 'file',
          OldFile: 'file',
          ContiguousFile: 'file',
          Directory: 'directory',
          SymbolicLink: 'symlink',
          Link: 'hardlink',
        };
        const item: ArchiveItem = {
          segments: [],
          kind: kinds[e.type] ?? 'other',
          size: e.size ?? 0,
          mode: e.mode ?? 0o644,
          mtime: e.mtime,
          linkpath: e.linkpath,
        };
        try {
          await onEntry(item, e.path, e);
        } catch (err) {
          failure = asError(err);
          src.destroy();
        } finally {
          e.resume();
        }
      });
    });
    try {
      for await (const chunk of src) {
        if (failure !== undefined) break;
        if (!parser.write(chunk as Buffer)) {
          await Promise.race([new Promise((r) => parser.once('drain', r)), done]);
        }
      }
      if (failure === undefined) {
        parser.end();
        await done;
      }
    } catch (err) {
      if (failure === undefined) failure = asError(err);
    }
    await chain;
    if (failure !== undefined) {
      if (failure instanceof ServerFilesError) throw failure;
      throw new InvalidArgumentError(`invalid archive: ${failure.message}`);
    }
  }

  /** Reads a zip sequentially (lazy entries); entry bodies are read only when `onEntry` asks. */
  private async readZip(fh: fsp.FileHandle, onEntry: (item: ArchiveItem, name: string, open: () => Promise<Readable>) => Promise<void>): Promise<void> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromFd(fh.fd, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
        err || !z ? reject(err ?? new Error('cannot open zip')) : resolve(z),
      ),
    ).catch((err: unknown) => {
      throw new InvalidArgumentError(`invalid archive: ${err instanceof Error ? err.message : String(err)}`);
    });
    try {
      for (;;) {
        const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
          const cleanup = () => {
            zip.off('entry', onE);
            zip.off('end', onEnd);
            zip.off('error', onErr);
          };
          const onE = (e: yauzl.Entry) => (cleanup(), resolve(e));
          const onEnd = () => (cleanup(), resolve(null));
          const onErr = (err: Error) => (cleanup(), reject(err));
          zip.on('entry', onE);
          zip.on('end', onEnd);
          zip.on('error', onErr);
          zip.readEntry();
        }).catch((err: unknown) => {
          const msg = err instanceof Error ? err.message : String(err);
          // yauzl's own zip-slip checks
          if (/invalid relative path|absolute path|invalid characters/i.test(msg)) throw new PathSafetyError(`unsafe archive entry: ${msg}`);
          throw new InvalidArgumentError(`invalid archive: ${msg}`);
        });
        if (!entry) return;
        const attr = entry.externalFileAttributes >>> 16;
        const unix = entry.versionMadeBy >> 8 === 3;
        const fmt = attr & 0o170000;
        const isDir = entry.fileName.endsWith('/') || (unix && fmt === 0o040000);
        const isLink = unix && fmt === 0o120000;
        const open = () => new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err || !s ? reject(err ?? new Error('cannot read entry')) : resolve(s))));
        const item: ArchiveItem = {
          segments: [],
          kind: isDir ? 'directory' : isLink ? 'symlink' : unix && fmt !== 0 && fmt !== 0o100000 ? 'other' : 'file',
          size: entry.uncompressedSize,
          mode: unix && attr & 0o777 ? attr & 0o777 : isDir ? 0o755 : 0o644,
          mtime: entry.getLastModDate(),
        };
        if (isLink) {
          // A zip symlink's body is its target; read it (bounded) up front so it can be checked.
          if (entry.uncompressedSize > 4096) throw new PathSafetyError(`symlink entry too long: ${describe(entry.fileName)}`);
          const chunks: Buffer[] = [];
          for await (const c of await open()) chunks.push(c as Buffer);
          item.linkpath = Buffer.concat(chunks).toString('utf8');
        }
        await onEntry(item, entry.fileName, open);
      }
    } finally {
      // No zip.close(): for fromFd() it would close *our* FileHandle's fd behind its back.
      zip.removeAllListeners();
    }
  }

  /** Iterates an archive's entries (validated), body access included. */
  private async eachArchiveEntry(fh: fsp.FileHandle, destSegs: string[], onEntry: (item: ArchiveItem, body: () => Promise<AsyncIterable<Buffer>>) => Promise<void>): Promise<void> {
    const format = await this.detectFormat(fh);
    if (format === 'zip') {
      await this.readZip(fh, async (item, name, open) => {
        item.segments = this.checkArchiveEntry({ name, kind: item.kind, linkpath: item.linkpath }, destSegs);
        await onEntry(item, open);
      });
    } else {
      await this.readTar(fh, async (item, name, body) => {
        item.segments = this.checkArchiveEntry({ name, kind: item.kind, linkpath: item.linkpath }, destSegs);
        await onEntry(item, async () => body);
      });
    }
  }

  /**
   * Extracts a tar / tar.gz / zip archive into `destinationDir` (created if missing). The whole
   * archive is validated first: any entry escaping the destination (.., absolute, links outside)
   * refuses the archive and nothing is written. Extracted bytes count against the quota; on any
   * failure everything this call created is removed again (overwritten files stay overwritten).
   */
  async decompress(archivePath: string, destinationDir: string): Promise<DecompressResult> {
    const archive = await this.guard(archivePath, () => this.resolveInternal(archivePath, true));
    if (!archive.exists) throw new FileNotFoundError(`not found: ${describe(archivePath)}`);
    const dest = await this.guard(destinationDir, () => this.resolveInternal(destinationDir, true));
    if (dest.exists && !dest.stat?.isDirectory()) throw new FileConflictError(`not a directory: ${describe(destinationDir)}`);
    const destRel = await this.guard(destinationDir, () => this.relOf(dest.real));
    const destSegs = destRel ? destRel.split('/') : [];
    const { fh } = await this.guard(archivePath, () => this.openFile(archive.real));
    const created: string[] = [];
    const links: string[] = [];
    const result: DecompressResult = { extracted: 0, bytes: 0, skipped: [] };
    let meter: QuotaMeter | undefined;
    try {
      // Pass 1: validate every entry and add up sizes, before touching the disk.
      const sizes = new Map<string, number>();
      let total = 0;
      await this.eachArchiveEntry(fh, destSegs, async (item) => {
        const key = item.segments.join('/');
        if (item.kind === 'file') sizes.set(key, item.size);
        if (item.kind === 'hardlink') sizes.set(key, sizes.get(this.normalize(item.linkpath ?? '').join('/')) ?? 0);
        if (item.kind === 'file' || item.kind === 'hardlink') total += sizes.get(key) ?? 0;
      });
      meter = await this.guard(archivePath, () => this.meter(0, total));
      if (!dest.exists) {
        await this.guard(destinationDir, () => this.ensureDirReal(dest.real));
        created.push(dest.real);
      }
      // Pass 2: extract. Everything is re-validated (the archive may have changed) and every
      // target goes through the resolver, so earlier entries (e.g. symlinks) can't redirect later ones.
      const m = meter;
      await this.eachArchiveEntry(fh, destSegs, async (item, body) => {
        if (item.segments.length === 0) return;
        const rel = [...destSegs, ...item.segments].join('/');
        if (item.kind === 'other') {
          result.skipped.push(rel);
          return;
        }
        await this.guard(rel, async () => {
          const r = await this.resolveInternal(rel, item.kind !== 'symlink');
          if (item.kind === 'directory') {
            if (r.exists) {
              if (!r.stat?.isDirectory()) throw new FileConflictError(`not a directory: ${describe(rel)}`);
            } else {
              await this.ensureDirReal(r.real);
              created.push(r.real);
              await this.chmodReal(r.real, (item.mode & 0o777) | 0o700);
            }
            result.extracted++;
            return;
          }
          const existed = r.exists;
          if (existed && r.stat?.isDirectory()) throw new FileConflictError(`is a directory: ${describe(rel)}`);
          await this.ensureDirReal(path.dirname(r.real));
          const dir = path.dirname(r.real);
          const name = path.basename(r.real);
          if (item.kind === 'symlink') {
            await this.withDir(dir, async (ref) => {
              if (existed) await this.removeAt(ref, name);
              await fsp.symlink(item.linkpath!, `${ref}/${name}`);
            });
            links.push(rel);
          } else if (item.kind === 'hardlink') {
            // Materialized as a copy of the (in-root, already extracted) target: a real hard link
            // could be redirected to a file outside the root by a racing rename.
            const t = await this.resolveInternal([...destSegs, ...this.normalize(item.linkpath!)].join('/'), true);
            if (!t.exists) throw new FileNotFoundError(`hard link target missing: ${describe(item.linkpath)}`);
            const { fh: tfh, st } = await this.openFile(t.real);
            try {
              result.bytes += await this.writeFileAt(dir, name, readExactly(tfh, st.size), m, { mode: st.mode & 0o777 });
            } finally {
              await tfh.close().catch(() => undefined);
            }
          } else {
            result.bytes += await this.writeFileAt(dir, name, await body(), m, {
              mode: (item.mode & 0o777) | 0o600,
              mtime: item.mtime,
            });
          }
          if (!existed) created.push(r.real);
          result.extracted++;
        });
      });
      // Links can be chained in ways a lexical check misses; resolve each for real.
      const pruned = await this.pruneEscapingLinks(links);
      result.skipped.push(...pruned);
      result.extracted -= pruned.length;
      return result;
    } catch (err) {
      for (const real of created.reverse()) await this.removeReal(real).catch(() => undefined);
      throw err;
    } finally {
      meter?.release();
      this.invalidateUsage();
      await fh.close().catch(() => undefined);
    }
  }

  // ---- backups: whole-root archives --------------------------------------------------------------

  /**
   * The raw (uncompressed) tar of the whole root, for backups, in blocks of about 1 MiB (few
   * chunks, little per-file overhead: file bytes are read straight into the output block).
   * Archived: directories (empty ones too), regular files and symlinks that resolve inside the
   * root, with mode, mtime and owner. Left out: symlinks that are absolute or lead outside (they
   * would make the archive unrestorable), special files, in-flight temp files of this class, names
   * the file manager refuses, files that vanish during the walk, and whatever `exclude` says.
   * A file is read at the size it had when opened (growing: cut there; shrinking: zero-padded).
   * Nothing is followed: directories are opened O_NOFOLLOW and verified inside the root.
   */
  async *backupTar(options: BackupTarOptions = {}): AsyncGenerator<Buffer> {
    const root = await this.guard('', () => this.realRoot());
    const counts = options.counts ?? { files: 0, bytes: 0 };
    let block = Buffer.allocUnsafe(BACKUP_BLOCK);
    let off = 0;
    const ready: Buffer[] = [];
    const put = (b: Buffer): void => {
      for (let i = 0; i < b.length;) {
        const n = Math.min(b.length - i, BACKUP_BLOCK - off);
        b.copy(block, off, i, i + n);
        off += n;
        i += n;
        if (off === BACKUP_BLOCK) {
          ready.push(block);
          block = Buffer.allocUnsafe(BACKUP_BLOCK);
          off = 0;
        }
      }
    };
    const header = (data: { path: string; type: 'File' | 'Directory' | 'SymbolicLink'; st: fs.Stats; size: number; linkpath?: string }): void => {
      const fields = {
        path: data.path,
        mode: data.st.mode & 0o777,
        uid: data.st.uid,
        gid: data.st.gid,
        size: data.size,
        mtime: archiveTime(data.st),
        type: data.type,
        linkpath: data.linkpath,
        uname: '',
        gname: '',
      };
      const h = new Header(fields);
      if (h.encode()) put(new Pax({ path: data.path, linkpath: data.linkpath, size: data.size, uid: data.st.uid, gid: data.st.gid }).encode());
      put(h.block!);
    };

    // Files are opened (and small ones read) a few entries ahead of the writer, so the
    // per-file system calls overlap with compression downstream instead of adding up.
    const pending: Array<Promise<BackupItem | null>> = [];
    const walker = this.backupWalk(root, '', options.exclude);
    try {
      let walking = true;
      for (;;) {
        while (walking && pending.length < BACKUP_PREFETCH) {
          const next = await walker.next();
          if (next.done) {
            walking = false;
            break;
          }
          pending.push(this.loadBackupItem(next.value));
          // Settle rejections early; they are rethrown when the item is consumed.
          pending[pending.length - 1].catch(() => undefined);
        }
        const p = pending.shift();
        if (!p) break;
        const item = await p;
        if (!item) continue;
        if (item.kind === 'directory') {
          header({ path: item.rel + '/', type: 'Directory', st: item.st, size: 0 });
        } else if (item.kind === 'symlink') {
          header({ path: item.rel, type: 'SymbolicLink', st: item.st, size: 0, linkpath: item.linkpath });
        } else {
          const size = item.st.size;
          try {
            header({ path: item.rel, type: 'File', st: item.st, size });
            if (item.data) {
              put(item.data);
            } else {
              for (let pos = 0; pos < size;) {
                const want = Math.min(size - pos, BACKUP_BLOCK - off);
                const { bytesRead } = await item.fh!.read(block, off, want, pos);
                if (bytesRead === 0) block.fill(0, off, off + want); // shrank meanwhile
                const n = bytesRead === 0 ? want : bytesRead;
                off += n;
                pos += n;
                if (off === BACKUP_BLOCK) {
                  ready.push(block);
                  block = Buffer.allocUnsafe(BACKUP_BLOCK);
                  off = 0;
                  yield ready.shift()!;
                }
              }
            }
          } finally {
            await item.fh?.close().catch(() => undefined);
          }
          if (size % 512) put(Buffer.alloc(512 - (size % 512)));
          counts.files++;
          counts.bytes += size;
        }
        while (ready.length) yield ready.shift()!;
      }
      put(Buffer.alloc(1024));
      while (ready.length) yield ready.shift()!;
      if (off > 0) yield block.subarray(0, off);
    } finally {
      await walker.return(undefined);
      for (const p of pending.splice(0)) {
        const item = await p.catch(() => null);
        await item?.fh?.close().catch(() => undefined);
      }
    }
  }

  /** Entries under `dirReal` in archive order (a directory before its content), names sorted. */
  private async *backupWalk(dirReal: string, rel: string, exclude: BackupTarOptions['exclude']): AsyncGenerator<BackupWalkEntry> {
    let names: fs.Dirent[];
    try {
      names = await this.withDir(dirReal, async (ref) => (await fsp.readdir(ref, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
    } catch (err) {
      // The root must be there; a subdirectory that vanished (or turned into a link) is left out.
      if (rel === '') throw mapFsError(err, 'the server root');
      if (['ENOENT', 'ENOTDIR', 'ELOOP'].includes(errno(err) ?? '') || err instanceof PathSafetyError) return;
      throw err;
    }
    for (const d of names) {
      const name = d.name;
      if (name.startsWith(TEMP_PREFIX)) continue;
      const childRel = joinRel(rel, name);
      if (!this.archivableName(name) || Buffer.byteLength(childRel) > this.maxPathLength) continue;
      const real = `${dirReal}/${name}`;
      let kind: BackupWalkEntry['kind'] | null = d.isFile() ? 'file' : d.isDirectory() ? 'directory' : d.isSymbolicLink() ? 'symlink' : null;
      if (kind === null && !d.isBlockDevice() && !d.isCharacterDevice() && !d.isFIFO() && !d.isSocket()) {
        // DT_UNKNOWN (some filesystems): ask.
        const st = await lstatOrNull(real);
        kind = st?.isFile() ? 'file' : st?.isDirectory() ? 'directory' : st?.isSymbolicLink() ? 'symlink' : null;
      }
      if (kind === null) continue;
      if (exclude?.(childRel, kind === 'directory')) continue;
      yield { rel: childRel, real, kind };
      if (kind === 'directory') yield* this.backupWalk(real, childRel, exclude);
    }
  }

  /** Whether an on-disk name would pass the archive checks on restore. */
  private archivableName(name: string): boolean {
    try {
      const segs = this.normalize(name, true);
      return segs.length === 1 && segs[0] === name;
    } catch {
      return false;
    }
  }

  /** Stats a walked entry; opens a file (reading it whole when small). null = leave it out. */
  private async loadBackupItem(e: BackupWalkEntry): Promise<BackupItem | null> {
    try {
      if (e.kind === 'file') {
        const { fh, st } = await this.openFile(e.real);
        if (st.size > BACKUP_SMALL_FILE) return { ...e, st, fh };
        try {
          const data = Buffer.allocUnsafe(st.size);
          let pos = 0;
          while (pos < st.size) {
            const { bytesRead } = await fh.read(data, pos, st.size - pos, pos);
            if (bytesRead === 0) {
              data.fill(0, pos); // shrank meanwhile
              break;
            }
            pos += bytesRead;
          }
          return { ...e, st, data };
        } finally {
          await fh.close().catch(() => undefined);
        }
      }
      const st = await fsp.lstat(e.real);
      if (e.kind === 'directory') return st.isDirectory() ? { ...e, st } : null;
      if (!st.isSymbolicLink()) return null;
      const linkpath = await fsp.readlink(e.real);
      // Only links that stay inside, checked lexically (as restore will) and for real.
      this.checkArchiveEntry({ name: e.rel, kind: 'symlink', linkpath }, []);
      await this.resolveInternal(e.rel, true);
      return { ...e, st, linkpath };
    } catch (err) {
      if (['ENOENT', 'ENOTDIR', 'ELOOP', 'EINVAL'].includes(errno(err) ?? '') || err instanceof ServerFilesError) return null;
      throw err;
    }
  }

  /**
   * Extracts a backup's raw tar stream into this root, which must be an empty directory that
   * nothing else writes to (a restore's staging directory). The file manager's archive rules
   * apply to every entry (no '..', no absolute names, link targets inside, no device or other
   * special entries: all refused with `path_unsafe`), bytes count against the quota while they
   * stream, and no entry is ever written through a link: parents must be directories this call
   * created. Symlinks are finally resolved for real (chains that escape are refused).
   * Modes (permission bits), mtimes and, when running as root, owners are restored.
   * On failure the root is left as it is (half-extracted): the caller throws the staging dir away.
   */
  async extractBackup(src: Readable, options: { owners?: boolean } = {}): Promise<BackupExtractResult> {
    const root = await this.guard('', () => this.realRoot());
    if ((await fsp.readdir(root)).length > 0) throw new FileConflictError('the extraction directory is not empty');
    const owners = options.owners ?? process.getuid?.() === 0;
    const dirs = new Set<string>(['']);
    const others = new Set<string>();
    const files = new Set<string>();
    const links: string[] = [];
    const dirMeta: Array<{ real: string; mode: number; mtime?: Date; uid?: number; gid?: number }> = [];
    const result: BackupExtractResult = { files: 0, bytes: 0 };
    const meter = await this.meter(0);
    const ensureParents = async (segs: string[], shown: string): Promise<void> => {
      let cur = '';
      for (const seg of segs.slice(0, -1)) {
        const next = joinRel(cur, seg);
        if (!dirs.has(next)) {
          if (others.has(next)) throw new PathSafetyError(`archive entry ${shown} lies under a non-directory`);
          await fsp.mkdir(path.join(root, ...next.split('/')), { mode: 0o700 });
          dirs.add(next);
          dirMeta.push({ real: path.join(root, ...next.split('/')), mode: 0o755 });
        }
        cur = next;
      }
    };
    try {
      await this.readTarFrom(src, async (item, name, body) => {
        const shown = describe(name);
        if (item.kind === 'other') throw new PathSafetyError(`special file entry refused: ${shown}`);
        const segs = this.checkArchiveEntry({ name, kind: item.kind, linkpath: item.linkpath }, []);
        if (segs.length === 0) {
          if (item.kind === 'directory') return; // the root itself keeps the data dir's mode
          throw new PathSafetyError(`archive entry names the root: ${shown}`);
        }
        const rel = segs.join('/');
        const real = path.join(root, ...segs);
        await ensureParents(segs, shown);
        const owner = owners && typeof body.uid === 'number' && typeof body.gid === 'number' ? { uid: body.uid, gid: body.gid } : undefined;
        if (item.kind === 'directory') {
          if (others.has(rel)) throw new FileConflictError(`archive entry ${shown} is both a file and a directory`);
          if (!dirs.has(rel)) {
            await fsp.mkdir(real, { mode: 0o700 });
            dirs.add(rel);
          }
          dirMeta.push({ real, mode: item.mode & 0o777, mtime: item.mtime, ...owner });
          return;
        }
        if (dirs.has(rel) || others.has(rel)) throw new FileConflictError(`duplicate archive entry: ${shown}`);
        others.add(rel);
        if (item.kind === 'symlink') {
          await fsp.symlink(item.linkpath!, real);
          if (owner) await fsp.lchown(real, owner.uid, owner.gid);
          links.push(rel);
          return;
        }
        if (item.kind === 'hardlink') {
          const target = this.normalize(item.linkpath!, true).join('/');
          if (!files.has(target)) throw new PathSafetyError(`hard link ${shown} does not point to an earlier file of the archive`);
          await fsp.link(path.join(root, ...target.split('/')), real);
          files.add(rel);
          result.files++;
          return;
        }
        const fh = await fsp.open(real, O_TEMP, 0o600);
        try {
          for await (const chunk of body as AsyncIterable<Buffer>) {
            meter.add(chunk.length);
            await writeAll(fh, chunk);
            result.bytes += chunk.length;
          }
          await fh.chmod(item.mode & 0o777);
          if (item.mtime) await fh.utimes(item.mtime, item.mtime);
          if (owner) await fh.chown(owner.uid, owner.gid);
        } finally {
          await fh.close().catch(() => undefined);
        }
        files.add(rel);
        result.files++;
      });
      // Directory modes last (a read-only directory must not block its own content), deepest first.
      for (let i = dirMeta.length - 1; i >= 0; i--) {
        const d = dirMeta[i];
        await fsp.chmod(d.real, d.mode);
        if (d.mtime) await fsp.utimes(d.real, d.mtime, d.mtime);
        if (d.uid !== undefined && d.gid !== undefined) await fsp.lchown(d.real, d.uid, d.gid);
      }
      for (const rel of links) await this.guard(rel, () => this.resolveInternal(rel, true));
      return result;
    } catch (err) {
      throw mapFsError(err, 'archive entry');
    } finally {
      meter.release();
      this.invalidateUsage();
    }
  }
}
