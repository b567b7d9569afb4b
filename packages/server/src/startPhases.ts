// Where a server start spends its time (issue 15 §4): with ENGRAFT_START_PHASES=1 the start writes one line to
// stderr per phase, its wall and CPU milliseconds since the process began (performance.now() counts from the
// process's start, so module loading is included) and since the previous mark. CPU time (process.cpuUsage)
// is what a loaded machine disturbs least; it counts every thread of the process (V8's compiler threads, the
// image-unpacking worker), so on Linux the main thread's own CPU time follows (`main`, from /proc, 10 ms ticks):
// the work that other threads do beside it is off the start's critical path. Names only: no data.
import { readFileSync } from 'node:fs';

export interface StartPhases {
  mark(phase: string): void;
}

const NONE: StartPhases = { mark: () => undefined };

/** CPU milliseconds of this process's main thread (Linux), or undefined where /proc cannot tell. */
export function mainThreadCpuMs(): number | undefined {
  try {
    const raw = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // After the command name (in parentheses): [11] utime, [12] stime, in clock ticks (USER_HZ = 100).
    const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(f[11]) + Number(f[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

export function startPhases(enabled = process.env.ENGRAFT_START_PHASES === '1'): StartPhases {
  if (!enabled) return NONE;
  let lastWall = 0;
  let lastCpu = 0;
  let lastMain = 0;
  return {
    mark(phase: string): void {
      const wall = performance.now();
      const cpu = process.cpuUsage();
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const mainMs = mainThreadCpuMs();
      const main =
        mainMs === undefined ? '' : `  main ${mainMs.toFixed(0).padStart(6)} ms (+${(mainMs - lastMain).toFixed(0)})`;
      process.stderr.write(
        `engraft start phase: ${phase.padEnd(28)} wall ${wall.toFixed(0).padStart(6)} ms (+${(wall - lastWall).toFixed(0)})` +
          `  cpu ${cpuMs.toFixed(0).padStart(6)} ms (+${(cpuMs - lastCpu).toFixed(0)})${main}\n`
      );
      lastWall = wall;
      lastCpu = cpuMs;
      lastMain = mainMs ?? 0;
    },
  };
}
