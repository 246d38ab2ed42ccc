/**
 * Inventory and metrics of the machine, from Node's `os`, `fs.statfs`, /proc/mounts,
 * /proc/net/dev, /proc/<pid> and /etc/passwd (Linux; elsewhere the /proc parts come back empty/zero).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { resolve } from 'node:path';
import type { DiskInfo, InventoryEvent, MetricsEvent, NetworkInterfaceInfo, SystemInfo } from '@libs/agent-protocol/protocol';
import type { ContainerDriver } from '@libs/container-driver/container-driver';
import { ownedOnly, type OwnsContainer } from './ownership';
import { processes, systemUsers } from './processes';

/** Filesystems worth showing as disks (pseudo filesystems like proc/tmpfs/cgroup are left out). */
const DISK_FS = new Set(['ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'zfs', 'f2fs', 'overlay', 'vfat', 'exfat', 'ntfs', 'ntfs3', 'fuseblk', 'nfs', 'nfs4', 'cifs']);
const MAX_DISKS = 32;

let cachedOsName: string | null = null;
async function osName(): Promise<string> {
  if (cachedOsName) return cachedOsName;
  try {
    const text = await fs.readFile('/etc/os-release', 'utf8');
    const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text);
    cachedOsName = m?.[1] || os.type();
  } catch {
    cachedOsName = os.type();
  }
  return cachedOsName;
}

export async function systemInfo(): Promise<SystemInfo> {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    os: await osName(),
    platform: os.platform(),
    kernel: os.release(),
    arch: os.arch(),
    cpuCount: cpus.length || os.availableParallelism(),
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    memoryBytes: os.totalmem(),
  };
}

async function statDisk(mount: string): Promise<DiskInfo | null> {
  try {
    const s = await fs.statfs(mount);
    return { mount, totalBytes: s.blocks * s.bsize, freeBytes: s.bavail * s.bsize };
  } catch {
    return null;
  }
}

/** Real filesystems from /proc/mounts, one per device, plus the data dir's filesystem when not among them. */
export async function disks(dataDir: string): Promise<DiskInfo[]> {
  const mounts: string[] = [];
  const seenDevices = new Set<string>();
  try {
    for (const line of (await fs.readFile('/proc/mounts', 'utf8')).split('\n')) {
      const [device, mount, type] = line.split(' ');
      if (!device || !mount || !DISK_FS.has(type)) continue;
      // Bind mounts repeat a device; the first (shortest, usually) mount point names it.
      if (seenDevices.has(device)) continue;
      seenDevices.add(device);
      mounts.push(mount.replace(/\\040/g, ' '));
    }
  } catch {
    /* not Linux */
  }
  const dir = resolve(dataDir);
  const holder = mounts.filter((m) => dir === m || dir.startsWith(m.endsWith('/') ? m : `${m}/`)).sort((a, b) => b.length - a.length)[0];
  if (!holder) mounts.unshift(dir);
  const out = await Promise.all(mounts.slice(0, MAX_DISKS).map(statDisk));
  return out.filter((d): d is DiskInfo => d !== null);
}

export function networkInterfaces(): NetworkInterfaceInfo[] {
  return Object.entries(os.networkInterfaces()).map(([name, addrs]) => ({
    name,
    addresses: (addrs ?? []).map((a) => ({ address: a.address, family: a.family, internal: a.internal })),
  }));
}

/** `owns` narrows the containers to this agent's (another agent may share the Docker host). */
export async function inventory(driver: ContainerDriver, dataDir: string, owns: OwnsContainer): Promise<InventoryEvent> {
  const users = await systemUsers();
  const [system, disk, docker, containers, procs] = await Promise.all([
    systemInfo(),
    disks(dataDir),
    driver.version().then(
      (v) => ({ version: v.version, apiVersion: v.apiVersion }),
      () => null,
    ),
    driver
      .list({ all: true, onlyOutpost: true })
      .then((list) => ownedOnly(list, owns))
      .catch(() => null),
    processes(users).catch(() => []),
  ]);
  // A failed list is not an empty node: report the runtime as unknown so nothing is concluded from it.
  return { system, disks: disk, network: networkInterfaces(), docker: containers ? docker : null, containers: containers ?? [], processes: procs, systemUsers: users };
}

/** Cumulative rx/tx bytes over non-loopback interfaces. */
export async function networkCounters(): Promise<{ rx: number; tx: number }> {
  let rx = 0;
  let tx = 0;
  try {
    const lines = (await fs.readFile('/proc/net/dev', 'utf8')).split('\n').slice(2);
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      if (name === 'lo') continue;
      const f = line
        .slice(colon + 1)
        .trim()
        .split(/\s+/);
      rx += Number(f[0]) || 0;
      tx += Number(f[8]) || 0;
    }
  } catch {
    /* not Linux */
  }
  return { rx, tx };
}

/** MemAvailable counts reclaimable cache as free, unlike os.freemem() on older kernels' MemFree. */
async function memoryUsed(): Promise<number> {
  const total = os.totalmem();
  try {
    const m = /^MemAvailable:\s+(\d+) kB/m.exec(await fs.readFile('/proc/meminfo', 'utf8'));
    if (m) return total - Number(m[1]) * 1024;
  } catch {
    /* not Linux */
  }
  return total - os.freemem();
}

function cpuTimes(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total };
}

/** Keeps the previous CPU sample so each call reports use since the last one. */
export class MetricsSampler {
  private prev = cpuTimes();

  constructor(private readonly dataDir: string) {}

  async sample(): Promise<MetricsEvent> {
    const now = cpuTimes();
    const dTotal = now.total - this.prev.total;
    const dIdle = now.idle - this.prev.idle;
    this.prev = now;
    const cpuPercent = dTotal > 0 ? Math.round(Math.min(100, Math.max(0, (1 - dIdle / dTotal) * 100)) * 10) / 10 : 0;
    const [mem, disk, net] = await Promise.all([memoryUsed(), statDisk(this.dataDir), networkCounters()]);
    const [l1, l5, l15] = os.loadavg();
    return {
      time: new Date().toISOString(),
      cpuPercent,
      memoryUsedBytes: mem,
      memoryTotalBytes: os.totalmem(),
      diskUsedBytes: disk ? disk.totalBytes - disk.freeBytes : 0,
      diskTotalBytes: disk?.totalBytes ?? 0,
      load: [l1, l5, l15],
      networkRxBytes: net.rx,
      networkTxBytes: net.tx,
    };
  }
}
