/**
 * The control plane's view of a container runtime. The agent implements commands with it;
 * DockerDriver (dockerode) is the first implementation, a Kubernetes driver can follow.
 */
import type { Readable, Writable } from 'node:stream';

export type ContainerId = string;

export interface PortBinding {
  /** Host IP to bind; '0.0.0.0' for all. */
  ip: string;
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

export interface ResourceLimits {
  /** Hard memory limit in MiB (0 = unlimited). */
  memoryMiB: number;
  /** Additional swap in MiB on top of memory (0 = none, -1 = unlimited). */
  swapMiB: number;
  /** CPU limit in percent of one core (100 = one core, 0 = unlimited). */
  cpuPercent: number;
  /** Max processes (0 = unlimited). */
  pids: number;
  /** Disk quota in MiB for the data directory (enforced by the agent, 0 = unlimited). */
  diskMiB: number;
}

export interface ServerSpec {
  /** Outpost gameserver id; becomes a label and part of the container name. */
  serverId: string;
  /** Container name (unique on the host). */
  name: string;
  image: string;
  /** Full command line run through the image's shell (`sh -c`), already substituted. */
  startup: string;
  env: Record<string, string>;
  limits: ResourceLimits;
  ports: PortBinding[];
  /** Host directory bind-mounted at `mountPath` (the server's data). */
  dataDir: string;
  mountPath: string;
  /** Extra labels; Outpost's own (`outpost.managed=true`, `outpost.server-id`) are always set. */
  labels?: Record<string, string>;
  /** Keep stdin open so console commands can be written to the process. */
  openStdin: boolean;
}

/** A one-off install run (Pterodactyl's install script): data dir at /mnt/server, script at /mnt/install. */
export interface InstallSpec {
  serverId: string;
  name: string;
  image: string;
  /** Interpreter for the script, e.g. `bash` or `ash`. */
  entrypoint: string;
  /** Host directory holding `install.sh` (mounted read-only at /mnt/install). */
  scriptDir: string;
  /** The server's data dir (mounted at /mnt/server). */
  dataDir: string;
  env: Record<string, string>;
  limits: ResourceLimits;
  timeoutMs: number;
  /** Extra labels (the agent's node id); `outpost.install-for` is always set. */
  labels?: Record<string, string>;
}

export interface InstallResult {
  /** null when the run was killed at the timeout. */
  exitCode: number | null;
  timedOut: boolean;
  /** Combined output, capped. */
  log: string;
}

export interface StopOptions {
  /** Console command that asks the game to stop (e.g. `stop`); written to stdin. */
  command?: string;
  /** Signal to send when no command is given (default SIGTERM). */
  signal?: string;
  /** Kill after this long if still running. */
  timeoutMs: number;
}

export interface ContainerState {
  id: ContainerId;
  name: string;
  image: string;
  running: boolean;
  status: string; // created | running | exited | paused | restarting | dead
  exitCode: number | null;
  oomKilled: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  labels: Record<string, string>;
}

export interface ContainerStats {
  cpuPercent: number;
  memoryBytes: number;
  memoryLimitBytes: number;
  networkRxBytes: number;
  networkTxBytes: number;
  pids: number;
  timestamp: string;
}

export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** RFC3339 timestamp from the runtime. */
  timestamp: string;
  line: string;
}

export interface ContainerEvent {
  type: 'start' | 'die' | 'oom' | 'stop' | 'kill' | 'destroy' | 'create';
  containerId: ContainerId;
  serverId?: string;
  /** The container's `outpost.node-id` label: which agent owns it (absent on containers of older agents). */
  nodeId?: string;
  exitCode?: number;
  time: string;
}

export interface ContainerSummary {
  id: ContainerId;
  name: string;
  image: string;
  state: string;
  status: string;
  labels: Record<string, string>;
  createdAt: string;
  /** Host paths bind-mounted into the container (how an agent recognises its own containers from before node labels). */
  mountSources?: string[];
}

export interface Attachment {
  stdin: Writable;
  /** Output lines (stdout and stderr, in order of arrival, without trailing newlines). */
  output: Readable;
  close(): void;
}

export interface ContainerDriver {
  /** Makes sure the image exists locally: pulls it when a registry is reachable. */
  ensureImage(ref: string): Promise<void>;
  /** Imports a root filesystem tarball as an image (offline installs, tests). */
  importImage(tarball: Readable, ref: string): Promise<void>;
  hasImage(ref: string): Promise<boolean>;
  listImages(): Promise<Array<{ id: string; tags: string[]; sizeBytes: number }>>;
  create(spec: ServerSpec): Promise<ContainerId>;
  start(id: ContainerId): Promise<void>;
  stop(id: ContainerId, options: StopOptions): Promise<void>;
  kill(id: ContainerId, signal?: string): Promise<void>;
  /** The runtime's restart: stop signal, kill after `timeoutMs`, start; a stopped container is just started. */
  restart(id: ContainerId, options: { timeoutMs: number }): Promise<void>;
  remove(id: ContainerId, options?: { force?: boolean }): Promise<void>;
  attach(id: ContainerId): Promise<Attachment>;
  /** Writes one console command line to the container's stdin. */
  sendCommand(id: ContainerId, command: string): Promise<void>;
  /** `since`/`until`: UNIX seconds (fractions allowed), both inclusive. `tail` takes the last n lines first, then the window applies (Docker's order). */
  logs(id: ContainerId, options?: { since?: number; until?: number; tail?: number }): Promise<LogLine[]>;
  stats(id: ContainerId): Promise<ContainerStats>;
  /** Streaming stats; call the returned function to stop. */
  streamStats(id: ContainerId, onStats: (s: ContainerStats) => void): Promise<() => void>;
  inspect(id: ContainerId): Promise<ContainerState | null>;
  /**
   * Containers carrying Outpost's label (or all, for admin views).
   * `all` includes stopped containers (default false, like `docker ps`); `onlyOutpost` defaults to true.
   */
  list(options?: { all?: boolean; onlyOutpost?: boolean }): Promise<ContainerSummary[]>;
  /**
   * Runtime events for Outpost's containers (die, oom, start...). Call the returned function to stop.
   * `onEnd` fires once if the stream ends on its own (daemon restart): resubscribe and reconcile.
   */
  events(onEvent: (e: ContainerEvent) => void, onEnd?: (err?: Error) => void): Promise<() => void>;
  /** Runs an install script to completion in its own container, then removes that container. */
  runInstall(spec: InstallSpec): Promise<InstallResult>;
  /** Runtime version info (inventory). */
  version(): Promise<{ version: string; apiVersion: string; os: string; arch: string }>;
}

export const OUTPOST_LABEL = 'outpost.managed';
export const SERVER_ID_LABEL = 'outpost.server-id';
/** Set by the agent on every container it creates: the node it belongs to (two agents may share one Docker host). */
export const NODE_ID_LABEL = 'outpost.node-id';
/** Set by the control plane on every game-server container: the domain the server belongs to. */
export const DOMAIN_ID_LABEL = 'outpost.domain-id';
