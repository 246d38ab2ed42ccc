/**
 * In-memory ContainerDriver for tests that exercise the agent/hub protocol without Docker.
 * Containers "run" an echo console: start prints "Done! Server ready", a command line prints
 * "echo: <line>", `stop` (command or signal) exits 0. `delayMs` makes every call slow.
 */
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import {
  type Attachment,
  type ContainerDriver,
  type ContainerEvent,
  type ContainerState,
  type ContainerStats,
  type ContainerSummary,
  type InstallResult,
  type InstallSpec,
  type LogLine,
  NODE_ID_LABEL,
  OUTPOST_LABEL,
  SERVER_ID_LABEL,
  type ServerSpec,
  type StopOptions,
} from '@libs/container-driver/container-driver';

interface FakeContainer {
  state: ContainerState;
  spec: ServerSpec;
  logs: LogLine[];
  outputs: Set<PassThrough>;
}

function notFound(id: string): Error {
  return Object.assign(new Error(`no such container ${id}`), { code: 'not_found' });
}

export class FakeDriver implements ContainerDriver {
  readonly containers = new Map<string, FakeContainer>();
  readonly calls: string[] = [];
  private listeners = new Set<(e: ContainerEvent) => void>();
  delayMs = 0;

  private async tick(call: string): Promise<void> {
    this.calls.push(call);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
  }
  private get(id: string): FakeContainer {
    const c = this.containers.get(id);
    if (!c) throw notFound(id);
    return c;
  }
  private emitEvent(type: ContainerEvent['type'], c: FakeContainer, exitCode?: number): void {
    const e: ContainerEvent = { type, containerId: c.state.id, serverId: c.spec.serverId, exitCode, time: new Date().toISOString() };
    // Like Docker's event attributes, which carry the container's labels.
    if (c.state.labels[NODE_ID_LABEL]) e.nodeId = c.state.labels[NODE_ID_LABEL];
    for (const l of this.listeners) l(e);
  }
  private print(c: FakeContainer, line: string): void {
    c.logs.push({ stream: 'stdout', timestamp: new Date().toISOString(), line });
    for (const o of c.outputs) o.write(line);
  }
  private exit(c: FakeContainer, code: number): void {
    c.state = { ...c.state, running: false, status: 'exited', exitCode: code, finishedAt: new Date().toISOString() };
    for (const o of c.outputs) o.end();
    c.outputs.clear();
    this.emitEvent('die', c, code);
  }

  async ensureImage(ref: string): Promise<void> {
    await this.tick(`ensureImage ${ref}`);
  }
  async importImage(): Promise<void> {
    await this.tick('importImage');
  }
  async hasImage(): Promise<boolean> {
    return true;
  }
  async listImages(): Promise<Array<{ id: string; tags: string[]; sizeBytes: number }>> {
    await this.tick('listImages');
    return [{ id: 'sha256:fake', tags: ['outpost/echo-server:local'], sizeBytes: 1 }];
  }
  async create(spec: ServerSpec): Promise<string> {
    await this.tick(`create ${spec.serverId}`);
    const id = randomBytes(32).toString('hex');
    const labels = { ...(spec.labels ?? {}), [OUTPOST_LABEL]: 'true', [SERVER_ID_LABEL]: spec.serverId };
    const state: ContainerState = { id, name: spec.name, image: spec.image, running: false, status: 'created', exitCode: null, oomKilled: false, startedAt: null, finishedAt: null, labels };
    const c: FakeContainer = { state, spec, logs: [], outputs: new Set() };
    this.containers.set(id, c);
    this.emitEvent('create', c);
    return id;
  }
  async start(id: string): Promise<void> {
    await this.tick(`start ${id}`);
    const c = this.get(id);
    c.state = { ...c.state, running: true, status: 'running', exitCode: null, startedAt: new Date().toISOString() };
    this.emitEvent('start', c);
    this.print(c, 'Server starting...');
    setTimeout(() => c.state.running && this.print(c, 'Done! Server ready'), 20);
  }
  async stop(id: string, options: StopOptions): Promise<void> {
    await this.tick(`stop ${id} ${options.command ?? options.signal ?? 'SIGTERM'}`);
    const c = this.get(id);
    if (!c.state.running) return;
    this.print(c, 'Stopping server');
    this.exit(c, 0);
  }
  async restart(id: string, options: { timeoutMs: number }): Promise<void> {
    await this.stop(id, { timeoutMs: options.timeoutMs });
    await this.start(id);
  }
  async kill(id: string, signal = 'SIGKILL'): Promise<void> {
    await this.tick(`kill ${id} ${signal}`);
    const c = this.get(id);
    if (c.state.running) this.exit(c, 137);
  }
  async remove(id: string): Promise<void> {
    await this.tick(`remove ${id}`);
    const c = this.get(id);
    if (c.state.running) this.exit(c, 137);
    this.containers.delete(id);
    this.emitEvent('destroy', c);
  }
  async attach(id: string): Promise<Attachment> {
    await this.tick(`attach ${id}`);
    const c = this.get(id);
    const output = new PassThrough({ objectMode: true });
    c.outputs.add(output);
    return {
      stdin: new PassThrough(),
      output,
      close: () => {
        c.outputs.delete(output);
        output.end();
      },
    };
  }
  async sendCommand(id: string, command: string): Promise<void> {
    await this.tick(`sendCommand ${id} ${command}`);
    const c = this.get(id);
    if (!c.state.running) throw Object.assign(new Error('container is not running'), { code: 'conflict' });
    if (command === 'stop') {
      this.print(c, 'Stopping server');
      this.exit(c, 0);
    } else if (command === 'crash') this.exit(c, 3);
    else this.print(c, `echo: ${command}`);
  }
  /** Like Docker: tail first, then the since/until window (seconds, inclusive). */
  async logs(id: string, options: { since?: number; until?: number; tail?: number } = {}): Promise<LogLine[]> {
    await this.tick(`logs ${id}`);
    const l = this.get(id).logs;
    const tailed = options.tail ? l.slice(-options.tail) : [...l];
    return tailed.filter((x) => {
      const t = Date.parse(x.timestamp) / 1000;
      return (options.since === undefined || t >= options.since) && (options.until === undefined || t <= options.until);
    });
  }

  /** Prints a line on a running container's console (tests of console continuity). */
  printLine(id: string, line: string): void {
    this.print(this.get(id), line);
  }
  async stats(id: string): Promise<ContainerStats> {
    await this.tick(`stats ${id}`);
    this.get(id);
    return { cpuPercent: 1.5, memoryBytes: 1024 * 1024, memoryLimitBytes: 64 * 1024 * 1024, networkRxBytes: 0, networkTxBytes: 0, pids: 2, timestamp: new Date().toISOString() };
  }
  async streamStats(id: string, onStats: (s: ContainerStats) => void): Promise<() => void> {
    const t = setInterval(() => void this.stats(id).then(onStats, () => undefined), 50);
    return () => clearInterval(t);
  }
  async inspect(id: string): Promise<ContainerState | null> {
    await this.tick(`inspect ${id}`);
    return this.containers.get(id)?.state ?? null;
  }
  async list(): Promise<ContainerSummary[]> {
    await this.tick('list');
    return [...this.containers.values()].map((c) => ({
      id: c.state.id,
      name: c.state.name,
      image: c.state.image,
      state: c.state.status,
      status: c.state.status,
      labels: c.state.labels,
      createdAt: new Date().toISOString(),
    }));
  }
  async events(onEvent: (e: ContainerEvent) => void): Promise<() => void> {
    this.listeners.add(onEvent);
    return () => this.listeners.delete(onEvent);
  }
  /** Records install runs; the script is not executed. */
  readonly installs: InstallSpec[] = [];
  async runInstall(spec: InstallSpec): Promise<InstallResult> {
    this.installs.push(spec);
    return { exitCode: 0, timedOut: false, log: `fake install of ${spec.serverId}\n` };
  }

  async version(): Promise<{ version: string; apiVersion: string; os: string; arch: string }> {
    return { version: '0.0.0-fake', apiVersion: '1.41', os: 'linux', arch: 'amd64' };
  }
}
