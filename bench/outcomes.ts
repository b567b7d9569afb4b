// Benchmark for issue 5: Kaplan–Meier with 2 groups + log-rank, and cumulative incidence with 2 causes,
// on 1,000,000 synthetic subjects, single-threaded; then (issue 15 §2) `engraft outcomes km|cif` as whole
// processes on the same subjects written to CSV (needs `npm run build`).
// `npm run bench -- outcomes [n] [--process-only]`.
// Two time scales: continuous times (≈ all distinct, the worst case for table size) and whole days 0–3650
// (the realistic case for transplant follow-up, heavy ties).
import { performance } from 'node:perf_hooks';
import { compareSurvival, cumulativeIncidence, grayTest, kaplanMeier, logRank } from '@engraft/outcomes';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machineLine } from './_machine';
import { cliArgs, rScript, timeProcess, writeCsv } from './_outcomesProcess';
import { requireBuild } from './_server';

const args = process.argv.slice(2);
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
// --process-only: skip the in-process timings, time the whole CLI processes only.
const processOnly = args.includes('--process-only');

function rng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

function synth(days: boolean): { time: Float64Array; status: Uint8Array; cause: Uint8Array; group: string[] } {
  const random = rng(42);
  const time = new Float64Array(n);
  const status = new Uint8Array(n);
  const cause = new Uint8Array(n);
  const group = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const g = i % 2;
    const t1 = -Math.log(random()) / (g ? 0.0008 : 0.001); // relapse-like
    const t2 = -Math.log(random()) / 0.0005; // NRM-like
    const c = random() * 3650; // administrative censoring
    const t = Math.min(t1, t2, c);
    time[i] = days ? Math.floor(t) : t;
    cause[i] = t === c ? 0 : t === t1 ? 1 : 2;
    status[i] = cause[i]! > 0 ? 1 : 0;
    group[i] = g ? 'B' : 'A';
  }
  return { time, status, cause, group };
}

// Wall time is what a user waits; CPU time (this process only) is less distorted when other jobs share the
// cores, so both are printed. Medians over the runs; the first run includes JIT warm-up.
function timeIt<T>(label: string, f: () => T, reps = 5): T {
  let out: T | undefined;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    out = f();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const med = (xs: number[]): string => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.floor(xs.length / 2)]!.toFixed(0).padStart(5);
  };
  const min = (xs: number[]): string =>
    Math.min(...xs)
      .toFixed(0)
      .padStart(5);
  console.log(
    `${label.padEnd(52)} wall median ${med(wall)} ms, min ${min(wall)} ms | cpu median ${med(cpu)} ms, min ${min(cpu)} ms  (${reps} runs)`
  );
  return out!;
}

console.log(`outcomes benchmark, n = ${n.toLocaleString('en-US')} subjects, 2 groups`);
console.log(machineLine());
for (const days of processOnly ? [] : [false, true]) {
  const d = synth(days);
  console.log(`\n${days ? 'whole days 0-3650 (ties)' : 'continuous times (no ties)'}`);
  timeIt('KM, 2 groups (log CI, medians)', () => kaplanMeier({ time: d.time, status: d.status, group: d.group }));
  timeIt('log-rank, 2 groups', () => logRank({ time: d.time, status: d.status, group: d.group }));
  timeIt('KM, 2 groups + log-rank', () => [
    kaplanMeier({ time: d.time, status: d.status, group: d.group }),
    logRank({ time: d.time, status: d.status, group: d.group }),
  ]);
  timeIt('compareSurvival: KM 2 groups + log-rank, one sort', () =>
    compareSurvival({ time: d.time, status: d.status, group: d.group })
  );
  timeIt('CIF, 2 causes, 1 group (with variance)', () => cumulativeIncidence({ time: d.time, cause: d.cause }));
  timeIt('CIF, 2 causes, 2 groups (with variance)', () =>
    cumulativeIncidence({ time: d.time, cause: d.cause, group: d.group })
  );
  timeIt("Gray's test, 2 causes, 2 groups", () => grayTest({ time: d.time, cause: d.cause, group: d.group }), 3);
}

// Whole processes: what `engraft outcomes km|cif --csv F … [--json]` costs a user, start-up and file included.
requireBuild();
const dir = mkdtempSync(path.join(os.tmpdir(), 'engraft-bench-outcomes-'));
try {
  console.log('\nwhole processes (node packages/cli/bin/engraft.js outcomes …, JSON or text output to /dev/null)');
  for (const days of [true, false]) {
    const csv = path.join(dir, days ? 'days.csv' : 'continuous.csv');
    writeCsv(csv, synth(days));
    console.log(
      `${days ? 'whole days 0-3650' : 'continuous times'}: ${csv.split('/').at(-1)}, ${(statSync(csv).size / 2 ** 20).toFixed(0)} MB`
    );
    for (const kind of ['km', 'cif'] as const) {
      timeProcess(`engraft outcomes ${kind} --json`, process.execPath, cliArgs(kind, csv));
      timeProcess(`engraft outcomes ${kind} (text)`, process.execPath, cliArgs(kind, csv, true));
      const r = rScript(kind, csv);
      if (r) timeProcess(`R (${kind === 'km' ? 'read.csv + survfit + survdiff' : 'read.csv + cuminc'})`, 'Rscript', r);
      else console.log('  (Rscript not installed: no R figure)');
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
