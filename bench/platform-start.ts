// Cold start of `engraft serve --demo` on the embedded database: the first start on an empty data directory
// (from the build's pre-initialised demo image, ADR 0015) and restarts with the demo already seeded.
// Target (issues 2 and 15 §4): under 3 s each. Usage: npm run build && npm run bench -- platform-start [runs]
// [--first N] [--phases]. Besides wall time to the first answer of /api/v1/health, it prints the server process's
// CPU time at that moment (from /proc: far less disturbed by other load than wall time), its main thread's CPU
// time (the start's critical path: work on other threads, such as the image unpacking or V8's compiler threads,
// overlaps it) and the load average; --first N makes N first starts (each on a new empty directory) instead of
// one; with --phases the server's own per-phase lines (ENGRAFT_START_PHASES=1, runtime.ts). ENGRAFT_BENCH_CLI
// names another build's engraft.js for interleaved A/B runs (bench/_server.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuSeconds } from './_cpu';
import { machineLine } from './_machine';
import { CLI_DIST, requireBuild, spawnServer } from './_server';

requireBuild();
const phases = process.argv.includes('--phases');
const firstAt = process.argv.indexOf('--first');
const firsts = firstAt > 0 ? Number(process.argv[firstAt + 1]) : 1;
const runs = Number(process.argv.slice(2).find((a, i, all) => /^\d+$/.test(a) && all[i - 1] !== '--first') ?? 5);
const root = mkdtempSync(path.join(os.tmpdir(), 'engraft-bench-start-'));
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** CPU milliseconds of a process's main thread (its task whose id is the pid), 10 ms ticks. */
function mainThreadCpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) * 10;
  } catch {
    return 0;
  }
}

interface Run {
  wallMs: number;
  cpuMs: number;
  mainMs: number;
}

async function start(dataDir: string): Promise<Run> {
  // Offline, as the measurement is of the start alone (no background release download, ADR 0412).
  const env = {
    ENGRAFT_DATA_DIR: dataDir,
    ENGRAFT_REFERENCE_FETCH: 'off',
    ...(phases ? { ENGRAFT_START_PHASES: '1' } : {}),
  };
  const s = await spawnServer(env, ['--demo']);
  const cpuMs = cpuSeconds(s.proc.pid!) * 1000;
  const mainMs = mainThreadCpuMs(s.proc.pid!);
  await s.stop();
  return { wallMs: s.readyMs, cpuMs, mainMs };
}

const summary = (rs: Run[]) => {
  const pick = (k: keyof Run) => Math.round(median(rs.map((r) => r[k])));
  const wall = rs.map((r) => Math.round(r.wallMs));
  return (
    `wall median ${pick('wallMs')} ms (${wall.join(' / ')}), server CPU median ${pick('cpuMs')} ms, ` +
    `main thread CPU median ${pick('mainMs')} ms (load average ${load()})`
  );
};

try {
  console.log(`build: ${CLI_DIST}`);
  console.log(`load average before: ${load()}`);
  const first: Run[] = [];
  for (let i = 0; i < firsts; i++) first.push(await start(path.join(root, `first-${i}`)));
  console.log(
    `first start (empty data directory: the database from the demo image, or created and seeded; ${firsts} runs): ${summary(first)}`
  );
  const restarts: Run[] = [];
  for (let i = 0; i < runs; i++) restarts.push(await start(path.join(root, 'first-0')));
  if (runs > 0) console.log(`restart, demo already seeded (${runs} runs): ${summary(restarts)}`);
  console.log(`machine: ${machineLine()}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
