// Donor search benchmark (issue 6): a generated registry of N donors (2% cord units), built into the index,
// written to and read back from a snapshot, then 100 patients drawn from the same haplotype frequencies
// searched at 10/10 with up to 2 mismatches (adult donors), on one thread and over worker threads.
// Usage: npm run bench -- donors [count=1000000 | --count 40000000] [--threads 2] [--patients 100] [--via-file]
//        [--replicate K]
//   --via-file: write the registry as CSV.gz and time the real import path (parse, validate, index).
//   --replicate K: generate and index count/K distinct donors, then add K-1 copies of the index shards under new
//     ids (the columns copied), to reach `count` rows when generating them all would take hours on a busy
//     machine. Scan cost, memory and snapshot size per row are those of a real registry; the distinct typings
//     (dictionaries, the plan) are those of the smaller block, and every hit count is K times the block's.
//   --save-snapshot FILE: keep the snapshot written after the build.
//   --snapshot FILE: no build; load FILE (in this fresh process, as a server start would) and search. The
//     memory figures are then those of a search process alone, without the build's garbage.
// Patients come from their own generator (seed 4242), so both modes search the same 100 patients.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHlaEngine } from '@engraft/hla';
import { loadImgtRelease, loadMacFile } from '@engraft/hla/node';
import {
  CSV_COLUMNS,
  DonorIndex,
  DonorSearchPool,
  RegistryGenerator,
  importFile,
  loadSnapshot,
  readTextFile,
  resolveCriteria,
  toCsvLine,
  writeLines,
  writeSnapshot,
} from '@engraft/donors';
import type { DonorRecord, SearchCriteriaInput } from '@engraft/donors';
import { allocColumns, copyStatus, type Shard } from '../packages/donors/src/store';
import { machineLine } from './_machine';
import { sharedDataDir } from './_sharedData';

const args = process.argv.slice(2);
const flag = (name: string, def: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const countArg =
  args.indexOf('--count') >= 0 ? args[args.indexOf('--count') + 1] : args.find((a) => /^\d[\d_]*$/.test(a));
const count = Number((countArg ?? '1000000').replaceAll('_', ''));
if (!Number.isSafeInteger(count) || count < 1) {
  throw new Error(`--count must be a positive whole number, not ${countArg}`);
}
const threads = flag('--threads', 2);
const patientsN = flag('--patients', 100);
const viaFile = args.includes('--via-file');
const replicate = Math.max(1, flag('--replicate', 1));
const opt = (name: string): string | undefined => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const loadOnly = opt('--snapshot');
const saveTo = opt('--save-snapshot');
const distinct = Math.ceil(count / replicate);
const data = sharedDataDir();
const tmp = mkdtempSync(join(tmpdir(), 'bench-donors-'));
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rss = () => process.memoryUsage().rss;
/** Where the memory is: RSS, V8 heap (ids, dictionaries, engine), ArrayBuffers (the shared index columns). */
const memory = () => {
  const m = process.memoryUsage();
  return `RSS ${mb(m.rss)} (V8 heap ${mb(m.heapUsed)}, array buffers ${mb(m.arrayBuffers)})`;
};

console.log(
  `donor search benchmark: ${loadOnly ? `snapshot ${loadOnly}` : `${count.toLocaleString('en')} donors`}${replicate > 1 ? ` (${distinct.toLocaleString('en')} generated, shards replicated ${replicate}x)` : ''}, ${patientsN} patients, ${threads} worker threads`
);
console.log(machineLine());
let t = performance.now();
const engine = createHlaEngine({
  release: loadImgtRelease(join(data, 'imgt/3.58.0')),
  macs: loadMacFile(join(data, 'mac/atlas-LargeMacDictionary.csv')),
  options: { cacheSize: 1_000_000 },
});
const gen = new RegistryGenerator({
  engine,
  freqs: readTextFile(join(data, 'freqs/CAU.freqs.gz')),
  ciwd: readTextFile(join(data, 'ciwd/ciwd.3.0.0.csv')),
  seed: 42,
});
console.log(`HLA engine (IMGT 3.58.0 + MACs) ready in ${s(performance.now() - t)}`);

let index = new DonorIndex({ engine });
const snap = loadOnly ?? saveTo ?? join(tmp, 'donors.snap');
if (loadOnly) {
  // searched below, after the load
} else if (viaFile) {
  const file = join(tmp, 'registry.csv.gz');
  t = performance.now();
  function* lines(): Generator<string> {
    yield CSV_COLUMNS.join(',');
    for (let i = 0; i < distinct; i++) yield toCsvLine(gen.next());
  }
  await writeLines(file, lines());
  console.log(`generate + write CSV.gz: ${s(performance.now() - t)}, ${mb(statSync(file).size)}`);
  t = performance.now();
  const summary = await importFile(index, file, { assumeNewIds: true });
  const ms = performance.now() - t;
  console.log(
    `import + index (parse, validate, resolve, index): ${s(ms)} = ${Math.round(count / (ms / 1000)).toLocaleString('en')} rows/s; errors ${summary.errors.length}`
  );
} else {
  t = performance.now();
  const writer = index.writer({ assumeNewIds: true });
  let genMs = 0;
  for (let done = 0; done < distinct;) {
    const n = Math.min(50_000, distinct - done);
    const g0 = performance.now();
    const batch: DonorRecord[] = [];
    for (let i = 0; i < n; i++) batch.push(gen.next());
    genMs += performance.now() - g0;
    const errors = writer.upsert(batch);
    if (errors.length > 0) throw new Error(`generated donor refused: ${JSON.stringify(errors[0])}`);
    done += n;
    if (process.stderr.isTTY) process.stderr.write(`\rindexed ${done.toLocaleString('en')}`);
  }
  writer.commit();
  const ms = performance.now() - t;
  console.log(
    `index build from records: ${s(ms - genMs)} (= ${Math.round(distinct / ((ms - genMs) / 1000)).toLocaleString('en')} donors/s; generation ${s(genMs)} not counted)`
  );
}
if (replicate > 1 && !loadOnly) {
  t = performance.now();
  index = replicated(index, replicate, count);
  console.log(`replicated to ${index.size.toLocaleString('en')} donors in ${s(performance.now() - t)}`);
}
const describe = () => {
  const dictSizes = index.dictionaries.map((d) => d.size).slice(0, 6);
  console.log(
    `donors ${index.size.toLocaleString('en')}, shards ${index.view().shards.length}, distinct typings A,B,C,DRB1,DQB1,DPB1: ${dictSizes.join(', ')}; RSS ${mb(rss())}`
  );
};
if (!loadOnly) {
  describe();
  t = performance.now();
  const info = writeSnapshot(index, snap);
  console.log(
    `snapshot write: ${s(performance.now() - t)}, ${mb(info.bytes)} (${(info.bytes / count).toFixed(1)} bytes/donor)`
  );
}
// Drop the built index and read the snapshot back, as a server start would.
index = new DonorIndex({ engine });
globalThis.gc?.();
t = performance.now();
index = loadSnapshot(snap, engine);
console.log(`snapshot load (read columns, resolve dictionaries): ${s(performance.now() - t)}; ${memory()}`);
globalThis.gc?.();
console.log(`after a GC (when run with --expose-gc): ${memory()}`);
if (loadOnly) describe();

const patientGen = new RegistryGenerator({
  engine,
  freqs: readTextFile(join(data, 'freqs/CAU.freqs.gz')),
  ciwd: readTextFile(join(data, 'ciwd/ciwd.3.0.0.csv')),
  seed: 4242,
});
const patients = Array.from({ length: patientsN }, () => patientGen.patient());
const criteria: SearchCriteriaInput = { loci: 10, maxMismatches: 2, donorKinds: ['adult'] };
const stats = (xs: number[]) => {
  const v = [...xs].sort((a, b) => a - b);
  const q = (p: number) => v[Math.min(v.length - 1, Math.floor(p * v.length))] ?? 0;
  return `p50 ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms, max ${q(1).toFixed(0)} ms`;
};
const single: number[] = [];
const singleCpu: number[] = [];
const hits: number[] = [];
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
for (const typing of patients) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = index.search({ typing }, criteria);
  r.page(0, 20);
  single.push(performance.now() - t0);
  singleCpu.push(cpuMs(process.cpuUsage(c0)));
  hits.push(r.total);
}
const planMs: number[] = [];
const resolved = resolveCriteria(criteria);
for (const typing of patients) {
  const t0 = performance.now();
  index.plan({ typing }, resolved);
  planMs.push(performance.now() - t0);
}
console.log(
  `  of which the plan (patient resolved, one table per locus over the typing dictionaries): ${stats(planMs)}`
);
const hitsSorted = [...hits].sort((a, b) => a - b);
console.log(
  `search 10/10 ≤2 mm, 1 thread (incl. first page of 20): ${stats(single)}; hits per patient median ${hitsSorted[hitsSorted.length >> 1]}, max ${hitsSorted[hitsSorted.length - 1]}`
);
console.log(`  CPU time per search (what other load on the machine disturbs least): ${stats(singleCpu)}`);
if (threads > 1) {
  const pool = new DonorSearchPool(index, { threads });
  const multi: number[] = [];
  const multiCpu: number[] = [];
  for (const typing of patients) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await pool.search({ typing }, criteria);
    r.page(0, 20);
    multi.push(performance.now() - t0);
    multiCpu.push(cpuMs(process.cpuUsage(c0)));
  }
  await pool.close();
  console.log(`search 10/10 ≤2 mm, ${threads} worker threads: ${stats(multi)}`);
  console.log(`  CPU time per search, all threads together: ${stats(multiCpu)}`);
}
// Looking a donor up by id (explain, update) builds the id maps: their memory counts too.
t = performance.now();
const probe = index.readGlobal(index.view().shards, Math.floor(index.size / 2));
if (index.explain(probe.id, { typing: patients[0] ?? '' }, criteria) === undefined) {
  throw new Error(`donor ${probe.id} not found by id`);
}
console.log(
  `lookup by id of a donor in the middle (builds the id lookups of the shards before it): ${s(performance.now() - t)}; ${memory()}`
);
const peak = process.resourceUsage().maxRSS * 1024;
console.log(`${memory()} now, peak RSS ${mb(peak)}`);
rmSync(tmp, { recursive: true, force: true }); // a --save-snapshot file lives elsewhere and stays

/** The index's shards plus copies of them under new ids (`<id>~<k>`), cut at `total` rows. */
function replicated(base: DonorIndex, k: number, total: number): DonorIndex {
  const shards = base.view().shards;
  const out: Shard[] = [...shards];
  let rows = shards.reduce((n, sh) => n + sh.count, 0);
  for (let copy = 1; copy < k && rows < total; copy++) {
    for (const sh of shards) {
      if (rows >= total) break;
      const count = Math.min(sh.count, total - rows);
      const cols = allocColumns(count, (l) => (sh.cols.loci[l]?.length ?? 0) > 0);
      for (const [l, col] of sh.cols.loci.entries()) if (col.length > 0) cols.loci[l]?.set(col.subarray(0, count));
      cols.flags.set(sh.cols.flags.subarray(0, count));
      cols.attrs.set(sh.cols.attrs.subarray(0, count));
      cols.birth.set(sh.cols.birth.subarray(0, count));
      cols.registry.set(sh.cols.registry.subarray(0, count));
      cols.population.set(sh.cols.population.subarray(0, count));
      cols.tnc.set(sh.cols.tnc.subarray(0, count));
      const ids = sh.ids.slice(0, count).map((id) => `${id}~${copy}`);
      const cords = new Map([...sh.cords].filter(([i]) => i < count));
      out.push({ version: 0, count, cols, status: copyStatus(sh.status, count), ids, cords });
      rows += count;
    }
  }
  base.installShards(out, rows);
  return base;
}
