/**
 * Wire protocol between the control plane and a node agent: JSON text frames over one WebSocket
 * that the agent dials (`/agent/ws`, header `X-Agent-Token`). Shared by both sides so a change
 * to a message shape breaks the compile of both.
 */
import type { ContainerEvent, ContainerState, ContainerStats, ContainerSummary, InstallResult, LogLine, ResourceLimits, ServerSpec, StopOptions } from '../container-driver/container-driver';
import type { ArchiveFormat, DecompressResult, FileEntry } from '../server-files/server-files';

export type { ArchiveFormat, DecompressResult, FileEntry };

export const PROTOCOL_VERSION = 1;
/** Path of the agent's WebSocket on the control plane. */
export const AGENT_WS_PATH = '/agent/ws';
/** Path the agent POSTs a one-time register token to. */
export const AGENT_REGISTER_PATH = '/agent/register';
export const AGENT_TOKEN_HEADER = 'x-agent-token';
export const REGISTER_TOKEN_PREFIX = 'outpost_reg_';
export const AGENT_TOKEN_PREFIX = 'outpost_agent_';

/**
 * Streamed file transfers (uploads, downloads) don't go through the socket: the control plane
 * hands the agent a one-use token and the agent opens an HTTP request to
 * `<control plane>/agent/transfer/<transferId>` itself (so NAT'ed nodes work), sending its agent
 * token and the transfer token. GET = the agent pulls bytes to write; POST = the agent pushes bytes.
 */
export const AGENT_TRANSFER_PATH = '/agent/transfer';
export const TRANSFER_TOKEN_HEADER = 'x-transfer-token';
/** Content type of the agent's push body (the control plane passes it through unparsed). */
export const TRANSFER_CONTENT_TYPE = 'application/vnd.outpost.transfer';
/** Push header: byte size of the pushed file when known (a zip's is not). */
export const TRANSFER_SIZE_HEADER = 'x-outpost-size';
export const TRANSFER_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** Frames larger than this are refused by both sides (big data goes over HTTP, not this socket). */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * Close code the control plane sends to agents when it restarts or shuts down gracefully: the
 * agent reconnects at once (no backoff), to this or another replica.
 */
export const AGENT_CLOSE_RECONNECT_NOW = 4012;

// ───────────────────────────── errors ─────────────────────────────

/** Error codes either side may put in a response; drivers and file ops add their own (snake_case). */
export type AgentErrorCode =
  /** The command was never delivered: the node is not connected. Nothing happened on the node. */
  | 'offline'
  /** The command was sent but the socket closed before the answer: it may or may not have run. */
  | 'disconnected'
  /** The control plane is shutting down; the command was not sent. */
  | 'shutting_down'
  | 'timeout'
  | 'unknown_command'
  | 'invalid_payload'
  | 'invalid_frame'
  | 'not_found'
  | 'conflict'
  | 'path_unsafe'
  | 'quota_exceeded'
  | 'permission_denied'
  | 'no_space'
  | 'internal'
  | (string & {});

export class AgentError extends Error {
  constructor(
    readonly code: AgentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AgentError';
  }
}

// ───────────────────────────── events (agent → server) ─────────────────────────────

export interface HeartbeatEvent {
  time: string;
  uptimeSeconds: number;
}

export interface SystemInfo {
  hostname: string;
  /** Distribution name when known (e.g. "Debian GNU/Linux 12 (bookworm)"), else os.type(). */
  os: string;
  platform: string;
  kernel: string;
  arch: string;
  cpuCount: number;
  cpuModel: string;
  memoryBytes: number;
}

export interface DiskInfo {
  mount: string;
  totalBytes: number;
  freeBytes: number;
}

export interface NetworkInterfaceInfo {
  name: string;
  addresses: Array<{ address: string; family: 'IPv4' | 'IPv6'; internal: boolean }>;
}

/** One process of the machine, as the agent reads it from /proc. */
export interface ProcessInfo {
  pid: number;
  /** Effective user's name from /etc/passwd, else the numeric uid as text. */
  user: string;
  uid: number;
  /** Command line (arguments joined by spaces), at most MAX_PROCESS_COMMAND characters; `[name]` for kernel threads. */
  command: string;
  /** Average CPU use since the process started, in percent of one core (as `ps` %cpu). */
  cpuPercent: number;
  /** Resident memory. */
  memoryBytes: number;
}

/** One entry of the machine's /etc/passwd. */
export interface SystemUserInfo {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

/** Bounds of the inventory's process and user lists. */
export const MAX_INVENTORY_PROCESSES = 200;
export const MAX_PROCESS_COMMAND = 256;
export const MAX_INVENTORY_USERS = 500;

export interface InventoryEvent {
  system: SystemInfo;
  disks: DiskInfo[];
  network: NetworkInterfaceInfo[];
  /** null when the runtime does not answer. */
  docker: { version: string; apiVersion: string } | null;
  /** Outpost-managed containers (all states): the control plane reconciles its view with it. */
  containers: ContainerSummary[];
  /** The top MAX_INVENTORY_PROCESSES processes by CPU, highest first (absent from older agents). */
  processes?: ProcessInfo[];
  /** The machine's accounts from /etc/passwd, at most MAX_INVENTORY_USERS (absent from older agents). */
  systemUsers?: SystemUserInfo[];
}

export interface MetricsEvent {
  time: string;
  /** Whole-machine CPU use since the previous sample, 0..100. */
  cpuPercent: number;
  memoryUsedBytes: number;
  memoryTotalBytes: number;
  /** Filesystem holding the agent's data dir. */
  diskUsedBytes: number;
  diskTotalBytes: number;
  load: [number, number, number];
  /** Cumulative counters over non-loopback interfaces. */
  networkRxBytes: number;
  networkTxBytes: number;
}

export interface ConsoleOutputEvent {
  serverId: string;
  stream: 'stdout' | 'stderr';
  line: string;
  time: string;
  /**
   * Sent again after a connection ended before the control plane confirmed it (a ping's pong): it
   * may have arrived already, so the control plane drops it when its console buffer holds the same
   * line at the same time.
   */
  resent?: true;
}

export interface ServerStatsEvent {
  serverId: string;
  stats: ContainerStats;
}

export interface EventMap {
  heartbeat: HeartbeatEvent;
  inventory: InventoryEvent;
  metrics: MetricsEvent;
  'container.event': ContainerEvent;
  'console.output': ConsoleOutputEvent;
  'server.stats': ServerStatsEvent;
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['heartbeat', 'inventory', 'metrics', 'container.event', 'console.output', 'server.stats'];

// ───────────────────────────── commands (server → agent) ─────────────────────────────

/** Commands without a meaningful result answer `{}`. */
export type EmptyResult = Record<string, never>;

export interface ServerRef {
  serverId: string;
}
export interface ContainerRef {
  containerId: string;
}

/**
 * Command name → payload and result. File commands work inside the server's data dir only
 * (`path` is relative to it) and enforce the disk quota of the server's last create spec.
 */
export interface CommandMap {
  /** The agent picks the data dir (`<dataDir>/servers/<serverId>`) and creates it. */
  'container.create': { payload: { spec: Omit<ServerSpec, 'dataDir'> }; result: { containerId: string } };
  /** `alreadyRunning`: the container was running before the command (nothing was started). */
  'server.start': { payload: ServerRef; result: { alreadyRunning?: boolean } };
  /** Default stop: SIGTERM, kill after 30 s. */
  'server.stop': { payload: ServerRef & { stop?: StopOptions }; result: EmptyResult };
  'server.kill': { payload: ServerRef & { signal?: string }; result: EmptyResult };
  /** Removes the container (forced); deleteData also removes the data dir. Idempotent. */
  'server.remove': { payload: ServerRef & { deleteData: boolean }; result: EmptyResult };
  /** Runs the template's install script in a throwaway container over the server's data dir. */
  'server.install': {
    payload: ServerRef & { image: string; entrypoint: string; script: string; env: Record<string, string>; limits: ResourceLimits; timeoutMs: number };
    result: InstallResult;
  };
  'server.inspect': { payload: ServerRef; result: ContainerState | null };
  'server.stats': { payload: ServerRef; result: ContainerStats };
  /** since: unix seconds. */
  'server.logs': { payload: ServerRef & { since?: number; tail?: number }; result: LogLine[] };
  /** Writes one console line to the server's stdin. */
  'server.command': { payload: ServerRef & { command: string }; result: EmptyResult };

  'containers.list': { payload: { all?: boolean; onlyOutpost?: boolean }; result: ContainerSummary[] };
  'container.start': { payload: ContainerRef; result: EmptyResult };
  'container.stop': { payload: ContainerRef & { stop?: StopOptions }; result: EmptyResult };
  'container.kill': { payload: ContainerRef & { signal?: string }; result: EmptyResult };
  /** The runtime's own restart: stop signal, kill after `timeoutMs` (default 10 s), start again. */
  'container.restart': { payload: ContainerRef & { timeoutMs?: number }; result: EmptyResult };
  'container.logs': { payload: ContainerRef & { since?: number; tail?: number }; result: LogLine[] };
  'container.stats': { payload: ContainerRef; result: ContainerStats };

  'images.list': { payload: Record<string, never>; result: Array<{ id: string; tags: string[]; sizeBytes: number }> };
  'images.ensure': { payload: { ref: string }; result: EmptyResult };
  'inventory.get': { payload: Record<string, never>; result: InventoryEvent };

  /** path '' = the data dir itself. */
  'files.list': { payload: ServerRef & { path?: string }; result: FileEntry[] };
  'files.stat': { payload: ServerRef & { path: string }; result: FileEntry };
  /** UTF-8 text up to maxBytes (default 1 MiB, at most 8 MiB); bigger files go over HTTP. */
  'files.read': { payload: ServerRef & { path: string; maxBytes?: number }; result: { content: string } };
  'files.write': { payload: ServerRef & { path: string; content: string }; result: EmptyResult };
  'files.mkdir': { payload: ServerRef & { path: string }; result: EmptyResult };
  'files.delete': { payload: ServerRef & { paths: string[] }; result: EmptyResult };
  'files.rename': { payload: ServerRef & { from: string; to: string; overwrite?: boolean }; result: EmptyResult };
  'files.copy': { payload: ServerRef & { from: string; to: string; overwrite?: boolean }; result: EmptyResult };
  /** mode: octal string ('755', '0644') or number. */
  'files.chmod': { payload: ServerRef & { path: string; mode: string | number }; result: EmptyResult };
  /** Default format tar.gz. */
  'files.compress': { payload: ServerRef & { paths: string[]; destination: string; format?: ArchiveFormat }; result: EmptyResult };
  'files.decompress': { payload: ServerRef & { archive: string; destination: string }; result: DecompressResult };
  'files.usage': { payload: ServerRef; result: { usedBytes: number; quotaBytes: number } };
  /** Validates a path (in-root, and writable as a file when forWrite) without changing anything. */
  'files.check': { payload: ServerRef & { path: string; forWrite?: boolean }; result: { exists: boolean; type?: string } };
  /**
   * The agent GETs `transferPath` and writes the bytes to `path` (atomically, quota enforced).
   * append: appends at `offset` instead (resumable uploads); an interrupted source keeps what
   * was written (`interrupted`), any other failure cuts the file back to `offset`.
   */
  'files.pull': {
    payload: ServerRef & { path: string; transferPath: string; transferToken: string; expectedBytes?: number; append?: { offset: number; maxBytes?: number } };
    result: { bytes: number; offset: number; interrupted: boolean };
  };
  /** The agent POSTs one file (or, with zip or several paths, a zip of them) to `transferPath`. */
  'files.push': { payload: ServerRef & { paths: string[]; zip?: boolean; transferPath: string; transferToken: string }; result: { bytes: number } };

  /**
   * Archives the server's data dir (tar + gzip, streamed; `ignore` holds .gitignore-style patterns)
   * to `destination`. `local` writes `<dataDir>/backups/<serverId>/<backupId>.tar.gz` through a
   * `.part` file renamed only once complete; `transfer` POSTs the bytes to the control plane.
   * Fails (and leaves nothing behind) if the control socket closes before it is done.
   */
  'backup.create': { payload: ServerRef & { backupId: string; ignore: string[]; destination: BackupLocation }; result: BackupArchiveResult };
  /**
   * Verifies the archive's sha256 and size first (a `transfer` source is pulled into a temp file),
   * then extracts it into a staging dir with the file manager's confinement rules and swaps it
   * in place of the data dir. Any failure leaves the current data untouched. The server's
   * container must not be running (`conflict`).
   */
  'backup.restore': { payload: ServerRef & { backupId: string; sha256: string; sizeBytes: number; source: BackupLocation }; result: { files: number; bytes: number } };
  /** POSTs a local archive to `transferPath` (downloads, S3-less transfers between nodes). */
  'backup.push': { payload: ServerRef & { backupId: string; transferPath: string; transferToken: string }; result: { bytes: number } };
  /** Removes a local archive and any partial one. Idempotent. */
  'backup.delete': { payload: ServerRef & { backupId: string }; result: EmptyResult };
}

/** Where a backup archive is written to or read from. */
export type BackupLocation = { kind: 'local' } | { kind: 'transfer'; transferPath: string; transferToken: string };

export interface BackupArchiveResult {
  sizeBytes: number;
  /** Hex sha256 of the archive bytes exactly as stored. */
  sha256: string;
  /** Regular files archived. */
  files: number;
}
export type CommandName = keyof CommandMap;
export type Payload<C extends CommandName> = CommandMap[C]['payload'];
export type Result<C extends CommandName> = CommandMap[C]['result'];

export const COMMAND_NAMES: readonly CommandName[] = [
  'container.create',
  'server.start',
  'server.stop',
  'server.kill',
  'server.remove',
  'server.install',
  'server.inspect',
  'server.stats',
  'server.logs',
  'server.command',
  'containers.list',
  'container.start',
  'container.stop',
  'container.kill',
  'container.restart',
  'container.logs',
  'container.stats',
  'images.list',
  'images.ensure',
  'inventory.get',
  'files.list',
  'files.stat',
  'files.read',
  'files.write',
  'files.mkdir',
  'files.delete',
  'files.rename',
  'files.copy',
  'files.chmod',
  'files.compress',
  'files.decompress',
  'files.usage',
  'files.check',
  'files.pull',
  'files.push',
  'backup.create',
  'backup.restore',
  'backup.push',
  'backup.delete',
];

// ───────────────────────────── frames ─────────────────────────────

export interface CommandFrame<C extends CommandName = CommandName> {
  type: 'command';
  id: string;
  command: C;
  payload: Payload<C>;
  timeoutMs: number;
}

/** Either side tells the other that a frame was refused (no reply is ever sent to an error frame). */
export interface ErrorFrame {
  type: 'error';
  code: string;
  message: string;
}

export type ResponseFrame = { type: 'response'; id: string; ok: true; result: unknown } | { type: 'response'; id: string; ok: false; error: { code: string; message: string } };

export interface HelloFrame {
  type: 'hello';
  agentVersion: string;
  hostname: string;
  /** Node id from the agent's saved registration, if any. */
  nodeId?: string;
  protocolVersion?: number;
}

export type EventFrame = { [E in EventName]: { type: 'event'; event: E; data: EventMap[E] } }[EventName];

export type ServerToAgentFrame = CommandFrame | ErrorFrame;
export type AgentToServerFrame = HelloFrame | ResponseFrame | EventFrame | ErrorFrame;

// ───────────────────────────── validation ─────────────────────────────

export type ParseResult<T> = { ok: true; frame: T } | { ok: false; error: string; /** Request id when one could be read. */ id?: string };

const EVENT_SET = new Set<string>(EVENT_NAMES);
const MAX_ID_LENGTH = 128;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_LENGTH;
}

function decode(raw: unknown): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  let text: string;
  if (typeof raw === 'string') text = raw;
  else if (Buffer.isBuffer(raw)) text = raw.toString('utf8');
  else if (Array.isArray(raw)) text = Buffer.concat(raw as Buffer[]).toString('utf8');
  else if (raw instanceof ArrayBuffer) text = Buffer.from(raw).toString('utf8');
  else return { ok: false, error: 'unsupported frame data' };
  if (text.length > MAX_FRAME_BYTES) return { ok: false, error: 'frame too large' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'frame is not valid JSON' };
  }
  if (!isObject(value)) return { ok: false, error: 'frame is not a JSON object' };
  if (typeof value.type !== 'string') return { ok: false, error: 'frame has no type' };
  return { ok: true, value };
}

/**
 * Validates a frame the control plane received. Checks the envelope only (cheap: it runs for
 * every heartbeat of every node); event data is trusted to come from our own agent code.
 */
export function parseAgentFrame(raw: unknown): ParseResult<AgentToServerFrame> {
  const d = decode(raw);
  if (!d.ok) return d;
  const f = d.value;
  switch (f.type) {
    case 'event':
      if (typeof f.event !== 'string' || !EVENT_SET.has(f.event)) return { ok: false, error: `unknown event ${String(f.event).slice(0, 64)}` };
      if (!isObject(f.data)) return { ok: false, error: 'event data must be an object' };
      return { ok: true, frame: f as unknown as EventFrame };
    case 'response':
      if (!isId(f.id)) return { ok: false, error: 'response without a valid id' };
      if (f.ok === true) return { ok: true, frame: { type: 'response', id: f.id, ok: true, result: f.result === undefined ? null : f.result } };
      if (f.ok === false && isObject(f.error) && typeof f.error.code === 'string' && typeof f.error.message === 'string') {
        return { ok: true, frame: { type: 'response', id: f.id, ok: false, error: { code: f.error.code, message: f.error.message } } };
      }
      return { ok: false, error: 'response needs ok:true + result or ok:false + error{code,message}', id: f.id };
    case 'hello':
      if (typeof f.agentVersion !== 'string' || typeof f.hostname !== 'string') return { ok: false, error: 'hello needs agentVersion and hostname' };
      if (f.nodeId !== undefined && !isId(f.nodeId)) return { ok: false, error: 'hello nodeId must be a string' };
      return { ok: true, frame: f as unknown as HelloFrame };
    case 'error':
      return { ok: true, frame: { type: 'error', code: fieldText(f.code, 'unknown'), message: fieldText(f.message, '') } };
    default:
      return { ok: false, error: `unknown frame type ${String(f.type).slice(0, 64)}` };
  }
}

/** Validates a frame the agent received. Payload shapes are checked by each command handler. */
export function parseServerFrame(raw: unknown): ParseResult<ServerToAgentFrame> {
  const d = decode(raw);
  if (!d.ok) return d;
  const f = d.value;
  switch (f.type) {
    case 'command': {
      if (!isId(f.id)) return { ok: false, error: 'command without a valid id' };
      if (typeof f.command !== 'string' || f.command.length === 0 || f.command.length > 64) return { ok: false, error: 'command name missing', id: f.id };
      if (typeof f.timeoutMs !== 'number' || !Number.isFinite(f.timeoutMs) || f.timeoutMs <= 0) return { ok: false, error: 'command timeoutMs must be a positive number', id: f.id };
      const payload = f.payload === undefined || f.payload === null ? {} : f.payload;
      if (!isObject(payload)) return { ok: false, error: 'command payload must be an object', id: f.id };
      return { ok: true, frame: { type: 'command', id: f.id, command: f.command as CommandName, payload: payload as never, timeoutMs: f.timeoutMs } };
    }
    case 'error':
      return { ok: true, frame: { type: 'error', code: fieldText(f.code, 'unknown'), message: fieldText(f.message, '') } };
    default:
      return { ok: false, error: `unknown frame type ${String(f.type).slice(0, 64)}` };
  }
}

/** A peer-supplied field as text: strings as they are, anything else JSON-encoded (never "[object Object]"). */
function fieldText(value: unknown, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? fallback);
}

export function isCommandName(name: string): name is CommandName {
  return COMMAND_SET.has(name);
}
const COMMAND_SET = new Set<string>(COMMAND_NAMES);
