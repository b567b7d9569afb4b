// Probability search at scale (issue 16 "Speed and memory", ADR 0411): a synthetic registry of N donors sampled
// from ../shared/data/freqs/CAU.freqs.gz by the demo registry generator (RegistryGenerator, 5 % cord units),
// indexed, then 100 WMDA MVT patients (../shared/data/wmda-mvt/pat.gl.txt.gz) searched at 10/10 with up to 2
// mismatches (adult donors) and the first page of 200 hits exactly ranked by probability, as the server's
// `rankedByProbability` does: patient imputed, every hit of the classes the page reaches collected, each distinct
// donor typing imputed once per search (top 2,000 genotypes), joint probabilities pruned by the union bound.
// Donor imputations are not precomputed (ADR 0411: nearly every donor typing is distinct, the count is
// printed): the index build time is the whole build. Imputation runs on haplotype ids (ADR 0411); every search
// is cold: a new ImputationCache and the imputer's name and locus-constraint caches cleared before each.
// The ranking's candidates are read with `classCandidates` (class, potential positions, typing; no hit
// materialized) and only the page's hits are materialized, as the server does. A/B in the same minutes: each
// search also collects the candidates the previous way (every hit of the classes materialized as a SearchHit,
// 2,000 at a time), checks that both give the same candidates, and reports both times (`--no-ab` skips it).
// Distinct typings are counted exactly over the first 1,000,000 donors only (a Set of every typing string
// would take several GB at 40 M).
// The ranking runs as the server runs it on a registry of 5 M donors or more: its typings scored on a
// RankPool of `--rank-threads` worker threads (default 2; 0: in the main thread, as before; ADR 0411), the
// workers' imputer caches cleared too before each cold search. CPU time counts every thread of the process.
// Usage: npm run bench -- donors-prob [count=1000000] [--patients 100] [--page 200] [--threads 2] [--warm] [--no-ab]
//   [--gen-workers N] [--no-rank-ab] [--rank-threads 2]
// Ranking A/B (issue 16, ADR 0411; `--no-rank-ab` skips it): each search also ranks with the typing bound off
// (every member of the classes imputed, the previous ranking), in turn before and after, each cold, checks the
// same page (order and probabilities), and reports CPU time (process.cpuUsage: user + system, all threads) per
// search both ways, imputations per search and those the typing bound skipped. Each ranking of the A/B also
// starts with the HLA engine's name caches cleared (both equally cold; without the A/B they stay warm).
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { createHlaEngine } from '@engraft/hla';
import { loadImgtRelease, loadMacFile } from '@engraft/hla/node';
import {
  DonorIndex,
  DonorSearchPool,
  ImputationCache,
  classCandidates,
  Imputer,
  RankPool,
  RegistryGenerator,
  parseFrequencySet,
  rankByProbability,
  rankByProbabilityOn,
  readTextFile,
  typingToGl,
} from '@engraft/donors';
import type { DonorRecord, RankCandidate, SearchCriteriaInput, SearchHit, SearchResult } from '@engraft/donors';
import { machineLine } from './_machine';
import { sharedDataDir } from './_sharedData';
import { type One, report } from './_donorsProbReport';

const args = process.argv.slice(2);
const flag = (name: string, def: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const count = Number((args.find((a) => /^\d[\d_]*$/.test(a)) ?? '1000000').replaceAll('_', ''));
const patientsN = flag('--patients', 100);
const pageSize = flag('--page', 200);
const threads = flag('--threads', 2);
const warm = args.includes('--warm');
const ab = !args.includes('--no-ab');
const rankAb = !args.includes('--no-rank-ab');
const genWorkers = flag('--gen-workers', 0);
const rankThreads = flag('--rank-threads', 2);
const data = sharedDataDir();
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

console.log(`probability donor search: ${count.toLocaleString('en')} donors, ${patientsN} WMDA patients`);
console.log(`${machineLine()}; load average ${load()}; ${warm ? 'WARM imputer caches (--warm)' : 'cold searches'}`);
const macFile = join(data, 'mac/atlas-LargeMacDictionary.csv');
const engine = createHlaEngine({
  release: loadImgtRelease(join(data, 'imgt/3.58.0')),
  macs: loadMacFile(macFile),
  options: { cacheSize: 1_000_000 },
});
const freqsText = readTextFile(join(data, 'freqs/CAU.freqs.gz'));
const set = parseFrequencySet(freqsText);
const imputer = new Imputer({ set, engine });
const gen = new RegistryGenerator({
  engine,
  freqs: freqsText,
  ciwd: readTextFile(join(data, 'ciwd/ciwd.3.0.0.csv')),
  seed: 16,
  cordShare: 0.05,
  idPrefix: 'DEMO',
});

// --gen-workers N: the donors are generated on N worker threads (bench/_genWorker.ts), worker w with seed
// 16 + w and ids DEMO<w>-…, batch k from worker k mod N, while the main thread indexes: another registry than
// the single seed-16 stream, of the same make. The main thread's wait for batches is the generation time.
const BATCH = 50_000;
const workerFile = new URL('./_genWorker.ts', import.meta.url).href;
const workers = Array.from(
  { length: genWorkers },
  (_, w) =>
    // Worker threads do not inherit tsx's loader: the worker loads the TypeScript file through tsx's API.
    new Worker(
      `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(workerFile)}, ${JSON.stringify(workerFile)}))`,
      {
        eval: true,
        workerData: { seed: 16 + w, idPrefix: `DEMO${w}-` },
      }
    )
);
const requested: Promise<DonorRecord[]>[] = [];
const request = (k: number) => {
  const n = Math.min(BATCH, count - k * BATCH);
  if (n <= 0) return;
  const w = workers[k % genWorkers] as Worker;
  requested[k] = new Promise((resolve) => w.once('message', resolve));
  w.postMessage(n);
};
for (let k = 0; k < genWorkers; k++) request(k);
async function nextBatch(k: number, n: number): Promise<DonorRecord[]> {
  if (genWorkers === 0) return [...gen.take(n)];
  const batch = await (requested[k] as Promise<DonorRecord[]>);
  requested[k] = Promise.resolve([]);
  request(k + genWorkers);
  return batch;
}

const t = performance.now();
const index = new DonorIndex({ engine });
const writer = index.writer({ assumeNewIds: true });
let genMs = 0;
// Distinct typings (whole GL strings, and restricted to the frequency set's loci): what a precomputation per
// distinct typing would have to impute. Counted during generation (not part of the build time), exactly, over
// the first SAMPLE donors: a Set of every typing would take several GB at 40 M donors.
const SAMPLE = 1_000_000;
const distinct = new Set<string>();
const distinctAtSetLoci = new Set<string>();
const setLoci = new Set(set.loci);
for (let done = 0; done < count;) {
  const n = Math.min(BATCH, count - done);
  const g0 = performance.now();
  const batch = await nextBatch(done / BATCH, n);
  for (const [i, d] of batch.entries()) {
    if (done + i >= SAMPLE) break;
    distinct.add(typingToGl(d.typing));
    distinctAtSetLoci.add(
      Object.entries(d.typing)
        .filter(([locus]) => setLoci.has(locus))
        .map(([locus, text]) => `${locus}:${text}`)
        .join('^')
    );
  }
  genMs += performance.now() - g0;
  const errors = writer.upsert(batch);
  if (errors.length > 0) throw new Error(`generated donor refused: ${JSON.stringify(errors[0])}`);
  done += n;
  if (done % 5_000_000 === 0 && done < count) {
    const el = performance.now() - t;
    console.log(
      `  ${done.toLocaleString('en')} donors: generation ${s(genMs)}, index ${s(el - genMs)}; RSS ${mb(process.memoryUsage().rss)}; load average ${load()}`
    );
  }
}
writer.commit();
await Promise.all(workers.map((w) => w.terminate()));
const buildMs = performance.now() - t - genMs;
console.log(
  `index build: ${s(buildMs)} (${Math.round(count / (buildMs / 1000)).toLocaleString('en')} donors/s; generation ${s(genMs)} not counted${genWorkers > 0 ? ` (main thread waiting for ${genWorkers} generator workers)` : ''}; wall ${s(performance.now() - t)}; no imputation precomputed); RSS ${mb(process.memoryUsage().rss)}; load average ${load()}`
);
console.log(
  `distinct donor typings in the first ${Math.min(SAMPLE, count).toLocaleString('en')} donors: ${distinct.size.toLocaleString('en')} (${((100 * distinct.size) / Math.min(SAMPLE, count)).toFixed(1)} %); at the set's loci (${set.loci.join(', ')}): ${distinctAtSetLoci.size.toLocaleString('en')}`
);
distinct.clear();
distinctAtSetLoci.clear();

const patients = gunzipSync(readFileSync(join(data, 'wmda-mvt/pat.gl.txt.gz')))
  .toString('utf8')
  .trim()
  .split('\n')
  .slice(0, patientsN)
  .map((line) => line.slice(line.indexOf('%') + 1));
const criteria: SearchCriteriaInput = { loci: 10, maxMismatches: 2, donorKinds: ['adult'] };
const pool = new DonorSearchPool(index, { threads });
const rankPool =
  rankThreads > 0
    ? new RankPool({ release: engine.release, macFile, options: { cacheSize: 1_000_000 } }, { threads: rankThreads })
    : undefined;
const imputerSource = () => ({ set, resolution: imputer.resolution });
if (rankPool) {
  const p0 = performance.now();
  await rankPool.prepare('CAU', imputerSource);
  console.log(
    `ranking on ${rankThreads} rank worker threads (RankPool; started with the set's imputer in ${s(performance.now() - p0)})`
  );
} else console.log('ranking in the main thread (--rank-threads 0)');

/** The candidates the previous way: every hit of the classes the page reaches materialized, 2,000 at a time. */
function materializedCandidates(result: SearchResult) {
  const hits: SearchHit[] = [];
  for (let offset = 0; offset < result.total; offset += 2000) {
    hits.push(...result.page(offset, 2000));
    const last = hits.at(-1);
    const cut = hits[pageSize - 1];
    if (cut && last && last.mismatches > cut.mismatches) break;
  }
  const top = Math.max(-1, ...hits.slice(0, pageSize).map((h) => h.mismatches));
  return hits
    .filter((h) => h.mismatches <= top)
    .map((h) => ({ mismatchClass: h.mismatches, definite: h.potential === 0, typing: typingToGl(h.donor.typing) }));
}

const sameCandidates = (a: readonly RankCandidate[], b: readonly RankCandidate[]) =>
  a.length === b.length &&
  a.every(
    (x, i) => x.mismatchClass === b[i]?.mismatchClass && x.definite === b[i]?.definite && x.typing === b[i]?.typing
  );

/** One search as the server ranks it: grades scan, the candidates of the classes the page reaches, the page. */
async function one(typing: string, k: number): Promise<One> {
  if (!warm) imputer.clearCaches();
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const u0 = cpu();
  const t0 = performance.now();
  const result = await pool.search({ typing }, criteria);
  const scanMs = performance.now() - t0;
  let patient;
  try {
    const r = imputer.impute(typing);
    patient = { loci: imputer.loci, genotypes: r.genotypes, truncatedMass: r.truncatedMass };
  } catch (err) {
    return { ms: performance.now() - t0, hits: result.total, collected: 0, computed: 0, pruned: 0, error: String(err) };
  }
  const c0 = performance.now();
  const uScan = cpu() - u0;
  // A/B: the previous collection, before or after the new one in turn, is not counted in the search's time.
  let oldCollectMs: number | undefined;
  let old: RankCandidate[] | undefined;
  const previous = () => {
    const o0 = performance.now();
    old = materializedCandidates(result);
    oldCollectMs = performance.now() - o0;
  };
  if (ab && k % 2 === 0) previous();
  const c1 = performance.now();
  const uc1 = cpu();
  const { globals, candidates } = classCandidates(result, pageSize);
  const collectMs = performance.now() - c1;
  const uCollect = cpu() - uc1;
  if (ab && k % 2 === 1) previous();
  if (old && !sameCandidates(old, candidates)) throw new Error(`patient ${k}: classCandidates differ from the hits`);
  // The ranking, cold (new cache, imputer caches cleared unless --warm), with the typing bound or without.
  const rank = async (typingBound: boolean) => {
    if (!warm) {
      imputer.clearCaches();
      await rankPool?.clearCaches();
    }
    // A/B: the engine's name caches too, else the second ranking of a search finds the first one's names.
    if (rankAb && !warm) engine.clearCaches();
    const ur = cpu();
    const r0 = performance.now();
    const opts = { scope: 10 as const, pageSize, typingBound, donorTop: 2000 };
    const ranking = rankPool
      ? await rankByProbabilityOn(
          patient,
          { scorer: (start) => rankPool.scorer('CAU', imputerSource, start) },
          candidates,
          opts
        )
      : rankByProbability(patient, new ImputationCache(imputer, 2000), candidates, opts);
    return { ranking, ms: performance.now() - r0, cpuMs: cpu() - ur, imputed: ranking.imputed + ranking.reimputed };
  };
  const previousRank = rankAb && k % 2 === 0 ? await rank(false) : undefined;
  const now = await rank(true);
  const oldRank = previousRank ?? (rankAb ? await rank(false) : undefined);
  const { ranking, ms: rankMs } = now;
  if (oldRank) {
    const a = ranking.order.slice(0, pageSize);
    const b = oldRank.ranking.order.slice(0, pageSize);
    const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
    if (!same(a, b) || !a.every((i) => same(ranking.probabilities.get(i), oldRank.ranking.probabilities.get(i)))) {
      throw new Error(`patient ${k}: the page with the typing bound differs from the one without`);
    }
  }
  const p0 = performance.now();
  const up = cpu();
  const page = result.hitsAt(ranking.order.slice(0, pageSize).map((i) => globals[i] as number));
  const pageMs = performance.now() - p0;
  const uPage = cpu() - up;
  if (page.length !== Math.min(pageSize, candidates.length)) throw new Error(`patient ${k}: page of ${page.length}`);
  return {
    imputed: now.imputed,
    notImputed: ranking.notImputed,
    cpuMs: uScan + uCollect + now.cpuMs + uPage,
    rankCpuMs: now.cpuMs,
    ...(oldRank ? { oldRankMs: oldRank.ms, oldRankCpuMs: oldRank.cpuMs, oldImputed: oldRank.imputed } : {}),
    rankMs,
    scanMs,
    collectMs,
    pageMs,
    ...(oldCollectMs === undefined ? {} : { oldCollectMs }),
    // The search's time without the A/B collection: scan, patient imputation, candidates, ranking, page.
    ms: c0 - t0 + collectMs + rankMs + pageMs,
    beforeMs: c0 - t0 + (oldCollectMs ?? 0) + rankMs,
    hits: result.total,
    collected: candidates.length,
    computed: ranking.computed,
    pruned: ranking.pruned,
  };
}

const runs: One[] = [];
let peak = process.memoryUsage().rss;
for (const typing of patients) {
  runs.push(await one(typing, runs.length));
  peak = Math.max(peak, process.memoryUsage().rss);
  if (runs.length % 10 === 0) {
    const sofar = runs.map((r) => r.ms).sort((a, b) => a - b);
    console.log(`  ${runs.length} patients: median so far ${(sofar[sofar.length >> 1] ?? 0).toFixed(0)} ms`);
  }
}
await pool.close();
await rankPool?.close();
report(runs, { pageSize, ab, rankAb, peak, load });
