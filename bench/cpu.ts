/**
 * Where the CPU went: the whole machine's busy share (a throughput phase that does not keep the
 * CPUs busy was limited by waiting, not work) and each of the run's processes' CPU time, from /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process CPU time in clock ticks of 1/100 s. */
const TICK_MS = 10;

export interface CpuReading {
  busy: number;
  total: number;
  /** CPU milliseconds so far of each watched process. */
  processes: Record<string, number>;
}

export function readCpu(pids: Record<string, number | undefined> = {}): CpuReading {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  const processes: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) if (pid !== undefined) processes[name] = processCpuMs(pid);
  return { busy: total - idle, total, processes };
}

export interface CpuUse {
  /** Share of all cores busy, 0–1. */
  busy: number;
  /** CPU milliseconds each watched process used. */
  processes: Record<string, number>;
}

export function cpuSince(since: CpuReading, pids: Record<string, number | undefined>): CpuUse {
  const now = readCpu(pids);
  const total = now.total - since.total;
  const processes: Record<string, number> = {};
  for (const [name, ms] of Object.entries(now.processes)) processes[name] = ms - (since.processes[name] ?? ms);
  return { busy: total > 0 ? (now.busy - since.busy) / total : 0, processes };
}

/** User and system time of one process (its threads included), in milliseconds; 0 once it is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; the fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** The process whose command line contains every one of `markers` (the dev server, found by its database file). */
export function findProcess(markers: string[]): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (markers.every((m) => cmdline.includes(m))) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}
