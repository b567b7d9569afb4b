// Cold start of `engraft serve` on the embedded database with the demo programme already seeded.
// Target (issue 2): under 3 s. Usage: npm run build && npm run bench -- platform-start [runs]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machineLine } from './_machine';
import { requireBuild, spawnServer } from './_server';

requireBuild();
const runs = Number(process.argv[2] ?? 5);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'engraft-bench-start-'));
// Offline, as the measurement is of the start alone (no background release download, ADR 0412).
const env = { ENGRAFT_DATA_DIR: dataDir, ENGRAFT_REFERENCE_FETCH: 'off' };
try {
  const first = await spawnServer(env, ['--demo']);
  console.log(`first start (creates the database and seeds the demo): ${Math.round(first.readyMs)} ms`);
  await first.stop();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = await spawnServer(env, ['--demo']);
    times.push(s.readyMs);
    await s.stop();
  }
  times.sort((a, b) => a - b);
  const med = times[Math.floor(times.length / 2)]!;
  console.log(
    `cold start, demo already seeded (${runs} runs): median ${Math.round(med)} ms, min ${Math.round(times[0]!)} ms, max ${Math.round(times.at(-1)!)} ms`
  );
  console.log(`machine: ${machineLine()}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
