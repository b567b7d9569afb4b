// CPU time of processes from /proc (Linux), so a benchmark can say where the work goes per request, a figure
// that other load on the machine disturbs much less than latency does.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function statFields(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: split after it.
    return raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds a process has used so far (0 once it is gone). */
export function cpuSeconds(pid: number): number {
  const f = statFields(pid);
  // After the command: [0] state, [1] ppid, … [11] utime, [12] stime.
  return f ? (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND : 0;
}

/**
 * CPU seconds of a process and its children (a PostgreSQL postmaster and its backends): the live ones, and the
 * ones that have exited (the pool closes idle connections), which the kernel adds to the parent's
 * cutime/cstime.
 */
export function treeCpuSeconds(rootPid: number): number {
  const f = statFields(rootPid);
  // [13] cutime, [14] cstime: children already waited for.
  let total = cpuSeconds(rootPid) + (f ? (Number(f[13]) + Number(f[14])) / TICKS_PER_SECOND : 0);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(Number(entry));
    if (f && Number(f[1]) === rootPid) total += (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND;
  }
  return total;
}

/** The postmaster pid of a cluster data directory. */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
}
