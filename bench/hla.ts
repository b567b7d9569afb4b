// HLA nomenclature benchmark (issue 3): reduce the WMDA MVT GL strings (1,000 patients + 10,000 donors,
// ../shared/data/wmda-mvt/*.gl.txt.gz) to lgx, G, P and S, single-threaded. Prints typings/s and alleles/s
// cold (new engine, empty caches), warm (per-allele tables built, result caches emptied) and with the
// result caches full, the cold figure "load the release + reduce the whole file", and peak memory.
// Usage: npm run bench -- hla [--imgt-dir DIR]
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createHlaEngine } from '../packages/hla/src/index';
import { loadImgtRelease, loadImgtReleaseCached } from '../packages/hla/src/node';
import type { HlaEngine, ReductionLevel } from '../packages/hla/src/index';
import { machineLine } from './_machine';
import { sharedDataDir } from './_sharedData';

const start = performance.now();
const args = process.argv.slice(2);
const dirArg = args.indexOf('--imgt-dir');
const dataDir = sharedDataDir();
const imgtDir = dirArg >= 0 ? (args[dirArg + 1] ?? '') : join(dataDir, 'imgt', '3.58.0');
const mvtDir = join(dataDir, 'wmda-mvt');

const typings: string[] = [];
for (const file of readdirSync(mvtDir)
  .filter((f) => f.endsWith('.gl.txt.gz'))
  .sort()) {
  for (const line of gunzipSync(readFileSync(join(mvtDir, file)))
    .toString('utf8')
    .split('\n')) {
    const gl = line.slice(line.indexOf('%') + 1).trim();
    if (gl) typings.push(gl);
  }
}
const alleles = typings.reduce((n, t) => n + t.split(/[/+~|^]/).length, 0);
const readMs = performance.now() - start;

const t0 = performance.now();
const release = loadImgtRelease(imgtDir);
const loadMs = performance.now() - t0;

function pass(engine: HlaEngine, level: ReductionLevel): number {
  const t = performance.now();
  let errors = 0;
  for (const gl of typings) {
    try {
      engine.reduce(gl, level);
    } catch {
      errors++;
    }
  }
  if (errors > 0) console.log(`  (${errors} typings failed to reduce at ${level})`);
  return performance.now() - t;
}

const rate = (n: number, ms: number): string => Math.round((n / ms) * 1000).toLocaleString('en-US');
console.log(machineLine());
console.log(
  `IMGT/HLA ${release.version}: ${typings.length} typings, ${alleles} allele names; reading the gz files took ${readMs.toFixed(0)} ms`
);
console.log(`release load (parse): ${loadMs.toFixed(0)} ms`);
const best = (runs: number[]): number => Math.min(...runs);
for (const level of ['lgx', 'G', 'P', 'S'] as const) {
  const engine = createHlaEngine({ release });
  const first = pass(engine, level);
  // Warm: the per-allele tables (lgx of each allele) are built, the result caches are emptied before each run.
  const warmRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    engine.clearCaches();
    warmRuns.push(pass(engine, level));
  }
  const cachedRuns: number[] = [];
  for (let i = 0; i < 5; i++) cachedRuns.push(pass(engine, level));
  const line = (label: string, ms: number): string =>
    `  ${label}: ${ms.toFixed(1)} ms, ${rate(typings.length, ms)} typings/s, ${rate(alleles, ms)} alleles/s`;
  console.log(`${level}:`);
  console.log(line('cold: first pass, new engine, empty caches', first));
  console.log(
    line('warm: result caches emptied, best of 5', best(warmRuns)) +
      ` (runs: ${warmRuns.map((r) => r.toFixed(0)).join(', ')} ms)`
  );
  console.log(line('same file again, result caches full, best of 5', best(cachedRuns)));
  if (level === 'lgx') console.log(`  cold total = release load + first pass: ${(loadMs + first).toFixed(0)} ms`);
}
console.log(
  `peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; heap used now: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`
);
console.log(`process wall time (tsx start excluded): ${(performance.now() - start).toFixed(0)} ms`);

// The optional binary cache (written on first use into the data directory): first load, then cached loads.
const cacheDir = mkdtempSync(join(tmpdir(), 'engraft-bench-hla-'));
const cacheMs: number[] = [];
for (let i = 0; i < 4; i++) {
  const t = performance.now();
  loadImgtReleaseCached(imgtDir, cacheDir);
  cacheMs.push(performance.now() - t);
}
rmSync(cacheDir, { recursive: true, force: true });
console.log(
  `release load with the binary cache: ${cacheMs[0]?.toFixed(0)} ms parsing and writing it, then ${cacheMs
    .slice(1)
    .map((m) => m.toFixed(0))
    .join(', ')} ms`
);
