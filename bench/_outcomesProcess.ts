// Whole-process timing of `engraft outcomes km|cif` on a CSV file (issue 15 §2): what a user waits for, start-up,
// file reading and JSON output included. Spawns the built CLI (bin/engraft.js → dist/engraft-outcomes.js) under
// /usr/bin/time for CPU time and peak memory when it exists; R's figure beside it when Rscript is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './_server';

export interface Columns {
  time: Float64Array;
  status: Uint8Array;
  cause: Uint8Array;
  group: string[];
}

/** Writes the subjects as `id,t,e,cause,g` (time with up to 6 decimals, or whole days). */
export function writeCsv(file: string, d: Columns): void {
  const lines: string[] = ['id,t,e,cause,g'];
  for (let i = 0; i < d.time.length; i++) {
    lines.push(`${i + 1},${Number(d.time[i]!.toFixed(6))},${d.status[i]},${d.cause[i]},${d.group[i]}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

interface Run {
  wallMs: number;
  cpuMs?: number;
  maxRssMb?: number;
}

const TIME = '/usr/bin/time';

function runOnce(cmd: string, args: string[]): Run {
  const useTime = existsSync(TIME);
  const t0 = performance.now();
  const r = spawnSync(useTime ? TIME : cmd, useTime ? ['-f', '%U %S %M', cmd, ...args] : args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  if (!useTime) return { wallMs };
  const last = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wallMs, cpuMs: (last[0]! + last[1]!) * 1000, maxRssMb: last[2]! / 1024 };
}

/** Runs a command `reps` times and prints the median wall and CPU time and the largest peak RSS. */
export function timeProcess(label: string, cmd: string, args: string[], reps = 3): void {
  const runs = Array.from({ length: reps }, () => runOnce(cmd, args));
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const wall = med(runs.map((r) => r.wallMs));
  const cpu = runs[0]!.cpuMs === undefined ? '' : `, CPU median ${med(runs.map((r) => r.cpuMs!)).toFixed(0)} ms`;
  const rss =
    runs[0]!.maxRssMb === undefined ? '' : `, peak RSS ${Math.max(...runs.map((r) => r.maxRssMb!)).toFixed(0)} MB`;
  console.log(
    `${label.padEnd(44)} wall median ${wall.toFixed(0).padStart(5)} ms, min ${Math.min(...runs.map((r) => r.wallMs)).toFixed(0)} ms${cpu}${rss}  (${reps} runs, load ${os.loadavg()[0]!.toFixed(1)})`
  );
}

/** The CLI's arguments: JSON output, or the readable text (`text`) as printed without --json. */
export function cliArgs(kind: 'km' | 'cif', csv: string, text = false): string[] {
  const bin = path.join(ROOT, 'packages/cli/bin/engraft.js');
  const json = text ? [] : ['--json'];
  return kind === 'km'
    ? [bin, 'outcomes', 'km', '--csv', csv, '--time', 't', '--event', 'e', '--group', 'g', ...json]
    : [bin, 'outcomes', 'cif', '--csv', csv, '--time', 't', '--cause', 'cause', '--group', 'g', ...json];
}

/** R's equivalent (read.csv + survfit + survdiff, or cuminc), if Rscript is installed. */
export function rScript(kind: 'km' | 'cif', csv: string): string[] | undefined {
  try {
    execFileSync('Rscript', ['--version'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const code =
    kind === 'km'
      ? `library(survival); d <- read.csv("${csv}"); f <- survfit(Surv(t, e) ~ g, data = d); s <- summary(f); x <- survdiff(Surv(t, e) ~ g, data = d)`
      : `library(cmprsk); d <- read.csv("${csv}"); x <- cuminc(d$t, d$cause, d$g)`;
  return ['-e', code];
}
