/**
 * ContainerDriver on a local Docker daemon through dockerode.
 * Every dockerode/HTTP failure leaves this class as a ContainerDriverError, so callers branch on
 * `code` instead of status codes.
 */
import Dockerode from 'dockerode';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import type {
  Attachment,
  ContainerDriver,
  ContainerEvent,
  ContainerId,
  ContainerState,
  ContainerStats,
  ContainerSummary,
  InstallResult,
  InstallSpec,
  LogLine,
  ServerSpec,
  StopOptions,
} from './container-driver';
import { NODE_ID_LABEL, OUTPOST_LABEL, SERVER_ID_LABEL } from './container-driver';

export type ContainerDriverErrorCode = 'not_found' | 'conflict' | 'image_missing' | 'runtime';

export class ContainerDriverError extends Error {
  constructor(
    readonly code: ContainerDriverErrorCode,
    message: string,
    /** HTTP status from the daemon, when there was one. */
    readonly statusCode?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ContainerDriverError';
  }
}

export interface DockerDriverOptions {
  socketPath?: string;
}

const MiB = 1024 * 1024;
/** Docker reports "never" as the zero time. */
const ZERO_TIME = '0001-01-01T00:00:00Z';
/** Docker API 1.41 = Engine 20.10; pinned so a newer client never asks for fields the daemon lacks. */
const API_VERSION = 'v1.41';
const EVENT_TYPES: ReadonlySet<string> = new Set(['start', 'die', 'oom', 'stop', 'kill', 'destroy', 'create']);

interface DockerHttpError {
  statusCode?: number;
  reason?: string;
  json?: { message?: string } | null;
  message?: string;
}

/** Docker's own message ("No such container: x") beats modem's "(HTTP code 404) ..." wrapper. */
function daemonMessage(err: unknown): string {
  const e = (err ?? {}) as DockerHttpError;
  const msg = e.json?.message ?? e.message ?? String(err);
  return msg.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
}

function toDriverError(err: unknown, what: string, notFound: ContainerDriverErrorCode = 'not_found'): ContainerDriverError {
  if (err instanceof ContainerDriverError) return err;
  const status = (err as DockerHttpError | null)?.statusCode;
  const msg = `${what}: ${daemonMessage(err)}`;
  if (status === 404) return new ContainerDriverError(notFound, msg, status, { cause: err });
  if (status === 409) return new ContainerDriverError('conflict', msg, status, { cause: err });
  // A host port taken by something else is the caller's conflict, not a runtime fault.
  if (/port is already allocated|address already in use/i.test(msg)) return new ContainerDriverError('conflict', msg, status, { cause: err });
  return new ContainerDriverError('runtime', msg, status, { cause: err });
}

function statusOf(err: unknown): number | undefined {
  return (err as DockerHttpError | null)?.statusCode;
}

/** `repo[:tag]`, where a ':' before the last '/' belongs to a registry host:port. */
function splitRef(ref: string): { repo: string; tag: string } {
  if (ref.includes('@')) throw new ContainerDriverError('runtime', `cannot import as digest reference ${ref}`);
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repo: ref, tag: 'latest' };
}

/**
 * Seconds for the daemon's since/until ("<sec>.<fraction>", parsed to the nanosecond); rounded to
 * microseconds so a float never prints in exponent form.
 */
function unixSeconds(s: number): number {
  return Math.round(s * 1e6) / 1e6;
}

function isoOrNull(t: string | undefined): string | null {
  return !t || t === ZERO_TIME ? null : t;
}

/** Collects chunks into complete lines (no trailing newline / CR); `flush` emits the remainder. */
class LineSplitter {
  private rest = '';
  constructor(private readonly onLine: (line: string) => void) {}
  push(chunk: Buffer | string): void {
    const text = this.rest + chunk.toString('utf8');
    const parts = text.split('\n');
    this.rest = parts.pop() ?? '';
    for (const p of parts) this.onLine(p.endsWith('\r') ? p.slice(0, -1) : p);
  }
  flush(): void {
    if (this.rest) this.onLine(this.rest);
    this.rest = '';
  }
}

/**
 * Splits a non-TTY log/attach payload into (stream, payload) frames: 8-byte header
 * [type, 0, 0, 0, size(4, BE)]. A buffer that does not start with a valid header is raw (TTY) stdout.
 */
function demuxBuffer(buf: Buffer): Array<{ stream: 'stdout' | 'stderr'; data: Buffer }> {
  const frames: Array<{ stream: 'stdout' | 'stderr'; data: Buffer }> = [];
  let off = 0;
  while (off + 8 <= buf.length) {
    const type = buf[off];
    if (type !== 0 && type !== 1 && type !== 2) break;
    const size = buf.readUInt32BE(off + 4);
    frames.push({ stream: type === 2 ? 'stderr' : 'stdout', data: buf.subarray(off + 8, off + 8 + size) });
    off += 8 + size;
  }
  if (off === 0 && buf.length > 0) return [{ stream: 'stdout', data: buf }];
  return frames;
}

// The parts of the stats payload we read; both cgroup v1 and v2 keys, since the daemon reports what it has.
interface RawStats {
  read?: string;
  cpu_stats?: { cpu_usage?: { total_usage?: number; percpu_usage?: number[] }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  pids_stats?: { current?: number };
}

function cpuPercent(s: RawStats, prev?: RawStats): number {
  const pre = prev?.cpu_stats ?? s.precpu_stats;
  const cpuDelta = (s.cpu_stats?.cpu_usage?.total_usage ?? 0) - (pre?.cpu_usage?.total_usage ?? 0);
  const sysDelta = (s.cpu_stats?.system_cpu_usage ?? 0) - (pre?.system_cpu_usage ?? 0);
  if (!pre?.system_cpu_usage || cpuDelta <= 0 || sysDelta <= 0) return 0;
  const cpus = s.cpu_stats?.online_cpus || s.cpu_stats?.cpu_usage?.percpu_usage?.length || 1;
  // 100 = one full core, the same unit as ResourceLimits.cpuPercent.
  return (cpuDelta / sysDelta) * cpus * 100;
}

function toStats(s: RawStats, prev?: RawStats): ContainerStats {
  const mem = s.memory_stats ?? {};
  const ms = mem.stats ?? {};
  // Same as `docker stats`: page cache the kernel can drop is not "used" memory.
  const reclaimable = ms.total_inactive_file ?? ms.inactive_file ?? ms.cache ?? 0;
  const usage = mem.usage ?? 0;
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(s.networks ?? {})) {
    rx += n.rx_bytes ?? 0;
    tx += n.tx_bytes ?? 0;
  }
  return {
    cpuPercent: Math.round(cpuPercent(s, prev) * 100) / 100,
    memoryBytes: Math.max(0, usage - (reclaimable < usage ? reclaimable : 0)),
    memoryLimitBytes: mem.limit ?? 0,
    networkRxBytes: rx,
    networkTxBytes: tx,
    pids: s.pids_stats?.current ?? 0,
    timestamp: s.read ?? new Date().toISOString(),
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export class DockerDriver implements ContainerDriver {
  /** Exposed for tests and admin tooling that need raw Docker access. */
  readonly docker: Dockerode;

  constructor(options: DockerDriverOptions = {}) {
    this.docker = new Dockerode({ socketPath: options.socketPath ?? '/var/run/docker.sock', version: API_VERSION });
  }

  // ---- images ----

  async hasImage(ref: string): Promise<boolean> {
    try {
      await this.docker.getImage(ref).inspect();
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw toDriverError(err, `inspect image ${ref}`);
    }
  }

  async ensureImage(ref: string): Promise<void> {
    if (await this.hasImage(ref)) return;
    try {
      const stream = await this.docker.pull(ref);
      await this.followProgress(stream);
    } catch (err) {
      throw new ContainerDriverError(
        'image_missing',
        `image ${ref} is not present locally and could not be pulled (${daemonMessage(err)}); ` + 'without a reachable registry, import it with importImage() (tests: scripts/build-test-image.sh)',
        statusOf(err),
        { cause: err },
      );
    }
    if (!(await this.hasImage(ref))) {
      throw new ContainerDriverError('image_missing', `pull of ${ref} finished but the image is not present`);
    }
  }

  async importImage(tarball: Readable, ref: string): Promise<void> {
    const { repo, tag } = splitRef(ref);
    try {
      const stream = await this.docker.importImage(tarball, { repo, tag });
      await this.followProgress(stream);
    } catch (err) {
      throw toDriverError(err, `import image ${ref}`);
    }
  }

  async listImages(): Promise<Array<{ id: string; tags: string[]; sizeBytes: number }>> {
    try {
      const images = await this.docker.listImages();
      return images.map((i) => ({
        id: i.Id,
        tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
        sizeBytes: i.Size,
      }));
    } catch (err) {
      throw toDriverError(err, 'list images');
    }
  }

  /** Waits for a pull/import progress stream to end; progress lines carrying `error` fail it. */
  private followProgress(stream: NodeJS.ReadableStream): Promise<void> {
    return new Promise((resolve, reject) => {
      this.docker.modem.followProgress(stream, (err: Error | null, output: Array<{ error?: string; errorDetail?: { message?: string } }>) => {
        if (err) return reject(err);
        const failed = (output ?? []).find((o) => o.error || o.errorDetail);
        if (failed) return reject(new Error(failed.errorDetail?.message ?? failed.error));
        resolve();
      });
    });
  }

  // ---- lifecycle ----

  async create(spec: ServerSpec): Promise<ContainerId> {
    if (!path.isAbsolute(spec.dataDir) || !path.posix.isAbsolute(spec.mountPath)) {
      // A relative "dataDir" would silently become a named volume in Docker's Binds syntax.
      throw new ContainerDriverError('runtime', `dataDir and mountPath must be absolute (got ${spec.dataDir}, ${spec.mountPath})`);
    }
    const { limits } = spec;
    const memory = limits.memoryMiB > 0 ? limits.memoryMiB * MiB : 0;
    let memorySwap: number | undefined;
    if (memory > 0) {
      // Docker's MemorySwap is memory+swap; equal to Memory means "no swap".
      memorySwap = limits.swapMiB < 0 ? -1 : memory + limits.swapMiB * MiB;
    }
    const exposed: Record<string, object> = {};
    const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
    for (const p of spec.ports) {
      const key = `${p.containerPort}/${p.protocol}`;
      exposed[key] = {};
      (bindings[key] ??= []).push({ HostIp: p.ip, HostPort: String(p.hostPort) });
    }
    try {
      const container = await this.docker.createContainer({
        name: spec.name,
        Image: spec.image,
        Cmd: ['sh', '-c', spec.startup],
        Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
        Labels: { ...(spec.labels ?? {}), [OUTPOST_LABEL]: 'true', [SERVER_ID_LABEL]: spec.serverId },
        WorkingDir: spec.mountPath,
        OpenStdin: spec.openStdin,
        AttachStdin: spec.openStdin,
        AttachStdout: true,
        AttachStderr: true,
        // StdinOnce=false: one attach closing stdin must not close the game's console for good.
        StdinOnce: false,
        Tty: false,
        ExposedPorts: exposed,
        HostConfig: {
          // tini as PID 1 reaps zombies and forwards signals to the game.
          Init: true,
          Memory: memory,
          MemorySwap: memorySwap,
          NanoCpus: limits.cpuPercent > 0 ? Math.round((limits.cpuPercent / 100) * 1e9) : 0,
          PidsLimit: limits.pids > 0 ? limits.pids : undefined,
          PortBindings: bindings,
          Binds: [`${spec.dataDir}:${spec.mountPath}`],
          // Outpost decides about restarts (crash detection, backoff), not the daemon.
          RestartPolicy: { Name: 'no' },
          // logs() needs a readable driver; rotation keeps chatty servers from filling the disk.
          LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } },
        },
      });
      return container.id;
    } catch (err) {
      throw toDriverError(err, `create container ${spec.name}`, 'image_missing');
    }
  }

  async runInstall(spec: InstallSpec): Promise<InstallResult> {
    if (!path.isAbsolute(spec.dataDir) || !path.isAbsolute(spec.scriptDir)) throw new ContainerDriverError('runtime', 'dataDir and scriptDir must be absolute');
    const { limits } = spec;
    let container: Dockerode.Container;
    try {
      container = await this.docker.createContainer({
        name: spec.name,
        Image: spec.image,
        Entrypoint: [spec.entrypoint],
        Cmd: ['/mnt/install/install.sh'],
        Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
        // Not OUTPOST_LABEL: install containers are not servers and must not confuse reconciliation.
        Labels: { ...(spec.labels ?? {}), 'outpost.install-for': spec.serverId },
        WorkingDir: '/mnt/server',
        Tty: false,
        HostConfig: {
          Init: true,
          Memory: limits.memoryMiB > 0 ? limits.memoryMiB * MiB : 0,
          NanoCpus: limits.cpuPercent > 0 ? Math.round((limits.cpuPercent / 100) * 1e9) : 0,
          PidsLimit: limits.pids > 0 ? limits.pids : undefined,
          Binds: [`${spec.dataDir}:/mnt/server`, `${spec.scriptDir}:/mnt/install:ro`],
          RestartPolicy: { Name: 'no' },
          LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '1' } },
        },
      });
    } catch (err) {
      throw toDriverError(err, `create install container ${spec.name}`, 'image_missing');
    }
    try {
      const exited = container.wait({ condition: 'next-exit' });
      await container.start();
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        exited.then((r: { StatusCode?: number }) => ({ exitCode: r.StatusCode ?? null, timedOut: false })),
        new Promise<{ exitCode: null; timedOut: true }>((resolve) => {
          timer = setTimeout(() => resolve({ exitCode: null, timedOut: true }), spec.timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (outcome.timedOut) await container.kill({ signal: 'SIGKILL' }).catch(() => undefined);
      const raw = await container.logs({ stdout: true, stderr: true, follow: false });
      const text = demuxBuffer(Buffer.isBuffer(raw) ? raw : Buffer.from(raw))
        .map((f) => f.data.toString('utf8'))
        .join('');
      const LIMIT = 1024 * 1024;
      return { ...outcome, log: text.length > LIMIT ? `[first ${text.length - LIMIT} characters dropped]\n${text.slice(-LIMIT)}` : text };
    } catch (err) {
      throw toDriverError(err, `run install for ${spec.serverId}`);
    } finally {
      await container.remove({ force: true }).catch(() => undefined);
    }
  }

  async start(id: ContainerId): Promise<void> {
    try {
      await this.docker.getContainer(id).start();
    } catch (err) {
      if (statusOf(err) === 304) return; // already running
      throw toDriverError(err, `start ${id}`);
    }
  }

  async kill(id: ContainerId, signal = 'SIGKILL'): Promise<void> {
    try {
      await this.docker.getContainer(id).kill({ signal });
    } catch (err) {
      throw toDriverError(err, `kill ${id}`);
    }
  }

  async restart(id: ContainerId, options: { timeoutMs: number }): Promise<void> {
    try {
      // Docker's `t` is whole seconds of grace before SIGKILL.
      await this.docker.getContainer(id).restart({ t: Math.max(0, Math.ceil(options.timeoutMs / 1000)) });
    } catch (err) {
      throw toDriverError(err, `restart ${id}`);
    }
  }

  async remove(id: ContainerId, options: { force?: boolean } = {}): Promise<void> {
    try {
      await this.docker.getContainer(id).remove({ force: options.force ?? false });
    } catch (err) {
      throw toDriverError(err, `remove ${id}`);
    }
  }

  async stop(id: ContainerId, options: StopOptions): Promise<void> {
    const container = this.docker.getContainer(id);
    let info: Dockerode.ContainerInspectInfo;
    try {
      info = await container.inspect();
    } catch (err) {
      throw toDriverError(err, `stop ${id}`);
    }
    if (!info.State.Running) return;

    const abort = new AbortController();
    // Registered before the stop request so a fast exit cannot slip between request and wait.
    const exited = container.wait({ condition: 'not-running', abortSignal: abort.signal }).then(
      () => true,
      // A failed wait must not cut the grace period short: fall back to polling.
      () => this.pollUntilStopped(container, abort.signal),
    );
    let timer: NodeJS.Timeout | undefined;
    try {
      if (options.command && info.Config.OpenStdin) {
        await this.sendCommand(id, options.command);
      } else {
        await this.signalIgnoringStopped(container, options.signal ?? 'SIGTERM');
      }
      const timedOut = new Promise<false>((r) => (timer = setTimeout(() => r(false), Math.max(0, options.timeoutMs))));
      if (await Promise.race([exited, timedOut])) return;
      await this.signalIgnoringStopped(container, 'SIGKILL');
      // Wait for the daemon to record the exit so callers see running=false right after stop().
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const s = await container.inspect().catch(() => null);
        if (!s || !s.State.Running) return;
        await delay(50);
      }
      throw new ContainerDriverError('runtime', `container ${id} did not exit after SIGKILL`);
    } catch (err) {
      if (err instanceof ContainerDriverError && err.code === 'conflict') return; // exited meanwhile
      throw toDriverError(err, `stop ${id}`);
    } finally {
      if (timer) clearTimeout(timer);
      abort.abort();
    }
  }

  /** Resolves true once the container is not running (or gone); false when aborted first. */
  private async pollUntilStopped(container: Dockerode.Container, signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      const s = await container.inspect().catch((err: unknown) => (statusOf(err) === 404 ? null : undefined));
      if (s === null || (s && !s.State.Running)) return true;
      await delay(100);
    }
    return false;
  }

  /** Sends a signal; a container that already stopped or vanished is what we wanted anyway. */
  private async signalIgnoringStopped(container: Dockerode.Container, signal: string): Promise<void> {
    try {
      await container.kill({ signal });
    } catch (err) {
      const status = statusOf(err);
      if (status === 409 || status === 404) return;
      throw err;
    }
  }

  // ---- console ----

  async attach(id: ContainerId): Promise<Attachment> {
    let socket: NodeJS.ReadWriteStream;
    try {
      socket = await this.docker.getContainer(id).attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true });
    } catch (err) {
      throw toDriverError(err, `attach ${id}`);
    }
    const raw = socket as unknown as import('node:net').Socket;
    let ended = false;
    const output = new Readable({
      objectMode: true,
      read() {
        raw.resume(); // consumer wants more: undo backpressure pause
      },
    });
    const emit = (line: string) => {
      if (ended) return;
      if (!output.push(line)) raw.pause();
    };
    const splitters = { stdout: new LineSplitter(emit), stderr: new LineSplitter(emit) };
    const sink = (s: LineSplitter) =>
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          s.push(chunk);
          cb();
        },
      });
    this.docker.modem.demuxStream(raw, sink(splitters.stdout), sink(splitters.stderr));
    const finish = () => {
      if (ended) return;
      splitters.stdout.flush();
      splitters.stderr.flush();
      ended = true;
      output.push(null);
    };
    raw.on('end', finish);
    raw.on('close', finish);
    // The socket dying (daemon restart, container removed) ends the output; an unhandled 'error' would crash the process.
    raw.on('error', finish);
    return {
      stdin: raw,
      output,
      close: () => {
        finish();
        raw.destroy();
      },
    };
  }

  async sendCommand(id: ContainerId, command: string): Promise<void> {
    const container = this.docker.getContainer(id);
    let info: Dockerode.ContainerInspectInfo;
    try {
      info = await container.inspect();
    } catch (err) {
      throw toDriverError(err, `send command to ${id}`);
    }
    if (!info.State.Running) throw new ContainerDriverError('conflict', `send command to ${id}: container is not running`);
    if (!info.Config.OpenStdin) throw new ContainerDriverError('conflict', `send command to ${id}: container has no stdin (openStdin=false)`);
    let socket: import('node:net').Socket;
    try {
      // A short stdin-only attach per command: nothing to keep alive or leak between commands.
      socket = (await container.attach({ stream: true, stdin: true, hijack: true })) as unknown as import('node:net').Socket;
    } catch (err) {
      throw toDriverError(err, `send command to ${id}`);
    }
    await new Promise<void>((resolve, reject) => {
      const fallback = setTimeout(() => {
        socket.destroy();
        resolve();
      }, 2000);
      socket.on('error', (err) => {
        clearTimeout(fallback);
        reject(toDriverError(err, `send command to ${id}`));
      });
      socket.on('close', () => {
        clearTimeout(fallback);
        resolve();
      });
      socket.resume(); // drain so 'close' can fire
      // Half-close after the line: with StdinOnce=false the daemon detaches us and keeps the game's stdin open.
      socket.end(`${command}\n`);
    });
  }

  async logs(id: ContainerId, options: { since?: number; until?: number; tail?: number } = {}): Promise<LogLine[]> {
    let buf: Buffer;
    try {
      buf = await this.docker.getContainer(id).logs({
        stdout: true,
        stderr: true,
        timestamps: true,
        since: unixSeconds(options.since ?? 0),
        // Omitted until = up to now (the daemon reads until=0 as the epoch, i.e. nothing).
        ...(options.until !== undefined ? { until: unixSeconds(options.until) } : {}),
        // Omitted tail = the whole log.
        ...(options.tail !== undefined ? { tail: options.tail } : {}),
        follow: false as const,
      });
    } catch (err) {
      throw toDriverError(err, `logs ${id}`);
    }
    const out: LogLine[] = [];
    for (const frame of demuxBuffer(Buffer.isBuffer(buf) ? buf : Buffer.from(buf))) {
      for (const l of frame.data.toString('utf8').split('\n')) {
        if (!l) continue;
        // Every line is "<RFC3339Nano> <text>".
        const sp = l.indexOf(' ');
        const text = sp < 0 ? '' : l.slice(sp + 1);
        out.push({
          stream: frame.stream,
          timestamp: sp < 0 ? l : l.slice(0, sp),
          line: text.endsWith('\r') ? text.slice(0, -1) : text,
        });
      }
    }
    return out;
  }

  // ---- observation ----

  async stats(id: ContainerId): Promise<ContainerStats> {
    try {
      // one-shot=false makes the daemon take two samples (~1 s), so precpu_stats is filled.
      const s = (await this.docker.getContainer(id).stats({ stream: false, 'one-shot': false })) as unknown as RawStats;
      return toStats(s);
    } catch (err) {
      throw toDriverError(err, `stats ${id}`);
    }
  }

  async streamStats(id: ContainerId, onStats: (s: ContainerStats) => void): Promise<() => void> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.docker.getContainer(id).stats({ stream: true });
    } catch (err) {
      throw toDriverError(err, `stats ${id}`);
    }
    let prev: RawStats | undefined;
    const splitter = new LineSplitter((line) => {
      if (!line.trim()) return;
      let s: RawStats;
      try {
        s = JSON.parse(line) as RawStats;
      } catch {
        return;
      }
      // The first sample has no precpu; skip it rather than report a fake 0 % CPU.
      const havePre = !!s.precpu_stats?.system_cpu_usage || !!prev;
      const usePrev = !s.precpu_stats?.system_cpu_usage ? prev : undefined;
      prev = s;
      if (havePre) onStats(toStats(s, usePrev));
    });
    stream.on('data', (chunk: Buffer) => splitter.push(chunk));
    stream.on('error', () => undefined);
    return () => (stream as unknown as Readable).destroy();
  }

  async inspect(id: ContainerId): Promise<ContainerState | null> {
    let info: Dockerode.ContainerInspectInfo;
    try {
      info = await this.docker.getContainer(id).inspect();
    } catch (err) {
      if (statusOf(err) === 404) return null;
      throw toDriverError(err, `inspect ${id}`);
    }
    const st = info.State;
    // ExitCode is 0 both for "never ran" and "running"; only a finished container has a real one.
    const finished = !st.Running && isoOrNull(st.FinishedAt) !== null;
    return {
      id: info.Id,
      name: info.Name.replace(/^\//, ''),
      image: info.Config.Image,
      running: st.Running,
      status: st.Status,
      exitCode: finished ? st.ExitCode : null,
      oomKilled: st.OOMKilled,
      startedAt: isoOrNull(st.StartedAt),
      finishedAt: isoOrNull(st.FinishedAt),
      labels: info.Config.Labels ?? {},
    };
  }

  async list(options: { all?: boolean; onlyOutpost?: boolean } = {}): Promise<ContainerSummary[]> {
    const onlyOutpost = options.onlyOutpost ?? true;
    try {
      const rows = await this.docker.listContainers({
        all: options.all ?? false,
        filters: onlyOutpost ? { label: [`${OUTPOST_LABEL}=true`] } : {},
      });
      return rows.map((c) => ({
        id: c.Id,
        name: (c.Names?.[0] ?? '').replace(/^\//, ''),
        image: c.Image,
        state: c.State,
        status: c.Status,
        labels: c.Labels ?? {},
        createdAt: new Date(c.Created * 1000).toISOString(),
        mountSources: (c.Mounts ?? []).filter((m) => m.Type === 'bind').map((m) => m.Source),
      }));
    } catch (err) {
      throw toDriverError(err, 'list containers');
    }
  }

  async events(onEvent: (e: ContainerEvent) => void, onEnd?: (err?: Error) => void): Promise<() => void> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.docker.getEvents({
        filters: { type: ['container'], label: [`${OUTPOST_LABEL}=true`] },
      });
    } catch (err) {
      throw toDriverError(err, 'subscribe to events');
    }
    let stopped = false;
    const splitter = new LineSplitter((line) => {
      if (!line.trim()) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return;
      }
      if (typeof parsed !== 'object' || parsed === null) return;
      // One event object per line (Docker's /events stream); fields are read defensively below.
      const raw = parsed as {
        Action?: string;
        status?: string;
        id?: string;
        Actor?: { ID?: string; Attributes?: Record<string, string> };
        time?: number;
        timeNano?: number;
      };
      const action = raw.Action ?? raw.status ?? '';
      if (!EVENT_TYPES.has(action)) return; // exec_*, attach, resize, ... are noise here
      const attrs = raw.Actor?.Attributes ?? {};
      const ev: ContainerEvent = {
        type: action as ContainerEvent['type'],
        containerId: raw.Actor?.ID ?? raw.id ?? '',
        time: raw.timeNano ? new Date(Math.floor(raw.timeNano / 1e6)).toISOString() : new Date((raw.time ?? 0) * 1000).toISOString(),
      };
      if (attrs[SERVER_ID_LABEL]) ev.serverId = attrs[SERVER_ID_LABEL];
      // Event attributes carry the container's labels: lets two agents on one host tell their containers apart.
      if (attrs[NODE_ID_LABEL]) ev.nodeId = attrs[NODE_ID_LABEL];
      if (attrs.exitCode !== undefined && attrs.exitCode !== '') ev.exitCode = Number(attrs.exitCode);
      try {
        onEvent(ev);
      } catch {
        // A throwing listener must not kill the event stream.
      }
    });
    stream.on('data', (chunk: Buffer) => splitter.push(chunk));
    let endReported = false;
    const ended = (err?: Error) => {
      if (endReported || stopped) return;
      endReported = true;
      onEnd?.(err);
    };
    stream.on('error', (err: Error) => ended(err));
    stream.on('end', () => ended());
    stream.on('close', () => ended());
    return () => {
      stopped = true;
      (stream as unknown as Readable).destroy();
    };
  }

  async version(): Promise<{ version: string; apiVersion: string; os: string; arch: string }> {
    try {
      const v = await this.docker.version();
      return { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
    } catch (err) {
      throw toDriverError(err, 'version');
    }
  }
}
