// The probability ranking alone, A/B against another checkout in the same process (issue 16, ADR 0411): a
// synthetic registry of N donors generated as donors-prob does (RegistryGenerator, seed 16, 5 % cord units),
// indexed and searched at 10/10 with up to 2 mismatches (adult donors) for the first WMDA MVT patients; the
// candidates of the classes a 200-hit page reaches are collected once (`--cache FILE` keeps them in a JSON file
// outside the repository, so a 10 M registry is generated once). Then each patient is ranked cold (imputer caches
// cleared, a new ImputationCache) with this checkout's `rankByProbability`, and with `--against DIR` also with
// DIR's (another worktree: DIR/packages/donors/src/index.ts), the two in alternating order by patient; the pages
// must be identical (order and every probability, compared as JSON). Reports ranking CPU time (process.cpuUsage,
// user + system) and wall time per search, p50 / p95 / max, for both, and the garbage collection pauses that
// fell within each side's rankings (perf_hooks 'gc' entries, summed; the collector may collect one side's
// garbage during the other's ranking, so read it as a trend).
// Usage: npm run bench -- donors-prob-rank [count=1000000] [--patients 100] [--cache FILE] [--against DIR]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { createHlaEngine } from '@engraft/hla';
import { loadImgtRelease, loadMacFile } from '@engraft/hla/node';
import * as here from '@engraft/donors';
import type { RankCandidate } from '@engraft/donors';
import { machineLine } from './_machine';
import { sharedDataDir } from './_sharedData';

type Donors = typeof here;
const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const count = Number(
  (args.find((a, i) => /^\d[\d_]*$/.test(a) && !args[i - 1]?.startsWith('--')) ?? '1000000').replaceAll('_', '')
);
const patientsN = Number(option('--patients') ?? 100);
const cacheFile = option('--cache');
const against = option('--against');
const data = sharedDataDir();
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
console.log(`probability ranking: ${count.toLocaleString('en')} donors, ${patientsN} WMDA patients, cold`);
console.log(`${machineLine()}; load average ${load()}`);
const engine = createHlaEngine({
  release: loadImgtRelease(join(data, 'imgt/3.58.0')),
  macs: loadMacFile(join(data, 'mac/atlas-LargeMacDictionary.csv')),
  options: { cacheSize: 1_000_000 },
});
const freqsText = here.readTextFile(join(data, 'freqs/CAU.freqs.gz'));

interface Case {
  readonly typing: string;
  readonly candidates: RankCandidate[];
}

async function collect(): Promise<Case[]> {
  const gen = new here.RegistryGenerator({
    engine,
    freqs: freqsText,
    ciwd: here.readTextFile(join(data, 'ciwd/ciwd.3.0.0.csv')),
    seed: 16,
    cordShare: 0.05,
    idPrefix: 'DEMO',
  });
  const index = new here.DonorIndex({ engine });
  const writer = index.writer({ assumeNewIds: true });
  for (let done = 0; done < count; done += 50_000) {
    const errors = writer.upsert([...gen.take(Math.min(50_000, count - done))]);
    if (errors.length > 0) throw new Error(`generated donor refused: ${JSON.stringify(errors[0])}`);
  }
  writer.commit();
  const typings = gunzipSync(readFileSync(join(data, 'wmda-mvt/pat.gl.txt.gz')))
    .toString('utf8')
    .trim()
    .split('\n')
    .slice(0, patientsN)
    .map((line) => line.slice(line.indexOf('%') + 1));
  const pool = new here.DonorSearchPool(index, { threads: 2 });
  const cases: Case[] = [];
  for (const typing of typings) {
    const result = await pool.search({ typing }, { loci: 10, maxMismatches: 2, donorKinds: ['adult'] });
    cases.push({ typing, candidates: here.classCandidates(result, 200).candidates });
  }
  await pool.close();
  return cases;
}

let cases: Case[];
if (cacheFile && existsSync(cacheFile)) {
  cases = (JSON.parse(readFileSync(cacheFile, 'utf8')) as Case[]).slice(0, patientsN);
} else {
  cases = await collect();
  if (cacheFile) writeFileSync(cacheFile, JSON.stringify(cases));
}

interface Side {
  readonly name: string;
  readonly donors: Donors;
  readonly imputer: here.Imputer;
  readonly cpu: number[];
  readonly wall: number[];
  /** The [start, end] of each ranking on the performance.now() clock, to attribute GC entries. */
  readonly spans: [number, number][];
}
const side = (name: string, donors: Donors): Side => ({
  name,
  donors,
  imputer: new donors.Imputer({ set: donors.parseFrequencySet(freqsText), engine }),
  cpu: [],
  wall: [],
  spans: [],
});
const sides = [side('this checkout', here)];
if (against) sides.push(side(against, (await import(join(against, 'packages/donors/src/index.ts'))) as Donors));
const gcs: { start: number; duration: number }[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, duration: e.duration });
});
gcObserver.observe({ entryTypes: ['gc'] });
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** One cold ranking; the page as JSON, or undefined when the set cannot explain the patient. */
function rank(s: Side, c: Case): string | undefined {
  s.imputer.clearCaches();
  let patient;
  try {
    const r = s.imputer.impute(c.typing);
    patient = { loci: s.imputer.loci, genotypes: r.genotypes, truncatedMass: r.truncatedMass };
  } catch {
    return undefined;
  }
  const u0 = cpuNow();
  const t0 = performance.now();
  const cache = new s.donors.ImputationCache(s.imputer, 2000);
  const r = s.donors.rankByProbability(patient, cache, c.candidates, { scope: 10, pageSize: 200 });
  const t1 = performance.now();
  s.spans.push([t0, t1]);
  s.wall.push(t1 - t0);
  s.cpu.push(cpuNow() - u0);
  return JSON.stringify(r.order.slice(0, 200).map((i) => [i, r.probabilities.get(i)]));
}

let differ = 0;
cases.forEach((c, k) => {
  const pages = (k % 2 === 0 ? sides : [...sides].reverse()).map((s) => rank(s, c));
  if (pages.some((p) => p !== pages[0])) {
    differ++;
    console.log(`patient ${k}: the pages differ`);
  }
});
const q = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0).toFixed(0);
};
// GC entries are delivered once the event loop turns: let it.
await new Promise((resolve) => setTimeout(resolve, 50));
gcObserver.disconnect();
const gcMs = (s: Side) =>
  gcs.filter((g) => s.spans.some(([a, b]) => g.start >= a && g.start <= b)).reduce((sum, g) => sum + g.duration, 0);
for (const s of sides) {
  console.log(
    `${s.name}: ranking CPU p50 / p95 / max ${q(s.cpu, 0.5)} / ${q(s.cpu, 0.95)} / ${q(s.cpu, 1)} ms (sum ${s.cpu.reduce((a, b) => a + b, 0).toFixed(0)} ms); wall ${q(s.wall, 0.5)} / ${q(s.wall, 0.95)} / ${q(s.wall, 1)} ms; GC pauses ${gcMs(s).toFixed(0)} ms; ${s.cpu.length} rankings`
  );
}
console.log(`pages differing: ${differ} of ${cases.length}; load average ${load()}`);
if (differ > 0) process.exitCode = 1;
