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
 * - ram / disk (nodes): gigabytes, as Skyport's node form labels them; memoryMiB = ram × 1024,
 *   diskMiB = disk × 1024.
 * - processor (nodes): number of cores ("4", "4 cores", "8 vCPU"); cpuPercent = cores × 100.
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

/** Skyport tags: a comma-separated string or an array of strings. */
export function parseTags(value: unknown): string[] | null {
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : null;
  if (!list || list.some((t) => typeof t !== 'string')) return null;
  return [...new Set((list as string[]).map((t) => t.trim()).filter(Boolean))];
}
