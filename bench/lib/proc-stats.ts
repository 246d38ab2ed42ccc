/**
 * CPU time and RSS of another process (an API replica spawned by a bench), read from Linux's
 * /proc/<pid>: the bench cannot ask process.cpuUsage() of a program it did not fork with IPC.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export interface ProcSample {
  /** user + system CPU time so far, ms */
  cpuMs: number;
  rssBytes: number;
  /** performance.now() when sampled */
  at: number;
}

export function sampleProc(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: the fields after it start past the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return { cpuMs: (ticks / clockTicks()) * 1000, rssBytes: rssKb * 1024, at: performance.now() };
}

/** CPU between two samples, in % of one core. */
export function cpuPercent(a: ProcSample, b: ProcSample): number {
  return ((b.cpuMs - a.cpuMs) / (b.at - a.at)) * 100;
}

export const mib = (bytes: number) => bytes / 2 ** 20;
