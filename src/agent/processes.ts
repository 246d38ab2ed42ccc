/**
 * The machine's processes and accounts for the inventory, read from /proc and /etc/passwd (Linux;
 * elsewhere both lists come back empty). No shell and no child process: plain file reads.
 */
import { promises as fs } from 'node:fs';
import { MAX_INVENTORY_PROCESSES, MAX_INVENTORY_USERS, MAX_PROCESS_COMMAND, type ProcessInfo, type SystemUserInfo } from '@libs/agent-protocol/protocol';

/** USER_HZ: the unit of /proc/<pid>/stat times; 100 on every Linux architecture Outpost runs on. */
const CLOCK_TICKS = 100;
/** Processes looked at per inventory (a machine with more is cut here, lowest pids first). */
const MAX_SCANNED = 8192;
const MAX_PASSWD_BYTES = 1024 * 1024;

/** /etc/passwd text → accounts (malformed lines skipped), at most `max`. */
export function parsePasswd(text: string, max = MAX_INVENTORY_USERS): SystemUserInfo[] {
  const out: SystemUserInfo[] = [];
  for (const line of text.split('\n')) {
    if (out.length >= max) break;
    if (!line || line.startsWith('#')) continue;
    const f = line.split(':');
    if (f.length < 7) continue;
    const uid = Number(f[2]);
    const gid = Number(f[3]);
    if (!f[0] || !Number.isInteger(uid) || !Number.isInteger(gid) || f[2] === '' || f[3] === '') continue;
    out.push({ name: f[0].slice(0, 64), uid, gid, home: f[5].slice(0, 256), shell: f[6].trim().slice(0, 256) });
  }
  return out;
}

/** The fields of /proc/<pid>/stat the inventory uses; null when malformed. `comm` may hold spaces and parentheses. */
export function parseStat(text: string): { comm: string; utime: number; stime: number; starttime: number } | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  // After ") ": state is field 3; utime 14, stime 15, starttime 22 → indexes 11, 12, 19 here.
  const rest = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  const starttime = Number(rest[19]);
  if (![utime, stime, starttime].every(Number.isFinite)) return null;
  return { comm: text.slice(open + 1, close), utime, stime, starttime };
}

/** /proc/<pid>/status → effective uid and resident memory in bytes. */
export function parseStatus(text: string): { uid: number | null; rssBytes: number } {
  const uid = /^Uid:\s+\d+\s+(\d+)/m.exec(text);
  const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  return { uid: uid ? Number(uid[1]) : null, rssBytes: rss ? Number(rss[1]) * 1024 : 0 };
}

/** NUL-separated argv → one line, bounded; kernel threads (empty cmdline) become `[comm]`. */
export function commandLine(cmdline: string, comm: string): string {
  const joined = cmdline
    .replace(/\0+$/, '')
    .replace(/\0/g, ' ')
    .replace(/[\r\n\t]/g, ' ')
    .trim();
  const text = joined || `[${comm}]`;
  return text.length > MAX_PROCESS_COMMAND ? `${text.slice(0, MAX_PROCESS_COMMAND - 1)}…` : text;
}

/** Average CPU since the process started, percent of one core, one decimal (as `ps` %cpu). */
export function lifetimeCpuPercent(utime: number, stime: number, starttime: number, uptimeSeconds: number): number {
  const elapsed = uptimeSeconds - starttime / CLOCK_TICKS;
  if (elapsed <= 0) return 0;
  return Math.round(((utime + stime) / CLOCK_TICKS / elapsed) * 1000) / 10;
}

/** The top `limit` by CPU (then memory), highest first. */
export function topProcesses(list: ProcessInfo[], limit = MAX_INVENTORY_PROCESSES): ProcessInfo[] {
  return [...list].sort((a, b) => b.cpuPercent - a.cpuPercent || b.memoryBytes - a.memoryBytes || a.pid - b.pid).slice(0, limit);
}

export async function systemUsers(): Promise<SystemUserInfo[]> {
  try {
    const handle = await fs.open('/etc/passwd', 'r');
    try {
      const buf = Buffer.alloc(MAX_PASSWD_BYTES);
      const { bytesRead } = await handle.read(buf, 0, MAX_PASSWD_BYTES, 0);
      return parsePasswd(buf.subarray(0, bytesRead).toString('utf8'));
    } finally {
      await handle.close();
    }
  } catch {
    return [];
  }
}

async function readProcess(pid: number, uptime: number, names: Map<number, string>): Promise<ProcessInfo | null> {
  try {
    const [stat, status, cmdline] = await Promise.all([fs.readFile(`/proc/${pid}/stat`, 'utf8'), fs.readFile(`/proc/${pid}/status`, 'utf8'), fs.readFile(`/proc/${pid}/cmdline`, 'utf8')]);
    const s = parseStat(stat);
    if (!s) return null;
    const { uid, rssBytes } = parseStatus(status);
    return {
      pid,
      uid: uid ?? -1,
      user: uid === null ? '?' : (names.get(uid) ?? String(uid)),
      command: commandLine(cmdline, s.comm),
      cpuPercent: lifetimeCpuPercent(s.utime, s.stime, s.starttime, uptime),
      memoryBytes: rssBytes,
    };
  } catch {
    return null; // exited while being read, or not readable
  }
}

/** The machine's processes, top MAX_INVENTORY_PROCESSES by CPU. */
export async function processes(users?: SystemUserInfo[]): Promise<ProcessInfo[]> {
  let pids: number[];
  let uptime: number;
  try {
    pids = (await fs.readdir('/proc'))
      .filter((n) => /^\d+$/.test(n))
      .map(Number)
      .sort((a, b) => a - b)
      .slice(0, MAX_SCANNED);
    uptime = Number((await fs.readFile('/proc/uptime', 'utf8')).split(' ')[0]);
  } catch {
    return []; // not Linux
  }
  const names = new Map((users ?? (await systemUsers())).map((u) => [u.uid, u.name]));
  const out: ProcessInfo[] = [];
  // Batches keep the number of open files bounded.
  for (let i = 0; i < pids.length; i += 64) {
    const batch = await Promise.all(pids.slice(i, i + 64).map((pid) => readProcess(pid, uptime, names)));
    for (const p of batch) if (p) out.push(p);
  }
  return topProcesses(out);
}
