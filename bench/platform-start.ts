// Cold start of `engraft serve --demo` on the embedded database: the first start on an empty data directory
// (from the build's pre-initialised demo image, ADR 0015) and restarts with the demo already seeded.
// Target (issues 2 and 15 §4): under 3 s each. Usage: npm run build && npm run bench -- platform-start [runs]
// Besides wall time to the first answer of /api/v1/health, it prints the server process's CPU time at that moment
// (from /proc: far less disturbed by other load than wall time) and the load average, and with --phases the
// server's own per-phase wall/CPU lines (ENGRAFT_START_PHASES=1, runtime.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuSeconds } from './_cpu';
import { machineLine } from './_machine';
import { requireBuild, spawnServer } from './_server';

requireBuild();
const phases = process.argv.includes('--phases');
const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'engraft-bench-start-'));
// Offline, as the measurement is of the start alone (no background release download, ADR 0412).
const env = {
  ENGRAFT_DATA_DIR: dataDir,
  ENGRAFT_REFERENCE_FETCH: 'off',
  ...(phases ? { ENGRAFT_START_PHASES: '1' } : {}),
};
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function start(): Promise<{ wallMs: number; cpuMs: number }> {
  const s = await spawnServer(env, ['--demo']);
  const cpuMs = cpuSeconds(s.proc.pid!) * 1000;
  await s.stop();
  return { wallMs: s.readyMs, cpuMs };
}

try {
  console.log(`load average before: ${load()}`);
  const first = await start();
  console.log(
    `first start (empty data directory: the database from the demo image, or created and seeded): wall ${Math.round(first.wallMs)} ms, server CPU ${Math.round(first.cpuMs)} ms (load average ${load()})`
  );
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await start();
    wall.push(r.wallMs);
    cpu.push(r.cpuMs);
  }
  console.log(
    `restart, demo already seeded (${runs} runs): wall median ${Math.round(median(wall))} ms (min ${Math.round(Math.min(...wall))}, max ${Math.round(Math.max(...wall))}), server CPU median ${Math.round(median(cpu))} ms (load average ${load()})`
  );
  console.log(`machine: ${machineLine()}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
