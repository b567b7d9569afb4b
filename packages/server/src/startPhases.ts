// Where a server start spends its time (issue 15 §4): with ENGRAFT_START_PHASES=1 the start writes one line to
// stderr per phase, its wall and CPU milliseconds since the process began (performance.now() counts from the
// process's start, so module loading is included) and since the previous mark. CPU time (process.cpuUsage)
// is what a loaded machine disturbs least. Names only: no data.

export interface StartPhases {
  mark(phase: string): void;
}

const NONE: StartPhases = { mark: () => undefined };

export function startPhases(enabled = process.env.ENGRAFT_START_PHASES === '1'): StartPhases {
  if (!enabled) return NONE;
  let lastWall = 0;
  let lastCpu = 0;
  return {
    mark(phase: string): void {
      const wall = performance.now();
      const cpu = process.cpuUsage();
      const cpuMs = (cpu.user + cpu.system) / 1000;
      process.stderr.write(
        `engraft start phase: ${phase.padEnd(28)} wall ${wall.toFixed(0).padStart(6)} ms (+${(wall - lastWall).toFixed(0)})` +
          `  cpu ${cpuMs.toFixed(0).padStart(6)} ms (+${(cpuMs - lastCpu).toFixed(0)})\n`
      );
      lastWall = wall;
      lastCpu = cpuMs;
    },
  };
}
