/**
 * Pure conversions between Skyport's panel API values and Outpost's units. Skyport sends most
 * numbers as strings (its admin forms post them verbatim), so every parser takes string | number.
 *
 * - memory (deploy): MiB, as Skyport's daemon does (`Memory * 1024 * 1024` bytes).
 * - cpu (deploy): CPU threads, as Skyport's form ("CPU Threads") and daemon (`CpuCount: Cpu`) mean
 *   it. Outpost enforces it as a hard quota: cpuPercent = cpu × 100, i.e. Docker NanoCpus = cpu × 1e9
 *   ("1" = one core, "0.5" = half a core). Skyport's CpuCount was never enforced on Linux; ours is.
 * - ports (deploy): "containerPort:hostPort,containerPort:hostPort" (Skyport splits each pair as
 *   `[containerPort, hostPort]`); each pair is bound for tcp and udp, as current Skyport does.
 * - ram / disk / processor (nodes): free-form text, as Skyport types them ("Processor specification";
 *   real clients send "4GB", "4096", "x86", "Intel Xeon E5"). Any non-empty text is accepted and kept
 *   as given (replies return it); the node's capacity is parsed from it where possible
 *   (`nodeCapacity`):
 *   - ram / disk: a unit in the text wins — K/KB/KiB, M/MB/MiB, G/GB/GiB, T/TB/TiB (binary: "4GB" =
 *     4096 MiB), also inside longer text ("16 GB DDR4"); a bare number is GB, as Skyport's node form
 *     labels it ("8" = 8192 MiB; disk "4096" = 4 TiB), except a bare RAM number from 1024 up, which is
 *     MB (ram "4096" = 4 GiB: nobody has a node with 1,024 GB of RAM); anything else falls back to DEFAULT_NODE_RAM_MIB
 *     (4 GiB) / DEFAULT_NODE_DISK_MIB (50 GiB). Results are clamped to Outpost's node limits.
 *   - processor: cores — a bare number ("4") or a number with cores/vCPU/CPUs/threads, also inside
 *     longer text ("Xeon E5-2680 (14 cores)"); cpuPercent = cores × 100. Anything else (an
 *     architecture or model name such as "x86" or "Intel Xeon E5") falls back to
 *     DEFAULT_NODE_CORES (2).
 */

export type Loose = string | number | undefined | null;

/** Skyport's presence test: `!value` (so "", 0, null and undefined are all missing). */
export function missing(...values: unknown[]): boolean {
  return values.some((v) => v === undefined || v === null || v === '' || v === 0 || v === false);
}

/** A finite decimal number from a number or a numeric string; null otherwise. */
export function toNumber(value: Loose): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

export function toInteger(value: Loose): number | null {
  const n = toNumber(value);
  return n !== null && Number.isInteger(n) ? n : null;
}

/** CPU threads → Outpost cpuPercent (100 = one core). null when not a positive number. */
export function cpuThreadsToPercent(value: Loose): number | null {
  const n = toNumber(value);
  if (n === null || n <= 0) return null;
  const percent = Math.round(n * 100);
  return percent >= 1 ? percent : null;
}

export function percentToThreads(cpuPercent: number): number {
  return cpuPercent / 100;
}

export interface PortPair {
  containerPort: number;
  hostPort: number;
}

/** "25565:30001,25575:30002" → pairs; a string describing the problem when malformed. */
export function parsePorts(value: unknown): PortPair[] | string {
  if (typeof value !== 'string') return 'ports must be a string like "25565:25565,25575:25575" (containerPort:hostPort)';
  const parts = value.split(',').map((p) => p.trim());
  const pairs: PortPair[] = [];
  for (const part of parts) {
    const m = /^(\d{1,5}):(\d{1,5})$/.exec(part);
    if (!m) return `ports must be in the format "containerPort:hostPort,containerPort:hostPort" (got "${part.slice(0, 40)}")`;
    const containerPort = Number(m[1]);
    const hostPort = Number(m[2]);
    if (containerPort < 1 || containerPort > 65535 || hostPort < 1 || hostPort > 65535) return `ports must be between 1 and 65535 (got "${part}")`;
    pairs.push({ containerPort, hostPort });
  }
  const hosts = pairs.map((p) => p.hostPort);
  const dup = hosts.find((h, i) => hosts.indexOf(h) !== i);
  if (dup !== undefined) return `host port ${dup} appears twice in ports`;
  if (pairs.length > 32) return 'at most 32 port mappings';
  return pairs;
}

/** The pair `primary` names: its host port, else its container port. */
export function primaryPair(pairs: PortPair[], primary: Loose): PortPair | null {
  const n = toInteger(primary);
  if (n === null) return null;
  return pairs.find((p) => p.hostPort === n) ?? pairs.find((p) => p.containerPort === n) ?? null;
}

/** Allocations back into Skyport's "containerPort:hostPort,…" string (one entry per host port). */
export function formatPorts(allocations: Array<{ port: number; containerPort: number }>): string {
  const seen = new Set<number>();
  const out: string[] = [];
  for (const a of [...allocations].sort((x, y) => x.port - y.port)) {
    if (seen.has(a.port)) continue;
    seen.add(a.port);
    out.push(`${a.containerPort}:${a.port}`);
  }
  return out.join(',');
}

/** Gigabytes (Skyport's node form) → MiB. */
export function gbToMiB(value: Loose): number | null {
  const n = toNumber(value);
  return n === null || n <= 0 ? null : Math.round(n * 1024);
}

export function mibToGb(mib: number): number {
  return Math.round((mib / 1024) * 100) / 100;
}

/** "4", 4, "4 cores", "8 vCPU", "16 threads" → cores; null for anything else (e.g. a CPU model name). */
export function processorCores(value: Loose): number | null {
  if (typeof value === 'number') return value > 0 && Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:cores?|c|vcpus?|cpus?|threads?)?\s*$/i.exec(value);
  if (!m) return null;
  const n = Number(m[1]);
  return n > 0 ? n : null;
}

/** Capacity when the text names none (see the header). */
export const DEFAULT_NODE_RAM_MIB = 4 * 1024;
export const DEFAULT_NODE_DISK_MIB = 50 * 1024;
export const DEFAULT_NODE_CORES = 2;
/** Outpost's node limits (NodeCreateDTO). */
const RAM_MIB = { min: 64, max: 16 * 1024 * 1024 };
const DISK_MIB = { min: 256, max: 1024 * 1024 * 1024 };
const CPU_PERCENT = { min: 10, max: 100 * 1024 };
/** Longest ram/disk/processor text kept. */
export const MAX_SPEC_TEXT = 128;

const UNIT_MIB: Record<string, number> = { k: 1 / 1024, m: 1, g: 1024, t: 1024 * 1024 };
const SIZE_WITH_UNIT = /(\d+(?:[.,]\d+)?)\s*([kmgt])(?:i?b)?(?![a-z])/i;

function clamp(n: number, { min, max }: { min: number; max: number }): number {
  return Math.min(max, Math.max(min, n));
}

/** From this bare RAM number up, the number is MB: no node has 1,024 GB of RAM, but "4096" is a common way to write 4 GB. */
export const BARE_RAM_MB_FROM = 1024;

/**
 * RAM or disk text → MiB: a unit in the text wins; a bare number is GB, except a bare RAM number of
 * BARE_RAM_MB_FROM or more, which is MB; null when the text names no size.
 */
export function sizeToMiB(value: Loose, kind: 'ram' | 'disk' = 'disk'): number | null {
  const bare = toNumber(typeof value === 'string' ? value.trim() : value);
  if (bare !== null) return bare > 0 ? (kind === 'ram' && bare >= BARE_RAM_MB_FROM ? bare : bare * 1024) : null;
  if (typeof value !== 'string') return null;
  const m = SIZE_WITH_UNIT.exec(value);
  if (!m) return null;
  const n = Number(m[1].replace(',', '.')) * UNIT_MIB[m[2].toLowerCase()];
  return n > 0 ? n : null;
}

/** Processor text → cores: a bare number or a number with cores/vCPU/CPUs/threads anywhere in it; null otherwise. */
export function processorCoresIn(value: Loose): number | null {
  const whole = processorCores(value);
  if (whole !== null || typeof value !== 'string') return whole;
  const m = /(\d+(?:\.\d+)?)\s*-?\s*(?:cores?|vcpus?|cpus?|threads?)(?![a-z])/i.exec(value);
  const n = m ? Number(m[1]) : 0;
  return n > 0 ? n : null;
}

export interface NodeCapacity {
  memoryMiB: number;
  diskMiB: number;
  cpuPercent: number;
  /** Which values came from the defaults because the text named no capacity. */
  defaulted: Array<'ram' | 'disk' | 'processor'>;
}

/** Skyport's free-form ram/disk/processor → Outpost capacity (parsed where possible, else the documented defaults). */
export function nodeCapacity(ram: Loose, disk: Loose, processor: Loose): NodeCapacity {
  const defaulted: NodeCapacity['defaulted'] = [];
  const ramMiB = sizeToMiB(ram, 'ram');
  const diskMiB = sizeToMiB(disk);
  const cores = processorCoresIn(processor);
  if (ramMiB === null) defaulted.push('ram');
  if (diskMiB === null) defaulted.push('disk');
  if (cores === null) defaulted.push('processor');
  return {
    memoryMiB: clamp(Math.round(ramMiB ?? DEFAULT_NODE_RAM_MIB), RAM_MIB),
    diskMiB: clamp(Math.round(diskMiB ?? DEFAULT_NODE_DISK_MIB), DISK_MIB),
    cpuPercent: clamp(Math.round((cores ?? DEFAULT_NODE_CORES) * 100), CPU_PERCENT),
    defaulted,
  };
}

/** The text a client gave for a spec field, as kept and replied: trimmed, bounded. */
export function specText(value: Loose): string {
  return String(value ?? '')
    .trim()
    .slice(0, MAX_SPEC_TEXT);
}

/** Skyport tags: a comma-separated string or an array of strings. */
export function parseTags(value: unknown): string[] | null {
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : null;
  if (!list || list.some((t) => typeof t !== 'string')) return null;
  return [...new Set((list as string[]).map((t) => t.trim()).filter(Boolean))];
}
