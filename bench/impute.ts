// Imputation benchmark (issue 16): `engraft hla impute` over the 11,000 WMDA MVT typings (1,000 patients +
// 10,000 donors, ../shared/data/wmda-mvt) with the CAU frequency set, as a whole process: start, load the
// IPD-IMGT/HLA release (binary cache warmed by a first run), the MAC dictionary and the set, impute every
// typing with all its genotypes (no --top), write the JSON lines. Builds the bundled CLI first (esbuild).
// Prints wall and CPU time per run, output size and genotype count, and the load average (shared machines).
// Usage: npm run bench -- impute [--runs N] [--top K]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { machineLine } from './_machine';
import { sharedDataDir } from './_sharedData';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
const top = args.includes('--top') ? ['--top', args[args.indexOf('--top') + 1] ?? '10'] : [];
const data = sharedDataDir();
const work = mkdtempSync(join(tmpdir(), 'engraft-bench-impute-'));
const input = join(work, 'mvt.txt');
writeFileSync(
  input,
  ['pat', 'don']
    .map((f) => gunzipSync(readFileSync(join(data, 'wmda-mvt', `${f}.gl.txt.gz`))).toString('utf8'))
    .join('')
);

const build = spawnSync(process.execPath, ['build.mjs'], { cwd: join(root, 'packages/cli'), stdio: 'inherit' });
if (build.status !== 0) throw new Error('building the CLI failed');

const cli = [
  join(root, 'packages/cli/bin/engraft.js'),
  'hla',
  'impute',
  '--freqs',
  join(data, 'freqs', 'CAU.freqs.gz'),
  '--imgt-dir',
  join(data, 'imgt', '3.58.0'),
  '--mac-file',
  join(data, 'mac', 'atlas-LargeMacDictionary.csv'),
  ...top,
];

interface Run {
  readonly wallMs: number;
  /** user + system CPU of the CLI process, and its peak RSS, from /usr/bin/time when the machine has it. */
  readonly cpuMs: number | undefined;
  readonly rssMiB: number | undefined;
}

const out = join(work, 'out.jsonl');
const timeFile = join(work, 'time.txt');
const gnuTime = existsSync('/usr/bin/time');

function run(): Run {
  const command = gnuTime ? '/usr/bin/time' : process.execPath;
  const argv = gnuTime ? ['-o', timeFile, '-f', '%U %S %M', process.execPath, ...cli] : cli;
  const t = performance.now();
  const r = spawnSync(command, argv, {
    stdio: [openSync(input, 'r'), openSync(out, 'w'), 'inherit'],
    env: { ...process.env, ENGRAFT_DATA_DIR: work },
  });
  const wallMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`engraft hla impute exited with ${r.status}`);
  if (!gnuTime) return { wallMs, cpuMs: undefined, rssMiB: undefined };
  const [user = NaN, sys = NaN, rssKb = NaN] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number);
  return { wallMs, cpuMs: (user + sys) * 1000, rssMiB: rssKb / 1024 };
}

console.log(machineLine());
console.log(
  `load average before: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`
);
run(); // warm-up: writes the release's binary cache into the temporary data directory
const results = Array.from({ length: runs }, run);
const lines = readFileSync(out, 'utf8').trim().split('\n');
const genotypes = lines.reduce((n, l) => n + ((JSON.parse(l) as { genotypes?: unknown[] }).genotypes?.length ?? 0), 0);
const errors = lines.filter((l) => l.includes('"error"')).length;
const size = Buffer.byteLength(lines.join('\n'));
console.log(
  `${lines.length} typings, ${errors} errors, ${genotypes.toLocaleString('en-US')} genotypes, ${(size / 2 ** 20).toFixed(0)} MiB of JSON lines`
);
for (const [i, r] of results.entries()) {
  const cpu =
    r.cpuMs === undefined ? '' : `, ${(r.cpuMs / 1000).toFixed(2)} s CPU, peak RSS ${r.rssMiB?.toFixed(0)} MiB`;
  console.log(`run ${i + 1}: ${(r.wallMs / 1000).toFixed(2)} s wall${cpu}`);
}
console.log(
  `load average after: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`
);
rmSync(work, { recursive: true, force: true });
